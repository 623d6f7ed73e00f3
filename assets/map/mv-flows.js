/*
 * mapviewer page: flows, who or what is sent where. One canvas layer (its own pane, under the points) draws
 * each shown flow as a curved arrow from its origin through its waypoints to its destination: width by
 * quantity (log scale; no stated quantity: the thinnest, dashed), colour by certainty (data.certainties),
 * an arrowhead at the destination. The layer is an overlay of the map's layer control ("Flows"). A click
 * near an arrow (and on no point) opens a popup quoting the passage, written with text nodes.
 *
 * The flows come with the evidence layer (mv-figures.js setEvidence -> I.setFlows: columns id, path,
 * what, quantity, words, certainty, sentence, title, origin, destination); the host's filter arrives as a
 * bitmask over them (mapviewer.applyFlowVisibility), so filtering never reloads anything.
 */
(function () {
  'use strict';

  var I = window.mvInternal;
  var el = I.el;

  var flows = null;       // the columns
  var nf = 0;
  var flowOn = null;      // Uint8Array per flow
  var layer = null;
  var control = null;
  var key = null;         // the legend's line about arrows
  var hitCurves = [];     // per drawn flow: [index, sampled points [x, y, …] in layer px]
  var SAMPLES = 16;

  I.FlowLayer = L.Renderer.extend({
    options: { padding: 0.3, pane: 'mv-flows' },
    _initContainer: function () {
      var container = this._container = document.createElement('canvas');
      container.className = 'mv-flows';
      this._ctx = container.getContext('2d');
    },
    _destroyContainer: function () {
      L.DomUtil.remove(this._container);
      delete this._ctx;
    },
    _update: function () {
      if (this._map._animatingZoom && this._bounds) return;
      L.Renderer.prototype._update.call(this);
      var b = this._bounds, size = b.getSize(), m = L.Browser.retina ? 2 : 1;
      L.DomUtil.setPosition(this._container, b.min);
      if (this._container.width !== m * size.x) this._container.width = m * size.x;
      if (this._container.height !== m * size.y) this._container.height = m * size.y;
      this._container.style.width = size.x + 'px';
      this._container.style.height = size.y + 'px';
      this._scale = m;
      drawFlows();
    }
  });

  function width(q) {
    if (q === null || q === undefined || !(q > 0)) return 1.6;
    return Math.max(1.6, Math.min(8, 1.2 * Math.log(q) / Math.LN10));
  }

  // The control point of the curve from a to b: bent to the left of the way it goes (so A -> B and B -> A
  // part), by `k` (a fraction of its length; flows sharing their ends fan out with growing k).
  function bend(ax, ay, bx, by, k) {
    var dx = bx - ax, dy = by - ay;
    return [(ax + bx) / 2 - dy * k, (ay + by) / 2 + dx * k];
  }

  function drawFlows() {
    if (!layer || !layer._map || !flows) return;
    var map = I.map, ctx = layer._ctx, scale = layer._scale || 1, b = layer._bounds;
    var t0 = performance.now();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, layer._container.width, layer._container.height);
    ctx.setTransform(scale, 0, 0, scale, -b.min.x * scale, -b.min.y * scale);
    ctx.lineCap = 'round';
    hitCurves = [];
    var certainties = I.data.certainties;
    // Thick (large) flows first: thin ones stay visible on top of them.
    var order = [];
    for (var f = 0; f < nf; f++) if (flowOn[f] && flows.path[f].length >= 2) order.push(f);
    order.sort(function (a, c) { return (flows.quantity[c] || 0) - (flows.quantity[a] || 0); });
    var sharing = new Map();  // the flows already drawn between the same ends
    order.forEach(function (i) {
      var path = flows.path[i];
      var ends = String(path[0]) + '>' + String(path[path.length - 1]);
      var nth = sharing.get(ends) || 0;
      sharing.set(ends, nth + 1);
      var curve = 0.14 + 0.05 * nth;
      var pts = path.map(function (p) { return map.latLngToLayerPoint([p[1], p[0]]); });
      var w = width(flows.quantity[i]);
      var cert = certainties[flows.certainty[i]] || certainties[certainties.length - 1];
      ctx.strokeStyle = cert.colour;
      ctx.fillStyle = cert.colour;
      ctx.lineWidth = w;
      ctx.globalAlpha = 0.85;
      ctx.setLineDash(flows.quantity[i] ? [] : [6, 4]);
      var samples = [];
      var last = null;
      for (var k = 0; k + 1 < pts.length; k++) {
        var a = pts[k], c = pts[k + 1];
        var cp = bend(a.x, a.y, c.x, c.y, curve);
        ctx.beginPath();
        ctx.moveTo(a.x, a.y);
        ctx.quadraticCurveTo(cp[0], cp[1], c.x, c.y);
        ctx.stroke();
        for (var s = 0; s <= SAMPLES; s++) {
          var t = s / SAMPLES, u = 1 - t;
          samples.push(u * u * a.x + 2 * u * t * cp[0] + t * t * c.x, u * u * a.y + 2 * u * t * cp[1] + t * t * c.y);
        }
        last = [cp, c];
      }
      ctx.setLineDash([]);
      if (last) {  // the arrowhead, along the curve's tangent at its end, stopping short of the marker
        var end = last[1], dx = end.x - last[0][0], dy = end.y - last[0][1];
        var len = Math.sqrt(dx * dx + dy * dy) || 1;
        var ux = dx / len, uy = dy / len;
        var tipX = end.x - ux * 9, tipY = end.y - uy * 9;  // clear of a marker at the destination
        var head = 9 + w * 1.5;
        ctx.globalAlpha = 0.95;
        ctx.beginPath();
        ctx.moveTo(tipX, tipY);
        ctx.lineTo(tipX - ux * head - uy * head * 0.55, tipY - uy * head + ux * head * 0.55);
        ctx.lineTo(tipX - ux * head + uy * head * 0.55, tipY - uy * head - ux * head * 0.55);
        ctx.closePath();
        ctx.fill();
        ctx.lineWidth = 1;
        ctx.strokeStyle = '#ffffff';
        ctx.stroke();
      }
      hitCurves.push([i, samples, w]);
    });
    ctx.globalAlpha = 1;
    I.mv.lastFlowDraw = { ms: performance.now() - t0, drawn: order.length };
  }

  I.setFlows = function (cols) {
    flows = cols && cols.id ? cols : null;
    nf = flows ? flows.id.length : 0;
    flowOn = new Uint8Array(nf).fill(1);
    var map = I.map;
    if (!layer) {
      map.createPane('mv-flows').style.zIndex = 405;  // over the areas, under the points and their labels
      layer = I.flowLayer = new I.FlowLayer();
      map.addLayer(layer);
      control = L.control.layers(null, { 'Flows (who is sent where)': layer }, { position: 'topright', collapsed: false });
      control.addTo(map);
      map.on('click', onClick);
      map.on('overlayadd overlayremove', function () {
        I.mv.flowsShown = map.hasLayer(layer);
        if (key) key.style.display = I.mv.flowsShown ? '' : 'none';
      });
      I.mv.flowsShown = true;
      var legend = document.querySelector('.mv-legend');
      if (legend) {  // what an arrow says, under the legend's rows
        key = el('div', 'mv-legend-note mv-legend-flows', 'Arrow: a flow, width by quantity, colour by certainty (dashed: no number)');
        legend.appendChild(key);
      }
    }
    drawFlows();
  };

  // The host's filter over the flows; returns JSON {flows: shown}.
  I.applyFlowVisibility = function (b64) {
    if (I.forgetFigures) I.forgetFigures();
    if (!flowOn) return JSON.stringify({ flows: 0 });
    I.decodeBits(b64, flowOn);
    var shown = 0;
    for (var f = 0; f < nf; f++) shown += flowOn[f];
    var t0 = performance.now();
    drawFlows();
    I.mv.lastFlowApply = performance.now() - t0;
    if (I.openSite >= 0 && I.siteOn[I.openSite]) I.refreshPopup(I.openSite);
    return JSON.stringify({ flows: shown });
  };

  // The flow within reach of a layer point (topmost drawn last), or -1.
  function flowAt(p) {
    var best = -1, bestD = Infinity;
    for (var h = hitCurves.length - 1; h >= 0; h--) {
      var s = hitCurves[h][1], reach = hitCurves[h][2] / 2 + 5;
      for (var k = 0; k + 3 < s.length; k += 2) {
        var ax = s[k], ay = s[k + 1], bx = s[k + 2], by = s[k + 3];
        var dx = bx - ax, dy = by - ay;
        var t = dx || dy ? Math.max(0, Math.min(1, ((p.x - ax) * dx + (p.y - ay) * dy) / (dx * dx + dy * dy))) : 0;
        var ex = ax + t * dx - p.x, ey = ay + t * dy - p.y;
        var d = Math.sqrt(ex * ex + ey * ey);
        if (d <= reach && d < bestD) { bestD = d; best = hitCurves[h][0]; }
      }
    }
    return best;
  }

  function flowPopup(i) {
    var data = I.data;
    var root = el('div', 'mv-popup mv-flow-popup');
    root.setAttribute('data-flow', flows.id[i]);
    var head = el('div', 'mv-popup-head');
    head.appendChild(el('div', 'mv-name', flows.origin[i] + ' → ' + flows.destination[i]));
    head.appendChild(el('div', 'mv-meta', flows.what[i] + (flows.words[i] ? ' · ' + flows.words[i] : '')));
    root.appendChild(head);
    root.appendChild(el('blockquote', 'mv-quote', flows.sentence[i]));
    root.appendChild(el('div', 'mv-cite', flows.title[i]));
    var cert = data.certainties[flows.certainty[i]];
    if (cert) {
      var badge = el('span', 'mv-badge mv-certainty', cert.label);
      badge.style.background = cert.colour;
      badge.title = cert.help;
      var badges = el('div', 'mv-badges');
      badges.appendChild(badge);
      root.appendChild(badges);
    }
    return root;
  }

  function onClick(e) {
    if (!layer || !I.map.hasLayer(layer) || (I.isPlacing && I.isPlacing())) return;
    if (I.hitTest(e.layerPoint) >= 0) return;  // a point's popup wins
    var i = flowAt(e.layerPoint);
    if (i < 0) return;
    L.popup(I.POPUP_OPTIONS).setLatLng(e.latlng).setContent(flowPopup(i)).openOn(I.map);
  }

  // For the host and tests: open the popup of the flow with this id at its middle; false if not shown.
  I.openFlow = function (flowId) {
    if (!flows) return false;
    var i = flows.id.indexOf(String(flowId));
    if (i < 0 || !flowOn[i] || flows.path[i].length < 2) return false;
    var h = hitCurves.filter(function (c) { return c[0] === i; })[0];
    var mid = h ? I.map.layerPointToLatLng(L.point(h[1][SAMPLES], h[1][SAMPLES + 1])) : L.latLng(flows.path[i][0][1], flows.path[i][0][0]);
    L.popup(I.POPUP_OPTIONS).setLatLng(mid).setContent(flowPopup(i)).openOn(I.map);
    return true;
  };
})();
