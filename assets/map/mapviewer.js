/*
 * mapviewer page, the last of its map scripts: start-up (init) and the public API, window.mapviewer,
 * assembled from the parts before it (see mv-state.js for the list). The Python side calls it only
 * through mapviewer/qt/page_api.py (PageAPI); a standalone export's bootstrap calls it too.
 *
 * Host API (window.mapviewer):
 *   init(map, opts)                 called once by the page's bootstrap
 *   applyVisibility(sitesB64, mentionsB64)   bitmasks (little-endian bit order) over data rows;
 *                                   returns a small JSON string {visible, passages} (counts)
 *   focusSite(siteId, passages)     fly there and open its popup; `passages` (optional) are rows of the
 *                                   site's passages for a page built without them (see mv-popups.js)
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
 *   escape()                        close the popup, else end a measurement, else fold a spread group;
 *                                   returns what it did ('popup', 'measure', 'spread' or '')
 *   whatIsAt(x, y)                  JSON {lat, lng, zoom, site, name} at a container pixel (context menu)
 *   startMeasure(lat, lng)          measure a distance from there (null: from the first click)
 *   stopMeasure()                   end it;  measureState(): JSON {active, points, km}
 *   setEvidence(evidence)           the sites where sources disagree (badges, popups' Figures) and the flows
 *                                   (mv-figures.js, mv-flows.js; core/figure_view.py page_evidence)
 *   applyFlowVisibility(flowsB64)   the filter's bitmask over the flows; returns JSON {flows}
 *   openFlow(flowId)                open a shown flow's popup
 *   focusMap()                      the keyboard focus to the map (Leaflet's keys), with a visible ring;
 *                                   returns whether the map has it
 * Before init, the host may tell the page the size it will be shown at: window.mapviewerStart.presize(w, h)
 * (start.js; PageAPI.presize): a window's view is hidden, and so has no size for the page, until shown.
 * The bridge (QWebChannel object, absent in standalone exports) may offer openPassage(mentionId),
 * editMention(mentionId), copyCitation(mentionId), placed(lat, lng), pageReady(state), notice(kind, message)
 * (kinds: 'drawn' — the first frame at a size on screen, message location.search; 'basemap-fallback'; 'data-failed'),
 * sitePassages(siteId, ids) and siteSource(siteId); popups show "Open in article" / "Edit label" /
 * "Copy citation" links only for what it offers.
 * Diagnostics (benchmarks): mapviewer.lastDraw (ms per phase of the last point redraw, points in view,
 * drawn, labels) and mapviewer.timing (page start → init, init → the data's arrival, init → drawn,
 * page start → the data asked for (null: it was in the page); in ms).
 */
(function () {
  'use strict';

  var I = window.mvInternal;
  var mv = I.mv;

  function init(leafletMap, opts) {
    var map = I.map = leafletMap;
    map.on('resize', function () { I.refitPopup(); });  // mv-popups.js: an open popup stays clear of the legend
    opts = opts || {};
    var tInit = performance.now();
    // start.js began the channel's handshake (a round trip to the host's UI thread) and the data's
    // fetch before the scripts were parsed; the page is ready when the map below and the channel are.
    var start = window.mapviewerStart;
    start.applySize = function () { if (start.size) I.presize(start.size[0], start.size[1]); };
    start.applySize();  // told before this script ran
    var pending = 2;
    var finish = function () {
      if (--pending) return;
      mv.ready = true;
      var bridge = I.bridge;
      if (bridge && bridge.pageReady) bridge.pageReady(I.state());
      whenOnScreen(function () {
        mv.drawn = true;
        if (bridge && bridge.notice) bridge.notice('drawn', location.search);
      });
    };
    // The window loads its page before it is shown: ready comes with no size, unless the host told the page
    // its size (presize: laid out and drawn at it while hidden). "Drawn" is the first frame at a real size
    // on screen (no frame comes while hidden); the host starts its background work then, so that work never
    // holds up what the user is waiting to see.
    var whenOnScreen = function (done) {
      var size = map.getSize();
      if (!(size.x > 0 && size.y > 0)) {
        map.once('resize', function () { whenOnScreen(done); });
        return;
      }
      requestAnimationFrame(function () { requestAnimationFrame(done); });
    };
    if (start.bridge) {
      start.bridge.then(function (b) {
        I.bridge = b;
        finish();
      });
    } else {
      finish();
    }
    I.online = opts.tiles || {};
    map.attributionControl.setPrefix('<a href="https://leafletjs.com" title="Leaflet">Leaflet</a>');
    var offlineBase = I.offlineBase = window.MapviewerBasemap ? window.MapviewerBasemap.layer(null, { map: map }) : null;
    if (offlineBase && offlineBase.on) offlineBase.on('tileunload', I.releaseTile);
    // Padding 0.3: a drag of 30 % of the view shows no cut edge, and during a one-level zoom-out's
    // animation (not redrawn) the canvas covers 80 % of the view, redrawn whole when it ends. At 0.5
    // (100 %) each canvas is 4.1 instead of 2.6 Mpx at 1280 x 800: ~50 MB more at the 100k peak.
    var areaRenderer = I.areaRenderer = new I.StableCanvas({ padding: 0.3, tolerance: 4 });
    var outlineRenderer = I.outlineRenderer = new I.StableCanvas({ padding: 0.3, pane: 'mv-outlines' });
    map.createPane('mv-areas').style.zIndex = 390;
    map.createPane('mv-points').style.zIndex = 410;  // above the areas' fill (overlay pane, 400)
    map.createPane('mv-outlines').style.zIndex = 430;  // the areas' dashed outlines stay visible over points
    var labelPane = I.labelPane = map.createPane('mv-labels');
    labelPane.style.zIndex = 450;
    L.DomUtil.addClass(labelPane, 'leaflet-zoom-hide');
    I.areaLayer = L.featureGroup().addTo(map);
    I.outlineLayer = L.featureGroup().addTo(map);
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
      var data = I.data = d;
      var tParsed = performance.now();  // the data is here
      var sites = data.sites;
      var n = I.n = sites.id.length;
      var nm = I.nm = data.mentions.site.length;
      var rowById = I.rowById = new Map();
      var isArea = I.isArea = new Uint8Array(n);
      var mx = I.mx = new Float64Array(n);
      var my = I.my = new Float64Array(n);
      var maxLat = L.Projection.SphericalMercator.MAX_LATITUDE;
      for (var r = 0; r < n; r++) {
        rowById.set(sites.id[r], r);
        var lat = Math.max(Math.min(maxLat, sites.lat[r]), -maxLat);
        var sin = Math.sin(lat * Math.PI / 180);
        mx[r] = 0.5 + sites.lon[r] / 360;
        my[r] = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
      }
      var shapeKeys = Object.keys(sites.shape);
      var outlined = shapeKeys.length <= I.MAX_OUTLINED;
      if (!shapeKeys.length) map.removeLayer(areaRenderer);  // no areas: no canvas for them
      if (!shapeKeys.length || !outlined) map.removeLayer(outlineRenderer);
      I.areaColour = new Int16Array(n).fill(-1);
      var areaRows = I.areaRows, areaLayers = I.areaLayers, areaOutlines = I.areaOutlines;
      shapeKeys.forEach(function (key) {
        var row = Number(key);
        isArea[row] = 1;
        areaRows.push(row);
        var layer = L.geoJSON(sites.shape[key], { pane: 'mv-areas', renderer: areaRenderer });
        areaLayers[row] = layer;
        if (outlined) areaOutlines[row] = L.geoJSON(sites.shape[key], { renderer: outlineRenderer, interactive: false });
        I.bindAreaPopup(layer, row);
      });
      areaRows.sort(function (a, b) { return a - b; });

      var mentionSite = I.mentionSite = Int32Array.from(data.mentions.site);
      I.mentionCert = Uint8Array.from(data.mentions.certainty);
      I.lazy = !!data.lazy;
      if (I.lazy) {  // the typed copies are all a lazy page reads: do not keep both
        data.mentions.site = null;
        data.mentions.certainty = null;
      }
      var siteStart = I.siteStart = new Int32Array(n + 1);
      for (var m = 0; m < nm; m++) siteStart[mentionSite[m] + 1]++;
      for (var s = 0; s < n; s++) siteStart[s + 1] += siteStart[s];
      var siteMentions = I.siteMentions = new Int32Array(nm);
      var fill = siteStart.slice(0, n);
      for (var m2 = 0; m2 < nm; m2++) siteMentions[fill[mentionSite[m2]]++] = m2;

      var pointRows = [];
      for (var p = 0; p < n; p++) if (!isArea[p]) pointRows.push(p);
      pointRows.sort(function (a, b) { return (siteStart[b + 1] - siteStart[b]) - (siteStart[a + 1] - siteStart[a]) || a - b; });
      I.byMentions = Int32Array.from(pointRows);

      var siteOn = I.siteOn = new Uint8Array(n);
      I.mentionOn = new Uint8Array(nm);
      I.visCount = new Uint32Array(n);
      I.best = new Uint8Array(n);
      I.rad = new Float32Array(n);
      I.labelWidth = new Float32Array(n);
      I.labelCap = n > 2000 ? 150 : 400;

      I.popup = L.popup(I.POPUP_OPTIONS);
      map.on('popupclose', function (e) { if (e.popup === I.popup && !I.isArea[I.openSite]) I.openSite = -1; });
      map.on('click', I.onClick);
      map.on('mousemove', I.onMouseMove);
      map.on('zoomend', I.fadeAreas);
      map.on('zoomstart', I.unspread);  // spread offsets are pixels at one zoom
      // The first view fits the sites to the map's size then, which may not be its size on screen yet
      // (the window loads its page before it is laid out): until the user or the host moves the map,
      // a new size fits them again.
      map.on('resize', function () { if (I.autoFit) I.fitVisible(null, true); });
      ['mousedown', 'wheel', 'touchstart', 'keydown'].forEach(function (type) {
        map.getContainer().addEventListener(type, function () { I.autoFit = false; }, { capture: true, passive: true });
      });

      var points = I.points = new I.PointLayer();
      I.buildLegend();
      siteOn.fill(1);  // everything shows at first: fit the view to it before any layer is added, so
      I.fitVisible(null, true);  // the areas and points are placed once, at the zoom they are shown at; none under the legend
      I.autoFit = true;
      I.applyVisibility(null, null);
      map.addLayer(points);
      I.fadeAreas();
      if (I.presized) I.flushFrames();  // laid out at the size it will be shown at: drawn now, while hidden
      if (opts.options && opts.options.basemap && opts.options.basemap !== 'offline') I.setBasemap(opts.options.basemap);

      mv.timing = { navToInit: tInit, dataAt: tParsed - tInit, init: performance.now() - tInit, dataAsked: askedAt };
      finish();
    }
  }

  mv.init = init;
  ['applyVisibility', 'focusSite', 'fitVisible', 'setBasemap', 'setView', 'setCenterZoom', 'markerPoint', 'state',
    'updateMention', 'startPlacing', 'stopPlacing', 'placingAt', 'escape', 'whatIsAt', 'startMeasure', 'stopMeasure',
    'measureState', 'setEvidence', 'applyFlowVisibility', 'openFlow', 'focusMap'].forEach(function (name) { mv[name] = I[name]; });
  window.mapviewer = mv;
  delete window.mvInternal;  // the parts keep it; the page's public names are window.mapviewer and mapviewerStart
})();
