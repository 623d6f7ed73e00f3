/*
 * mapviewer page start: the first of the page's scripts, run before Leaflet and the map scripts are
 * parsed. It starts the two things that wait on the host, so they run beside that parsing instead of
 * after it (about 70 ms of a window's start-up):
 *   - the data: a window's page names a URL to fetch it from (mappage.fetching_page);
 *   - the QWebChannel handshake with the Qt window (qwebchannel.js, when the host offers it, is
 *     loaded before this script).
 * mapviewer.js's init takes both from window.mapviewerStart:
 *   data     the page's data (parsed from the page), or a Promise of it (fetched)
 *   bridge   a Promise of the host's bridge object (null if it offers none), or null: no host
 *   askedAt  when the data was asked for (performance.now()), or null: it is in the page
 *   size     [w, h]: the size the host will show the map at, told before it is shown (presize), or null
 *   presize(w, h)   the host's call (PageAPI.presize): kept in `size`, and applied at once if the map is up
 * A data fetch that fails is reported to the host at once: notice('data-failed', location.search + '\n' + why).
 */
(function () {
  'use strict';

  var start = window.mapviewerStart = { data: null, bridge: null, askedAt: null, size: null, applySize: null };
  start.presize = function (w, h) {
    start.size = [+w, +h];
    if (start.applySize) start.applySize();
  };

  var source = document.getElementById('mv-data');
  var inline = JSON.parse(source.textContent);
  source.textContent = '';  // the parsed copy is all the page needs: do not keep the text twice
  if (inline && typeof inline.fetch === 'string') {
    start.askedAt = performance.now();
    start.data = fetch(inline.fetch).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    });
  } else {
    start.data = inline;
  }

  if (typeof QWebChannel !== 'undefined' && window.qt && window.qt.webChannelTransport) {
    start.bridge = new Promise(function (resolve) {
      new QWebChannel(window.qt.webChannelTransport, function (channel) {
        resolve(channel.objects.bridge || null);
      });
    });
  }

  if (start.askedAt !== null) {
    var leaving = false;  // a page being replaced has its fetch cancelled: that is no failure to report
    window.addEventListener('pagehide', function () { leaving = true; });
    start.data.catch(function (e) {
      if (leaving || (e && e.name === 'AbortError')) return;
      var why = String((e && e.message) || e);
      console.error('mapviewer: the map data did not load: ' + why);
      if (start.bridge) {  // which page (its ?v=N load), then why: the host acts only for the page now loaded
        start.bridge.then(function (b) { if (b && b.notice) b.notice('data-failed', location.search + '\n' + why); });
      }
    });
  }
})();
