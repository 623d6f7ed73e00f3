/*
 * mapviewer page: the mouse on the point layer (its canvas takes no events: the map's are hit-tested
 * through the point layer's grid). A click opens the point's popup (or spreads the markers over it),
 * moves the placing pin, or adds a point to a measurement; hovering a point shows the pointer cursor.
 */
(function () {
  'use strict';

  var I = window.mvInternal;

  var hovering = false;

  I.onClick = function (e) {
    if (I.isPlacing()) {
      I.placeAt(e.latlng);
      return;
    }
    if (I.isMeasuring()) {
      I.measureClick(e.latlng);
      return;
    }
    var row = I.hitTest(e.layerPoint);
    if (row < 0) I.unspread();
    else if (!I.spreadClick(row)) I.openPointPopup(row);  // overlapping markers spread first (mv-spiderfy.js)
  };

  I.onMouseMove = function (e) {
    var map = I.map;
    if (I.isMeasuring()) I.measureMove(e.latlng);
    if (I.isPlacing() || map.dragging && map.dragging.moving() || map._animatingZoom) return;
    var over = I.hitTest(e.layerPoint) >= 0;
    if (over !== hovering) {
      hovering = over;
      L.DomUtil[over ? 'addClass' : 'removeClass'](map.getContainer(), 'mv-pointer');
    }
  };
})();
