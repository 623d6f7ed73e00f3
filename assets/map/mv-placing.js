/*
 * mapviewer page: placing a site. A draggable pin with its label; every new position (a drag, or a
 * click on the map, see mv-mouse.js) is reported to the host as bridge.placed(lat, lng).
 */
(function () {
  'use strict';

  var I = window.mvInternal;

  var placing = null;

  function reportPlaced() {
    if (!placing) return;
    var ll = placing.getLatLng().wrap();
    var bridge = I.bridge;
    if (bridge && bridge.placed) bridge.placed(ll.lat, ll.lng);
  }

  I.startPlacing = function (label, lat, lng) {
    var map = I.map;
    I.stopPlacing();
    var ll = (lat === null || lat === undefined || lng === null || lng === undefined) ? map.getCenter() : L.latLng(lat, lng);
    var dot = I.el('div', 'mv-place-dot');
    var icon = L.divIcon({ className: 'mv-place-icon', html: dot, iconSize: [22, 22], iconAnchor: [11, 11] });
    placing = L.marker(ll, { icon: icon, draggable: true, autoPan: true, zIndexOffset: 1000 });
    var tip = I.el('span', 'mv-place-text', 'Drag or click the map to place ' + String(label === null || label === undefined ? '' : label));
    placing.bindTooltip(tip, { permanent: true, direction: 'top', offset: [0, -12], className: 'mv-place-tip', interactive: false });
    placing.on('dragend', reportPlaced);
    placing.addTo(map);
    L.DomUtil.addClass(map.getContainer(), 'mv-placing');
    return true;
  };

  I.stopPlacing = function () {
    var map = I.map;
    if (placing) {
      map.removeLayer(placing);
      placing = null;
    }
    if (map) L.DomUtil.removeClass(map.getContainer(), 'mv-placing');
    return true;
  };

  I.placingAt = function () {
    if (!placing) return null;
    var ll = placing.getLatLng().wrap();
    return [ll.lat, ll.lng];
  };

  I.isPlacing = function () {
    return placing !== null;
  };

  // A click on the map while placing: the pin moves there and the host hears of it.
  I.placeAt = function (latlng) {
    placing.setLatLng(latlng);
    I.map.closePopup();
    reportPlaced();
  };
})();
