/*
 * mapviewer page: how precise a location is, drawn as it is. A point site whose precision class has a
 * radius (data.precisions, from mapviewer/core/pagecodes.py: approximate points, regions given as a
 * point) is drawn as a hollow dashed marker (mv-points.js) inside a dashed circle of that radius, once
 * the circle is larger than the marker; its popup says how precise the location is and why (the site's
 * coord_source: in the data of an exported page, asked of the host's bridge.siteSource otherwise).
 *
 * Scale: circles are drawn on the point layer's canvas, one path per colour, only for drawn points
 * whose circle shows beyond their marker (at a country's zoom a 15 km circle is smaller than the
 * marker), never in a crowded view (level of detail on: there the hollow markers say it) and at most
 * MAX_CIRCLES per redraw; dashed only while few (a dashed stroke costs several times a plain one).
 */
(function () {
  'use strict';

  var I = window.mvInternal;
  var el = I.el;

  var MAX_CIRCLES = 1500;
  var MAX_DASHED = 300;
  var EARTH = 40075016.686;  // m, the equator: Web Mercator's metres per pixel are EARTH * cos(lat) / S
  var radiusM = null;        // Float32Array per site row: the uncertainty radius in m (0: exact, or an area)
  var sources = new Map();   // row -> { coord_source, note } from the host

  function precisionOf(row) {
    var table = I.data.precisions || [];
    var id = I.data.sites.precision[row];
    for (var k = 0; k < table.length; k++) if (table[k].id === id) return table[k];
    return null;
  }

  // A site's own radius (data.sites.radius: row -> km, a place located only by an article's text), else its class's.
  function ownRadius(row) {
    var own = I.data.sites.radius;
    return own ? Number(own[row]) || 0 : 0;
  }

  function prepare() {
    var n = I.n, isArea = I.isArea, table = I.data.precisions || [], column = I.data.sites.precision;
    var km = new Map();
    table.forEach(function (p) { km.set(p.id, Number(p.radius_km) || 0); });
    radiusM = new Float32Array(n);
    var approx = I.approximate = new Uint8Array(n);
    for (var r = 0; r < n; r++) {
      if (isArea[r]) continue;
      var m = (ownRadius(r) || km.get(column[r]) || 0) * 1000;
      radiusM[r] = m;
      approx[r] = m > 0 ? 1 : 0;
    }
  }

  // Before the markers: the circles of the drawn uncertain points (`order[0 .. drawn)` index the entries).
  I.drawUncertainty = function (ctx, scale, rows, xs, ys, order, drawn, S) {
    if (!radiusM || radiusM.length !== I.n) prepare();
    var mx = I.mx, my = I.my, rad = I.rad, lat = I.data.sites.lat, weakest = I.data.certainties.length - 1;
    var v = I.pointView;
    if (v.k > I.LOD_MIN) return;
    var byColour = [];
    var count = 0;
    for (var d = 0; d < drawn && count < MAX_CIRCLES; d++) {
      var row = rows[order[d]];
      var m = radiusM[row];
      if (!m) continue;
      var px = m * S / (EARTH * Math.cos(lat[row] * Math.PI / 180));
      if (px <= rad[row] + 2 || px > 20000) continue;
      var x = Math.round(mx[row] * S) - v.ox, y = Math.round(my[row] * S) - v.oy;  // the true point, also when spread
      var colour = I.best[row] === 255 ? weakest : I.best[row];
      (byColour[colour] || (byColour[colour] = [])).push(x * scale, y * scale, px * scale);
      count++;
    }
    if (!count) return;
    ctx.save();
    ctx.lineWidth = (count <= MAX_DASHED ? 2 : 1.5) * scale;
    if (count <= MAX_DASHED) ctx.setLineDash([7 * scale, 4 * scale]);
    byColour.forEach(function (list, colour) {
      if (!list) return;
      ctx.beginPath();
      for (var k = 0; k < list.length; k += 3) {
        ctx.moveTo(list[k] + list[k + 2], list[k + 1]);
        ctx.arc(list[k], list[k + 1], list[k + 2], 0, Math.PI * 2);
      }
      ctx.fillStyle = ctx.strokeStyle = I.data.certainties[colour].colour;
      ctx.globalAlpha = 0.1;
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.stroke();
    });
    ctx.restore();
  };

  // The popup's lines on the location: its precision class, what that means, and where it comes from.
  I.precisionNode = function (row) {
    var s = I.data.sites;
    var p = precisionOf(row);
    var box = el('div', 'mv-precision');
    var head = el('div', 'mv-precision-head', 'Location ' + (p ? p.label.toLowerCase() : s.precision[row]));
    if (p && I.isArea[row] && p.area) {
      head.appendChild(document.createTextNode(' — ' + p.area));
    } else if (ownRadius(row) || (p && p.radius_km)) {
      head.appendChild(document.createTextNode(' — within about ' + (ownRadius(row) || p.radius_km) + ' km (dashed circle)'));
    }
    box.appendChild(head);
    if (p && p.help) head.title = p.help;
    // Two lines at most (a popup is at most half the map: its passages come first), the whole on a click or Enter.
    var why = el('div', 'mv-precision-why');
    why.tabIndex = 0;
    var toggle = function () { why.classList.toggle('mv-expanded'); };
    why.addEventListener('click', toggle);
    why.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(); } });
    box.appendChild(why);
    var show = function (src) {
      why.textContent = src && src.coord_source ? 'Coordinates: ' + src.coord_source : '';
      why.title = why.textContent ? why.textContent + ' (click to show it all)' : '';
    };
    if (s.coord_source) {
      show({ coord_source: s.coord_source[row] });
    } else if (sources.has(row)) {
      show(sources.get(row));
    } else if (I.bridge && I.bridge.siteSource) {
      why.textContent = 'Coordinates: …';
      I.bridge.siteSource(s.id[row], function (raw) {
        var src = {};
        try { src = JSON.parse(raw || '{}') || {}; } catch (e) { src = {}; }
        sources.set(row, src);
        show(src);
      });
    }
    return box;
  };
})();
