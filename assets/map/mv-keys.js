/*
 * mapviewer page: the map's keys beyond Leaflet's (arrows pan, + and - zoom).
 *
 * N / Shift+N step to the next / previous site the filters show (the focus on the map or in its popup): most
 * passages shown first, then by name (the Sites table's first order), round at either end. The map goes there
 * and opens its popup (as the host's focusSite), the focus stays on the map, and a status line says where the
 * step landed ("3 of 30: Kursk Oblast · 5 passages · strongest Confirmed"; role=status, read by screen readers).
 *
 * Esc is one press, one thing (mapviewer.escape: the popup, then a measurement, then a spread group). The page
 * acts on the Esc it sees, and then neither Leaflet's own Esc nor anything else does; the window's Esc shortcut
 * (for the focus anywhere else) leaves the key to the page while the page has the focus (qt/mapview.py).
 */
(function () {
  'use strict';

  var I = window.mvInternal;

  // The sites shown, in stepping order: most passages shown first, then by name.
  I.stepOrder = function () {
    var rows = [], siteOn = I.siteOn, visCount = I.visCount, names = I.data.sites.name;
    for (var r = 0; r < I.n; r++) if (siteOn[r]) rows.push(r);
    rows.sort(function (a, b) { return visCount[b] - visCount[a] || (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : a - b); });
    return rows;
  };

  var status = null, statusTimer = 0;
  I.announce = function (text) {
    var box = I.map.getContainer();
    if (!status) {
      status = document.createElement('div');
      status.className = 'mv-announce';
      status.setAttribute('role', 'status');
      status.setAttribute('aria-live', 'polite');
      box.appendChild(status);
    }
    status.textContent = text;
    status.classList.add('mv-shown');
    clearTimeout(statusTimer);
    statusTimer = setTimeout(function () { status.classList.remove('mv-shown'); }, 4000);
  };

  // Step `by` (+1, -1) from the open site (none: from before the first) and open it; the site's id, or null
  // when the filters show none.
  I.stepSite = function (by) {
    if (!I.map || !I.data) return null;
    var order = I.stepOrder();
    if (!order.length) {
      I.announce('No site is shown: the filters hide every one');
      return null;
    }
    var at = order.indexOf(I.openSite);
    var next = at < 0 ? (by > 0 ? 0 : order.length - 1) : (at + by + order.length) % order.length;
    var row = order[next];
    var id = I.data.sites.id[row];
    I.focusSite(id);
    var certainty = I.data.certainties[I.strongest(row)];
    var n = I.visCount[row];
    I.announce((next + 1) + ' of ' + order.length + ': ' + I.data.sites.name[row] + ' · ' + n + (n === 1 ? ' passage' : ' passages')
      + ' · strongest ' + certainty.label + '  (N next, Shift+N previous)');
    I.map.getContainer().focus({ preventScroll: true });  // a popup replaced under the focus would drop it
    return id;
  };

  function onMap(target) {
    var box = I.map && I.map.getContainer();
    return !!box && (target === box || box.contains(target));
  }

  document.addEventListener('keydown', function (e) {
    if (!I.map) return;
    if (e.key === 'Escape') {
      if (I.escape()) {
        e.preventDefault();
        e.stopPropagation();  // Leaflet would close the popup too
      }
      return;
    }
    if ((e.key === 'n' || e.key === 'N') && !e.ctrlKey && !e.altKey && !e.metaKey && onMap(e.target)) {
      e.preventDefault();
      I.stepSite(e.shiftKey ? -1 : 1);
    }
  }, true);
})();
