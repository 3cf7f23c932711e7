/*
 * The courier app's storage in IndexedDB (through idb): the queue of actions not yet accepted by
 * the server, each with its eventId, and the last lists fetched, so a reload without signal shows
 * them again. Nothing is removed from the queue until the server has answered for it.
 */
(function () {
  'use strict';
  var opened = idb.openDB('reportpost-courier', 1, {
    upgrade: function (db) {
      db.createObjectStore('queue', { keyPath: 'eventId' });
      db.createObjectStore('cache');
    }
  });
  var seq = Date.now();

  window.CourierStore = {
    /** Queues one action; answers it with its eventId. */
    add: function (action) {
      action.eventId = action.eventId || crypto.randomUUID();
      action.seq = ++seq;
      return opened.then(function (db) { return db.put('queue', action); }).then(function () { return action; });
    },
    all: function () {
      return opened.then(function (db) { return db.getAll('queue'); })
        .then(function (list) { return list.sort(function (a, b) { return a.seq - b.seq; }); });
    },
    remove: function (eventIds) {
      return opened.then(function (db) {
        var tx = db.transaction('queue', 'readwrite');
        eventIds.forEach(function (id) { tx.store.delete(id); });
        return tx.done;
      });
    },
    count: function () { return opened.then(function (db) { return db.count('queue'); }); },
    get: function (key) { return opened.then(function (db) { return db.get('cache', key); }); },
    put: function (key, value) { return opened.then(function (db) { return db.put('cache', value, key); }); }
  };
}());
