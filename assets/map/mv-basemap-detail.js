/*
 * mapviewer offline basemap at working zoom (6 and closer): Natural Earth 1:10m land, coast, lakes,
 * country and first-level administrative boundaries, the names of those units, and GeoNames towns
 * and villages by size class. Built by tools/build_basemap_detail.py into assets/basemap/detail/:
 *   index.js         the cells that exist per level (a cell not listed is open sea) and the admin-1 labels
 *   m/I_J.js         8-degree cells drawn at zooms 6-7 (places of 15,000 people and more)
 *   f/I_J.js         4-degree cells drawn from zoom 8 (every place of 500 people and more)
 * Each file is a script calling MapviewerBasemapDetail.add(key, data). Nothing is loaded below zoom 6
 * (the page's start-up does not change); from there only the cells the view needs, as <script src>
 * beside basemap/world.js (the page's policy admits scripts from its assets and fetches nothing). A
 * standalone export inlines the cells its extent needs and an index naming only those: elsewhere
 * the world map beneath (basemap.js) shows.
 *
 * Two layers, added to every Leaflet map by an init hook, in panes below the online tile layers (200),
 * so an online basemap covers them: the tiles (land, sea, lines; pane 155, over basemap.js's 150)
 * and the names (one canvas over the view, pane 160, placed greedily by size class so they do not
 * overlap, redrawn when the view has moved).
 *
 * For tests: MapviewerBasemapDetail.placed() (the names drawn last, [{name, kind}]), .requested()
 * (the files asked for), .timings() (when each was asked for and arrived), .loaded() (the cell keys
 * here); the names' canvas carries them as its aria-label.
 */
(function () {
  'use strict';

  if (typeof L === 'undefined' || !window.MapviewerBasemap) return;

  var MIN_ZOOM = 6;
  var FINE_ZOOM = 8;
  var CLASS_ZOOM = [6, 6, 7, 8, 10, 11];  // a place of size class c is named from this zoom on
  var CLASS_FONT = ['bold 14px', '600 12.5px', '12px', '11.5px', '11px', '10.7px'];  // 10.7 px: 8 pt in a briefing (96 px per inch)
  var CLASS_DOT = [3.6, 3.1, 2.6, 2.2, 1.9, 1.6];
  var CLASS_PX = CLASS_FONT.map(function (f) { return parseFloat(/([\d.]+)px/.exec(f)[1]); });
  var FONT_FAMILY = ' system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';
  var COLORS = {
    land: '#f2eee6', coast: '#8fa3b0', border: '#8f877c', admin: '#b5a99a', lakeShore: '#a7b7c2',
    town: '#2f2a25', village: '#4a443d', dot: '#5b534a', admin1: '#8a7d6d', country: '#5f574d',
    halo: 'rgba(250, 248, 244, 0.92)'
  };
  var D2R = Math.PI / 180;
  var mx = window.MapviewerBasemap.mercator.x;  // basemap.js, loaded before this script
  var my = window.MapviewerBasemap.mercator.y;
  function lonOf(x) { return x * 360 - 180; }
  function latOf(y) { return Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) / D2R; }

  // --- data: the index and the cells, loaded once per page ----------------------------------------
  var index = null;
  var cells = {};       // key -> prepared cell
  var status = {};      // key -> 'loading' | 'loaded' | 'failed'
  var waiting = {};     // key -> [callbacks]
  var requested = [];
  var timings = {};  // key -> [asked, arrived] (performance.now())
  var SCRIPT_SRC = (document.currentScript && document.currentScript.src) || '';

  function baseUrl() {
    var scripts = document.getElementsByTagName('script');
    for (var i = 0; i < scripts.length; i++) {
      var src = scripts[i].src || '';
      if (/(^|\/)basemap\/world\.js(\?.*)?$/.test(src)) return src.replace(/world\.js(\?.*)?$/, 'detail/');
    }
    if (/(^|\/)map\/mv-basemap-detail\.js(\?.*)?$/.test(SCRIPT_SRC)) {
      return SCRIPT_SRC.replace(/map\/mv-basemap-detail\.js(\?.*)?$/, 'basemap/detail/');
    }
    return null;
  }

  // A ring [x, y, dx, dy, ...] on its cell's grid to normalised Web Mercator; cut[i] = 1 where the
  // edge i -> i+1 runs along the cell's border (made by cutting: never stroked as a coast).
  // n: the grid units between piece borders (the cell's width / d.sub); -1 for lines (never cut).
  function decodeRing(enc, d, n) {
    var len = enc.length / 2, xy = new Float64Array(len * 2), cut = null;
    var qx = 0, qy = 0, px = 0, py = 0, b = [Infinity, Infinity, -Infinity, -Infinity];
    for (var i = 0; i < len; i++) {
      if (i === 0) { qx = enc[0]; qy = enc[1]; } else { qx += enc[2 * i]; qy += enc[2 * i + 1]; }
      var x = xy[2 * i] = mx(d.x0 + qx * d.q), y = xy[2 * i + 1] = my(d.y0 + qy * d.q);
      if (x < b[0]) b[0] = x;
      if (x > b[2]) b[2] = x;
      if (y < b[1]) b[1] = y;
      if (y > b[3]) b[3] = y;
      if (n > 0 && i > 0 && ((qx === px && qx % n === 0) || (qy === py && qy % n === 0))) {
        if (!cut) cut = new Uint8Array(len);
        cut[i - 1] = 1;
      }
      px = qx; py = qy;
    }
    return { xy: xy, cut: cut, bbox: b };
  }

  function prepareCell(key, d) {
    var level = key.charAt(0);
    var n = Math.round(index && index.levels[level] ? index.levels[level].cell / d.q / (d.sub || 1) : 0);
    var polys = function (list) {
      return (list || []).map(function (rings) { return rings.map(function (r) { return decodeRing(r, d, n); }); });
    };
    var lines = function (list) { return (list || []).map(function (r) { return decodeRing(r, d, -1); }); };
    var out = {
      key: key, land: polys(d.land), lakes: polys(d.lakes), borders0: lines(d.borders0), borders1: lines(d.borders1),
      places: null
    };
    var p = d.places;
    if (p) {
      var names = p.names.split('|'), m = names.length;
      var x = new Float64Array(m), y = new Float64Array(m), cls = new Uint8Array(m);
      for (var i = 0; i < m; i++) {
        x[i] = mx(d.x0 + p.xy[2 * i] * d.q);
        y[i] = my(d.y0 + p.xy[2 * i + 1] * d.q);
        cls[i] = p.cls.charCodeAt(i) - 48;
      }
      out.places = { x: x, y: y, cls: cls, names: names };
    }
    return out;
  }

  function settle(key, state) {
    status[key] = state;
    var list = waiting[key] || [];
    delete waiting[key];
    for (var i = 0; i < list.length; i++) list[i]();
  }

  // At most MAX_LOADING scripts are asked for at once, the rest queue: a page that asks its host for
  // dozens of files at a time can stall its other loads (basemap.js's detail part) behind them.
  var MAX_LOADING = 4;
  var queue = [];
  var inFlight = 0;

  function load(key, cb) {
    if (status[key] === 'loaded' || status[key] === 'failed') { cb(); return; }
    (waiting[key] = waiting[key] || []).push(cb);
    if (status[key] === 'loading' || status[key] === 'queued') return;
    status[key] = 'queued';
    queue.push(key);
    pump();
  }

  // Nothing is asked for before the page's load event: a hidden view (the PNG renderer) whose page
  // asks its host for scripts while it is still loading never gets them, nor any asked for later.
  var pageLoaded = document.readyState === 'complete';
  if (!pageLoaded) window.addEventListener('load', function () { pageLoaded = true; setTimeout(pump, 0); });

  function pump() {
    while (pageLoaded && inFlight < MAX_LOADING && queue.length) start(queue.shift());
  }

  function start(key) {
    var base = baseUrl();
    if (!base) { settle(key, 'failed'); return; }
    status[key] = 'loading';
    inFlight++;
    requested.push(key);
    timings[key] = [Math.round(performance.now())];
    var script = document.createElement('script');
    var finish = function () {  // loaded (the script called add) or not: either way, settled
      timings[key].push(Math.round(performance.now()));
      inFlight--;
      if (status[key] === 'loading') settle(key, 'failed');
      pump();
    };
    script.async = true;
    script.onload = finish;
    script.onerror = finish;
    script.src = base + key + '.js';
    (document.head || document.documentElement).appendChild(script);
  }

  var API = window.MapviewerBasemapDetail = {
    add: function (key, data) {
      try {
        if (key === 'index') {
          index = data;
          index.sets = {};
          Object.keys(data.cells).forEach(function (lv) {
            var s = index.sets[lv] = {};
            data.cells[lv].forEach(function (k) { s[k] = true; });
          });
          index.labels = (data.admin1 || []).map(function (r) { return { x: mx(r[0]), y: my(r[1]), minzoom: r[2], name: r[3] }; });
        } else {
          cells[key] = prepareCell(key, data);
        }
        settle(key, 'loaded');
      } catch (e) {
        settle(key, 'failed');
      }
    },
    placed: function () { return lastPlaced.map(function (p) { return { name: p.name, kind: p.kind }; }); },
    requested: function () { return requested.slice(); },
    timings: function () { return timings; },
    loaded: function () { return Object.keys(cells); },
    index: function () { return index; },
    // Whether this layer draws the whole of a zoom-z tile over normalised bounds b (basemap.js then
    // need not draw it): from MIN_ZOOM on, once the index says every cell there is known.
    covers: function (z, b) {
      if (z < MIN_ZOOM || !index) return false;
      if (index.complete) return true;
      var over = cellsOver(z < FINE_ZOOM ? 'm' : 'f', b), lv = index.levels[z < FINE_ZOOM ? 'm' : 'f'];
      return over.have.length > 0 && over.have.length === cellCount(lv.cell, b);
    }
  };

  function cellCount(size, b) {
    var i0 = Math.floor((lonOf(Math.max(b[0], 0)) + 180) / size), i1 = Math.floor((lonOf(Math.min(b[2], 0.999999)) + 180) / size);
    var j0 = Math.floor((latOf(Math.min(b[3], 0.999)) + 90) / size), j1 = Math.floor((latOf(Math.max(b[1], 0.001)) + 90) / size);
    return (i1 - i0 + 1) * (j1 - j0 + 1);
  }

  // The cells of `level` over normalised bounds [x0, y0, x1, y1]: {have: [keys], known: [[cell rect], ...]}.
  function cellsOver(level, b) {
    var lv = index.levels[level], size = lv.cell, set = index.sets[level] || {};
    var i0 = Math.floor((lonOf(Math.max(b[0], 0)) + 180) / size), i1 = Math.floor((lonOf(Math.min(b[2], 0.999999)) + 180) / size);
    var j0 = Math.floor((latOf(Math.min(b[3], 0.999)) + 90) / size), j1 = Math.floor((latOf(Math.max(b[1], 0.001)) + 90) / size);
    var have = [], sea = [];
    for (var i = i0; i <= i1; i++) {
      for (var j = j0; j <= j1; j++) {
        var key = level + '/' + i + '_' + j;
        if (set[key]) have.push(key);
        else if (index.complete) sea.push([mx(-180 + i * size), my(-90 + (j + 1) * size), mx(-180 + (i + 1) * size), my(-90 + j * size)]);
      }
    }
    return { have: have, sea: sea };
  }

  // Load the index, then `keys(index)`; cb() once all are settled.
  function withCells(keysOf, cb) {
    load('index', function () {
      if (!index) { cb(null); return; }
      var keys = keysOf(), left = keys.length + 1;
      var one = function () { if (--left === 0) cb(keys); };
      for (var i = 0; i < keys.length; i++) load(keys[i], one);
      one();
    });
  }

  // --- drawing helpers -----------------------------------------------------------------------
  // Rings (or lines) into the current path; those wholly outside the tile are skipped (for a fill
  // that changes nothing inside it, even-odd or not).
  function trace(ctx, rings, t, stroke) {
    for (var r = 0; r < rings.length; r++) {
      var ring = rings[r], xy = ring.xy, cut = stroke ? ring.cut : null, n = xy.length / 2, b = ring.bbox;
      if (b[2] < t.x0 || b[0] > t.x1 || b[3] < t.y0 || b[1] > t.y1) continue;
      ctx.moveTo((xy[0] - t.ox) * t.k, (xy[1] - t.oy) * t.k);
      for (var i = 1; i < n; i++) {
        var px = (xy[2 * i] - t.ox) * t.k, py = (xy[2 * i + 1] - t.oy) * t.k;
        if (cut && cut[i - 1]) ctx.moveTo(px, py); else ctx.lineTo(px, py);
      }
    }
  }

  function seaColor(map) {
    var col = window.getComputedStyle(map.getContainer()).backgroundColor;
    return col && col !== 'rgba(0, 0, 0, 0)' && col !== 'transparent' ? col : '#dde8ef';
  }

  var DetailTiles = L.GridLayer.extend({
    // No minZoom option: Leaflet would make it the map's minimum zoom (folium's min_zoom is not a map
    // option) and clamp the view to it. Tiles below MIN_ZOOM are simply never made.
    options: { pane: 'basemapDetail', updateWhenZooming: false, keepBuffer: 1, interactive: false },

    _isValidTile: function (coords) {
      return coords.z >= MIN_ZOOM && L.GridLayer.prototype._isValidTile.call(this, coords);
    },

    onAdd: function (map) {
      if (!map.getPane(this.options.pane)) {
        var pane = map.createPane(this.options.pane);
        pane.style.zIndex = '155';
        pane.style.pointerEvents = 'none';
      }
      this._sea = null;
      map.on('movestart zoomstart baselayerchange', this._forgetSea, this);
      L.GridLayer.prototype.onAdd.call(this, map);
    },

    onRemove: function (map) {
      map.off('movestart zoomstart baselayerchange', this._forgetSea, this);
      L.GridLayer.prototype.onRemove.call(this, map);
    },

    // The sea's colour is the map container's background (the basemap in use): read once per view, not per
    // tile (each read is a style recalculation).
    _forgetSea: function () { this._sea = null; },

    createTile: function (coords, done) {
      var size = this.getTileSize(), dpr = Math.min(window.devicePixelRatio || 1, 3);
      var tile = document.createElement('canvas');
      tile.width = Math.round(size.x * dpr);
      tile.height = Math.round(size.y * dpr);
      tile.style.width = size.x + 'px';
      tile.style.height = size.y + 'px';
      var k = size.x * Math.pow(2, coords.z), pad = 2 / k;
      var t = { k: k, ox: coords.x * size.x / k, oy: coords.y * size.y / k };
      t.x0 = t.ox - pad; t.y0 = t.oy - pad; t.x1 = t.ox + size.x / k + pad; t.y1 = t.oy + size.y / k + pad;
      var b = [t.ox, t.oy, t.ox + size.x / k, t.oy + size.y / k];
      var level = coords.z < FINE_ZOOM ? 'm' : 'f';
      var self = this, over = null, returned = false;
      withCells(function () { over = cellsOver(level, b); return over.have; }, function () {
        if (over) {
          var ctx = tile.getContext('2d');
          ctx.scale(dpr, dpr);
          self._draw(ctx, t, over, coords.z);
        }
        // Never before this returns (the cells may all be here already): Leaflet ignores a tile
        // reported loaded before it has registered it, and such a tile would stay hidden.
        if (returned) done(null, tile);
        else Promise.resolve().then(function () { done(null, tile); });
      });
      returned = true;
      return tile;
    },

    _draw: function (ctx, t, over, z) {
      var map = this._map, sea = this._sea || (this._sea = map ? seaColor(map) : '#dde8ef');
      var list = over.have.map(function (k) { return cells[k]; }).filter(Boolean);
      if (!list.length && !over.sea.length) return;
      ctx.lineJoin = 'round';
      ctx.lineCap = 'round';
      ctx.fillStyle = sea;
      var rects = over.sea.concat(list.map(function (c) { return c.rect || (c.rect = cellRect(c.key)); }));
      for (var r = 0; r < rects.length; r++) {
        var q = rects[r];
        ctx.fillRect((q[0] - t.ox) * t.k - 0.5, (q[1] - t.oy) * t.k - 0.5, (q[2] - q[0]) * t.k + 1, (q[3] - q[1]) * t.k + 1);
      }
      var each = function (field, fn) { for (var i = 0; i < list.length; i++) { var g = list[i][field]; for (var s = 0; s < g.length; s++) fn(g[s]); } };
      ctx.beginPath();
      each('land', function (rings) { trace(ctx, rings, t, false); });
      ctx.fillStyle = COLORS.land;
      ctx.fill('evenodd');
      ctx.beginPath();
      each('lakes', function (rings) { trace(ctx, rings, t, false); });
      ctx.fillStyle = sea;
      ctx.fill('evenodd');
      var w = z >= 10 ? 1.1 : 0.9;
      ctx.beginPath();
      each('lakes', function (rings) { trace(ctx, rings, t, true); });
      ctx.strokeStyle = COLORS.lakeShore;
      ctx.lineWidth = w * 0.8;
      ctx.stroke();
      ctx.beginPath();
      each('land', function (rings) { trace(ctx, rings, t, true); });
      ctx.strokeStyle = COLORS.coast;
      ctx.lineWidth = w;
      ctx.stroke();
      ctx.beginPath();
      each('borders1', function (line) { trace(ctx, [line], t, false); });
      ctx.setLineDash([4, 3]);
      ctx.strokeStyle = COLORS.admin;
      ctx.lineWidth = w;
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.beginPath();
      each('borders0', function (line) { trace(ctx, [line], t, false); });
      ctx.strokeStyle = COLORS.border;
      ctx.lineWidth = w + 0.6;
      ctx.stroke();
    }
  });

  function cellRect(key) {
    var m = /^([a-z])\/(-?\d+)_(-?\d+)$/.exec(key), size = index.levels[m[1]].cell;
    var i = +m[2], j = +m[3];
    return [mx(-180 + i * size), my(-90 + (j + 1) * size), mx(-180 + (i + 1) * size), my(-90 + j * size)];
  }

  // --- names ---------------------------------------------------------------------------------
  var lastPlaced = [];
  var measure = null, widths = new Map(), measureFont = '';
  // Names repeat from one redraw to the next (every pan and zoom): each (font, text) is measured once. Setting
  // a canvas font parses it, so the font is set only when it changes.
  function textWidth(font, text) {
    var key = font + '\n' + text, w = widths.get(key);
    if (w !== undefined) return w;
    if (!measure) measure = document.createElement('canvas').getContext('2d');
    if (measureFont !== font) { measure.font = font; measureFont = font; }
    w = measure.measureText(text).width;
    if (widths.size > 50000) widths.clear();
    widths.set(key, w);
    return w;
  }

  // Boxes placed so far, in a grid of CELL px buckets: a candidate is tested against the boxes near it only (it
  // was tested against every box placed and every site label: thousands of candidates x thousands of boxes).
  var CELL = 64;
  function BoxGrid() { this.buckets = new Map(); }
  BoxGrid.prototype.add = function (bx) {
    for (var gx = Math.floor(bx[0] / CELL); gx <= Math.floor(bx[2] / CELL); gx++) {
      for (var gy = Math.floor(bx[1] / CELL); gy <= Math.floor(bx[3] / CELL); gy++) {
        var k = gx * 100003 + gy, list = this.buckets.get(k);
        if (list) list.push(bx); else this.buckets.set(k, [bx]);
      }
    }
  };
  BoxGrid.prototype.hits = function (bx) {
    for (var gx = Math.floor(bx[0] / CELL); gx <= Math.floor(bx[2] / CELL); gx++) {
      for (var gy = Math.floor(bx[1] / CELL); gy <= Math.floor(bx[3] / CELL); gy++) {
        var list = this.buckets.get(gx * 100003 + gy);
        if (!list) continue;
        for (var j = 0; j < list.length; j++) {
          var q = list[j];
          if (bx[0] < q[2] && bx[2] > q[0] && bx[1] < q[3] && bx[3] > q[1]) return true;
        }
      }
    }
    return false;
  };

  // The page's own site markers and their labels (mv-labels.js, drawn above) are kept clear of names.
  function siteBoxes(scale, origin, w, h, viewRight) {
    var I = window.mvInternal, out = [];
    if (!I || !I.siteOn || !I.mx || !I.data) return out;
    var names = I.data.sites.name, font = '600 12px' + FONT_FAMILY;
    for (var r = 0; r < I.siteOn.length && out.length < 2000; r++) {
      if (!I.siteOn[r] || (I.isArea && I.isArea[r])) continue;
      var px = I.mx[r] * scale - origin.x, py = I.my[r] * scale - origin.y;
      if (px < -300 || py < -20 || px > w + 20 || py > h + 20) continue;
      var tw = textWidth(font, names[r] || '');
      // mv-labels.js draws a name that would cross the right edge on its marker's left
      out.push(px + 14 + tw > viewRight ? [px - 14 - tw, py - 10, px + 10, py + 10] : [px - 10, py - 10, px + 14 + tw, py + 10]);
    }
    return out;
  }

  var Names = L.Layer.extend({
    options: { pane: 'basemapLabels', padding: 0.15 },

    onAdd: function (map) {
      if (!map.getPane(this.options.pane)) {
        var pane = map.createPane(this.options.pane);
        pane.style.zIndex = '160';
        pane.style.pointerEvents = 'none';
        L.DomUtil.addClass(pane, 'leaflet-zoom-hide');
      }
      this._canvas = L.DomUtil.create('canvas', '', map.getPane(this.options.pane));
      this._seq = (this._seq || 0) + 1;
      map.on('moveend resize', this._update, this);  // moveend follows every zoom and view reset: one redraw, not two or three
      this._update();
    },

    onRemove: function (map) {
      map.off('moveend resize', this._update, this);
      L.DomUtil.remove(this._canvas);
      this._seq++;  // a draw still waiting for its cells is dropped
      lastPlaced = [];
    },

    _update: function () {
      var map = this._map;
      if (!map) return;
      var z = map.getZoom(), ctx = this._canvas.getContext('2d');
      if (!(z >= MIN_ZOOM)) {  // also before the map has a view
        this._canvas.width = 0;
        this._canvas.removeAttribute('aria-label');
        lastPlaced = [];
        return;
      }
      var p = this.options.padding, size = map.getSize(), pad = size.multiplyBy(p).round();
      var topLeft = map.containerPointToLayerPoint(pad.multiplyBy(-1));
      var scale = 256 * Math.pow(2, z);
      var origin = map.project(map.containerPointToLatLng(pad.multiplyBy(-1)), z);
      var w = size.x + 2 * pad.x, h = size.y + 2 * pad.y;
      var b = [origin.x / scale, origin.y / scale, (origin.x + w) / scale, (origin.y + h) / scale];
      var level = z < FINE_ZOOM ? 'm' : 'f', self = this, seq = ++this._seq, over = null;
      withCells(function () { over = cellsOver(level, b); return over.have; }, function () {
        if (seq !== self._seq || !self._map || !over) return;
        var dpr = Math.min(window.devicePixelRatio || 1, 3);
        var cv = self._canvas;
        cv.width = Math.round(w * dpr);
        cv.height = Math.round(h * dpr);
        cv.style.width = w + 'px';
        cv.style.height = h + 'px';
        L.DomUtil.setPosition(cv, topLeft);
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        self._draw(ctx, over, z, scale, origin, w, h);
      });
    },

    // Candidates in priority order: the largest places, country and admin-1 names, then smaller places.
    _draw: function (ctx, over, z, scale, origin, w, h) {
      var cand = [];
      var inView = function (x, y) { var px = x * scale - origin.x, py = y * scale - origin.y; return px >= -50 && py >= -20 && px <= w + 50 && py <= h + 20; };
      var known = function (x, y) {  // drawn by this layer (not only by the world map beneath)
        for (var i = 0; i < over.have.length; i++) { var r = cells[over.have[i]] && (cells[over.have[i]].rect || (cells[over.have[i]].rect = cellRect(over.have[i]))); if (r && x >= r[0] && x < r[2] && y >= r[1] && y < r[3]) return true; }
        return false;
      };
      for (var c = 0; c < over.have.length; c++) {
        var cell = cells[over.have[c]], pl = cell && cell.places;
        if (!pl) continue;
        for (var i = 0; i < pl.names.length; i++) {
          var cls = pl.cls[i];
          if (CLASS_ZOOM[cls] > z + 0.001 || !inView(pl.x[i], pl.y[i])) continue;
          cand.push({ rank: cls < 2 ? cls : cls + 2, order: c * 1e6 + i, x: pl.x[i], y: pl.y[i], name: pl.names[i], kind: 'place', cls: cls });
        }
      }
      var countries = (window.MAPVIEWER_BASEMAP && window.MAPVIEWER_BASEMAP.labels) || [];
      for (var k = 0; k < countries.length; k++) {
        var cl = countries[k], cx = mx(cl.lon), cy = my(cl.lat);
        if (z <= 9 && inView(cx, cy) && known(cx, cy)) cand.push({ rank: 2, order: k, x: cx, y: cy, name: cl.name, kind: 'country' });
      }
      var admin = index.labels || [];
      for (var a = 0; a < admin.length; a++) {
        var al = admin[a];
        if (al.minzoom <= z + 0.001 && z <= 10 && inView(al.x, al.y) && known(al.x, al.y)) cand.push({ rank: 3, order: a, x: al.x, y: al.y, name: al.name, kind: 'admin1' });
      }
      cand.sort(function (p, q) { return p.rank - q.rank || p.order - q.order; });
      var boxes = new BoxGrid(), placed = [];
      var p = this.options.padding;  // the canvas is the view and p of its size on each side
      siteBoxes(scale, origin, w, h, w * (1 + p) / (1 + 2 * p)).forEach(function (bx) { boxes.add(bx); });
      var hits = function (bx) {
        return bx[0] < 0 || bx[1] < 0 || bx[2] > w || bx[3] > h || boxes.hits(bx);
      };
      for (var n = 0; n < cand.length && placed.length < 400; n++) {
        var e = cand[n], px = e.x * scale - origin.x, py = e.y * scale - origin.y;
        if (e.kind === 'place') {
          var font = CLASS_FONT[e.cls] + FONT_FAMILY, tw = textWidth(font, e.name), fh = CLASS_PX[e.cls], r = CLASS_DOT[e.cls];
          var right = [px - r - 3, py - fh / 2 - 3, px + r + 4 + tw + 4, py + fh / 2 + 3];
          var left = [px - r - 4 - tw - 4, py - fh / 2 - 3, px + r + 3, py + fh / 2 + 3];
          var side = !hits(right) ? right : (!hits(left) ? left : null);
          if (!side) continue;
          boxes.add(side);
          placed.push({ e: e, px: px, py: py, font: font, left: side === left, r: r });
        } else {
          var f2 = (e.kind === 'country' ? '600 12px' : 'italic 11.5px') + FONT_FAMILY, tw2 = textWidth(f2, e.name) + (e.kind === 'admin1' ? e.name.length * 0.6 : 0);
          var bx = [px - tw2 / 2 - 3, py - 9, px + tw2 / 2 + 3, py + 9];
          if (hits(bx)) continue;
          boxes.add(bx);
          placed.push({ e: e, px: px, py: py, font: f2 });
        }
      }
      ctx.textBaseline = 'middle';
      ctx.lineJoin = 'round';
      for (var d = 0; d < placed.length; d++) {
        var P = placed[d], E = P.e;
        ctx.font = P.font;
        ctx.lineWidth = 3;
        ctx.strokeStyle = COLORS.halo;
        if (E.kind === 'place') {
          ctx.beginPath();
          ctx.arc(P.px, P.py, P.r, 0, 2 * Math.PI);
          ctx.fillStyle = E.cls <= 1 ? '#ffffff' : COLORS.dot;
          ctx.fill();
          ctx.lineWidth = E.cls <= 1 ? 1.4 : 0.8;
          ctx.strokeStyle = E.cls <= 1 ? COLORS.town : '#ffffff';
          ctx.stroke();
          ctx.lineWidth = 3;
          ctx.strokeStyle = COLORS.halo;
          ctx.textAlign = P.left ? 'right' : 'left';
          var tx = P.left ? P.px - P.r - 3 : P.px + P.r + 3;
          ctx.strokeText(E.name, tx, P.py);
          ctx.fillStyle = E.cls <= 2 ? COLORS.town : COLORS.village;
          ctx.fillText(E.name, tx, P.py);
        } else {
          ctx.textAlign = 'center';
          if (E.kind === 'admin1' && 'letterSpacing' in ctx) ctx.letterSpacing = '0.6px';
          ctx.strokeText(E.name, P.px, P.py);
          ctx.fillStyle = E.kind === 'country' ? COLORS.country : COLORS.admin1;
          ctx.fillText(E.name, P.px, P.py);
          if ('letterSpacing' in ctx) ctx.letterSpacing = '0px';
        }
      }
      lastPlaced = placed.map(function (P) { return P.e; });
      // The names as text too (a canvas has none): for screen readers, and for whoever reads the DOM.
      this._canvas.setAttribute('role', 'img');
      this._canvas.setAttribute('aria-label', 'Basemap names: ' + lastPlaced.map(function (e) { return e.name; }).join(', '));
    }
  });

  API.tiles = function () { return new DetailTiles(); };
  API.names = function () { return new Names(); };

  // Every map of the page gets both layers (the page's bootstrap makes the map after this script),
  // on the map only from MIN_ZOOM on: below it the page is exactly what it was without them.
  L.Map.addInitHook(function () {
    var map = this, tiles = new DetailTiles(), names = new Names(), on = false;
    var sync = function () {
      var want = map.getZoom() >= MIN_ZOOM;
      if (want === on) return;
      on = want;
      if (want) {
        map.addLayer(tiles);
        map.addLayer(names);
      } else {
        map.removeLayer(tiles);
        map.removeLayer(names);
      }
    };
    map.on('zoomend', sync);
    map.whenReady(sync);
  });
})();
