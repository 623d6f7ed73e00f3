/*
 * mapviewer page: site labels. At zoom 3 and more, the open popup's site and then the most mentioned
 * shown points get a label where it collides with none placed before (a grid of placed boxes), at most
 * labelCap of them; the DOM nodes are pooled. Font and height match .mv-label in mapviewer.css.
 * A spread group's markers are labelled first, at their offsets. Unless the view is crowded (level of
 * detail on), a label never covers another marker: a click there would open that marker, not the
 * site the label names.
 */
(function () {
  'use strict';

  var I = window.mvInternal;

  var labelPool = [];
  var labelsShown = 0;
  var measureCtx = null;

  function measuring() {
    if (!measureCtx) {
      measureCtx = document.createElement('canvas').getContext('2d');
      measureCtx.font = I.LABEL_FONT;
    }
    return measureCtx;
  }

  function labelW(row) {
    var labelWidth = I.labelWidth;
    if (!labelWidth[row]) {
      labelWidth[row] = Math.ceil(measuring().measureText(I.data.sites.name[row]).width) + 8 + 2;  // padding 0 4px, slack
    }
    return labelWidth[row];
  }

  // Place the labels for the view at `zoom` (the point layer's bounds `b`); returns how many are shown.
  I.placeLabels = function (zoom, b) {
    var placed = 0;
    if (zoom >= 3) {
      var map = I.map, siteOn = I.siteOn, isArea = I.isArea, mx = I.mx, my = I.my, rad = I.rad;
      var names = I.data.sites.name, LABEL_H = I.LABEL_H, openSite = I.openSite;
      var byMentions = I.byMentions, labelCap = I.labelCap;
      var size = map.getSize();
      var topLeft = map.containerPointToLayerPoint([-size.x * 0.1, -size.y * 0.1]);
      var x0 = topLeft.x, y0 = topLeft.y, x1 = x0 + size.x * 1.2, y1 = y0 + size.y * 1.2;
      var S = map.options.crs.scale(zoom);
      var origin = map.getPixelOrigin();
      var CELL = 64;
      var cols = Math.ceil((x1 - x0) / CELL) + 8;
      var grid = [];
      var collides = function (left, top, right, bottom) {
        var gx0 = Math.floor((left - x0) / CELL) + 1, gx1 = Math.floor((right - x0) / CELL) + 1;
        var gy0 = Math.floor((top - y0) / CELL) + 1, gy1 = Math.floor((bottom - y0) / CELL) + 1;
        for (var gy = gy0; gy <= gy1; gy++) {
          for (var gx = gx0; gx <= gx1; gx++) {
            var list = grid[gy * cols + gx];
            if (!list) continue;
            for (var q = 0; q < list.length; q++) {
              var o = list[q];
              if (left < o[2] && right > o[0] && top < o[3] && bottom > o[1]) return true;
            }
          }
        }
        return false;
      };
      var viewLeft = map.containerPointToLayerPoint([0, 0]).x, viewRight = viewLeft + size.x;
      var avoidPoints = I.pointView.k <= I.LOD_MIN;  // not crowded: labels avoid markers and count the hidden ones
      var tryPlace = function (row, forced) {
        if (!siteOn[row] || isArea[row]) return;
        var x = Math.round(mx[row] * S) - origin.x;
        var y = Math.round(my[row] * S) - origin.y;
        var off = I.spreadOffset(row);
        if (off) { x += off[0]; y += off[1]; }
        if (x < x0 || x > x1 || y < y0 || y > y1) return;
        var left = x + rad[row] + 2;
        var top = y - LABEL_H / 2;
        var bottom = top + LABEL_H;
        var right;
        var more = -1;  // markers hidden under this one (counted once the label may fit): "+N" after its name
        var fits = function () {
          // Most candidates collide: reject them on a box the label surely covers before measuring text.
          if (collides(left, top, left + 8 + 3 * names[row].length, bottom)) return false;
          if (more < 0) more = off || !avoidPoints ? 0 : I.pileCount(row, x, y);  // (a crowded view: no counts)
          right = left + labelW(row) + moreW(more);
          if (collides(left, top, right, bottom)) return false;
          return !(avoidPoints && !forced && I.pointInBox(left, top, right, bottom, row, 1, x, y));
        };
        if (!fits()) {
          if (!off) return;
          left = x - rad[row] - 2 - labelW(row);  // a spread marker's label may go on its left (more is 0)
          if (!fits()) return;
        } else if (right > viewRight && x <= viewRight) {
          // The name would run off the map's right edge (cut in a picture, an inset, a narrow window): on the
          // marker's left if that side is free and inside the map, else it stays where it was.
          var kept = left;
          left = x - rad[row] - 2 - labelW(row) - moreW(more);
          if (left < viewLeft || !fits()) {
            left = kept;
            fits();
          }
        }
        var gx0 = Math.floor((left - x0) / CELL) + 1, gx1 = Math.floor((right - x0) / CELL) + 1;
        var gy0 = Math.floor((top - y0) / CELL) + 1, gy1 = Math.floor((bottom - y0) / CELL) + 1;
        var gx, gy, key;
        var box = [left, top, right, bottom];
        for (gy = gy0; gy <= gy1; gy++) {
          for (gx = gx0; gx <= gx1; gx++) {
            key = gy * cols + gx;
            (grid[key] || (grid[key] = [])).push(box);
          }
        }
        // Still over the edge (no room on the left either): the name ends in "…" at the edge (whole in its popup).
        showLabel(placed++, row, left, top, more, right > viewRight ? Math.max(24, viewRight - left - 2) : 0);
      };
      if (openSite >= 0 && !isArea[openSite]) tryPlace(openSite, true);
      var spread = I.spreadRows();
      for (var sp = 0; sp < spread.length; sp++) if (spread[sp] !== openSite) tryPlace(spread[sp], false);
      for (var i = 0; i < byMentions.length && placed < labelCap; i++) {
        if (byMentions[i] !== openSite && !I.spreadOffset(byMentions[i])) tryPlace(byMentions[i], false);
      }
    }
    for (var j = placed; j < labelsShown; j++) L.DomUtil.remove(labelPool[j]);
    labelsShown = placed;
    return placed;
  };

  // Width of the " +N" a label shows after its name when N markers lie under its own (0: none).
  function moreW(n) {
    if (!n) return 0;
    return Math.ceil(measuring().measureText(' +' + n).width) + 1;
  }

  function showLabel(slot, row, left, top, more, maxWidth) {
    var node = labelPool[slot];
    if (!node) node = labelPool[slot] = I.el('div', 'mv-label');
    if (node._row !== row) {
      node.textContent = I.data.sites.name[row];
      node._row = row;
    }
    if (maxWidth) {
      node.style.maxWidth = maxWidth + 'px';
      L.DomUtil.addClass(node, 'mv-cut');
    } else if (node.style.maxWidth) {
      node.style.maxWidth = '';
      L.DomUtil.removeClass(node, 'mv-cut');
    }
    if (more > 0) {  // drawn by CSS (::after): the label's text stays the site's name
      node.setAttribute('data-more', '+' + more);
      node.title = more + (more === 1 ? ' more site' : ' more sites') + ' under this marker: click it to spread them';
    } else if (node.hasAttribute('data-more')) {
      node.removeAttribute('data-more');
      node.removeAttribute('title');
    }
    L.DomUtil.setPosition(node, L.point(left, top));
    if (slot >= labelsShown) I.labelPane.appendChild(node);
  }
})();
