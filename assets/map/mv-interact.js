/*
 * mapviewer page: the keyboard's way onto the map and the host's questions about a spot. escape() undoes
 * one thing on the map per call: the open popup (the topmost), then a measurement, then a spread group (the
 * host's Esc; mv-keys.js says who owns the key). whatIsAt answers the host's context
 * menu: the place and the point site under a pixel. Popups open clear of the zoom buttons and the
 * legend (popupFits, before each opens).
 */
(function () {
  'use strict';

  var I = window.mvInternal;

  I.escape = function () {
    var map = I.map;
    if (!map) return '';
    if (map._popup && map.hasLayer(map._popup)) {
      var inPopup = map._popup.getElement() && map._popup.getElement().contains(document.activeElement);
      map.closePopup();
      if (inPopup) map.getContainer().focus({ preventScroll: true });  // the focus was on a link of it: back to the map
      return 'popup';
    }
    if (I.stopMeasure && I.stopMeasure()) return 'measure';
    if (I.unspread && I.unspread()) return 'spread';
    return '';
  };

  // The keyboard's way onto the map (the host's Go to → Map, Ctrl+3): the map's own element takes the focus,
  // so Leaflet's keys work at once (arrows pan, + and - zoom). The map shows a ring ('mv-keys', mapviewer.css)
  // while it has the focus from the keyboard (this, or Tab from the window); a mouse press takes it away.
  var pressing = false;
  I.focusMap = function () {
    if (!I.map) return false;
    var box = I.map.getContainer();
    box.classList.add('mv-keys');
    box.focus({ preventScroll: true });
    return document.activeElement === box;
  };

  document.addEventListener('mousedown', function () {
    pressing = true;
    if (I.map) I.map.getContainer().classList.remove('mv-keys');
  }, true);
  document.addEventListener('mouseup', function () { pressing = false; }, true);
  document.addEventListener('focusin', function (e) {
    if (I.map && !pressing && e.target === I.map.getContainer()) e.target.classList.add('mv-keys');
  }, true);

  // JSON {lat, lng, zoom, site, name}: the map position at container pixel (x, y) and the point site
  // whose marker is there (null: none).
  I.whatIsAt = function (x, y) {
    var map = I.map;
    if (!map || !I.data) return JSON.stringify(null);
    var cp = L.point(Number(x) || 0, Number(y) || 0);
    var ll = map.wrapLatLng(map.containerPointToLatLng(cp));
    var row = I.hitTest(map.containerPointToLayerPoint(cp));
    return JSON.stringify({
      lat: ll.lat, lng: ll.lng, zoom: map.getZoom(),
      site: row >= 0 ? I.data.sites.id[row] : null,
      name: row >= 0 ? I.data.sites.name[row] : null
    });
  };

  // Popup options for the map's size now: auto-pan keeps the popup clear of the controls at the top (the zoom
  // buttons, the Flows box) and the legend (bottom right: its width or its height is reserved, whichever costs
  // the map less); its size is at most a share of the map's (POPUP_SHARE: a map narrowed by the reader is not
  // half covered) and its height fits what is left: a longer popup scrolls inside.
  var CHROME_X = 50;  // a popup's width beyond its content's: Leaflet's margins (20 + 24) and border, and slack
  var POPUP_SHARE = { x: 0.45, y: 0.5 };
  I.popupFits = function (options) {
    var map = I.map, size = map.getSize();
    var box = map.getContainer().getBoundingClientRect();
    var tl = [12, 12], br = [12, 12];
    var zoom = map.zoomControl && map.zoomControl.getContainer();
    if (zoom && zoom.offsetWidth) {
      var z = zoom.getBoundingClientRect();
      tl = [Math.round(z.right - box.left) + 8, Math.round(z.bottom - box.top) + 8];
    }
    map.getContainer().querySelectorAll('.leaflet-top .leaflet-control').forEach(function (c) {
      if (c.offsetWidth) tl[1] = Math.max(tl[1], Math.round(c.getBoundingClientRect().bottom - box.top) + 8);
    });
    var legend = I.legend && I.legend.getContainer();
    if (legend && legend.offsetWidth) {
      var g = legend.getBoundingClientRect();
      var w = Math.round(box.right - g.left) + 8, h = Math.round(box.bottom - g.top) + 8;
      // Beside the legend only while a popup of the least width still fits there (a map narrowed by the docks).
      var besides = size.x - tl[0] - w - CHROME_X >= 300;
      br = besides && (w / size.x < h / size.y || size.y - tl[1] - h - 70 < 160) ? [w, 12] : [12, h];
    }
    options.autoPanPaddingTopLeft = tl;
    options.autoPanPaddingBottomRight = br;
    options.maxHeight = Math.max(160, Math.min(380, size.y * POPUP_SHARE.y - 40, size.y - tl[1] - br[1] - 70));
    options.maxWidth = Math.max(240, Math.min(420, size.x * POPUP_SHARE.x - CHROME_X, size.x - tl[0] - br[0] - CHROME_X));
    options.minWidth = Math.min(300, options.maxWidth);
    return options;
  };
})();
