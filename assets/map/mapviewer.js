/*
 * mapviewer page script: draws the workspace's sites from one JSON document and lets the host
 * (the Qt window through runJavaScript/QWebChannel, or nothing in a standalone export) change what
 * is visible without reloading the page.
 *
 * Scale: point sites are not Leaflet objects. One layer (a Leaflet renderer with its own canvas)
 * draws them from typed arrays with one pre-rendered sprite per (colour, radius), skips points that
 * would land on an already covered spot when many crowd the view, and hit-tests clicks and hovers
 * through a screen-space grid. Popups are built on demand; labels are a few hundred DOM spans at most,
 * placed with a collision grid. Areas and lines (few) stay ordinary L.geoJSON layers; while there are at
 * most MAX_OUTLINED of them their dashed outlines are drawn again above the points.
 *
 * Security: every string from the data (article text, site names) reaches the DOM through
 * textContent / createTextNode, never innerHTML; the page's CSP also refuses injected scripts.
 *
 * Host API (window.mapviewer):
 *   init(map, opts)                 called once by the page's bootstrap
 *   applyVisibility(sitesB64, mentionsB64)   bitmasks (little-endian bit order) over data rows;
 *                                   returns a small JSON string {visible, passages} (counts)
 *   focusSite(siteId, passages)     fly there and open its popup; `passages` (optional) are rows of the
 *                                   site's passages for a page built without them (see below)
 *   fitVisible(padding, avoidLegend) fit the view to the visible sites (optionally not under the legend)
 *   setBasemap(id)                  'offline' or an online layer id
 *   setView(w, s, e, n)             fit a bounding box
 *   setCenterZoom(lat, lng, zoom)   restore an exact view (exports)
 *   markerPoint(siteId)             JSON [x, y]: container pixel of the site's marker
 *   state()                         JSON string: readiness, counts, visible ids, view, errors
 *   updateMention(id, certainty, topics, evidence)   a user's corrected label (then applyVisibility)
 *   startPlacing(label, lat, lng)   a draggable marker to place a site; reports bridge.placed(lat, lng)
 *   stopPlacing()                   remove it
 *   placingAt()                     [lat, lng] of the placing marker, or null
 * The bridge (QWebChannel object, absent in standalone exports) may offer openPassage(mentionId),
 * editMention(mentionId), placed(lat, lng), pageReady(state) and notice(kind, message); popups show
 * "Open in article" / "Edit label" links only for what it offers.
 * Lazy passages: a page whose data says `lazy` carries no passage text (only each mention's id, site and
 * certainty). A popup asks the bridge for the passages it shows and is not cached yet:
 * bridge.sitePassages(siteId, JSON [mentionId, ...]) answers a JSON list of rows {id, sentence,
 * highlight, certainty, topics, evidence, title, outlet} (the host drops ids it does not know or that
 * are not that site's); the popup shows "Loading passages…" until then.
 * Diagnostics (benchmarks): mapviewer.lastDraw (ms per phase of the last point redraw, points in view,
 * drawn, labels) and mapviewer.timing (page start → init, init → the data's arrival, init → drawn,
 * page start → the data asked for (null: it was in the page); in ms).
 */
(function () {
  'use strict';

  var mv = window.mapviewer = { ready: false, errors: [] };

  window.addEventListener('error', function (e) {
    mv.errors.push(String(e.message || e));
  });

  var map = null;
  var data = null;
  var bridge = null;
  var n = 0;                 // site rows
  var nm = 0;                // mention rows
  var rowById = null;        // site id -> row
  var isArea = null;         // Uint8Array per site row
  var areaLayers = {};       // row -> L.GeoJSON
  var areaRows = [];
  var mx = null;             // Float64Array: Web Mercator x in [0, 1] per site
  var my = null;
  var siteStart = null;      // Int32Array n + 1: mentions of site r are siteMentions[siteStart[r] .. siteStart[r + 1])
  var siteMentions = null;
  var mentionSite = null;    // Int32Array per mention
  var mentionCert = null;    // Uint8Array per mention
  var siteOn = null;         // Uint8Array per site: shown
  var mentionOn = null;      // Uint8Array per mention: shown
  var visCount = null;       // Uint16Array per site: shown mentions
  var best = null;           // Uint8Array per site: strongest shown certainty (index)
  var rad = null;            // Float32Array per site: marker radius
  var shownCount = 0;
  var passageCount = 0;
  var byMentions = null;     // Int32Array: point rows, most mentioned first (label priority)
  var labelWidth = null;     // Float32Array per site: measured label width, 0 = not yet
  var frontRow = -1;         // drawn last and hit first (the focused site)
  var points = null;         // the point layer (L.Renderer subclass)
  var areaRenderer = null;
  var outlineRenderer = null;
  var areaOutlines = {};     // row -> L.GeoJSON: the same shape's outline, drawn above the points (when few)
  var areaColour = null;     // Int16Array per site row: the certainty an area is styled with (-1: none yet)
  var areaLayer = null;
  var outlineLayer = null;
  var labelPane = null;
  var labelPool = [];
  var labelsShown = 0;
  var popup = null;
  var offlineBase = null;
  var online = {};
  var currentBase = 'offline';
  var legend = null;
  var openSite = -1;
  var labelCap = 400;        // beyond this many visible points, labels only where they fit
  var placing = null;
  var hovering = false;
  var autoFit = false;       // refit the sites when the map is resized: until someone moves it
  var lazy = false;          // passages are fetched from the bridge when a popup opens
  var passageCache = null;   // lazy: site row -> Map(mention id -> row from the bridge, or null: the host had none)
  var cachedRows = 0;
  var CACHE_MAX = 20000;     // rows kept; beyond that the sites cached longest ago are dropped

  var MAX_OUTLINED = 300;    // up to this many areas, their outlines are drawn again above the points
  var LOD_MIN = 3000;        // level of detail only when more points than this are in the view
  var LOD_CELL = 5;          // px: a point whose centre falls on a cell taken by a marker drawn over it, at least as large, is skipped
  var HIT_CELL = 24;         // px: > largest radius + click tolerance, so a 3x3 neighbourhood suffices
  var TOLERANCE = 4.75;      // px around a marker that still hits it (Leaflet's canvas: weight / 2 + 4)
  var LABEL_H = 16;
  var LABEL_FONT = '600 11.5px system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  // A link in a popup passage that asks the host (bridge[method]) to act on that mention.
  function passageLink(cls, text, title, id, method) {
    var link = el('a', cls, text);
    link.href = '#';
    if (title) link.title = title;
    link.setAttribute('data-mention', id);
    link.addEventListener('click', function (e) {
      e.preventDefault();
      bridge[method](id);
    });
    return link;
  }


  function decodeBits(b64, out) {
    if (!b64) { out.fill(1); return; }
    var raw = atob(b64);
    var len = out.length;
    for (var b = 0, i = 0; b < raw.length && i < len; b++) {
      var byte = raw.charCodeAt(b);
      for (var k = 0; k < 8 && i < len; k++, i++) out[i] = (byte >> k) & 1;
    }
    for (; i < len; i++) out[i] = 0;
  }

  function radius(count) {
    return Math.min(14, 5 + Math.sqrt(count) * 1.6);
  }

  function strongest(row) {
    return best[row] === 255 ? data.certainties.length - 1 : best[row];
  }

  function visibleMentions(row) {
    var list = [];
    for (var k = siteStart[row]; k < siteStart[row + 1]; k++) if (mentionOn[siteMentions[k]]) list.push(siteMentions[k]);
    return list;
  }

  function siteLatLng(row) {
    return L.latLng(data.sites.lat[row], data.sites.lon[row]);
  }

  function areaStyle(row) {
    var colour = data.certainties[strongest(row)].colour;
    return { color: colour, weight: 2, opacity: 0.9, fillColor: colour, fillOpacity: 0.12, dashArray: '5 4' };
  }

  // ---- popups ---------------------------------------------------------------------------------

  // A passage's popup row: from the page's data, or (lazy page) from the host. undefined: not fetched yet.
  function passageRow(m) {
    var id = data.mentions.id[m];
    if (lazy) {
      var site = passageCache.get(mentionSite[m]);
      return site ? site.get(id) : undefined;
    }
    var article = data.articles[data.mentions.article[m]];
    return {
      id: id, sentence: data.mentions.sentence[m], highlight: data.mentions.highlight[m],
      topics: data.mentions.topics[m], evidence: data.mentions.evidence[m],
      title: article.title, outlet: article.outlet
    };
  }

  // Rows of site `row` (from the host), plus `missing` ids it did not answer; the site becomes the most
  // recent one and older sites are dropped beyond CACHE_MAX rows (never the one being filled).
  function cachePassages(row, rows, missing) {
    if (!lazy || row < 0) return;
    var site = passageCache.get(row) || new Map();
    passageCache.delete(row);
    cachedRows -= site.size;
    (Array.isArray(rows) ? rows : []).forEach(function (r) {
      if (r && typeof r.id === 'string' && typeof r.sentence === 'string') site.set(r.id, r);
    });
    (missing || []).forEach(function (id) { if (!site.has(id)) site.set(id, null); });
    passageCache.set(row, site);
    cachedRows += site.size;
    var it = passageCache.keys();
    while (cachedRows > CACHE_MAX && passageCache.size > 1) {
      var old = it.next().value;
      if (old === row) continue;
      cachedRows -= passageCache.get(old).size;
      passageCache.delete(old);
    }
  }

  function quote(p) {
    var text = p.sentence;
    var hl = p.highlight;
    var q = el('blockquote', 'mv-quote');
    q.appendChild(document.createTextNode(text.slice(0, hl[0])));
    q.appendChild(el('mark', null, text.slice(hl[0], hl[1])));
    q.appendChild(document.createTextNode(text.slice(hl[1])));
    return q;
  }

  function passage(m, p) {
    var li = el('li', 'mv-passage');
    li.appendChild(quote(p));
    var cite = el('div', 'mv-cite');
    cite.appendChild(el('span', 'mv-article', p.title));
    if (p.outlet) cite.appendChild(el('span', 'mv-outlet', ' · ' + p.outlet));
    li.appendChild(cite);
    var badges = el('div', 'mv-badges');
    var cert = data.certainties[mentionCert[m]];
    var badge = el('span', 'mv-badge mv-certainty', cert.label);
    badge.style.background = cert.colour;
    badge.title = cert.help + (p.evidence ? ' — ' + p.evidence : '');
    badges.appendChild(badge);
    (p.topics || []).forEach(function (t) {
      if (data.topics[t]) badges.appendChild(el('span', 'mv-badge mv-topic', data.topics[t].label));
    });
    li.appendChild(badges);
    var id = data.mentions.id[m];
    if (bridge) li.appendChild(passageLink('mv-open', 'Open in article ›', '', id, 'openPassage'));
    if (bridge && bridge.editMention) {
      li.appendChild(passageLink('mv-edit', 'Edit label', 'Correct the certainty and topics of this passage', id, 'editMention'));
    }
    return li;
  }

  // Lazy page: ask the host for the passages of `row` not fetched yet, then rebuild its popup if it is
  // still the open one. Ids the host does not answer are remembered as missing (no asking again).
  function fetchPassages(row, ids) {
    var siteId = data.sites.id[row];
    bridge.sitePassages(siteId, JSON.stringify(ids), function (raw) {
      var rows = [];
      try { rows = JSON.parse(raw || '[]'); } catch (e) { rows = []; }
      cachePassages(row, rows, ids);
      if (openSite === row) refreshPopup(row);
    });
  }

  function refreshPopup(row) {
    if (isArea[row]) {
      var p = areaLayers[row].getPopup();  // content stays a function: a later opening rebuilds it
      if (p) p.setContent(function () { return popupContent(row); });
    } else if (map.hasLayer(popup)) {
      popup.setContent(popupContent(row));
    }
  }

  function popupContent(row) {
    var s = data.sites;
    var root = el('div', 'mv-popup');
    root.setAttribute('data-site', s.id[row]);
    var head = el('div', 'mv-popup-head');
    head.appendChild(el('div', 'mv-name', s.name[row]));
    head.appendChild(el('div', 'mv-meta', [s.kind[row], s.country[row], 'location ' + s.precision[row]].filter(Boolean).join(' · ')));
    root.appendChild(head);
    var list = visibleMentions(row);
    var total = siteStart[row + 1] - siteStart[row];
    root.appendChild(el('div', 'mv-count', list.length + (list.length === 1 ? ' passage' : ' passages') +
      (total > list.length ? ' (' + (total - list.length) + ' hidden by filters)' : '')));
    var ol = el('ol', 'mv-passages');
    var missing = [];
    list.forEach(function (m) {
      var p = passageRow(m);
      if (p) ol.appendChild(passage(m, p));
      else if (p === undefined) missing.push(data.mentions.id[m]);
    });
    root.appendChild(ol);
    if (missing.length) {
      if (bridge && bridge.sitePassages) {
        root.appendChild(el('div', 'mv-loading', 'Loading passages…'));
        fetchPassages(row, missing);
      } else {
        root.appendChild(el('div', 'mv-loading', 'Passages are not available here.'));
      }
    }
    return root;
  }

  var POPUP_OPTIONS = { maxWidth: 420, minWidth: 300, maxHeight: 380, autoPanPadding: [30, 30] };

  function openPointPopup(row) {
    if (map.hasLayer(popup)) map.closePopup(popup);
    openSite = row;
    popup.setLatLng(siteLatLng(row)).setContent(popupContent(row));
    popup.openOn(map);
    redraw();  // the open popup's site is labelled first
  }

  function bindAreaPopup(layer, row) {
    layer.bindPopup(function () { return popupContent(row); }, POPUP_OPTIONS);
    layer.on('popupopen', function () { openSite = row; redraw(); });
    layer.on('popupclose', function () { if (openSite === row) openSite = -1; });
  }

  // ---- the point layer ------------------------------------------------------------------------

  var sprites = {};

  function sprite(colourIndex, r, scale) {
    var q = Math.round(r * 4);
    var key = (colourIndex * 1000 + q) * 8 + scale;
    var s = sprites[key];
    if (s) return s;
    var rr = q / 4 * scale;
    var lw = 1.5 * scale;
    var size = Math.ceil(2 * rr + lw + 2);
    var c = size / 2;
    var canvas = document.createElement('canvas');
    canvas.width = canvas.height = size;
    var ctx = canvas.getContext('2d');
    ctx.beginPath();
    ctx.arc(c, c, rr, 0, Math.PI * 2);
    ctx.globalAlpha = 0.95;
    ctx.fillStyle = data.certainties[colourIndex].colour;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.lineWidth = lw;
    ctx.strokeStyle = '#ffffff';
    ctx.stroke();
    s = sprites[key] = { canvas: canvas, c: c };
    return s;
  }

  // Per redraw, in canvas pixels (CSS px): the in-view shown points in draw order.
  var view = { k: 0, rows: null, x: null, y: null, cols: 0, hitStart: null, hitIdx: null, w: 0, h: 0, stale: true };
  var redrawPending = false;

  function ensureView() {
    if (!view.rows || view.rows.length < n) {
      view.rows = new Int32Array(n);
      view.x = new Float32Array(n);
      view.y = new Float32Array(n);
      view.hitIdx = new Int32Array(n);
    }
  }

  var PointLayer = L.Renderer.extend({
    options: { padding: 0.3, pane: 'mv-points' },

    _initContainer: function () {
      var container = this._container = document.createElement('canvas');
      container.className = 'mv-points';
      this._ctx = container.getContext('2d');
    },

    _destroyContainer: function () {
      L.DomUtil.remove(this._container);
      delete this._ctx;
    },

    _update: function () {
      if (this._map._animatingZoom && this._bounds) return;
      L.Renderer.prototype._update.call(this);
      var b = this._bounds;
      var size = b.getSize();
      var m = L.Browser.retina ? 2 : 1;
      var origin = this._map.getPixelOrigin();
      var key = [b.min.x, b.min.y, size.x, size.y, m, this._zoom, origin.x, origin.y].join(',');
      if (key === this._drawnKey && !view.stale) return;  // viewreset and moveend of one change: draw once
      this._drawnKey = key;
      this._scale = m;
      L.DomUtil.setPosition(this._container, b.min);
      resizeCanvas(this._container, m * size.x, m * size.y);  // draw() clears it
      this._container.style.width = size.x + 'px';
      this._container.style.height = size.y + 'px';
      draw();
    }
  });

  // Give a canvas a new size only when it changes: assigning width/height, even the same, drops its
  // bitmap and allocates a new one (tens of MB at 2x the window), on every pan and zoom.
  function resizeCanvas(canvas, w, h) {
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
  }

  // Leaflet's canvas renderer (areas and outlines) with the same care: its full redraw after an update
  // clears the canvas anyway (L.Canvas._clear), so the bitmap is kept and only the transform reset.
  var StableCanvas = L.Canvas.extend({
    _update: function () {
      if (this._map._animatingZoom && this._bounds) return;
      L.Renderer.prototype._update.call(this);
      var b = this._bounds;
      var container = this._container;
      var size = b.getSize();
      var m = L.Browser.retina ? 2 : 1;
      L.DomUtil.setPosition(container, b.min);
      resizeCanvas(container, m * size.x, m * size.y);
      container.style.width = size.x + 'px';
      container.style.height = size.y + 'px';
      this._ctx.setTransform(m, 0, 0, m, 0, 0);
      this._ctx.translate(-b.min.x, -b.min.y);
      this.fire('update');
    }
  });

  // A basemap tile Leaflet has dropped (pruned after a zoom or pan) is never drawn again, but its canvas
  // bitmap (256 KB, shared with the compositor) would stay allocated until the next major garbage
  // collection: tens of MB after a few zooms. Shrinking it frees the bitmap now.
  function releaseTile(e) {
    var tile = e && e.tile;
    if (tile && tile.getContext) {
      tile.width = 0;
      tile.height = 0;
    }
  }

  function scheduleRedraw() {
    view.stale = true;
    if (redrawPending) return;
    redrawPending = true;
    requestAnimationFrame(function () { if (redrawPending) redraw(); });
  }

  function flush() {
    if (redrawPending) redraw();
  }

  function redraw() {
    if (!points || !points._map) return;
    draw();
  }

  // Draw the shown points inside the layer's bounds, rebuild the hit grid, place the labels.
  function draw() {
    redrawPending = false;
    if (!points || !points._map || !data) return;
    var t0 = performance.now();
    ensureView();
    var b = points._bounds;
    var size = b.getSize();
    var w = size.x;
    var h = size.y;
    var scale = points._scale || 1;
    var ctx = points._ctx;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, points._container.width, points._container.height);
    var zoom = map.getZoom();
    var S = map.options.crs.scale(zoom);
    var origin = map.getPixelOrigin();
    var ox = origin.x + b.min.x;
    var oy = origin.y + b.min.y;
    var R = 14 + 2;
    var rows = view.rows;
    var xs = view.x;
    var ys = view.y;
    var k = 0;
    var frontIn = false;
    for (var i = 0; i < n; i++) {
      if (!siteOn[i] || isArea[i]) continue;
      var x = Math.round(mx[i] * S) - ox;
      var y = Math.round(my[i] * S) - oy;
      if (x < -R || y < -R || x > w + R || y > h + R) continue;
      if (i === frontRow) { frontIn = true; continue; }
      rows[k] = i; xs[k] = x; ys[k] = y; k++;
    }
    if (frontIn) {
      rows[k] = frontRow;
      xs[k] = Math.round(mx[frontRow] * S) - ox;
      ys[k] = Math.round(my[frontRow] * S) - oy;
      k++;
    }
    view.k = k; view.w = w; view.h = h; view.ox = ox; view.oy = oy;
    var tProject = performance.now();

    // Level of detail: topmost first, skip a point whose centre cell is already taken by a marker
    // drawn over it that is at least about as large (so it would show as a sliver at most).
    var order = view.hitIdx;  // reused as the list of drawn entries (topmost first)
    var drawn = 0;
    if (k > LOD_MIN) {
      var gw = Math.ceil(w / LOD_CELL) + 12;
      var gh = Math.ceil(h / LOD_CELL) + 12;
      var taken = new Uint8Array(gw * gh);
      for (var t = k - 1; t >= 0; t--) {
        var cx = ((xs[t] + R) / LOD_CELL) | 0;
        var cy = ((ys[t] + R) / LOD_CELL) | 0;
        var cell = cy * gw + cx;
        var need = Math.ceil(rad[rows[t]]);
        if (taken[cell] >= need - 1) continue;
        if (need > taken[cell]) taken[cell] = need;
        order[drawn++] = t;
      }
    } else {
      for (var u = k - 1; u >= 0; u--) order[drawn++] = u;
    }
    var tLod = performance.now();
    for (var d = drawn - 1; d >= 0; d--) {
      var e = order[d];
      var row = rows[e];
      var sp = sprite(strongest(row), rad[row], scale);
      ctx.drawImage(sp.canvas, Math.round(xs[e] * scale - sp.c), Math.round(ys[e] * scale - sp.c));
    }
    view.drawn = drawn;
    var tBlit = performance.now();

    // Hit grid over every in-view entry (counting sort keeps draw order inside a cell).
    var cols = Math.ceil(w / HIT_CELL) + 3;
    var nrows = Math.ceil(h / HIT_CELL) + 3;
    var start = new Int32Array(cols * nrows + 1);
    var cellOf = new Int32Array(k);
    for (var a = 0; a < k; a++) {
      var c = (Math.floor(ys[a] / HIT_CELL) + 1) * cols + Math.floor(xs[a] / HIT_CELL) + 1;
      cellOf[a] = c;
      start[c + 1]++;
    }
    for (var z = 0; z < cols * nrows; z++) start[z + 1] += start[z];
    var fill = start.slice(0, cols * nrows);
    var idx = view.hitIdx;
    for (var f = 0; f < k; f++) idx[fill[cellOf[f]]++] = f;
    view.cols = cols; view.nrows = nrows; view.hitStart = start;
    view.stale = false;

    var t1 = performance.now();
    var labels = placeLabels(zoom, b);
    mv.lastDraw = { ms: performance.now() - t0, projectMs: tProject - t0, lodMs: tLod - tProject, blitMs: tBlit - tLod,
      gridMs: t1 - tBlit, labelMs: performance.now() - t1, inView: k, drawn: drawn, labels: labels };
  }

  // The topmost shown point under a layer point, or -1.
  function hitTest(layerPoint) {
    flush();
    if (!points || !points._bounds || view.stale) return -1;
    var b = points._bounds;
    var x = layerPoint.x - b.min.x;
    var y = layerPoint.y - b.min.y;
    var cx = Math.floor(x / HIT_CELL) + 1;
    var cy = Math.floor(y / HIT_CELL) + 1;
    var found = -1;
    for (var gy = cy - 1; gy <= cy + 1; gy++) {
      if (gy < 0 || gy >= view.nrows) continue;
      for (var gx = cx - 1; gx <= cx + 1; gx++) {
        if (gx < 0 || gx >= view.cols) continue;
        var c = gy * view.cols + gx;
        for (var p = view.hitStart[c]; p < view.hitStart[c + 1]; p++) {
          var e = view.hitIdx[p];
          var r = rad[view.rows[e]] + TOLERANCE;
          var dx = view.x[e] - x;
          var dy = view.y[e] - y;
          if (dx * dx + dy * dy <= r * r && e > found) found = e;
        }
      }
    }
    return found < 0 ? -1 : view.rows[found];
  }

  // ---- labels ---------------------------------------------------------------------------------

  var measureCtx = null;

  function labelW(row) {
    if (!labelWidth[row]) {
      if (!measureCtx) {
        measureCtx = document.createElement('canvas').getContext('2d');
        measureCtx.font = LABEL_FONT;
      }
      labelWidth[row] = Math.ceil(measureCtx.measureText(data.sites.name[row]).width) + 8 + 2;  // padding 0 4px, slack
    }
    return labelWidth[row];
  }

  function placeLabels(zoom, b) {
    var placed = 0;
    if (zoom >= 3) {
      var size = map.getSize();
      var topLeft = map.containerPointToLayerPoint([-size.x * 0.1, -size.y * 0.1]);
      var x0 = topLeft.x, y0 = topLeft.y, x1 = x0 + size.x * 1.2, y1 = y0 + size.y * 1.2;
      var S = map.options.crs.scale(zoom);
      var origin = map.getPixelOrigin();
      var CELL = 64;
      var cols = Math.ceil((x1 - x0) / CELL) + 8;
      var grid = [];
      var collides = function (left, top, right, bottom) {
        var gx0 = Math.floor((left - x0) / CELL) + 1, gx1 = Math.floor((right - x0) / CELL) + 1;
        var gy0 = Math.floor((top - y0) / CELL) + 1, gy1 = Math.floor((bottom - y0) / CELL) + 1;
        for (var gy = gy0; gy <= gy1; gy++) {
          for (var gx = gx0; gx <= gx1; gx++) {
            var list = grid[gy * cols + gx];
            if (!list) continue;
            for (var q = 0; q < list.length; q++) {
              var o = list[q];
              if (left < o[2] && right > o[0] && top < o[3] && bottom > o[1]) return true;
            }
          }
        }
        return false;
      };
      var tryPlace = function (row) {
        if (!siteOn[row] || isArea[row]) return;
        var x = Math.round(mx[row] * S) - origin.x;
        var y = Math.round(my[row] * S) - origin.y;
        if (x < x0 || x > x1 || y < y0 || y > y1) return;
        var left = x + rad[row] + 2;
        var top = y - LABEL_H / 2;
        var bottom = top + LABEL_H;
        // Most candidates collide: reject them on a box the label surely covers before measuring text.
        if (collides(left, top, left + 8 + 3 * data.sites.name[row].length, bottom)) return;
        var right = left + labelW(row);
        if (collides(left, top, right, bottom)) return;
        var gx0 = Math.floor((left - x0) / CELL) + 1, gx1 = Math.floor((right - x0) / CELL) + 1;
        var gy0 = Math.floor((top - y0) / CELL) + 1, gy1 = Math.floor((bottom - y0) / CELL) + 1;
        var gx, gy, key;
        var box = [left, top, right, bottom];
        for (gy = gy0; gy <= gy1; gy++) {
          for (gx = gx0; gx <= gx1; gx++) {
            key = gy * cols + gx;
            (grid[key] || (grid[key] = [])).push(box);
          }
        }
        showLabel(placed++, row, left, top);
      };
      if (openSite >= 0 && !isArea[openSite]) tryPlace(openSite);
      for (var i = 0; i < byMentions.length && placed < labelCap; i++) {
        if (byMentions[i] !== openSite) tryPlace(byMentions[i]);
      }
    }
    for (var j = placed; j < labelsShown; j++) L.DomUtil.remove(labelPool[j]);
    labelsShown = placed;
    return placed;
  }

  function showLabel(slot, row, left, top) {
    var node = labelPool[slot];
    if (!node) node = labelPool[slot] = el('div', 'mv-label');
    if (node._row !== row) {
      node.textContent = data.sites.name[row];
      node._row = row;
    }
    L.DomUtil.setPosition(node, L.point(left, top));
    if (slot >= labelsShown) labelPane.appendChild(node);
  }

  // ---- legend ---------------------------------------------------------------------------------

  function buildLegend() {
    legend = L.control({ position: 'bottomright' });
    legend.onAdd = function () {
      var div = el('div', 'mv-legend leaflet-control');
      L.DomEvent.disableClickPropagation(div);
      div.appendChild(el('div', 'mv-legend-title', 'Strongest claim at the site'));
      data.certainties.forEach(function (c) {
        var row = el('div', 'mv-legend-row');
        row.setAttribute('data-certainty', c.id);
        var sw = el('span', 'mv-swatch');
        sw.style.background = c.colour;
        row.appendChild(sw);
        row.appendChild(el('span', 'mv-legend-label', c.label));
        row.appendChild(el('span', 'mv-legend-count', ''));
        row.title = c.help;
        div.appendChild(row);
      });
      var area = el('div', 'mv-legend-row mv-legend-area');
      area.appendChild(el('span', 'mv-swatch mv-swatch-area'));
      area.appendChild(el('span', 'mv-legend-label', 'Area or line (region, zone, canal)'));
      div.appendChild(area);
      div.appendChild(el('div', 'mv-legend-note', 'Marker size: number of passages'));
      return div;
    };
    legend.addTo(map);
  }

  function updateLegend(counts) {
    var rows = document.querySelectorAll('.mv-legend-row[data-certainty]');
    for (var k = 0; k < rows.length; k++) {
      rows[k].querySelector('.mv-legend-count').textContent = String(counts[k]);
      rows[k].classList.toggle('mv-legend-empty', counts[k] === 0);
    }
  }

  // ---- basemaps -------------------------------------------------------------------------------

  function notify(kind, message) {
    if (bridge && bridge.notice) bridge.notice(kind, message);
    mv.lastNotice = kind + ': ' + message;
  }

  mv.setBasemap = function (id) {
    if (id !== 'offline' && !online[id]) return false;
    Object.keys(online).forEach(function (k) { if (map.hasLayer(online[k])) map.removeLayer(online[k]); });
    currentBase = id;
    if (id === 'offline') return true;
    var layer = online[id];
    var loaded = 0;
    var failed = 0;
    layer.off('tileload tileerror');
    layer.on('tileload', function () { loaded++; });
    layer.on('tileerror', function () {
      failed++;
      if (loaded === 0 && failed >= 4 && currentBase === id) {
        map.removeLayer(layer);
        currentBase = 'offline';
        notify('basemap-fallback', id);
      }
    });
    layer.addTo(map);
    return true;
  };

  // ---- visibility -----------------------------------------------------------------------------

  mv.applyVisibility = function (sitesB64, mentionsB64) {
    decodeBits(sitesB64, siteOn);
    decodeBits(mentionsB64, mentionOn);
    visCount.fill(0);
    best.fill(255);
    var passages = 0;
    for (var m = 0; m < nm; m++) {
      if (!mentionOn[m]) continue;
      passages++;
      var s = mentionSite[m];
      visCount[s]++;
      if (mentionCert[m] < best[s]) best[s] = mentionCert[m];
    }
    var counts = data.certainties.map(function () { return 0; });
    var shown = 0;
    var last = data.certainties.length - 1;
    for (var i = 0; i < n; i++) {
      if (!siteOn[i]) continue;
      shown++;
      counts[best[i] === 255 ? last : best[i]]++;
      rad[i] = radius(visCount[i]);
    }
    shownCount = shown;
    passageCount = passages;
    for (var a = 0; a < areaRows.length; a++) {
      var row = areaRows[a];
      var layer = areaLayers[row];
      var outline = areaOutlines[row];
      if (siteOn[row]) {
        if (!areaLayer.hasLayer(layer)) {
          areaLayer.addLayer(layer);
          if (outline) outlineLayer.addLayer(outline);
        }
        var colourIndex = strongest(row);
        if (areaColour[row] === colourIndex) continue;  // restyling every area costs a canvas redraw each
        areaColour[row] = colourIndex;
        var style = areaStyle(row);
        if (outline) {
          layer.setStyle({ stroke: false, weight: style.weight, fillColor: style.fillColor, fillOpacity: style.fillOpacity });  // hit area and fill
          outline.setStyle({ color: style.color, weight: style.weight, opacity: style.opacity, dashArray: style.dashArray, fill: false });
        } else {
          layer.setStyle(style);
        }
      } else if (areaLayer.hasLayer(layer)) {
        areaLayer.removeLayer(layer);
        if (outline) outlineLayer.removeLayer(outline);
      }
    }
    if (openSite >= 0) {
      if (!siteOn[openSite]) map.closePopup();
      else refreshPopup(openSite);
    }
    updateLegend(counts);
    scheduleRedraw();
    return JSON.stringify({ visible: shown, passages: passages });
  };

  // Zoom at which the site's marker stands clear of other visible markers (at least 6, at most 10),
  // so the focused site is not hidden under a neighbour a few kilometres away. Neighbours that are
  // still on top of it at zoom 10 (same coordinates) are ignored: zooming would not separate them.
  function focusZoom(row) {
    var z = Math.max(Math.round(map.getZoom()), 6);
    var S10 = map.options.crs.scale(10);
    var px = mx[row] * S10;
    var py = my[row] * S10;
    var reach = 18 * Math.pow(2, 10 - z);
    var near = [];
    for (var i = 0; i < n; i++) {
      if (i === row || !siteOn[i] || isArea[i]) continue;
      var dx = mx[i] * S10 - px;
      var dy = my[i] * S10 - py;
      if (Math.abs(dx) >= reach || Math.abs(dy) >= reach) continue;
      var d = Math.sqrt(dx * dx + dy * dy);
      if (d >= 18 && d < reach) near.push([dx, dy]);  // offsets at zoom 10
    }
    for (; z < 10; z++) {
      var f = Math.pow(2, z - 10);
      var clear = true;
      for (var k = 0; k < near.length; k++) {
        if (Math.sqrt(near[k][0] * near[k][0] + near[k][1] * near[k][1]) * f < 18) { clear = false; break; }
      }
      if (clear) break;
    }
    return Math.max(z, map.getZoom());
  }

  function rowOf(siteId) {
    var row = rowById.get(String(siteId));
    return row === undefined ? -1 : row;
  }

  mv.focusSite = function (siteId, passages) {
    autoFit = false;
    var row = rowOf(siteId);
    if (passages) cachePassages(row, passages);
    if (row < 0 || !siteOn[row]) return false;
    if (!isArea[row]) {
      frontRow = row;  // above any site at the same coordinates
      map.setView(siteLatLng(row), focusZoom(row), { animate: false });
      openPointPopup(row);
    } else {
      var layer = areaLayers[row];
      map.fitBounds(layer.getBounds(), { padding: [40, 40], maxZoom: 7, animate: false });
      var first = layer.getLayers()[0];
      layer.openPopup(siteLatLng(row));
      if (!first) return false;
    }
    return true;
  };

  mv.fitVisible = function (padding, avoidLegend) {
    var s = 90, w = 180, nn = -90, e = -180, any = false;
    var lat = data.sites.lat, lon = data.sites.lon;
    for (var i = 0; i < n; i++) {
      if (!siteOn[i] || isArea[i]) continue;
      any = true;
      if (lat[i] < s) s = lat[i];
      if (lat[i] > nn) nn = lat[i];
      if (lon[i] < w) w = lon[i];
      if (lon[i] > e) e = lon[i];
    }
    var bounds = any ? L.latLngBounds([s, w], [nn, e]) : null;
    for (var a = 0; a < areaRows.length; a++) {
      if (!siteOn[areaRows[a]]) continue;
      var bb = areaLayers[areaRows[a]].getBounds();
      if (!bb.isValid()) continue;
      bounds = bounds ? bounds.extend(bb) : L.latLngBounds(bb.getSouthWest(), bb.getNorthEast());
    }
    var p = padding || 30;
    var fit = { padding: [p, p], maxZoom: 7, animate: false };
    var box = avoidLegend && legend && legend.getContainer();
    if (box) {  // keep sites out from under the legend: reserve its width or its height, whichever costs less
      var size = map.getSize();
      var right = box.offsetWidth / size.x < box.offsetHeight / size.y;
      fit = { paddingTopLeft: [p, p], paddingBottomRight: right ? [p + box.offsetWidth + 10, p] : [p, p + box.offsetHeight + 10], maxZoom: 7, animate: false };
    }
    if (bounds) map.fitBounds(bounds, fit);
    return !!bounds;
  };

  mv.setView = function (w, s, e, nn) {
    autoFit = false;
    map.fitBounds([[s, w], [nn, e]], { animate: false });
  };

  mv.setCenterZoom = function (lat, lng, zoom) {
    autoFit = false;
    map.setView([lat, lng], zoom, { animate: false });
  };

  mv.markerPoint = function (siteId) {
    var row = rowOf(siteId);
    if (row < 0) return null;
    var p = map.latLngToContainerPoint(siteLatLng(row));
    return JSON.stringify([p.x, p.y]);
  };

  var mentionRow = null;

  mv.updateMention = function (mentionId, certainty, topics, evidence) {
    if (!mentionRow) {
      mentionRow = new Map();
      for (var m = 0; m < nm; m++) mentionRow.set(data.mentions.id[m], m);
    }
    var row = mentionRow.get(String(mentionId));
    if (row === undefined) return false;
    mentionCert[row] = certainty;
    if (lazy) {
      var site = passageCache.get(mentionSite[row]);
      var cached = site && site.get(data.mentions.id[row]);
      if (cached) { cached.certainty = certainty; cached.topics = topics; cached.evidence = evidence || ''; }
    } else {
      data.mentions.certainty[row] = certainty;
      data.mentions.topics[row] = topics;
      data.mentions.evidence[row] = evidence || '';
    }
    return true;
  };

  mv.state = function () {
    var visible = [];
    if (siteOn) for (var i = 0; i < n; i++) if (siteOn[i]) visible.push(data.sites.id[i]);
    var c = map ? map.getCenter() : { lat: 0, lng: 0 };
    var open = document.querySelector('.leaflet-popup .mv-popup');
    return JSON.stringify({
      ready: mv.ready,
      leaflet: typeof L !== 'undefined' ? L.version : null,
      sites: n,
      visible: visible,
      passages: passageCount,
      basemap: currentBase,
      basemapDrawn: !!(offlineBase && document.querySelector('.leaflet-pane.leaflet-basemap-pane canvas, .leaflet-basemap-pane canvas')),
      center: [c.lat, c.lng],
      zoom: map ? map.getZoom() : null,
      popup: open ? open.getAttribute('data-site') : null,
      errors: mv.errors
    });
  };

  // ---- placing a site -------------------------------------------------------------------------

  function reportPlaced() {
    if (!placing) return;
    var ll = placing.getLatLng().wrap();
    if (bridge && bridge.placed) bridge.placed(ll.lat, ll.lng);
  }

  mv.startPlacing = function (label, lat, lng) {
    mv.stopPlacing();
    var ll = (lat === null || lat === undefined || lng === null || lng === undefined) ? map.getCenter() : L.latLng(lat, lng);
    var dot = el('div', 'mv-place-dot');
    var icon = L.divIcon({ className: 'mv-place-icon', html: dot, iconSize: [22, 22], iconAnchor: [11, 11] });
    placing = L.marker(ll, { icon: icon, draggable: true, autoPan: true, zIndexOffset: 1000 });
    var tip = el('span', 'mv-place-text', 'Drag or click the map to place ' + String(label === null || label === undefined ? '' : label));
    placing.bindTooltip(tip, { permanent: true, direction: 'top', offset: [0, -12], className: 'mv-place-tip', interactive: false });
    placing.on('dragend', reportPlaced);
    placing.addTo(map);
    L.DomUtil.addClass(map.getContainer(), 'mv-placing');
    return true;
  };

  mv.stopPlacing = function () {
    if (placing) {
      map.removeLayer(placing);
      placing = null;
    }
    if (map) L.DomUtil.removeClass(map.getContainer(), 'mv-placing');
    return true;
  };

  mv.placingAt = function () {
    if (!placing) return null;
    var ll = placing.getLatLng().wrap();
    return [ll.lat, ll.lng];
  };

  // ---- mouse ----------------------------------------------------------------------------------

  function onClick(e) {
    if (placing) {
      placing.setLatLng(e.latlng);
      map.closePopup();
      reportPlaced();
      return;
    }
    var row = hitTest(e.layerPoint);
    if (row >= 0) openPointPopup(row);
  }

  function onMouseMove(e) {
    if (placing || map.dragging && map.dragging.moving() || map._animatingZoom) return;
    var over = hitTest(e.layerPoint) >= 0;
    if (over !== hovering) {
      hovering = over;
      L.DomUtil[over ? 'addClass' : 'removeClass'](map.getContainer(), 'mv-pointer');
    }
  }

  // Zoomed in far, an area (an oblast, a region) covers the whole view and its tint reads as water:
  // the fill fades from zoom 6 to a third at zoom 9 (one style change on the canvas, whatever the count).
  function fadeAreas() {
    var container = areaRenderer && areaRenderer._container;
    if (!container) return;
    var z = map.getZoom();
    container.style.opacity = String(z <= 6 ? 1 : z >= 9 ? 0.35 : 1 - (z - 6) * 0.65 / 3);
  }

  // ---- init -----------------------------------------------------------------------------------

  mv.init = function (leafletMap, opts) {
    map = leafletMap;
    opts = opts || {};
    var tInit = performance.now();
    // start.js began the channel's handshake (a round trip to the host's UI thread) and the data's
    // fetch before the scripts were parsed; the page is ready when the map below and the channel are.
    var start = window.mapviewerStart;
    var pending = 2;
    var finish = function () {
      if (--pending) return;
      mv.ready = true;
      if (bridge && bridge.pageReady) bridge.pageReady(mv.state());
    };
    if (start.bridge) {
      start.bridge.then(function (b) {
        bridge = b;
        finish();
      });
    } else {
      finish();
    }
    online = opts.tiles || {};
    map.attributionControl.setPrefix('<a href="https://leafletjs.com" title="Leaflet">Leaflet</a>');
    offlineBase = window.MapviewerBasemap ? window.MapviewerBasemap.layer(null, { map: map }) : null;
    if (offlineBase && offlineBase.on) offlineBase.on('tileunload', releaseTile);
    // Padding 0.3: a drag of 30 % of the view shows no cut edge, and during a one-level zoom-out's
    // animation (not redrawn) the canvas covers 80 % of the view, redrawn whole when it ends. At 0.5
    // (100 %) each canvas is 4.1 instead of 2.6 Mpx at 1280 x 800: ~50 MB more at the 100k peak.
    areaRenderer = new StableCanvas({ padding: 0.3, tolerance: 4 });
    outlineRenderer = new StableCanvas({ padding: 0.3, pane: 'mv-outlines' });
    map.createPane('mv-areas').style.zIndex = 390;
    map.createPane('mv-points').style.zIndex = 410;  // above the areas' fill (overlay pane, 400)
    map.createPane('mv-outlines').style.zIndex = 430;  // the areas' dashed outlines stay visible over points
    labelPane = map.createPane('mv-labels');
    labelPane.style.zIndex = 450;
    L.DomUtil.addClass(labelPane, 'leaflet-zoom-hide');
    areaLayer = L.featureGroup().addTo(map);
    outlineLayer = L.featureGroup().addTo(map);
    // Their canvases now, while the data is on its way (Leaflet would make them for the first area).
    map.addLayer(areaRenderer);
    map.addLayer(outlineRenderer);

    // The data is in the page (exports), or on its way (the window loads the page before its
    // workspace is open: everything above is done by the time the data arrives).
    var askedAt = start.askedAt;
    if (start.data && typeof start.data.then === 'function') {
      start.data.then(withData, function () {});  // start.js reports a failure
    } else {
      withData(start.data);
    }
    start.data = null;  // the page keeps one copy: the one withData holds

    function withData(d) {
      data = d;
      var tParsed = performance.now();  // the data is here
      var sites = data.sites;
      n = sites.id.length;
      nm = data.mentions.site.length;
      rowById = new Map();
      isArea = new Uint8Array(n);
      mx = new Float64Array(n);
      my = new Float64Array(n);
      var maxLat = L.Projection.SphericalMercator.MAX_LATITUDE;
      for (var r = 0; r < n; r++) {
        rowById.set(sites.id[r], r);
        var lat = Math.max(Math.min(maxLat, sites.lat[r]), -maxLat);
        var sin = Math.sin(lat * Math.PI / 180);
        mx[r] = 0.5 + sites.lon[r] / 360;
        my[r] = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
      }
      var shapeKeys = Object.keys(sites.shape);
      var outlined = shapeKeys.length <= MAX_OUTLINED;
      if (!shapeKeys.length) map.removeLayer(areaRenderer);  // no areas: no canvas for them
      if (!shapeKeys.length || !outlined) map.removeLayer(outlineRenderer);
      areaColour = new Int16Array(n).fill(-1);
      shapeKeys.forEach(function (key) {
        var row = Number(key);
        isArea[row] = 1;
        areaRows.push(row);
        var layer = L.geoJSON(sites.shape[key], { pane: 'mv-areas', renderer: areaRenderer });
        areaLayers[row] = layer;
        if (outlined) areaOutlines[row] = L.geoJSON(sites.shape[key], { renderer: outlineRenderer, interactive: false });
        bindAreaPopup(layer, row);
      });
      areaRows.sort(function (a, b) { return a - b; });

      mentionSite = Int32Array.from(data.mentions.site);
      mentionCert = Uint8Array.from(data.mentions.certainty);
      lazy = !!data.lazy;
      passageCache = new Map();
      if (lazy) {  // the typed copies are all a lazy page reads: do not keep both
        data.mentions.site = null;
        data.mentions.certainty = null;
      }
      siteStart = new Int32Array(n + 1);
      for (var m = 0; m < nm; m++) siteStart[mentionSite[m] + 1]++;
      for (var s = 0; s < n; s++) siteStart[s + 1] += siteStart[s];
      siteMentions = new Int32Array(nm);
      var fill = siteStart.slice(0, n);
      for (var m2 = 0; m2 < nm; m2++) siteMentions[fill[mentionSite[m2]]++] = m2;

      var pointRows = [];
      for (var p = 0; p < n; p++) if (!isArea[p]) pointRows.push(p);
      pointRows.sort(function (a, b) { return (siteStart[b + 1] - siteStart[b]) - (siteStart[a + 1] - siteStart[a]) || a - b; });
      byMentions = Int32Array.from(pointRows);

      siteOn = new Uint8Array(n);
      mentionOn = new Uint8Array(nm);
      visCount = new Uint32Array(n);
      best = new Uint8Array(n);
      rad = new Float32Array(n);
      labelWidth = new Float32Array(n);
      labelCap = n > 2000 ? 150 : 400;

      popup = L.popup(POPUP_OPTIONS);
      map.on('popupclose', function (e) { if (e.popup === popup && !isArea[openSite]) openSite = -1; });
      map.on('click', onClick);
      map.on('mousemove', onMouseMove);
      map.on('zoomend', fadeAreas);
      // The first view fits the sites to the map's size then, which may not be its size on screen yet
      // (the window loads its page before it is laid out): until the user or the host moves the map,
      // a new size fits them again.
      map.on('resize', function () { if (autoFit) mv.fitVisible(); });
      ['mousedown', 'wheel', 'touchstart', 'keydown'].forEach(function (type) {
        map.getContainer().addEventListener(type, function () { autoFit = false; }, { capture: true, passive: true });
      });

      points = new PointLayer();
      buildLegend();
      siteOn.fill(1);  // everything shows at first: fit the view to it before any layer is added, so
      mv.fitVisible();  // the areas and points are placed once, at the zoom they are shown at
      autoFit = true;
      mv.applyVisibility(null, null);
      map.addLayer(points);
      fadeAreas();
      if (opts.options && opts.options.basemap && opts.options.basemap !== 'offline') mv.setBasemap(opts.options.basemap);

      mv.timing = { navToInit: tInit, dataAt: tParsed - tInit, init: performance.now() - tInit, dataAsked: askedAt };
      finish();
    }
  };
})();
