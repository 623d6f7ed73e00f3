/*
 * mapviewer page: the legend (bottom right). One row per certainty of the data (data.certainties: its
 * colour, label and help) with the count of shown sites drawn in it, then the area sample.
 */
(function () {
  'use strict';

  var I = window.mvInternal;

  I.buildLegend = function () {
    var el = I.el;
    var legend = I.legend = L.control({ position: 'bottomright' });
    legend.onAdd = function () {
      var div = el('div', 'mv-legend leaflet-control');
      L.DomEvent.disableClickPropagation(div);
      var title = el('div', 'mv-legend-title', 'Strongest claim at the site');
      var toggle = el('button', 'mv-legend-toggle', '');
      toggle.type = 'button';
      title.appendChild(toggle);
      div.appendChild(title);
      // Collapsed to its title line (a click on it opens it again); kept while filtering, which only updates counts.
      I.setLegendCollapsed = function (collapsed) {
        I.legendCollapsed = !!collapsed;
        div.classList.toggle('mv-legend-collapsed', I.legendCollapsed);
        toggle.textContent = I.legendCollapsed ? '\u25B8' : '\u25BE';
        toggle.title = I.legendCollapsed ? 'Show the legend' : 'Hide the legend (keep this line)';
        toggle.setAttribute('aria-expanded', I.legendCollapsed ? 'false' : 'true');
      };
      title.addEventListener('click', function () { I.setLegendCollapsed(!I.legendCollapsed); });
      I.setLegendCollapsed(I.legendCollapsed);
      I.data.certainties.forEach(function (c) {
        var row = el('div', 'mv-legend-row');
        row.setAttribute('data-certainty', c.id);
        var sw = el('span', 'mv-swatch');
        sw.style.background = c.colour;
        row.appendChild(sw);
        row.appendChild(el('span', 'mv-legend-label', c.label));
        row.appendChild(el('span', 'mv-legend-count', ''));
        row.title = c.help;
        div.appendChild(row);
      });
      var area = el('div', 'mv-legend-row mv-legend-area');
      area.appendChild(el('span', 'mv-swatch mv-swatch-area'));
      area.appendChild(el('span', 'mv-legend-label', 'Area or line (region, zone, canal)'));
      div.appendChild(area);
      div.appendChild(el('div', 'mv-legend-note', 'Marker size: number of passages'));
      return div;
    };
    legend.addTo(I.map);
  };

  // `counts`: shown sites per certainty index.
  I.updateLegend = function (counts) {
    var rows = document.querySelectorAll('.mv-legend-row[data-certainty]');
    for (var k = 0; k < rows.length; k++) {
      rows[k].querySelector('.mv-legend-count').textContent = String(counts[k]);
      rows[k].classList.toggle('mv-legend-empty', counts[k] === 0);
    }
  };
})();
