/*
 * mapviewer page, the first of its map scripts: the state every part shares (window.mvInternal) and
 * the small helpers they all use. The page draws the workspace's sites from one JSON document and lets
 * the host (the Qt window through runJavaScript/QWebChannel, or nothing in a standalone export) change
 * what is visible without reloading the page.
 *
 * The parts, one concern per file, each an IIFE that adds its functions to window.mvInternal (loaded in
 * this order, mapviewer/core/assets.py PAGE_SCRIPTS):
 *   mv-state.js       shared state, constants, helpers (this file)
 *   mv-points.js      the canvas point layer, its redraw and hit test; the canvases' care
 *   mv-labels.js      site labels, placed with a collision grid
 *   mv-popups.js      popups and their passages (fetched from the host on a lazy page); corrected labels
 *   mv-legend.js      the legend
 *   mv-basemaps.js    online basemaps (falling back to the offline one) and notices to the host
 *   mv-visibility.js  the filter's bitmasks applied; the areas' styles
 *   mv-view.js        moving the view (focus a site, fit, restore) and the page's state
 *   mv-placing.js     the pin that places a site
 *   mv-measure.js     measuring a distance
 *   mv-interact.js    the focus onto the map, escape(), what is at a pixel, popups clear of the controls
 *   mv-keys.js        N / Shift+N step through the sites shown; who owns Esc
 *   mv-mouse.js       clicks and hovers on the point layer
 *   mapviewer.js      start-up (init) and the public API, window.mapviewer
 *
 * Scale: point sites are not Leaflet objects. One layer (a Leaflet renderer with its own canvas)
 * draws them from typed arrays with one pre-rendered sprite per (colour, radius), skips points that
 * would land on an already covered spot when many crowd the view, and hit-tests clicks and hovers
 * through a screen-space grid. Popups are built on demand; labels are a few hundred DOM spans at most,
 * placed with a collision grid. Areas and lines (few) stay ordinary L.geoJSON layers; while there are at
 * most MAX_OUTLINED of them their dashed outlines are drawn again above the points.
 *
 * Codes: certainties (order, labels, colours, help) and topics (order, labels) come with the data
 * (data.certainties, data.topics, built by mapviewer/core/pagecodes.py); a mention's certainty is an
 * index into the first, its topics indexes into the second. Nothing here names one.
 *
 * Security: every string from the data (article text, site names) reaches the DOM through
 * textContent / createTextNode, never innerHTML; the page's CSP also refuses injected scripts.
 */
(function () {
  'use strict';

  // The public object: window.mapviewer, assembled by mapviewer.js. drawn: a first frame at a size on screen.
  var mv = { ready: false, drawn: false, errors: [] };

  window.addEventListener('error', function (e) {
    mv.errors.push(String(e.message || e));
  });

  // Hot loops read these once into locals: a part never keeps its own copy across calls (init sets them).
  var I = window.mvInternal = {
    mv: mv,
    map: null,
    data: null,
    bridge: null,
    n: 0,                  // site rows
    nm: 0,                 // mention rows
    rowById: null,         // site id -> row
    isArea: null,          // Uint8Array per site row
    areaLayers: {},        // row -> L.GeoJSON
    areaRows: [],
    mx: null,              // Float64Array: Web Mercator x in [0, 1] per site
    my: null,
    siteStart: null,       // Int32Array n + 1: mentions of site r are siteMentions[siteStart[r] .. siteStart[r + 1])
    siteMentions: null,
    mentionSite: null,     // Int32Array per mention
    mentionCert: null,     // Uint8Array per mention
    siteOn: null,          // Uint8Array per site: shown
    mentionOn: null,       // Uint8Array per mention: shown
    visCount: null,        // Uint32Array per site: shown mentions
    best: null,            // Uint8Array per site: strongest shown certainty (index)
    rad: null,             // Float32Array per site: marker radius
    passageCount: 0,       // shown passages
    byMentions: null,      // Int32Array: point rows, most mentioned first (label priority)
    labelWidth: null,      // Float32Array per site: measured label width, 0 = not yet
    frontRow: -1,          // drawn last and hit first (the focused site)
    points: null,          // the point layer (L.Renderer subclass)
    areaRenderer: null,
    outlineRenderer: null,
    areaOutlines: {},      // row -> L.GeoJSON: the same shape's outline, drawn above the points (when few)
    areaColour: null,      // Int16Array per site row: the certainty an area is styled with (-1: none yet)
    areaLayer: null,
    outlineLayer: null,
    labelPane: null,
    popup: null,
    offlineBase: null,
    online: {},
    currentBase: 'offline',
    legend: null,
    openSite: -1,
    labelCap: 400,         // beyond this many visible points, labels only where they fit
    autoFit: false,        // refit the sites when the map is resized: until someone moves it
    presized: false,       // the host told the map its size before showing it (mv-view.js presize)
    lazy: false,           // passages are fetched from the bridge when a popup opens

    MAX_OUTLINED: 300,     // up to this many areas, their outlines are drawn again above the points
    LOD_MIN: 3000,         // level of detail only when more points than this are in the view
    LOD_CELL: 5,           // px: a point whose centre falls on a cell taken by a marker drawn over it, at least as large, is skipped
    HIT_CELL: 24,          // px: > largest radius + click tolerance, so a 3x3 neighbourhood suffices
    TOLERANCE: 4.75,       // px around a marker that still hits it (Leaflet's canvas: weight / 2 + 4)
    NEAR: 12,              // px between centres: markers this close are one pile, spread on a click (mv-spiderfy.js)
    LABEL_H: 16,
    LABEL_FONT: '600 11.5px system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif'
  };

  I.el = function (tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  };

  // A link in a popup passage that asks the host (bridge[method]) to act on that mention.
  I.passageLink = function (cls, text, title, id, method) {
    var link = I.el('a', cls, text);
    link.href = '#';
    if (title) link.title = title;
    link.setAttribute('data-mention', id);
    link.addEventListener('click', function (e) {
      e.preventDefault();
      I.bridge[method](id);
    });
    return link;
  };

  I.decodeBits = function (b64, out) {
    if (!b64) { out.fill(1); return; }
    var raw = atob(b64);
    var len = out.length;
    for (var b = 0, i = 0; b < raw.length && i < len; b++) {
      var byte = raw.charCodeAt(b);
      for (var k = 0; k < 8 && i < len; k++, i++) out[i] = (byte >> k) & 1;
    }
    for (; i < len; i++) out[i] = 0;
  };

  I.radius = function (count) {
    return Math.min(14, 5 + Math.sqrt(count) * 1.6);
  };

  // The certainty a site is drawn with: its strongest shown one, or the weakest (the list is ordered
  // strongest first) when it shows none.
  I.strongest = function (row) {
    var best = I.best;
    return best[row] === 255 ? I.data.certainties.length - 1 : best[row];
  };

  I.visibleMentions = function (row) {
    var siteStart = I.siteStart, siteMentions = I.siteMentions, mentionOn = I.mentionOn;
    var list = [];
    for (var k = siteStart[row]; k < siteStart[row + 1]; k++) if (mentionOn[siteMentions[k]]) list.push(siteMentions[k]);
    return list;
  };

  I.siteLatLng = function (row) {
    return L.latLng(I.data.sites.lat[row], I.data.sites.lon[row]);
  };

  I.areaStyle = function (row) {
    var colour = I.data.certainties[I.strongest(row)].colour;
    return { color: colour, weight: 2, opacity: 0.9, fillColor: colour, fillOpacity: 0.12, dashArray: '5 4' };
  };

  I.rowOf = function (siteId) {
    var row = I.rowById.get(String(siteId));
    return row === undefined ? -1 : row;
  };
})();
