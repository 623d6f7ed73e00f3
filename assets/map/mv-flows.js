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
 *
 * Cost: the filter only decodes the bitmask; the redraw comes in the next frame, with the points'. It
 * projects precomputed Web Mercator points, strokes one path per (colour, width, dash) and fills one per
 * colour (a few canvas calls for thousands of flows), and draws once the curves that would coincide; a
 * click samples the curves then, not at every draw.
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
  var key = null;         // the layer box's line about arrows
  var hitCurves = [];     // per drawn flow: [index, its curves [ax, ay, cx, cy, bx, by, …] in layer px, width]
  var SAMPLES = 16;

  // The point layer's canvas (mv-points.js), in its own pane, drawing the flows.
  I.FlowLayer = I.PointLayer.extend({
    options: { padding: 0.3, pane: 'mv-flows' },
    _initContainer: function () {
      I.PointLayer.prototype._initContainer.call(this);
      this._container.className = 'mv-flows';
    },
    _update: function () {
      if (this._map._animatingZoom && this._bounds) return;
      L.Renderer.prototype._update.call(this);
      this._scale = I.fitCanvas(this);
      drawFlows();
    }
  });

  function width(q) {
    if (q === null || q === undefined || !(q > 0)) return 1.6;
    return Math.max(1.6, Math.min(8, 1.2 * Math.log(q) / Math.LN10));
  }

  // Mercator x, y in [0, 1] of each flow's points (made once): a draw only scales them to the zoom.
  var merc = [];
  function mercator(path) {
    var maxLat = L.Projection.SphericalMercator.MAX_LATITUDE, out = new Float64Array(path.length * 2);
    for (var k = 0; k < path.length; k++) {
      var lat = Math.max(Math.min(maxLat, path[k][1]), -maxLat), sin = Math.sin(lat * Math.PI / 180);
      out[2 * k] = 0.5 + path[k][0] / 360;
      out[2 * k + 1] = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
    }
    return out;
  }

  var drawPending = false;
  function scheduleDraw() {
    if (drawPending) return;
    drawPending = true;
    requestAnimationFrame(function () { if (drawPending) drawFlows(); });
  }

  // Every shown flow, batched: one stroke per (colour, width, dash) and one fill per colour, whatever the
  // count; flows with the same ends, bend and style are one curve on screen and drawn once.
  function drawFlows() {
    drawPending = false;
    if (!layer || !layer._map || !flows) return;
    var map = I.map, ctx = layer._ctx, scale = layer._scale || 1, b = layer._bounds;
    var t0 = performance.now();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, layer._container.width, layer._container.height);
    ctx.setTransform(scale, 0, 0, scale, -b.min.x * scale, -b.min.y * scale);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    hitCurves = [];
    var certainties = I.data.certainties, weakest = certainties.length - 1;
    var S = map.options.crs.scale(map.getZoom()), origin = map.getPixelOrigin();
    var order = [];
    for (var f = 0; f < nf; f++) if (flowOn[f] && merc[f].length >= 4) order.push(f);
    order.sort(function (a, c) { return (flows.quantity[c] || 0) - (flows.quantity[a] || 0) || a - c; });
    var sharing = new Map(), seen = new Set(), strokes = new Map(), heads = new Map(), unique = 0;
    for (var o = 0; o < order.length; o++) {
      var i = order[o], m = merc[i], n = m.length / 2;
      var ends = m[0] + ',' + m[1] + '>' + m[2 * n - 2] + ',' + m[2 * n - 1];
      var nth = sharing.get(ends) || 0;
      sharing.set(ends, nth + 1);
      var slot = Math.min(nth, 7);  // beyond eight fanned out, the curves stack
      var curve = 0.14 + 0.05 * slot;
      var cert = flows.certainty[i] < certainties.length ? flows.certainty[i] : weakest;
      var w = Math.round(width(flows.quantity[i]) * 2) / 2;
      var dashed = flows.quantity[i] ? 0 : 1;
      var segs = new Float64Array((n - 1) * 6);
      for (var k = 0; k + 1 < n; k++) {
        var ax = m[2 * k] * S - origin.x, ay = m[2 * k + 1] * S - origin.y;
        var bx = m[2 * k + 2] * S - origin.x, by = m[2 * k + 3] * S - origin.y;
        segs[6 * k] = ax; segs[6 * k + 1] = ay;
        segs[6 * k + 2] = (ax + bx) / 2 - (by - ay) * curve; segs[6 * k + 3] = (ay + by) / 2 + (bx - ax) * curve;
        segs[6 * k + 4] = bx; segs[6 * k + 5] = by;
      }
      hitCurves.push([i, segs, w]);
      var style = cert + '|' + w + '|' + dashed;
      var key = ends + '|' + slot + '|' + style;
      if (seen.has(key)) continue;
      seen.add(key);
      unique++;
      if (!strokes.has(style)) strokes.set(style, []);
      strokes.get(style).push(segs);
      if (!heads.has(cert)) heads.set(cert, []);
      heads.get(cert).push([segs, w]);
    }
    ctx.globalAlpha = 0.85;
    strokes.forEach(function (list, style) {
      var parts = style.split('|');
      ctx.strokeStyle = certainties[+parts[0]].colour;
      ctx.lineWidth = +parts[1];
      ctx.setLineDash(parts[2] === '1' ? [6, 4] : []);
      ctx.beginPath();
      for (var j = 0; j < list.length; j++) {
        var sg = list[j];
        for (var q = 0; q < sg.length; q += 6) {
          ctx.moveTo(sg[q], sg[q + 1]);
          ctx.quadraticCurveTo(sg[q + 2], sg[q + 3], sg[q + 4], sg[q + 5]);
        }
      }
      ctx.stroke();
    });
    ctx.setLineDash([]);
    ctx.globalAlpha = 0.95;
    ctx.lineWidth = 1;
    ctx.strokeStyle = '#ffffff';
    heads.forEach(function (list, cert) {  // arrowheads along each curve's tangent at its end, clear of a marker there
      ctx.fillStyle = certainties[cert].colour;
      ctx.beginPath();
      for (var j = 0; j < list.length; j++) {
        var sg = list[j][0], hw = list[j][1], q = sg.length - 6;
        var dx = sg[q + 4] - sg[q + 2], dy = sg[q + 5] - sg[q + 3];
        var len = Math.sqrt(dx * dx + dy * dy) || 1, ux = dx / len, uy = dy / len;
        var tipX = sg[q + 4] - ux * 9, tipY = sg[q + 5] - uy * 9, head = 9 + hw * 1.5;
        ctx.moveTo(tipX, tipY);
        ctx.lineTo(tipX - ux * head - uy * head * 0.55, tipY - uy * head + ux * head * 0.55);
        ctx.lineTo(tipX - ux * head + uy * head * 0.55, tipY - uy * head - ux * head * 0.55);
        ctx.closePath();
      }
      ctx.fill();
      ctx.stroke();
    });
    ctx.globalAlpha = 1;
    I.mv.lastFlowDraw = { ms: performance.now() - t0, drawn: order.length, curves: unique };
  }

  I.setFlows = function (cols) {
    flows = cols && cols.id ? cols : null;
    nf = flows ? flows.id.length : 0;
    flowOn = new Uint8Array(nf).fill(1);
    merc = flows ? flows.path.map(mercator) : [];
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
      // What an arrow says, in the layer's own box (the legend keeps its size: views fitted clear of it stay as they were).
      var box = control.getContainer().querySelector('.leaflet-control-layers-overlays');
      if (box) {
        key = el('div', 'mv-flows-key', 'width: quantity · colour: certainty · dashed: no number');
        box.appendChild(key);
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
    scheduleDraw();  // with the points' redraw, in the next frame
    if (I.openSite >= 0 && I.siteOn[I.openSite]) I.refreshPopup(I.openSite);
    return JSON.stringify({ flows: shown });
  };

  // The flow within reach of a layer point (the last drawn, topmost, first), or -1: each curve sampled now.
  function flowAt(p) {
    var best = -1, bestD = Infinity;
    for (var h = hitCurves.length - 1; h >= 0; h--) {
      var sg = hitCurves[h][1], reach = hitCurves[h][2] / 2 + 5;
      for (var q = 0; q < sg.length; q += 6) {
        var px = sg[q], py = sg[q + 1];
        for (var s = 1; s <= SAMPLES; s++) {
          var t = s / SAMPLES, u = 1 - t;
          var x = u * u * sg[q] + 2 * u * t * sg[q + 2] + t * t * sg[q + 4];
          var y = u * u * sg[q + 1] + 2 * u * t * sg[q + 3] + t * t * sg[q + 5];
          var dx = x - px, dy = y - py;
          var tt = dx || dy ? Math.max(0, Math.min(1, ((p.x - px) * dx + (p.y - py) * dy) / (dx * dx + dy * dy))) : 0;
          var ex = px + tt * dx - p.x, ey = py + tt * dy - p.y;
          var d = Math.sqrt(ex * ex + ey * ey);
          if (d <= reach && d < bestD) { bestD = d; best = hitCurves[h][0]; }
          px = x; py = y;
        }
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
    if (drawPending) drawFlows();
    var h = hitCurves.filter(function (c) { return c[0] === i; })[0];
    var sg = h && h[1];  // the first curve's middle: (a + 2 c + b) / 4
    var mid = sg ? I.map.layerPointToLatLng(L.point((sg[0] + 2 * sg[2] + sg[4]) / 4, (sg[1] + 2 * sg[3] + sg[5]) / 4))
      : L.latLng(flows.path[i][0][1], flows.path[i][0][0]);
    L.popup(I.POPUP_OPTIONS).setLatLng(mid).setContent(flowPopup(i)).openOn(I.map);
    return true;
  };
})();
