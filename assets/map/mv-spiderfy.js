/*
 * mapviewer page: overlapping markers spread apart. A click on a marker that others cover (centres
 * within NEAR px at this zoom: the same coordinates, or a few km apart) spreads the group around
 * the clicked one, with a leader line from each marker back to its own true point, instead of opening whichever lies on
 * top; each spread marker has its own label and a click on it opens that site. A click on the empty
 * map, a zoom, a filter change, focusing a site or Escape folds the group again.
 *
 * Offsets are screen pixels from the group's true point, so a pan keeps the group spread. Only the few
 * spread rows cost anything: the point layer asks spreadEntries once per redraw (nothing while none is
 * spread), and the group is found through the point layer's hit grid (mv-points.js).
 */
(function () {
  'use strict';

  var I = window.mvInternal;

  var NEAR = I.NEAR;      // px between centres: markers this close overlap and are spread on a click
  var MAX_LEGS = 60;      // a larger pile is zoomed into instead
  var FOOT = 34;          // px between spread markers (twice the largest radius and a gap)
  var spread = null;      // { row, mx, my, rows: [], dx: [], dy: [] } (row: the one clicked; mx, my its Mercator position)
  var legOf = new Map();  // row -> index in spread.rows

  // The shown points drawn within NEAR px of `row` (itself included), most mentioned first, as of the last redraw.
  I.groupAt = function (row) {
    var map = I.map, S = map.options.crs.scale(map.getZoom()), origin = map.getPixelOrigin();
    var found = I.pointsNear(Math.round(I.mx[row] * S) - origin.x, Math.round(I.my[row] * S) - origin.y, NEAR);
    if (found.indexOf(row) < 0) found.push(row);
    var count = function (r) { return I.siteStart[r + 1] - I.siteStart[r]; };
    found.sort(function (a, b) { return count(b) - count(a) || a - b; });
    return found;
  };

  // Offsets for n markers: a circle for a few (the first at the top), a spiral for more.
  function offsets(n) {
    var dx = [], dy = [], i, angle;
    if (n <= 8) {
      var r = Math.max(30, n * FOOT / (2 * Math.PI));
      for (i = 0; i < n; i++) {
        angle = -Math.PI / 2 + i * 2 * Math.PI / n;
        dx.push(Math.round(r * Math.cos(angle)));
        dy.push(Math.round(r * Math.sin(angle)));
      }
    } else {
      var leg = 26;
      angle = 0;
      for (i = 0; i < n; i++) {
        angle += FOOT / leg + i * 0.0005;
        dx.push(Math.round(leg * Math.cos(angle)));
        dy.push(Math.round(leg * Math.sin(angle)));
        leg += 2 * Math.PI * 5 / angle;
      }
    }
    return { dx: dx, dy: dy };
  }

  I.spreadGroup = function (rows, row) {
    var o = offsets(rows.length);
    spread = { row: row, mx: I.mx[row], my: I.my[row], rows: rows.slice(), dx: o.dx, dy: o.dy };
    legOf = new Map();
    rows.forEach(function (r, k) { legOf.set(r, k); });
    if (I.map.hasLayer(I.popup)) I.map.closePopup(I.popup);
    I.scheduleRedraw();
  };

  I.unspread = function () {
    if (!spread) return false;
    spread = null;
    legOf = new Map();
    I.scheduleRedraw();
    return true;
  };

  I.spreadRows = function () {
    return spread ? spread.rows.slice() : [];
  };

  // A click on marker `row`: spread its group when it has one and is not spread yet (true: done,
  // open nothing); false: open the marker's popup.
  I.spreadClick = function (row) {
    if (spread && legOf.has(row)) return false;
    var group = I.groupAt(row);
    if (group.length < 2) {
      I.unspread();
      return false;
    }
    if (group.length > MAX_LEGS) {
      I.unspread();
      I.map.setView(I.siteLatLng(row), Math.min(I.map.getZoom() + 3, I.map.getMaxZoom()));
      return true;
    }
    I.spreadGroup(group, row);
    return true;
  };

  // [dx, dy] px of a spread row from its group's true point, or null.
  I.spreadOffset = function (row) {
    if (!spread) return null;
    var k = legOf.get(row);
    return k === undefined ? null : [spread.dx[k], spread.dy[k]];
  };

  // Where the marker of `row` is drawn (a spread one at its offset): popups and markerPoint anchor there.
  I.markerLatLng = function (row) {
    var off = I.spreadOffset(row);
    if (!off) return I.siteLatLng(row);
    var map = I.map, S = map.options.crs.scale(map.getZoom());
    var origin = map.getPixelOrigin();
    var p = L.point(spread.mx * S - origin.x + off[0], spread.my * S - origin.y + off[1]);
    return map.layerPointToLatLng(p);
  };

  // The point layer's entries with the spread rows moved to their offsets and to the end (on top);
  // returns the new count. Rows not shown stay out.
  I.spreadEntries = function (rows, xs, ys, k, ox, oy, S) {
    if (!spread) return k;
    var m = 0;
    for (var e = 0; e < k; e++) {
      if (legOf.has(rows[e])) continue;
      rows[m] = rows[e]; xs[m] = xs[e]; ys[m] = ys[e]; m++;
    }
    var cx = Math.round(spread.mx * S) - ox, cy = Math.round(spread.my * S) - oy;
    for (var j = spread.rows.length - 1; j >= 0; j--) {  // the most mentioned last: on top
      var row = spread.rows[j];
      if (!I.siteOn[row]) continue;
      rows[m] = row; xs[m] = cx + spread.dx[j]; ys[m] = cy + spread.dy[j]; m++;
    }
    return m;
  };

  // Leader lines from each spread marker back to its site's true point, and a dot on each true point.
  I.drawLeaders = function (ctx, scale, ox, oy, S) {
    if (!spread) return;
    var mx = I.mx, my = I.my;
    var cx = (Math.round(spread.mx * S) - ox) * scale, cy = (Math.round(spread.my * S) - oy) * scale;
    var shown = spread.rows.filter(function (r) { return I.siteOn[r]; });
    var tx = function (r) { return (Math.round(mx[r] * S) - ox) * scale; };
    var ty = function (r) { return (Math.round(my[r] * S) - oy) * scale; };
    ctx.save();
    ctx.lineWidth = 1.5 * scale;
    ctx.strokeStyle = 'rgba(29, 36, 48, 0.75)';
    ctx.beginPath();
    for (var j = 0; j < spread.rows.length; j++) {
      var row = spread.rows[j];
      if (!I.siteOn[row]) continue;
      ctx.moveTo(tx(row), ty(row));
      ctx.lineTo(cx + spread.dx[j] * scale, cy + spread.dy[j] * scale);
    }
    ctx.stroke();
    ctx.beginPath();
    shown.forEach(function (r) {
      ctx.moveTo(tx(r) + 3.5 * scale, ty(r));
      ctx.arc(tx(r), ty(r), 3.5 * scale, 0, Math.PI * 2);
    });
    ctx.fillStyle = 'rgba(29, 36, 48, 0.9)';
    ctx.fill();
    ctx.strokeStyle = '#ffffff';
    ctx.stroke();
    ctx.restore();
  };

  I.spreadState = function () {
    return spread ? spread.rows.map(function (r) { return I.data.sites.id[r]; }) : [];
  };
})();
