/*
 * mapviewer page: measuring a distance. startMeasure(lat, lng) (the host's context menu "Measure from
 * here", or its Measure action with no point: the first click sets it) begins a path; every click on
 * the map adds a point; the great-circle length of the path (haversine, km) shows beside its last
 * point, and a dashed line follows the mouse with the length it would add. Escape (the page's key, or
 * the host's escape()) ends it and removes the path. Segments are drawn along the great circle.
 */
(function () {
  'use strict';

  var I = window.mvInternal;

  var R_KM = 6371.0088;  // mean Earth radius (IUGG)
  var measure = null;    // { points: [L.LatLng], line, rubber, dots: L.LayerGroup, tip }

  function rad(d) { return d * Math.PI / 180; }

  // Great-circle distance in km between two L.LatLng (haversine).
  I.greatCircleKm = function (a, b) {
    var dLat = rad(b.lat - a.lat), dLng = rad(b.lng - a.lng);
    var h = Math.sin(dLat / 2) * Math.sin(dLat / 2) +
      Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
    return 2 * R_KM * Math.asin(Math.min(1, Math.sqrt(h)));
  };

  // Points along the great circle from a to b (spherical interpolation), for drawing.
  function arc(a, b) {
    var d = I.greatCircleKm(a, b) / R_KM;
    var steps = Math.max(1, Math.min(64, Math.ceil(d / 0.02)));
    if (d < 1e-9) return [a, b];
    var p1 = rad(a.lat), l1 = rad(a.lng), p2 = rad(b.lat), l2 = rad(b.lng);
    var out = [];
    var lastLng = a.lng;
    for (var i = 0; i <= steps; i++) {
      var f = i / steps;
      var A = Math.sin((1 - f) * d) / Math.sin(d), B = Math.sin(f * d) / Math.sin(d);
      var x = A * Math.cos(p1) * Math.cos(l1) + B * Math.cos(p2) * Math.cos(l2);
      var y = A * Math.cos(p1) * Math.sin(l1) + B * Math.cos(p2) * Math.sin(l2);
      var z = A * Math.sin(p1) + B * Math.sin(p2);
      var lng = Math.atan2(y, x) * 180 / Math.PI;
      while (lng - lastLng > 180) lng -= 360;  // continuous across the antimeridian
      while (lng - lastLng < -180) lng += 360;
      lastLng = lng;
      out.push(L.latLng(Math.atan2(z, Math.sqrt(x * x + y * y)) * 180 / Math.PI, lng));
    }
    return out;
  }

  function pathKm(points) {
    var km = 0;
    for (var i = 1; i < points.length; i++) km += I.greatCircleKm(points[i - 1], points[i]);
    return km;
  }

  I.formatKm = function (km) {
    return (km < 10 ? km.toFixed(2) : km < 1000 ? km.toFixed(1) : Math.round(km).toLocaleString('en-GB')) + ' km';
  };

  function pane() {
    var map = I.map;
    if (!map.getPane('mv-measure')) map.createPane('mv-measure').style.zIndex = 640;  // above labels and markers, under popups
    return 'mv-measure';
  }

  function redraw() {
    var m = measure, pts = m.points;
    var line = [];
    for (var i = 1; i < pts.length; i++) line = line.concat(arc(pts[i - 1], pts[i]));
    m.line.setLatLngs(line.length ? line : pts);
    m.dots.clearLayers();
    pts.forEach(function (p) {
      L.circleMarker(p, { pane: m.pane, renderer: m.renderer, radius: 4, weight: 2, color: '#1d2430', fillColor: '#ffffff', fillOpacity: 1, interactive: false }).addTo(m.dots);
    });
    var last = pts[pts.length - 1];
    var text = pts.length < 2 ? 'Click the map to measure (Esc ends)' : I.formatKm(pathKm(pts)) + ' · click to add a point, Esc ends';
    if (last) {
      m.tip.setLatLng(last).setContent(text);
      if (!I.map.hasLayer(m.tip)) m.tip.addTo(I.map);
    }
    L.DomUtil.addClass(I.map.getContainer(), 'mv-measuring');
  }

  I.isMeasuring = function () { return !!measure; };

  I.startMeasure = function (lat, lng) {
    I.stopMeasure();
    if (I.unspread) I.unspread();
    var map = I.map;
    var p = pane();
    var renderer = L.svg({ pane: p });
    measure = {
      points: [],
      pane: p,
      renderer: renderer,
      line: L.polyline([], { pane: p, renderer: renderer, color: '#1d2430', weight: 3, opacity: 0.9, interactive: false }).addTo(map),
      rubber: L.polyline([], { pane: p, renderer: renderer, color: '#1d2430', weight: 2, opacity: 0.7, dashArray: '6 5', interactive: false }).addTo(map),
      dots: L.layerGroup().addTo(map),
      tip: L.tooltip({ permanent: true, direction: 'auto', offset: [0, 0], className: 'mv-measure-tip', pane: 'tooltipPane' })
    };
    L.DomUtil.addClass(map.getContainer(), 'mv-measuring');
    // Quick clicks add points: they must not zoom in as a double click.
    measure.dblZoom = !!(map.doubleClickZoom && map.doubleClickZoom.enabled());
    if (measure.dblZoom) map.doubleClickZoom.disable();
    if (typeof lat === 'number' && typeof lng === 'number' && isFinite(lat) && isFinite(lng)) {
      measure.points.push(L.latLng(lat, lng));
      redraw();
    }
    return true;
  };

  I.measureClick = function (latlng) {
    if (!measure) return;
    measure.points.push(L.latLng(latlng.lat, latlng.lng));
    measure.rubber.setLatLngs([]);
    redraw();
  };

  I.measureMove = function (latlng) {
    var m = measure;
    if (!m || !m.points.length) return;
    var last = m.points[m.points.length - 1];
    m.rubber.setLatLngs(arc(last, latlng));
    var km = pathKm(m.points) + I.greatCircleKm(last, latlng);
    m.tip.setContent(I.formatKm(km) + ' · click to add a point, Esc ends');
  };

  I.stopMeasure = function () {
    if (!measure) return false;
    var map = I.map;
    [measure.line, measure.rubber, measure.dots, measure.tip].forEach(function (l) { if (map.hasLayer(l)) map.removeLayer(l); });
    if (measure.dblZoom) map.doubleClickZoom.enable();
    measure = null;
    L.DomUtil.removeClass(map.getContainer(), 'mv-measuring');
    return true;
  };

  // JSON {active, points: [[lat, lng]…], km}: what is measured now.
  I.measureState = function () {
    if (!measure) return JSON.stringify({ active: false, points: [], km: 0 });
    return JSON.stringify({
      active: true,
      points: measure.points.map(function (p) { return [p.lat, p.lng]; }),
      km: pathKm(measure.points),
      label: measure.tip && measure.tip.getElement() ? measure.tip.getElement().textContent : ''
    });
  };
})();
