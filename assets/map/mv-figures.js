/*
 * mapviewer page: figures. The evidence layer's data (mapviewer.setEvidence, built by
 * mapviewer/core/figure_view.py page_evidence) says which sites' sources give different figures for one
 * subject: their markers get a small badge (drawn by the point layer's redraw through I.drawBadges, one
 * pre-rendered sprite, only for drawn markers: cheap at any count), and a site's popup gets a compact
 * "Figures" section: each subject's figures from each source side by side, with certainty and a link to
 * the passage. The section's rows come with the data (a standalone export: evidence.figures) or from the
 * host (bridge.siteFigures(siteId) answers the JSON of one site's view, for the window's current filter).
 * Every string is written with text nodes.
 */
(function () {
  'use strict';

  var I = window.mvInternal;
  var el = I.el;

  I.evidence = null;      // page_evidence: {disagree: [site rows], flows: {...}, figures: {siteId: view}}
  I.disagree = null;      // Uint8Array per site row: sources disagree there
  var figureCache = new Map();  // site row -> view from the host, for the filter last applied

  I.setEvidence = function (evidence) {
    var ev = typeof evidence === 'string' ? JSON.parse(evidence) : evidence;
    if (!ev || !I.data) return false;
    I.evidence = ev;
    var disagree = I.disagree = new Uint8Array(I.n);
    (ev.disagree || []).forEach(function (row) { if (row >= 0 && row < I.n) disagree[row] = 1; });
    figureCache.clear();
    if (I.setFlows) I.setFlows(ev.flows);
    if (I.openSite >= 0) I.refreshPopup(I.openSite);
    I.scheduleRedraw();
    return true;
  };

  I.forgetFigures = function () { figureCache.clear(); };

  // -- the badge ----------------------------------------------------------------------------------
  var badgeSprites = {};
  function badge(scale) {
    var s = badgeSprites[scale];
    if (s) return s;
    var r = 4.5 * scale;
    var size = Math.ceil(2 * r + 2 * scale + 2);
    var canvas = document.createElement('canvas');
    canvas.width = canvas.height = size;
    var ctx = canvas.getContext('2d');
    var c = size / 2;
    ctx.beginPath();
    ctx.arc(c, c, r, 0, Math.PI * 2);
    ctx.fillStyle = '#111111';
    ctx.fill();
    ctx.lineWidth = 1.2 * scale;
    ctx.strokeStyle = '#ffffff';
    ctx.stroke();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(c - 0.8 * scale, c - 2.9 * scale, 1.6 * scale, 3.4 * scale);
    ctx.fillRect(c - 0.8 * scale, c + 1.3 * scale, 1.6 * scale, 1.6 * scale);
    s = badgeSprites[scale] = { canvas: canvas, c: c };
    return s;
  }

  // Called by the point layer's draw after its markers: `view` holds the in-view entries (rows, x, y in CSS
  // px of the canvas), `order[0..drawn)` those drawn; areas shown get theirs at their representative point.
  I.drawBadges = function (ctx, scale, view, order, drawn, S) {
    var disagree = I.disagree;
    if (!disagree) return;
    var sp = badge(scale), rad = I.rad;
    for (var d = 0; d < drawn; d++) {
      var e = order[d];
      var row = view.rows[e];
      if (!disagree[row]) continue;
      var off = rad[row] * 0.75;
      ctx.drawImage(sp.canvas, Math.round((view.x[e] + off) * scale - sp.c), Math.round((view.y[e] - off) * scale - sp.c));
    }
    var areaRows = I.areaRows, siteOn = I.siteOn;
    for (var a = 0; a < areaRows.length; a++) {
      var r = areaRows[a];
      if (!disagree[r] || !siteOn[r]) continue;
      var x = Math.round(I.mx[r] * S) - view.ox;
      var y = Math.round(I.my[r] * S) - view.oy;
      if (x < -10 || y < -10 || x > view.w + 10 || y > view.h + 10) continue;
      ctx.drawImage(sp.canvas, Math.round(x * scale - sp.c), Math.round(y * scale - sp.c));
    }
  };

  // -- the popup's Figures section ------------------------------------------------------------------
  function figureItem(f) {
    var data = I.data, bridge = I.bridge;
    var li = el('li', 'mv-fig' + (f.wider ? ' mv-fig-wider' : ''));
    var cert = data.certainties[f.certainty] || data.certainties[data.certainties.length - 1];
    var dot = el('span', 'mv-fig-dot');
    dot.style.background = cert.colour;
    dot.title = cert.label;
    li.appendChild(dot);
    li.appendChild(el('span', 'mv-fig-amount', f.amount));
    li.appendChild(el('span', 'mv-fig-unit', ' ' + f.unit));
    if (f.wider) li.appendChild(el('span', 'mv-fig-note', ' (wider area)'));
    li.title = '“' + f.text + '” — ' + cert.label + (f.wider ? ' — stated without a place, in an article naming this site' : '');
    if (bridge && bridge.openFigure) {
      var link = el('a', 'mv-fig-open', '›');
      link.href = '#';
      link.title = 'Open the passage in the article';
      link.setAttribute('data-figure', f.id);
      link.addEventListener('click', function (ev) { ev.preventDefault(); bridge.openFigure(f.id); });
      li.appendChild(link);
    }
    return li;
  }

  function fillSection(box, view) {
    box.textContent = '';
    if (!view || !view.subjects || !view.subjects.length) { box.style.display = 'none'; return; }
    box.style.display = '';
    box.appendChild(el('div', 'mv-fig-title', 'Figures'));
    var sources = view.sources;
    view.subjects.forEach(function (s) {
      var head = el('div', 'mv-fig-subject', s.label);
      if (s.disagree) {
        var flag = el('span', 'mv-fig-disagree', 'sources disagree');
        head.appendChild(flag);
      }
      box.appendChild(head);
      var grid = el('div', 'mv-fig-grid');
      grid.style.gridTemplateColumns = 'repeat(' + sources.length + ', minmax(0, 1fr))';
      sources.forEach(function (src, i) {
        var col = el('div', 'mv-fig-source');
        var name = el('div', 'mv-fig-article', src.title);
        name.title = src.title + (src.outlet ? ' · ' + src.outlet : '');
        col.appendChild(name);
        var ul = el('ul', 'mv-fig-list');
        (s.cells[i] || []).forEach(function (f) { ul.appendChild(figureItem(f)); });
        if (!(s.cells[i] || []).length) ul.appendChild(el('li', 'mv-fig-none', '—'));
        col.appendChild(ul);
        grid.appendChild(col);
      });
      box.appendChild(grid);
    });
  }

  // The section for site `row` (empty and hidden until there is something to show).
  I.figuresSection = function (row) {
    var box = el('div', 'mv-figures');
    box.style.display = 'none';
    var ev = I.evidence;
    if (!ev) return box;
    var siteId = I.data.sites.id[row];
    if (ev.figures) { fillSection(box, ev.figures[siteId]); return box; }
    if (!I.disagree || !I.bridge || !I.bridge.siteFigures) return box;
    if (figureCache.has(row)) { fillSection(box, figureCache.get(row)); return box; }
    I.bridge.siteFigures(siteId, function (raw) {
      var view = null;
      try { view = JSON.parse(raw || 'null'); } catch (e) { view = null; }
      figureCache.set(row, view);
      fillSection(box, view);
      if (I.popup && I.popup.isOpen && I.popup.isOpen()) I.popup.update();
    });
    return box;
  };
})();
