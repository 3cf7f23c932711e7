/*
 * The courier app's service worker: the app shell comes from the network when there is one (and
 * refreshes the cache), from the cache when there is none. API calls are not touched: the page
 * queues actions itself and sends them when the network returns.
 */
'use strict';
var CACHE = 'courier-shell-v1';
var SHELL = ['/courier/', '/courier/app.js', '/courier/scan.js', '/courier/queue.js', '/courier/courier.css',
  '/courier/vendor/weui.min.css', '/courier/vendor/idb.umd.js', '/courier/vendor/zxing-browser.min.js',
  '/courier/manifest.webmanifest', '/courier/icons/icon-192.png', '/courier/icons/icon-512.png'];

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (c) { return c.addAll(SHELL); }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (event) {
  var req = event.request;
  var url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin || !url.pathname.startsWith('/courier/')
      || url.pathname.startsWith('/courier/wechat/')) {
    return;
  }
  // Every address of the page itself (?wechat=bound, #tabs) is the one shell.
  var key = req.mode === 'navigate' ? '/courier/' : url.pathname;
  event.respondWith(fetch(req).then(function (res) {
    if (res.ok) {
      var copy = res.clone();
      caches.open(CACHE).then(function (c) { return c.put(key, copy); });
    }
    return res;
  }).catch(function () {
    return caches.match(key).then(function (hit) { return hit || Response.error(); });
  }));
});
