/*
 * mapviewer page: the point layer. One canvas draws every shown point site from typed arrays with a
 * pre-rendered sprite per (colour, radius), skipping points hidden under others when many crowd the
 * view (level of detail), and a screen-space grid answers which point is under the mouse. Also the
 * care the page's other canvases need (areas, outlines, basemap tiles). See mv-state.js.
 */
(function () {
  'use strict';

  var I = window.mvInternal;

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
    ctx.fillStyle = I.data.certainties[colourIndex].colour;
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
    var n = I.n;
    if (!view.rows || view.rows.length < n) {
      view.rows = new Int32Array(n);
      view.x = new Float32Array(n);
      view.y = new Float32Array(n);
      view.hitIdx = new Int32Array(n);
    }
  }

  I.PointLayer = L.Renderer.extend({
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
      this._scale = I.fitCanvas(this);  // draw() clears it
      draw();
    }
  });

  // A canvas layer's canvas placed over its bounds at the device's pixel ratio (returned), for a redraw.
  I.fitCanvas = function (layer) {
    var b = layer._bounds, size = b.getSize(), m = L.Browser.retina ? 2 : 1;
    L.DomUtil.setPosition(layer._container, b.min);
    resizeCanvas(layer._container, m * size.x, m * size.y);
    layer._container.style.width = size.x + 'px';
    layer._container.style.height = size.y + 'px';
    return m;
  };

  // Give a canvas a new size only when it changes: assigning width/height, even the same, drops its
  // bitmap and allocates a new one (tens of MB at 2x the window), on every pan and zoom.
  function resizeCanvas(canvas, w, h) {
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
  }

  // Leaflet's canvas renderer (areas and outlines) with the same care: its full redraw after an update
  // clears the canvas anyway (L.Canvas._clear), so the bitmap is kept and only the transform reset.
  I.StableCanvas = L.Canvas.extend({
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
  I.releaseTile = function (e) {
    var tile = e && e.tile;
    if (tile && tile.getContext) {
      tile.width = 0;
      tile.height = 0;
    }
  };

  I.scheduleRedraw = function () {
    view.stale = true;
    if (redrawPending) return;
    redrawPending = true;
    requestAnimationFrame(function () { if (redrawPending) I.redraw(); });
  };

  function flush() {
    if (redrawPending) I.redraw();
  }

  I.redraw = function () {
    var points = I.points;
    if (!points || !points._map) return;
    draw();
  };

  // Draw the shown points inside the layer's bounds, rebuild the hit grid, place the labels.
  function draw() {
    redrawPending = false;
    var points = I.points;
    if (!points || !points._map || !I.data) return;
    var map = I.map, n = I.n, siteOn = I.siteOn, isArea = I.isArea, mx = I.mx, my = I.my, rad = I.rad;
    var frontRow = I.frontRow, best = I.best, weakest = I.data.certainties.length - 1;  // (I.strongest, inline)
    var LOD_MIN = I.LOD_MIN, LOD_CELL = I.LOD_CELL, HIT_CELL = I.HIT_CELL;
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
      var sp = sprite(best[row] === 255 ? weakest : best[row], rad[row], scale);
      ctx.drawImage(sp.canvas, Math.round(xs[e] * scale - sp.c), Math.round(ys[e] * scale - sp.c));
    }
    view.drawn = drawn;
    if (I.drawBadges) I.drawBadges(ctx, scale, view, order, drawn, S);  // sources disagree (mv-figures.js)
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
    var labels = I.placeLabels(zoom, b);
    I.mv.lastDraw = { ms: performance.now() - t0, projectMs: tProject - t0, lodMs: tLod - tProject, blitMs: tBlit - tLod,
      gridMs: t1 - tBlit, labelMs: performance.now() - t1, inView: k, drawn: drawn, labels: labels };
  }

  // The topmost shown point under a layer point, or -1.
  I.hitTest = function (layerPoint) {
    flush();
    var points = I.points;
    if (!points || !points._bounds || view.stale) return -1;
    var rad = I.rad, HIT_CELL = I.HIT_CELL, TOLERANCE = I.TOLERANCE;
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
  };
})();
