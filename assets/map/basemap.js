/*
 * mapviewer offline basemap renderer (plain browser JS, no build step).
 *
 * Draws the bundled Natural Earth basemap (assets/basemap/world.js, which sets
 * window.MAPVIEWER_BASEMAP) as client-side canvas tiles in a pane of its own
 * ("basemap", z-index 150: below Leaflet's tile pane 200 and overlay pane 400).
 * The sea is not drawn: it is the map container's background, set by the CSS
 * class "mv-basemap-sea" (assets/map/basemap.css), which the layer adds to the
 * container while it is on the map.  The layer is non-interactive and its pane
 * has pointer-events: none, so clicks and hovers reach the overlays.
 *
 * Public API (global, requires Leaflet 1.9 as global L):
 *
 *   var layer = MapviewerBasemap.layer(data, options);  // an L.GridLayer
 *   layer.addTo(map);            // or pass options.map to add it at once
 *
 *   data     the basemap payload; null/undefined means window.MAPVIEWER_BASEMAP
 *   options  optional, any of:
 *     map        L.Map to add the layer to immediately
 *     pane       pane name (default "basemap", created with zIndex 150 if missing)
 *     paneZIndex z-index for a pane this layer creates (default 150)
 *     labels     draw country names (default true)
 *     lakes      draw large lakes (default true)
 *     labelZoomOffset  added to every label's min zoom (default 0; negative = earlier)
 *     colors     {land, coast, border, lake, label, halo} CSS colours
 *     font       CSS font for labels (default 11px system sans-serif)
 *     detailDelay  ms after the page's load event before the detail part is
 *                fetched while idle (default 1000; false: only when a tile needs it)
 *     ...plus any L.GridLayer option (minZoom, maxZoom, opacity, ...)
 *
 *   layer.flush()                draw the tiles queued for the next animation frame now
 *                                (none comes while the page is hidden)
 *
 *   MapviewerBasemap.defaults   the default colours/font (read-only by convention)
 *   MapviewerBasemap.detailState()  'none' | 'loading' | 'loaded' | 'failed'
 *   MapviewerBasemap.loadDetail(cb) load the detail part now; cb(data or null)
 *   MapviewerBasemap.detailInfo()   {state, requested, loaded}: performance.now()
 *                                   times it was requested / loaded or failed
 *
 * Two levels of detail (tools/build_basemap.py writes both): world.js is a
 * light world for the lowest zooms, loaded with the page so that start-up stays
 * cheap; its "detail" entry names assets/basemap/world-detail.js (which sets
 * window.MAPVIEWER_BASEMAP_DETAIL: countries, borders and lakes at 1:50m-1:110m
 * with 1:10m Korea and Ukraine / western Russia) and the tile zoom from which
 * that is drawn.  The detail script is added to the page at run time (a
 * <script src> next to world.js: the page CSP admits scripts from the assets; no
 * fetch/XHR) shortly after the page has loaded, when idle, or at once when a
 * tile needs it.  Such a tile is reported loaded to Leaflet (class
 * leaflet-tile-loaded, the "load" event) only once it is drawn in detail, so
 * anything waiting for the tiles (exports) gets the detailed map.  When the
 * detail part is already on the page (standalone export: inlined) it is used
 * directly; if it cannot load, those tiles are drawn from world.js.  A payload
 * without "detail" (the former single-file world.js) is drawn at every zoom.
 *
 * Only the default Web Mercator CRS (L.CRS.EPSG3857) is supported.
 */
(function () {
  'use strict';

  if (typeof L === 'undefined') {
    throw new Error('MapviewerBasemap: Leaflet (global L) must be loaded first');
  }

  var DEFAULTS = {
    colors: {
      land: '#f2eee6',
      coast: '#a7b7c2',
      border: '#9c968d',
      lake: null, // null: same as the sea (container background)
      label: '#6e665c',
      halo: 'rgba(250, 248, 244, 0.85)'
    },
    font: '11px system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif'
  };

  var MAX_LAT = 85.0511287798;
  var D2R = Math.PI / 180;

  // --- projection to normalized Web Mercator [0,1] x [0,1] -----------------
  function mx(lon) { return (lon + 180) / 360; }
  function my(lat) {
    if (lat > MAX_LAT) lat = MAX_LAT; else if (lat < -MAX_LAT) lat = -MAX_LAT;
    var s = Math.sin(lat * D2R);
    return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
  }

  // A ring becomes {xy: Float64Array, cut: Uint8Array|null}; cut[i] = 1 means
  // the edge i -> i+1 is an artificial one (antimeridian or polar cap) that
  // must not be stroked as a coastline.
  function prepRing(coords, markCuts) {
    var n = coords.length;
    var xy = new Float64Array(n * 2);
    var cut = null;
    for (var i = 0; i < n; i++) {
      var lon = coords[i][0], lat = coords[i][1];
      xy[2 * i] = mx(lon);
      xy[2 * i + 1] = my(lat);
      if (markCuts && i > 0) {
        var plon = coords[i - 1][0], plat = coords[i - 1][1];
        if ((Math.abs(lon) >= 179.999 && Math.abs(plon) >= 179.999) ||
            (lat <= -84.9 && plat <= -84.9)) {
          if (!cut) cut = new Uint8Array(n);
          cut[i - 1] = 1;
        }
      }
    }
    return { xy: xy, cut: cut };
  }

  function bboxOf(rings) {
    var b = [Infinity, Infinity, -Infinity, -Infinity];
    for (var r = 0; r < rings.length; r++) {
      var xy = rings[r].xy;
      for (var i = 0; i < xy.length; i += 2) {
        if (xy[i] < b[0]) b[0] = xy[i];
        if (xy[i] > b[2]) b[2] = xy[i];
        if (xy[i + 1] < b[1]) b[1] = xy[i + 1];
        if (xy[i + 1] > b[3]) b[3] = xy[i + 1];
      }
    }
    return b;
  }

  // Flatten a GeoJSON geometry into a list of shapes {rings, bbox}.
  function prepGeometry(geom, markCuts) {
    var out = [];
    if (!geom) return out;
    var polys;
    if (geom.type === 'Polygon' || geom.type === 'LineString') polys = [geom.coordinates];
    else if (geom.type === 'MultiPolygon' || geom.type === 'MultiLineString') polys = geom.coordinates;
    else return out;
    if (geom.type === 'LineString') polys = [[geom.coordinates]];
    if (geom.type === 'MultiLineString') polys = geom.coordinates.map(function (l) { return [l]; });
    for (var p = 0; p < polys.length; p++) {
      var rings = polys[p].map(function (c) { return prepRing(c, markCuts); });
      out.push({ rings: rings, bbox: bboxOf(rings) });
    }
    return out;
  }

  function prepCollection(fc, markCuts) {
    var shapes = [];
    var feats = (fc && fc.features) || [];
    for (var i = 0; i < feats.length; i++) {
      shapes = shapes.concat(prepGeometry(feats[i].geometry, markCuts));
    }
    return shapes;
  }

  function prepare(data) {
    return {
      land: prepCollection(data.countries, true),
      borders: prepCollection(data.borders, false),
      lakes: prepCollection(data.lakes, false),
      labels: (data.labels || []).map(function (l) {
        return { name: l.name, x: mx(l.lon), y: my(l.lat), minzoom: +l.minzoom || 0 };
      })
    };
  }

  // --- drawing ----------------------------------------------------------------
  // Trace shapes intersecting the tile into the current path; points closer
  // than ~0.6 px to the last emitted one are skipped (cheap decimation).
  function tracePath(ctx, shapes, t, stroke) {
    var minD2 = 0.36;
    for (var s = 0; s < shapes.length; s++) {
      var sh = shapes[s], b = sh.bbox;
      if (b[2] < t.x0 || b[0] > t.x1 || b[3] < t.y0 || b[1] > t.y1) continue;
      for (var r = 0; r < sh.rings.length; r++) {
        var ring = sh.rings[r], xy = ring.xy, cut = stroke ? ring.cut : null;
        var n = xy.length / 2;
        var lx = (xy[0] - t.ox) * t.k, ly = (xy[1] - t.oy) * t.k;
        ctx.moveTo(lx, ly);
        var pen = true;
        for (var i = 1; i < n; i++) {
          var px = (xy[2 * i] - t.ox) * t.k, py = (xy[2 * i + 1] - t.oy) * t.k;
          if (cut && cut[i - 1]) {
            ctx.moveTo(px, py); lx = px; ly = py; pen = false;
            continue;
          }
          var dx = px - lx, dy = py - ly;
          if (dx * dx + dy * dy < minD2 && i < n - 1) continue;
          ctx.lineTo(px, py); lx = px; ly = py; pen = true;
        }
        if (!stroke && pen) ctx.closePath();
      }
    }
  }

  // --- the detail part, loaded lazily (once per page, shared by all layers) ----
  var SCRIPT_SRC = (document.currentScript && document.currentScript.src) || '';
  var detail = { state: 'none', waiting: [], requested: null, loaded: null };

  function detailUrl(file) {
    var scripts = document.getElementsByTagName('script');
    for (var i = 0; i < scripts.length; i++) {
      var src = scripts[i].src || '';
      if (/(^|\/)basemap\/world\.js(\?.*)?$/.test(src)) return src.replace(/world\.js(\?.*)?$/, file);
    }
    if (/(^|\/)map\/basemap\.js(\?.*)?$/.test(SCRIPT_SRC)) {
      return SCRIPT_SRC.replace(/map\/basemap\.js(\?.*)?$/, 'basemap/' + file);
    }
    return null;
  }

  function settleDetail(state) {
    detail.state = state;
    detail.loaded = performance.now();
    var waiting = detail.waiting;
    detail.waiting = [];
    var data = state === 'loaded' ? window.MAPVIEWER_BASEMAP_DETAIL : null;
    for (var i = 0; i < waiting.length; i++) waiting[i](data);
  }

  function loadDetail(file, cb) {
    if (window.MAPVIEWER_BASEMAP_DETAIL && detail.state !== 'loading') {
      detail.state = 'loaded';
      if (cb) cb(window.MAPVIEWER_BASEMAP_DETAIL);
      return;
    }
    if (detail.state === 'failed') {
      if (cb) cb(null);
      return;
    }
    if (cb) detail.waiting.push(cb);
    if (detail.state === 'loading') return;
    var url = detailUrl(file || 'world-detail.js');
    if (!url) {
      settleDetail('failed');
      return;
    }
    detail.state = 'loading';
    detail.requested = performance.now();
    var script = document.createElement('script');
    script.async = true;
    script.onload = function () { settleDetail(window.MAPVIEWER_BASEMAP_DETAIL ? 'loaded' : 'failed'); };
    script.onerror = function () { settleDetail('failed'); };
    script.src = url;
    (document.head || document.documentElement).appendChild(script);
  }

  function whenIdle(fn) {
    if (window.requestIdleCallback) window.requestIdleCallback(fn, { timeout: 2000 });
    else setTimeout(fn, 0);
  }

  var measureCtx = null;
  function textWidth(font, text) {
    if (!measureCtx) measureCtx = document.createElement('canvas').getContext('2d');
    measureCtx.font = font;
    return measureCtx.measureText(text).width;
  }

  var BasemapLayer = L.GridLayer.extend({
    options: {
      pane: 'basemap',
      paneZIndex: 150,
      labels: true,
      lakes: true,
      labelZoomOffset: 0,
      updateWhenZooming: false,
      keepBuffer: 3,
      interactive: false,
      detailDelay: 1000
    },

    initialize: function (data, options) {
      data = data || window.MAPVIEWER_BASEMAP;
      if (!data || !data.countries) {
        throw new Error('MapviewerBasemap: no basemap data (load assets/basemap/world.js first)');
      }
      options = L.extend({}, options);
      options.colors = L.extend({}, DEFAULTS.colors, options.colors || {});
      options.font = options.font || DEFAULTS.font;
      if (!options.attribution && data.attribution) options.attribution = data.attribution;
      L.GridLayer.prototype.initialize.call(this, options);
      this._geo = prepare(data);
      this._labelCache = {};
      this._detail = data.detail && data.detail.file ? data.detail : null;
      this._detailGeo = null;
      this._pending = [];
      this._queue = [];
      this._frame = null;
    },

    // The prepared shapes to draw a tile at zoom z with; null: the detail part is not here yet.
    _geoFor: function (z) {
      if (!this._detail || z < (+this._detail.min_zoom || 0)) return this._geo;
      if (this._detailGeo) return this._detailGeo;
      if (detail.state === 'failed') return this._geo;
      if (window.MAPVIEWER_BASEMAP_DETAIL && detail.state !== 'loading') this._onDetail(window.MAPVIEWER_BASEMAP_DETAIL);
      return this._detailGeo || (detail.state === 'failed' ? this._geo : null);
    },

    _requestDetail: function () {
      if (!this._detail || this._detailGeo || this._requested) return;
      this._requested = true;
      loadDetail(this._detail.file, L.bind(this._onDetail, this));
    },

    _onDetail: function (data) {
      if (data && !this._detailGeo) {
        try {
          this._detailGeo = prepare(data);
          this._detailGeo.labels = this._geo.labels;
        } catch (e) {
          detail.state = 'failed';
        }
      }
      var pending = this._pending;
      this._pending = [];
      for (var i = 0; i < pending.length; i++) {
        var p = pending[i];
        if (p.tile.parentNode) this._drawTile(p.ctx, p.coords, p.size, this._detailGeo || this._geo);
        p.done(null, p.tile);  // Leaflet ignores tiles it has dropped meanwhile
      }
    },

    onAdd: function (map) {
      var name = this.options.pane;
      if (!map.getPane(name)) {
        var pane = map.createPane(name);
        pane.style.zIndex = String(this.options.paneZIndex);
        pane.style.pointerEvents = 'none';
      }
      L.DomUtil.addClass(map.getContainer(), 'mv-basemap-sea');
      L.GridLayer.prototype.onAdd.call(this, map);
      if (this._container) this._container.style.pointerEvents = 'none';
      this._schedulePreload();
    },

    // Fetch the detail part soon after the page has loaded, while idle, so that zooming in finds it.
    _schedulePreload: function () {
      var delay = this.options.detailDelay;
      if (!this._detail || this._detailGeo || this._preloading || delay === false || delay === null || delay < 0) return;
      this._preloading = true;
      var self = this;
      var later = function () {
        setTimeout(function () { whenIdle(function () { if (self._map) self._requestDetail(); }); }, +delay || 0);
      };
      if (document.readyState === 'complete') later();
      else window.addEventListener('load', later);
    },

    onRemove: function (map) {
      L.DomUtil.removeClass(map.getContainer(), 'mv-basemap-sea');
      L.GridLayer.prototype.onRemove.call(this, map);
    },

    createTile: function (coords, done) {
      var size = this.getTileSize();
      var dpr = Math.min(window.devicePixelRatio || 1, 3);
      var tile = document.createElement('canvas');
      tile.width = Math.round(size.x * dpr);
      tile.height = Math.round(size.y * dpr);
      tile.style.width = size.x + 'px';
      tile.style.height = size.y + 'px';
      var ctx = tile.getContext('2d');
      ctx.scale(dpr, dpr);
      var geo = this._geoFor(coords.z);
      if (!geo) { // drawn (and reported loaded) once the detail part is here
        this._pending.push({ tile: tile, ctx: ctx, coords: coords, size: size, done: done });
        this._requestDetail();
        return tile;
      }
      // Drawn in the next animation frame, all new tiles at once, and only then reported loaded (Leaflet
      // shows a tile once it is loaded, in that same frame): the page's start-up script does not wait.
      this._queue.push({ tile: tile, ctx: ctx, coords: coords, size: size, done: done, geo: geo });
      if (!this._frame) this._frame = L.Util.requestAnimFrame(this._drawQueued, this);
      return tile;
    },

    // The tiles waiting for the next animation frame, drawn now: none comes while the page is hidden, and
    // a page laid out before it is shown draws them then (mv-view.js flushFrames).
    flush: function () {
      if (!this._frame) return;
      L.Util.cancelAnimFrame(this._frame);
      this._drawQueued();
    },

    _drawQueued: function () {
      this._frame = null;
      var queue = this._queue;
      this._queue = [];
      for (var i = 0; i < queue.length; i++) {
        var p = queue[i];
        if (p.tile.parentNode) this._drawTile(p.ctx, p.coords, p.size, p.geo);
        p.done(null, p.tile);
      }
    },

    _drawTile: function (ctx, coords, size, geo) {
      var o = this.options, c = o.colors;
      var k = size.x * Math.pow(2, coords.z);
      var ox = coords.x * size.x / k, oy = coords.y * size.y / k;
      var pad = 2 / k;
      var t = {
        k: k, ox: ox, oy: oy,
        x0: ox - pad, y0: oy - pad, x1: ox + size.x / k + pad, y1: oy + size.y / k + pad
      };
      var z = coords.z;
      var hair = z <= 3 ? 0.6 : (z <= 5 ? 0.75 : 0.9);
      // Drawn over, whole, by the working-zoom detail (mv-basemap-detail.js): nothing to draw here.
      if (window.MapviewerBasemapDetail && window.MapviewerBasemapDetail.covers(z, [ox, oy, ox + size.x / k, oy + size.y / k])) return;

      ctx.lineJoin = 'round';
      ctx.lineCap = 'round';

      ctx.beginPath();
      tracePath(ctx, geo.land, t, false);
      ctx.fillStyle = c.land;
      ctx.fill('evenodd');

      if (o.lakes && geo.lakes.length) {
        ctx.beginPath();
        tracePath(ctx, geo.lakes, t, false);
        var lake = c.lake || this._seaColor();
        ctx.fillStyle = lake;
        ctx.fill('evenodd');
        ctx.strokeStyle = c.coast;
        ctx.lineWidth = hair * 0.8;
        ctx.stroke();
      }

      ctx.beginPath();
      tracePath(ctx, geo.land, t, true);
      ctx.strokeStyle = c.coast;
      ctx.lineWidth = hair;
      ctx.stroke();

      ctx.beginPath();
      tracePath(ctx, geo.borders, t, true);
      ctx.strokeStyle = c.border;
      ctx.lineWidth = hair + 0.2;
      ctx.stroke();

      if (o.labels) this._drawLabels(ctx, coords, size, k);
    },

    _seaColor: function () {
      if (this._sea) return this._sea;
      var el = this._map && this._map.getContainer();
      var col = el ? window.getComputedStyle(el).backgroundColor : '';
      this._sea = col && col !== 'rgba(0, 0, 0, 0)' && col !== 'transparent' ? col : '#dde8ef';
      return this._sea;
    },

    // Greedy, zoom-wide label placement (biggest countries first), cached per zoom.
    _placedLabels: function (z, scale) {
      if (this._labelCache[z]) return this._labelCache[z];
      var font = this.options.font, off = this.options.labelZoomOffset;
      var fontPx = parseFloat(/(\d+(\.\d+)?)px/.exec(font) ? /(\d+(\.\d+)?)px/.exec(font)[1] : 11);
      var placed = [], boxes = [];
      var labels = this._geo.labels;
      for (var i = 0; i < labels.length; i++) {
        var l = labels[i];
        if (l.minzoom + off > z + 0.001) continue;
        var w = textWidth(font, l.name);
        var px = l.x * scale, py = l.y * scale;
        var bx = [px - w / 2 - 3, py - fontPx / 2 - 3, px + w / 2 + 3, py + fontPx / 2 + 3];
        var hit = false;
        for (var j = 0; j < boxes.length; j++) {
          var q = boxes[j];
          if (bx[0] < q[2] && bx[2] > q[0] && bx[1] < q[3] && bx[3] > q[1]) { hit = true; break; }
        }
        if (hit) continue;
        boxes.push(bx);
        placed.push({ name: l.name, px: px, py: py, box: bx });
      }
      this._labelCache[z] = placed;
      return placed;
    },

    _drawLabels: function (ctx, coords, size, scale) {
      var placed = this._placedLabels(coords.z, scale);
      if (!placed.length) return;
      var c = this.options.colors;
      var tx = coords.x * size.x, ty = coords.y * size.y;
      ctx.font = this.options.font;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.lineWidth = 3;
      ctx.strokeStyle = c.halo;
      ctx.fillStyle = c.label;
      for (var i = 0; i < placed.length; i++) {
        var p = placed[i];
        for (var w = -1; w <= 1; w++) { // world copies touching this tile
          var dx = w * scale;
          if (p.box[2] + dx < tx || p.box[0] + dx > tx + size.x ||
              p.box[3] < ty || p.box[1] > ty + size.y) continue;
          var x = p.px + dx - tx, y = p.py - ty;
          ctx.strokeText(p.name, x, y);
          ctx.fillText(p.name, x, y);
        }
      }
    }
  });

  window.MapviewerBasemap = {
    version: 2,
    defaults: DEFAULTS,
    /** Longitude and latitude to normalised Web Mercator [0, 1] (mv-basemap-detail.js draws with them too). */
    mercator: { x: mx, y: my },
    /** 'none' (not requested yet), 'loading', 'loaded' or 'failed': the lazily loaded detail part. */
    detailState: function () {
      return window.MAPVIEWER_BASEMAP_DETAIL && detail.state !== 'loading' ? 'loaded' : detail.state;
    },
    /** The state and when (performance.now()) the detail part was requested and loaded (or failed). */
    detailInfo: function () {
      return { state: this.detailState(), requested: detail.requested, loaded: detail.loaded };
    },
    /** Load the detail part now (no-op if loaded); cb(data or null when it cannot load). */
    loadDetail: function (cb) {
      var base = window.MAPVIEWER_BASEMAP;
      loadDetail(base && base.detail && base.detail.file, cb || null);
    },
    /**
     * Create the basemap layer.
     * @param {object|null} data   payload (default window.MAPVIEWER_BASEMAP)
     * @param {object} [options]   see the header of this file
     * @returns {L.GridLayer}
     */
    layer: function (data, options) {
      var layer = new BasemapLayer(data, options);
      if (options && options.map) layer.addTo(options.map);
      return layer;
    },
    BasemapLayer: BasemapLayer
  };
})();
