/*
 * mapviewer page: what is shown. The host's filter arrives as two bitmasks (base64, little-endian bit
 * order) over the data's site and mention rows; one pass works out each site's shown passages, its
 * strongest shown certainty (its colour) and marker size, restyles the areas whose colour changed,
 * and updates the legend, the open popup and the points.
 */
(function () {
  'use strict';

  var I = window.mvInternal;

  I.applyVisibility = function (sitesB64, mentionsB64) {
    var n = I.n, nm = I.nm, siteOn = I.siteOn, mentionOn = I.mentionOn, visCount = I.visCount, best = I.best;
    var mentionSite = I.mentionSite, mentionCert = I.mentionCert, rad = I.rad, radius = I.radius, certainties = I.data.certainties;
    I.decodeBits(sitesB64, siteOn);
    I.decodeBits(mentionsB64, mentionOn);
    I.unspread();  // a spread group is of the markers shown before
    visCount.fill(0);
    best.fill(255);
    var passages = 0;
    for (var m = 0; m < nm; m++) {
      if (!mentionOn[m]) continue;
      passages++;
      var s = mentionSite[m];
      visCount[s]++;
      if (mentionCert[m] < best[s]) best[s] = mentionCert[m];
    }
    var counts = certainties.map(function () { return 0; });
    var shown = 0;
    var last = certainties.length - 1;
    for (var i = 0; i < n; i++) {
      if (!siteOn[i]) continue;
      shown++;
      counts[best[i] === 255 ? last : best[i]]++;
      rad[i] = radius(visCount[i]);
    }
    I.passageCount = passages;
    var areaRows = I.areaRows, areaLayers = I.areaLayers, areaOutlines = I.areaOutlines, areaColour = I.areaColour;
    var areaLayer = I.areaLayer, outlineLayer = I.outlineLayer;
    for (var a = 0; a < areaRows.length; a++) {
      var row = areaRows[a];
      var layer = areaLayers[row];
      var outline = areaOutlines[row];
      if (siteOn[row]) {
        if (!areaLayer.hasLayer(layer)) {
          areaLayer.addLayer(layer);
          if (outline) outlineLayer.addLayer(outline);
        }
        var colourIndex = I.strongest(row);
        if (areaColour[row] === colourIndex) continue;  // restyling every area costs a canvas redraw each
        areaColour[row] = colourIndex;
        var style = I.areaStyle(row);
        if (outline) {
          layer.setStyle({ stroke: false, weight: style.weight, fillColor: style.fillColor, fillOpacity: style.fillOpacity });  // hit area and fill
          outline.setStyle({ color: style.color, weight: style.weight, opacity: style.opacity, dashArray: style.dashArray, fill: false });
        } else {
          layer.setStyle(style);
        }
      } else if (areaLayer.hasLayer(layer)) {
        areaLayer.removeLayer(layer);
        if (outline) outlineLayer.removeLayer(outline);
      }
    }
    var openSite = I.openSite;
    if (openSite >= 0) {
      if (!siteOn[openSite]) I.map.closePopup();
      else I.refreshPopup(openSite);
    }
    I.updateLegend(counts);
    I.scheduleRedraw();
    return JSON.stringify({ visible: shown, passages: passages });
  };

  // Zoomed in far, an area (an oblast, a region) covers the whole view and its tint reads as water:
  // the fill fades from zoom 6 to a third at zoom 9 (one style change on the canvas, whatever the count).
  I.fadeAreas = function () {
    var container = I.areaRenderer && I.areaRenderer._container;
    if (!container) return;
    var z = I.map.getZoom();
    container.style.opacity = String(z <= 6 ? 1 : z >= 9 ? 0.35 : 1 - (z - 6) * 0.65 / 3);
  };
})();
