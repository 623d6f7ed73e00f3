/*
 * mapviewer page: the basemap. The offline Natural Earth map (basemap.js) is always drawn; an online
 * tile layer (opts.tiles of init) can be shown over it, and is dropped again, with a notice to the host,
 * when its first tiles fail.
 */
(function () {
  'use strict';

  var I = window.mvInternal;

  // Tell the host (bridge.notice, when it offers one) something it may act on; kept for tests as lastNotice.
  I.notify = function (kind, message) {
    var bridge = I.bridge;
    if (bridge && bridge.notice) bridge.notice(kind, message);
    I.mv.lastNotice = kind + ': ' + message;
  };

  I.setBasemap = function (id) {
    var map = I.map, online = I.online;
    if (id !== 'offline' && !online[id]) return false;
    Object.keys(online).forEach(function (k) { if (map.hasLayer(online[k])) map.removeLayer(online[k]); });
    I.currentBase = id;
    if (id === 'offline') return true;
    var layer = online[id];
    var loaded = 0;
    var failed = 0;
    layer.off('tileload tileerror');
    layer.on('tileload', function () { loaded++; });
    layer.on('tileerror', function () {
      failed++;
      if (loaded === 0 && failed >= 4 && I.currentBase === id) {
        map.removeLayer(layer);
        I.currentBase = 'offline';
        I.notify('basemap-fallback', id);
      }
    });
    layer.addTo(map);
    return true;
  };
})();
