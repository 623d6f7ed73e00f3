/*
 * mapviewer page: popups. A site's popup quotes its shown passages (the site's words highlighted), the
 * article, certainty and topic badges, and the links the host's bridge offers ("Open in article",
 * "Edit label"). Built on demand, from DOM text nodes only.
 *
 * Lazy passages: a page whose data says `lazy` carries no passage text (only each mention's id, site and
 * certainty). A popup asks the bridge for the passages it shows and is not cached yet:
 * bridge.sitePassages(siteId, JSON [mentionId, ...]) answers a JSON list of rows {id, sentence,
 * highlight, certainty, topics, evidence, title, outlet} (the host drops ids it does not know or that
 * are not that site's); the popup shows "Loading passages…" until then.
 */
(function () {
  'use strict';

  var I = window.mvInternal;
  var el = I.el;

  var passageCache = new Map();  // lazy: site row -> Map(mention id -> row from the bridge, or null: the host had none)
  var cachedRows = 0;
  var CACHE_MAX = 20000;         // rows kept; beyond that the sites cached longest ago are dropped

  // A passage's popup row: from the page's data, or (lazy page) from the host. undefined: not fetched yet.
  function passageRow(m) {
    var data = I.data;
    var id = data.mentions.id[m];
    if (I.lazy) {
      var site = passageCache.get(I.mentionSite[m]);
      return site ? site.get(id) : undefined;
    }
    var article = data.articles[data.mentions.article[m]];
    return {
      id: id, sentence: data.mentions.sentence[m], highlight: data.mentions.highlight[m],
      topics: data.mentions.topics[m], evidence: data.mentions.evidence[m],
      title: article.title, outlet: article.outlet, source: article.source
    };
  }

  // Rows of site `row` (from the host), plus `missing` ids it did not answer; the site becomes the most
  // recent one and older sites are dropped beyond CACHE_MAX rows (never the one being filled).
  I.cachePassages = function (row, rows, missing) {
    if (!I.lazy || row < 0) return;
    var site = passageCache.get(row) || new Map();
    passageCache.delete(row);
    cachedRows -= site.size;
    (Array.isArray(rows) ? rows : []).forEach(function (r) {
      if (r && typeof r.id === 'string' && typeof r.sentence === 'string') site.set(r.id, r);
    });
    (missing || []).forEach(function (id) { if (!site.has(id)) site.set(id, null); });
    passageCache.set(row, site);
    cachedRows += site.size;
    var it = passageCache.keys();
    while (cachedRows > CACHE_MAX && passageCache.size > 1) {
      var old = it.next().value;
      if (old === row) continue;
      cachedRows -= passageCache.get(old).size;
      passageCache.delete(old);
    }
  };

  function quote(p) {
    var text = p.sentence;
    var hl = p.highlight;
    var q = el('blockquote', 'mv-quote');
    q.appendChild(document.createTextNode(text.slice(0, hl[0])));
    q.appendChild(el('mark', null, text.slice(hl[0], hl[1])));
    q.appendChild(document.createTextNode(text.slice(hl[1])));
    return q;
  }

  function passage(m, p) {
    var data = I.data, bridge = I.bridge;
    var li = el('li', 'mv-passage');
    li.appendChild(quote(p));
    var cite = el('div', 'mv-cite');
    cite.appendChild(el('span', 'mv-article', p.title));
    if (p.outlet) cite.appendChild(el('span', 'mv-outlet', ' · ' + p.outlet));
    li.appendChild(cite);
    var badges = el('div', 'mv-badges');
    var cert = data.certainties[I.mentionCert[m]];
    var badge = el('span', 'mv-badge mv-certainty', cert.label);
    badge.style.background = cert.colour;
    badge.title = cert.help + (p.evidence ? ' — ' + p.evidence : '');
    badges.appendChild(badge);
    (p.topics || []).forEach(function (t) {
      if (data.topics[t]) badges.appendChild(el('span', 'mv-badge mv-topic', data.topics[t].label));
    });
    li.appendChild(badges);
    var id = data.mentions.id[m];
    if (bridge) li.appendChild(I.passageLink('mv-open', 'Open in article ›', '', id, 'openPassage'));
    if (bridge && bridge.editMention) {
      li.appendChild(I.passageLink('mv-edit', 'Edit label', 'Correct the certainty and topics of this passage', id, 'editMention'));
    }
    if (bridge && bridge.copyCitation) {
      var copy = I.passageLink('mv-copy', 'Copy citation', 'Copy the quoted passage with its article, outlet, date, URL and paragraph', id, 'copyCitation');
      copy.addEventListener('click', function () {
        copy.textContent = 'Copied ✓';
        setTimeout(function () { copy.textContent = 'Copy citation'; }, 1500);
      });
      li.appendChild(copy);
    }
    return li;
  }

  // Lazy page: ask the host for the passages of `row` not fetched yet, then rebuild its popup if it is
  // still the open one. Ids the host does not answer are remembered as missing (no asking again).
  function fetchPassages(row, ids) {
    var siteId = I.data.sites.id[row];
    I.bridge.sitePassages(siteId, JSON.stringify(ids), function (raw) {
      var rows = [];
      try { rows = JSON.parse(raw || '[]'); } catch (e) { rows = []; }
      I.cachePassages(row, rows, ids);
      if (I.openSite === row) I.refreshPopup(row);
    });
  }

  // New content pans the map again to keep the popup in view: Leaflet skips the auto-pan that follows
  // one of its own (its _autopanning flag, meant for keepInView), which left a popup whose passages
  // arrived after it opened cut off at the map's edge.
  I.refreshPopup = function (row) {
    if (I.isArea[row]) {
      var p = I.areaLayers[row].getPopup();  // content stays a function: a later opening rebuilds it
      if (p) {
        p._autopanning = false;
        p.setContent(function () { return popupContent(row); });
      }
    } else if (I.map.hasLayer(I.popup)) {
      I.popup._autopanning = false;
      I.popup.setContent(popupContent(row));
    }
  };

  // "Named by 2 independent sources (A, B)" over the passages shown; none until all of them are loaded,
  // so a count is never one that a later answer from the host would change.
  function independentSources(list) {
    var names = new Set();
    for (var i = 0; i < list.length; i++) {
      var p = passageRow(list[i]);
      if (!p || p.source === null || p.source === undefined) return null;  // not loaded, or not known yet
      if (p.source) names.add(p.source);
    }
    if (!names.size) return null;
    var sorted = Array.from(names).sort();
    return el('div', 'mv-sources', 'Named by ' + sorted.length + (sorted.length === 1 ? ' independent source' : ' independent sources') +
      ' (' + sorted.join(', ') + ')');
  }

  function popupContent(row) {
    var s = I.data.sites, bridge = I.bridge, siteStart = I.siteStart;
    var root = el('div', 'mv-popup');
    root.setAttribute('data-site', s.id[row]);
    var head = el('div', 'mv-popup-head');
    head.appendChild(el('div', 'mv-name', s.name[row]));
    head.appendChild(el('div', 'mv-meta', [s.kind[row], s.country[row]].filter(Boolean).join(' · ')));
    head.appendChild(I.precisionNode(row));  // how precise the location is, and why (mv-uncertainty.js)
    root.appendChild(head);
    var list = I.visibleMentions(row);
    var total = siteStart[row + 1] - siteStart[row];
    root.appendChild(el('div', 'mv-count', list.length + (list.length === 1 ? ' passage' : ' passages') +
      (total > list.length ? ' (' + (total - list.length) + ' hidden by filters)' : '')));
    var ol = el('ol', 'mv-passages');
    var missing = [];
    list.forEach(function (m) {
      var p = passageRow(m);
      if (p) ol.appendChild(passage(m, p));
      else if (p === undefined) missing.push(I.data.mentions.id[m]);
    });
    root.appendChild(ol);
    var sources = independentSources(list);
    if (sources) root.insertBefore(sources, ol);
    if (I.figuresSection) root.insertBefore(I.figuresSection(row), ol);  // mv-figures.js
    if (missing.length) {
      if (bridge && bridge.sitePassages) {
        root.appendChild(el('div', 'mv-loading', 'Loading passages…'));
        fetchPassages(row, missing);
      } else {
        root.appendChild(el('div', 'mv-loading', 'Passages are not available here.'));
      }
    }
    return root;
  }

  I.POPUP_OPTIONS = { maxWidth: 420, minWidth: 300, maxHeight: 380, autoPanPadding: [30, 30] };

  I.openPointPopup = function (row) {
    var map = I.map, popup = I.popup;
    if (map.hasLayer(popup)) map.closePopup(popup);
    I.openSite = row;
    I.popupFits(popup.options);  // clear of the zoom buttons and the legend
    popup.setLatLng(I.markerLatLng(row)).setContent(popupContent(row));  // a spread marker's popup points at it
    popup.openOn(map);
    I.redraw();  // the open popup's site is labelled first
  };

  // The map resized (a dock opened or closed beside it): the open popup is fitted to the new size and panned
  // clear of the zoom buttons and the legend again, which would otherwise cover it (popupFits was for the
  // size it opened at).
  I.refitPopup = function () {
    var map = I.map, popup = map && map._popup;
    if (!popup || !map.hasLayer(popup)) return false;
    I.popupFits(popup.options);
    popup.update();
    if (popup._adjustPan) popup._adjustPan();  // Leaflet 1.9's auto-pan, as on opening
    return true;
  };

  I.bindAreaPopup = function (layer, row) {
    layer.bindPopup(function () { return popupContent(row); }, I.POPUP_OPTIONS);
    layer.on('popupopen', function (e) {
      I.openSite = row;
      I.popupFits(e.popup.options);  // clear of the zoom buttons and the legend
      e.popup.update();
      I.redraw();
    });
    layer.on('popupclose', function () { if (I.openSite === row) I.openSite = -1; });
  };

  var mentionRow = null;

  // A user's corrected label: the mention's certainty (an index into data.certainties), topics (indexes
  // into data.topics) and evidence. The host applies the filter again after it.
  I.updateMention = function (mentionId, certainty, topics, evidence) {
    var data = I.data;
    if (!mentionRow) {
      mentionRow = new Map();
      for (var m = 0; m < I.nm; m++) mentionRow.set(data.mentions.id[m], m);
    }
    var row = mentionRow.get(String(mentionId));
    if (row === undefined) return false;
    I.mentionCert[row] = certainty;
    if (I.lazy) {
      var site = passageCache.get(I.mentionSite[row]);
      var cached = site && site.get(data.mentions.id[row]);
      if (cached) { cached.certainty = certainty; cached.topics = topics; cached.evidence = evidence || ''; }
    } else {
      data.mentions.certainty[row] = certainty;
      data.mentions.topics[row] = topics;
      data.mentions.evidence[row] = evidence || '';
    }
    return true;
  };
})();
