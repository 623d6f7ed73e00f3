/*
 * mapviewer page: the point layer. One canvas draws every shown point site from typed arrays with a
 * pre-rendered sprite per (colour, radius), skipping points hidden under others when many crowd the
 * view (level of detail), and a screen-space grid answers which point is under the mouse. Also the
 * care the page's other canvases need (areas, outlines, basemap tiles). See mv-state.js.
 *
 * Stacking: points are drawn least mentioned first, so where markers coincide the one on top (hit first)
 * is the most mentioned: the one the labels (placed most mentioned first) name. A site whose location
 * is approximate is drawn as a hollow dashed ring, never a crisp dot (mv-uncertainty.js draws its
 * radius); a spread group (mv-spiderfy.js) is drawn at its offsets with leader lines, on top.
 */
(function () {
  'use strict';

  var I = window.mvInternal;

  var sprites = {};

  function sprite(colourIndex, r, scale, approx) {
    var q = Math.round(r * 4);
    var key = ((colourIndex * 1000 + q) * 8 + scale) * 2 + (approx ? 1 : 0);
    var s = sprites[key];
    if (s) return s;
    var rr = q / 4 * scale;
    var lw = 1.5 * scale;
    var size = Math.ceil(2 * rr + lw + 2);
    var c = size / 2;
    var canvas = document.createElement('canvas');
    canvas.width = canvas.height = size;
    var ctx = canvas.getContext('2d');
    var colour = I.data.certainties[colourIndex].colour;
    ctx.beginPath();
    ctx.arc(c, c, rr, 0, Math.PI * 2);
    if (approx) {  // where it is, roughly: a pale disc in a ring of the claim's colour, no crisp dot
      ctx.globalAlpha = 0.3;
      ctx.fillStyle = colour;
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.lineWidth = lw + 1.5 * scale;
      ctx.strokeStyle = '#ffffff';
      ctx.stroke();
      ctx.lineWidth = lw;
      if (rr >= 8 * scale) ctx.setLineDash([4 * scale, 2.5 * scale]);
      ctx.strokeStyle = colour;
      ctx.stroke();
    } else {
      ctx.globalAlpha = 0.95;
      ctx.fillStyle = colour;
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.lineWidth = lw;
      ctx.strokeStyle = '#ffffff';
      ctx.stroke();
    }
    s = sprites[key] = { canvas: canvas, c: c };
    return s;
  }

  // Per redraw, in canvas pixels (CSS px): the in-view shown points in draw order.
  var view = I.pointView = { k: 0, rows: null, x: null, y: null, cols: 0, hitStart: null, hitIdx: null, w: 0, h: 0, stale: true };
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
  I.flushPoints = flush;  // a redraw waiting for a frame, done now (mv-view.js flushFrames)

  I.redraw = function () {
    var points = I.points;
    if (!points || !points._map) return;
    draw();
  };

  var stacked = null;

  // Positions of the point rows in byMentions order (made once per data).
  function stackOrder() {
    var order = I.byMentions;
    if (stacked && stacked.order === order) return stacked;
    var n = order.length, mx = I.mx, my = I.my;
    stacked = { order: order, mx: new Float64Array(n), my: new Float64Array(n) };
    for (var j = 0; j < n; j++) {
      stacked.mx[j] = mx[order[j]];
      stacked.my[j] = my[order[j]];
    }
    return stacked;
  }

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
    // Point rows, most mentioned first (drawn last, on top), with their positions in that order: the
    // loop reads them in sequence (in row order it would jump about 100k-entry arrays).
    var order = I.byMentions, sorted = stackOrder();
    var smx = sorted.mx, smy = sorted.my;
    for (var j = order.length - 1; j >= 0; j--) {
      var i = order[j];
      if (!siteOn[i]) continue;
      var x = Math.round(smx[j] * S) - ox;
      var y = Math.round(smy[j] * S) - oy;
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
    if (I.spreadEntries) k = I.spreadEntries(rows, xs, ys, k, ox, oy, S);  // a spread group: at its offsets, on top
    view.k = k; view.w = w; view.h = h; view.ox = ox; view.oy = oy;
    var tProject = performance.now();

    // Level of detail: topmost first, skip a point whose centre cell is already taken by a marker
    // drawn over it that is at least about as large (so it would show as a sliver at most).
    order = view.hitIdx;  // reused as the list of drawn entries (topmost first)
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
    if (I.drawUncertainty) I.drawUncertainty(ctx, scale, rows, xs, ys, order, drawn, S);
    if (I.drawLeaders) I.drawLeaders(ctx, scale, ox, oy, S);
    var approx = I.approximate;
    for (var d = drawn - 1; d >= 0; d--) {
      var e = order[d];
      var row = rows[e];
      var sp = sprite(best[row] === 255 ? weakest : best[row], rad[row], scale, approx && approx[row]);
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

  // Whether a shown point other than `row` (drawn or not) could be hit inside the box (layer pixels): its
  // centre within its radius, the click tolerance and `margin` of it. Labels must not hide a marker (a
  // click there would open the marker, not the label's site). Points of row's own pile (centres within
  // NEAR of (px, py), row's marker) do not count: a click on them spreads the pile, row with it.
  I.pointInBox = function (left, top, right, bottom, row, margin, px, py) {
    if (!view.hitStart) return false;
    var points = I.points, b = points._bounds;
    var reach = 14 + I.TOLERANCE + margin;  // the largest radius: the grid cells to look in
    var x0 = left - b.min.x - reach, x1 = right - b.min.x + reach, y0 = top - b.min.y - reach, y1 = bottom - b.min.y + reach;
    var bx0 = left - b.min.x, bx1 = right - b.min.x, by0 = top - b.min.y, by1 = bottom - b.min.y;
    var rad = I.rad, HIT_CELL = I.HIT_CELL, TOLERANCE = I.TOLERANCE, NEAR2 = I.NEAR * I.NEAR;
    var ox = px - b.min.x, oy = py - b.min.y;
    var gx0 = Math.max(0, Math.floor(x0 / HIT_CELL) + 1), gx1 = Math.min(view.cols - 1, Math.floor(x1 / HIT_CELL) + 1);
    var gy0 = Math.max(0, Math.floor(y0 / HIT_CELL) + 1), gy1 = Math.min(view.nrows - 1, Math.floor(y1 / HIT_CELL) + 1);
    for (var gy = gy0; gy <= gy1; gy++) {
      for (var gx = gx0; gx <= gx1; gx++) {
        var c = gy * view.cols + gx;
        for (var p = view.hitStart[c]; p < view.hitStart[c + 1]; p++) {
          var e = view.hitIdx[p];
          if (view.rows[e] === row) continue;
          var nx = view.x[e] - ox, ny = view.y[e] - oy;
          if (nx * nx + ny * ny <= NEAR2) continue;
          var r = rad[view.rows[e]] + TOLERANCE + margin;
          var dx = Math.max(bx0 - view.x[e], 0, view.x[e] - bx1), dy = Math.max(by0 - view.y[e], 0, view.y[e] - by1);
          if (dx * dx + dy * dy <= r * r) return true;
        }
      }
    }
    return false;
  };

  // The rows of the shown points whose centre lies within r (at most HIT_CELL) px of layer point (px, py),
  // as of the last redraw (a spread point where it is drawn).
  I.pointsNear = function (px, py, r) {
    var out = [];
    if (!view.hitStart || view.stale) return out;
    var b = I.points._bounds, HIT_CELL = I.HIT_CELL;
    var x = px - b.min.x, y = py - b.min.y;
    var cx = Math.floor(x / HIT_CELL) + 1, cy = Math.floor(y / HIT_CELL) + 1;
    for (var gy = Math.max(0, cy - 1); gy <= Math.min(view.nrows - 1, cy + 1); gy++) {
      for (var gx = Math.max(0, cx - 1); gx <= Math.min(view.cols - 1, cx + 1); gx++) {
        var c = gy * view.cols + gx;
        for (var p = view.hitStart[c]; p < view.hitStart[c + 1]; p++) {
          var e = view.hitIdx[p];
          var dx = view.x[e] - x, dy = view.y[e] - y;
          if (dx * dx + dy * dy <= r * r) out.push(view.rows[e]);
        }
      }
    }
    return out;
  };

  // How many other shown points lie under row's marker at (px, py) (centres within NEAR): its label
  // says "+N", and a click spreads them.
  I.pileCount = function (row, px, py) {
    var near = I.pointsNear(px, py, I.NEAR);
    return near.length - (near.indexOf(row) >= 0 ? 1 : 0);
  };

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
