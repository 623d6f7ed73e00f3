/*
 * mapviewer page: the view. Focus a site (fly there, open its popup), fit the shown sites, restore an
 * exact view or a bounding box; where a site's marker is on screen; and the page's state, the one
 * answer the host reads (readiness, counts, visible ids, basemap, view, open popup, errors).
 */
(function () {
  'use strict';

  var I = window.mvInternal;

  // Zoom at which the site's marker stands clear of other visible markers (at least 6, at most 10),
  // so the focused site is not hidden under a neighbour a few kilometres away. Neighbours that are
  // still on top of it at zoom 10 (same coordinates) are ignored: zooming would not separate them.
  function focusZoom(row) {
    var map = I.map, n = I.n, siteOn = I.siteOn, isArea = I.isArea, mx = I.mx, my = I.my;
    var z = Math.max(Math.round(map.getZoom()), 6);
    var S10 = map.options.crs.scale(10);
    var px = mx[row] * S10;
    var py = my[row] * S10;
    var reach = 18 * Math.pow(2, 10 - z);
    var near = [];
    for (var i = 0; i < n; i++) {
      if (i === row || !siteOn[i] || isArea[i]) continue;
      var dx = mx[i] * S10 - px;
      var dy = my[i] * S10 - py;
      if (Math.abs(dx) >= reach || Math.abs(dy) >= reach) continue;
      var d = Math.sqrt(dx * dx + dy * dy);
      if (d >= 18 && d < reach) near.push([dx, dy]);  // offsets at zoom 10
    }
    for (; z < 10; z++) {
      var f = Math.pow(2, z - 10);
      var clear = true;
      for (var k = 0; k < near.length; k++) {
        if (Math.sqrt(near[k][0] * near[k][0] + near[k][1] * near[k][1]) * f < 18) { clear = false; break; }
      }
      if (clear) break;
    }
    return Math.max(z, map.getZoom());
  }

  I.focusSite = function (siteId, passages) {
    var map = I.map;
    I.autoFit = false;
    var row = I.rowOf(siteId);
    if (passages) I.cachePassages(row, passages);
    if (row < 0 || !I.siteOn[row]) return false;
    I.unspread();
    if (!I.isArea[row]) {
      I.frontRow = row;  // above any site at the same coordinates
      map.setView(I.siteLatLng(row), focusZoom(row), { animate: false });
      I.openPointPopup(row);
    } else {
      var layer = I.areaLayers[row];
      map.fitBounds(layer.getBounds(), { padding: [40, 40], maxZoom: 7, animate: false });
      var first = layer.getLayers()[0];
      layer.openPopup(I.siteLatLng(row));
      if (!first) return false;
    }
    return true;
  };

  // A hidden view has no size for Chromium: the window's page got its size only when shown, and then fitted
  // and drew the map (~60 ms of the page's time) before its first frame. The host knows the size before
  // (its layout) and tells it here: the map is laid out and fitted at that size while hidden, and the
  // first frame on screen only composites. The container keeps the size until the page has one of its
  // own (the view shown), then follows it again: the same size moves nothing; another one refits
  // (autoFit), as a window resize does.
  I.presize = function (w, h) {
    var map = I.map, c = map.getContainer();
    if (I.presized || !(w > 0 && h > 0) || (window.innerWidth > 0 && window.innerHeight > 0)) return;
    I.presized = true;
    c.style.width = w + 'px';
    c.style.height = h + 'px';
    map.invalidateSize({ pan: false });
    I.flushFrames();
    var release = function () {
      if (!(window.innerWidth > 0 && window.innerHeight > 0)) return;
      window.removeEventListener('resize', release);
      c.style.width = '';
      c.style.height = '';
      map.invalidateSize();  // the same size: nothing moves; another keeps the centre, as a window resize does
    };
    window.addEventListener('resize', release);
  };

  // What waits for the next animation frame, drawn now while the page is hidden (no frame comes until it is
  // shown): the areas' and outlines' canvases, the basemap's queued tiles and the points. A page laid out
  // before it is shown (presize) then finds its first frame on screen drawn already.
  I.flushFrames = function () {
    if (document.visibilityState !== 'hidden') return;
    [I.areaRenderer, I.outlineRenderer].forEach(function (r) {
      if (!r || !r._map || !r._redrawRequest) return;
      L.Util.cancelAnimFrame(r._redrawRequest);
      r._redraw();
    });
    if (I.offlineBase && I.offlineBase.flush) I.offlineBase.flush();
    I.flushPoints();
  };

  I.fitVisible = function (padding, avoidLegend) {
    // A map not laid out yet (the window loads its page before showing it) has no size: a fit then
    // lands on maxZoom (the padding exceeds the size), which would draw everything, and load the
    // working-zoom basemap, at a zoom nobody sees. The first real size fits the view (autoFit).
    var size = I.map.getSize();
    if (!(size.x > 0 && size.y > 0)) return false;
    var map = I.map, n = I.n, siteOn = I.siteOn, isArea = I.isArea, areaRows = I.areaRows, areaLayers = I.areaLayers;
    var s = 90, w = 180, nn = -90, e = -180, any = false;
    var lat = I.data.sites.lat, lon = I.data.sites.lon;
    for (var i = 0; i < n; i++) {
      if (!siteOn[i] || isArea[i]) continue;
      any = true;
      if (lat[i] < s) s = lat[i];
      if (lat[i] > nn) nn = lat[i];
      if (lon[i] < w) w = lon[i];
      if (lon[i] > e) e = lon[i];
    }
    var bounds = any ? L.latLngBounds([s, w], [nn, e]) : null;
    for (var a = 0; a < areaRows.length; a++) {
      if (!siteOn[areaRows[a]]) continue;
      var bb = areaLayers[areaRows[a]].getBounds();
      if (!bb.isValid()) continue;
      bounds = bounds ? bounds.extend(bb) : L.latLngBounds(bb.getSouthWest(), bb.getNorthEast());
    }
    var p = padding || 30;
    var fit = { padding: [p, p], maxZoom: 7, animate: false };
    var box = avoidLegend && I.legend && I.legend.getContainer();
    if (box) {  // keep sites out from under the legend: reserve its width or its height, whichever costs less
      var size = map.getSize();
      var right = box.offsetWidth / size.x < box.offsetHeight / size.y;
      fit = { paddingTopLeft: [p, p], paddingBottomRight: right ? [p + box.offsetWidth + 10, p] : [p, p + box.offsetHeight + 10], maxZoom: 7, animate: false };
    }
    if (bounds) map.fitBounds(bounds, fit);
    return !!bounds;
  };

  I.setView = function (w, s, e, nn) {
    I.autoFit = false;
    I.map.fitBounds([[s, w], [nn, e]], { animate: false });
  };

  I.setCenterZoom = function (lat, lng, zoom) {
    I.autoFit = false;
    I.map.setView([lat, lng], zoom, { animate: false });
  };

  I.markerPoint = function (siteId) {
    var row = I.rowOf(siteId);
    if (row < 0) return null;
    var p = I.map.latLngToContainerPoint(I.markerLatLng(row));  // where it is drawn (spread: at its offset)
    return JSON.stringify([p.x, p.y]);
  };

  I.state = function () {
    var map = I.map, n = I.n, siteOn = I.siteOn, mv = I.mv;
    var visible = [];
    if (siteOn) for (var i = 0; i < n; i++) if (siteOn[i]) visible.push(I.data.sites.id[i]);
    var c = map ? map.getCenter() : { lat: 0, lng: 0 };
    var open = document.querySelector('.leaflet-popup .mv-popup');
    return JSON.stringify({
      ready: mv.ready,
      leaflet: typeof L !== 'undefined' ? L.version : null,
      sites: n,
      visible: visible,
      passages: I.passageCount,
      basemap: I.currentBase,
      basemapDrawn: !!(I.offlineBase && document.querySelector('.leaflet-pane.leaflet-basemap-pane canvas, .leaflet-basemap-pane canvas')),
      center: [c.lat, c.lng],
      zoom: map ? map.getZoom() : null,
      popup: open ? open.getAttribute('data-site') : null,
      spread: I.spreadState(),
      errors: mv.errors
    });
  };
})();
