/*
 * mapviewer page script: draws the workspace's sites from one JSON document and lets the host
 * (the Qt window through runJavaScript/QWebChannel, or nothing in a standalone export) change what
 * is visible without reloading the page.
 *
 * Security: every string from the data (article text, site names) reaches the DOM through
 * textContent / createTextNode, never innerHTML; the page's CSP also refuses injected scripts.
 *
 * Host API (window.mapviewer):
 *   init(map, opts)                 called once by the page's bootstrap
 *   applyVisibility(sitesB64, mentionsB64)   bitmasks (little-endian bit order) over data rows
 *   focusSite(siteId)               fly there and open its popup
 *   fitVisible(padding, avoidLegend) fit the view to the visible sites (optionally not under the legend)
 *   setBasemap(id)                  'offline' or an online layer id
 *   setView(w, s, e, n)             fit a bounding box
 *   setCenterZoom(lat, lng, zoom)   restore an exact view (exports)
 *   state()                         JSON string: readiness, counts, visible ids, view, errors
 *   updateMention(id, certainty, topics, evidence)   a user's corrected label (then applyVisibility)
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
  var renderer = null;
  var markers = [];          // per site row: L.CircleMarker or L.GeoJSON
  var shown = [];            // per site row: currently on the map
  var siteVisible = null;    // Uint8Array-backed bit test
  var mentionVisible = null;
  var mentionsBySite = [];
  var pointLayer = null;
  var areaLayer = null;
  var offlineBase = null;
  var online = {};
  var currentBase = 'offline';
  var legend = null;
  var openSite = -1;
  var labelCap = 400;        // beyond this many visible points, labels only where they fit

  function bitsFromBase64(b64) {
    var raw = atob(b64);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return function (i) { return (bytes[i >> 3] >> (i & 7)) & 1; };
  }

  function all() { return 1; }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function strongest(siteRow) {
    var best = 99;
    var list = mentionsBySite[siteRow];
    for (var k = 0; k < list.length; k++) {
      var m = list[k];
      if (mentionVisible(m) && data.mentions.certainty[m] < best) best = data.mentions.certainty[m];
    }
    return best === 99 ? data.certainties.length - 1 : best;
  }

  function visibleMentions(siteRow) {
    return mentionsBySite[siteRow].filter(function (m) { return mentionVisible(m); });
  }

  function radius(count) {
    return Math.min(14, 5 + Math.sqrt(count) * 1.6);
  }

  function styleFor(row) {
    var colour = data.certainties[strongest(row)].colour;
    if (markers[row] instanceof L.CircleMarker) {
      return { radius: radius(visibleMentions(row).length), fillColor: colour, color: '#ffffff', weight: 1.5, fillOpacity: 0.95, opacity: 1 };
    }
    return { color: colour, weight: 2, opacity: 0.9, fillColor: colour, fillOpacity: 0.12, dashArray: '5 4' };
  }

  // ---- popups ---------------------------------------------------------------------------------

  function quote(m) {
    var text = data.mentions.sentence[m];
    var hl = data.mentions.highlight[m];
    var q = el('blockquote', 'mv-quote');
    q.appendChild(document.createTextNode(text.slice(0, hl[0])));
    q.appendChild(el('mark', null, text.slice(hl[0], hl[1])));
    q.appendChild(document.createTextNode(text.slice(hl[1])));
    return q;
  }

  function passage(m) {
    var li = el('li', 'mv-passage');
    li.appendChild(quote(m));
    var article = data.articles[data.mentions.article[m]];
    var cite = el('div', 'mv-cite');
    cite.appendChild(el('span', 'mv-article', article.title));
    if (article.outlet) cite.appendChild(el('span', 'mv-outlet', ' · ' + article.outlet));
    li.appendChild(cite);
    var badges = el('div', 'mv-badges');
    var cert = data.certainties[data.mentions.certainty[m]];
    var badge = el('span', 'mv-badge mv-certainty', cert.label);
    badge.style.background = cert.colour;
    badge.title = cert.help + (data.mentions.evidence[m] ? ' — ' + data.mentions.evidence[m] : '');
    badges.appendChild(badge);
    data.mentions.topics[m].forEach(function (t) {
      badges.appendChild(el('span', 'mv-badge mv-topic', data.topics[t].label));
    });
    li.appendChild(badges);
    if (bridge) {
      var link = el('a', 'mv-open', 'Open in article ›');
      link.href = '#';
      link.setAttribute('data-mention', data.mentions.id[m]);
      link.addEventListener('click', function (e) {
        e.preventDefault();
        bridge.openPassage(data.mentions.id[m]);
      });
      li.appendChild(link);
    }
    return li;
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
    var total = mentionsBySite[row].length;
    root.appendChild(el('div', 'mv-count', list.length + (list.length === 1 ? ' passage' : ' passages') +
      (total > list.length ? ' (' + (total - list.length) + ' hidden by filters)' : '')));
    var ol = el('ol', 'mv-passages');
    list.forEach(function (m) { ol.appendChild(passage(m)); });
    root.appendChild(ol);
    return root;
  }

  function bindPopup(layer, row) {
    layer.bindPopup(function () { return popupContent(row); }, { maxWidth: 420, minWidth: 300, maxHeight: 380, autoPanPadding: [30, 30] });
    layer.on('popupopen', function () { openSite = row; updateLabels(); });
    layer.on('popupclose', function () { if (openSite === row) openSite = -1; });
  }

  // ---- labels ---------------------------------------------------------------------------------

  function updateLabels() {
    var zoom = map.getZoom();
    var boxes = [];
    var rows = [];
    for (var i = 0; i < markers.length; i++) {
      if (shown[i] && markers[i] instanceof L.CircleMarker) rows.push(i);
    }
    rows.sort(function (a, b) {  // the open popup's site is labelled first, then the most mentioned
      return (b === openSite) - (a === openSite) || mentionsBySite[b].length - mentionsBySite[a].length;
    });
    var bounds = map.getBounds().pad(0.1);
    var placed = 0;
    rows.forEach(function (i) {
      var m = markers[i];
      var tip = m.getTooltip();
      var want = zoom >= 3 && placed < labelCap && bounds.contains(m.getLatLng());
      if (want) {
        var p = map.latLngToContainerPoint(m.getLatLng());
        var w = data.sites.name[i].length * 6.6 + 10;
        var box = [p.x + 8, p.y - 9, p.x + 8 + w, p.y + 9];
        want = !boxes.some(function (b) { return box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1]; });
        if (want) { boxes.push(box); placed++; }
      }
      if (want && !tip) {
        m.bindTooltip(el('span', null, data.sites.name[i]), {  // a node: Leaflet sets string content as HTML
           permanent: true, direction: 'right', offset: [8, 0], className: 'mv-label', interactive: false });
      } else if (!want && tip) {
        m.unbindTooltip();
      }
    });
  }

  // ---- legend ---------------------------------------------------------------------------------

  function buildLegend() {
    legend = L.control({ position: 'bottomright' });
    legend.onAdd = function () {
      var div = el('div', 'mv-legend leaflet-control');
      L.DomEvent.disableClickPropagation(div);
      div.appendChild(el('div', 'mv-legend-title', 'Strongest claim at the site'));
      data.certainties.forEach(function (c, i) {
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
      var size = el('div', 'mv-legend-note', 'Marker size: number of passages');
      div.appendChild(size);
      return div;
    };
    legend.addTo(map);
  }

  function updateLegend() {
    var counts = data.certainties.map(function () { return 0; });
    for (var i = 0; i < markers.length; i++) if (shown[i]) counts[strongest(i)]++;
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
    siteVisible = sitesB64 ? bitsFromBase64(sitesB64) : all;
    mentionVisible = mentionsB64 ? bitsFromBase64(mentionsB64) : all;
    for (var i = 0; i < markers.length; i++) {
      var want = siteVisible(i) === 1;
      var target = markers[i] instanceof L.CircleMarker ? pointLayer : areaLayer;
      if (want && !shown[i]) target.addLayer(markers[i]);
      else if (!want && shown[i]) target.removeLayer(markers[i]);
      shown[i] = want;
      if (want) markers[i].setStyle(styleFor(i));
    }
    if (openSite >= 0) {
      if (!shown[openSite]) map.closePopup();
      else markers[openSite].getPopup().setContent(popupContent(openSite));
    }
    updateLegend();
    updateLabels();
    return mv.state();
  };

  // Zoom at which the site's marker stands clear of other visible markers (at least 6, at most 10),
  // so the focused site is not hidden under a neighbour a few kilometres away. Neighbours that are
  // still on top of it at zoom 10 (same coordinates) are ignored: zooming would not separate them.
  function focusZoom(row) {
    var ll = markers[row].getLatLng();
    var z = Math.max(Math.round(map.getZoom()), 6);
    var near = [];
    var far = map.project(ll, 10);
    for (var i = 0; i < markers.length; i++) {
      if (i === row || !shown[i] || !(markers[i] instanceof L.CircleMarker)) continue;
      var d = map.project(markers[i].getLatLng(), 10).distanceTo(far);
      if (d >= 18 && d < 18 * Math.pow(2, 10 - z)) near.push(markers[i].getLatLng());
    }
    for (; z < 10; z++) {
      var p = map.project(ll, z);
      if (!near.some(function (other) { return map.project(other, z).distanceTo(p) < 18; })) break;
    }
    return Math.max(z, map.getZoom());
  }

  mv.focusSite = function (siteId) {
    var row = data.sites.id.indexOf(siteId);
    if (row < 0 || !shown[row]) return false;
    var layer = markers[row];
    if (layer instanceof L.CircleMarker) {
      map.setView(layer.getLatLng(), focusZoom(row), { animate: false });
      layer.bringToFront();  // above any site at the same coordinates
      layer.openPopup();
    } else {
      map.fitBounds(layer.getBounds(), { padding: [40, 40], maxZoom: 7, animate: false });
      var first = layer.getLayers()[0];
      layer.openPopup(L.latLng(data.sites.lat[row], data.sites.lon[row]));
      if (!first) return false;
    }
    return true;
  };

  mv.fitVisible = function (padding, avoidLegend) {
    var bounds = null;
    for (var i = 0; i < markers.length; i++) {
      if (!shown[i]) continue;
      var b = markers[i] instanceof L.CircleMarker ? L.latLngBounds([markers[i].getLatLng()]) : markers[i].getBounds();
      bounds = bounds ? bounds.extend(b) : b;
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

  mv.setView = function (w, s, e, n) {
    map.fitBounds([[s, w], [n, e]], { animate: false });
  };

  mv.setCenterZoom = function (lat, lng, zoom) {
    map.setView([lat, lng], zoom, { animate: false });
  };

  mv.markerPoint = function (siteId) {
    var row = data.sites.id.indexOf(siteId);
    if (row < 0) return null;
    var ll = markers[row] instanceof L.CircleMarker ? markers[row].getLatLng() : L.latLng(data.sites.lat[row], data.sites.lon[row]);
    var p = map.latLngToContainerPoint(ll);
    return JSON.stringify([p.x, p.y]);
  };

  mv.updateMention = function (mentionId, certainty, topics, evidence) {
    var row = data.mentions.id.indexOf(mentionId);
    if (row < 0) return false;
    data.mentions.certainty[row] = certainty;
    data.mentions.topics[row] = topics;
    data.mentions.evidence[row] = evidence || '';
    return true;
  };

  mv.state = function () {
    var visible = [];
    for (var i = 0; i < markers.length; i++) if (shown[i]) visible.push(data.sites.id[i]);
    var passages = 0;
    for (var m = 0; m < data.mentions.id.length; m++) if (mentionVisible(m)) passages++;
    var c = map ? map.getCenter() : { lat: 0, lng: 0 };
    var popup = document.querySelector('.leaflet-popup .mv-popup');
    return JSON.stringify({
      ready: mv.ready,
      leaflet: typeof L !== 'undefined' ? L.version : null,
      sites: markers.length,
      visible: visible,
      passages: passages,
      basemap: currentBase,
      basemapDrawn: !!(offlineBase && document.querySelector('.leaflet-pane.leaflet-basemap-pane canvas, .leaflet-basemap-pane canvas')),
      center: [c.lat, c.lng],
      zoom: map ? map.getZoom() : null,
      popup: popup ? popup.getAttribute('data-site') : null,
      errors: mv.errors
    });
  };

  // ---- init -----------------------------------------------------------------------------------

  mv.init = function (leafletMap, opts) {
    map = leafletMap;
    opts = opts || {};
    data = JSON.parse(document.getElementById('mv-data').textContent);
    online = opts.tiles || {};
    map.attributionControl.setPrefix('<a href="https://leafletjs.com" title="Leaflet">Leaflet</a>');
    offlineBase = window.MapviewerBasemap ? window.MapviewerBasemap.layer(null, { map: map }) : null;
    renderer = L.canvas({ padding: 0.5, tolerance: 4 });
    map.createPane('mv-areas').style.zIndex = 390;
    areaLayer = L.featureGroup().addTo(map);
    pointLayer = L.featureGroup().addTo(map);

    var n = data.sites.id.length;
    for (var i = 0; i < n; i++) mentionsBySite.push([]);
    for (var m = 0; m < data.mentions.site.length; m++) mentionsBySite[data.mentions.site[m]].push(m);
    siteVisible = all;
    mentionVisible = all;
    labelCap = n > 2000 ? 150 : 400;

    for (var r = 0; r < n; r++) {
      var shape = data.sites.shape[String(r)];
      var layer;
      if (shape) {
        layer = L.geoJSON(shape, { pane: 'mv-areas', renderer: renderer });
      } else {
        layer = L.circleMarker([data.sites.lat[r], data.sites.lon[r]], { renderer: renderer, bubblingMouseEvents: false });
      }
      markers.push(layer);
      shown.push(false);
      bindPopup(layer, r);
    }
    buildLegend();
    map.on('zoomend moveend', updateLabels);
    mv.applyVisibility(null, null);
    mv.fitVisible();
    if (opts.options && opts.options.basemap && opts.options.basemap !== 'offline') mv.setBasemap(opts.options.basemap);

    var finish = function () {
      mv.ready = true;
      if (bridge && bridge.pageReady) bridge.pageReady(mv.state());
    };
    if (typeof QWebChannel !== 'undefined' && window.qt && window.qt.webChannelTransport) {
      new QWebChannel(window.qt.webChannelTransport, function (channel) {
        bridge = channel.objects.bridge || null;
        finish();
      });
    } else {
      finish();
    }
  };
})();
