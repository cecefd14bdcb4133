// The juror's pages without signal (registered by field.js with the scope /judging only). Online, every request goes to
// the network as before and a copy kept by "Preparar para el campo" is refreshed; offline, the kept copy answers.
// Background Sync (where the browser has it) sends the outbox when the network returns, even with the page closed.
'use strict';
importScripts('/js/field-store.js');

self.addEventListener('install', function () { self.skipWaiting(); });

self.addEventListener('activate', function (event) { event.waitUntil(self.clients.claim()); });

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) { return; }
  event.respondWith(caches.open(FieldStore.cacheName).then(function (cache) {
    return fetch(request).then(function (response) {
      if (response.ok && !response.redirected && response.type === 'basic') {
        var copy = response.clone();
        cache.match(request, { ignoreVary: true }).then(function (kept) { if (kept) { cache.put(request, copy); } });
      }
      return response;
    }, function () {
      return cache.match(request, { ignoreVary: true }).then(function (kept) { return kept || Response.error(); });
    });
  }));
});

self.addEventListener('sync', function (event) {
  if (event.tag !== 'contests-field') { return; }
  event.waitUntil(FieldStore.flush().then(function () {
    return self.clients.matchAll().then(function (clients) { clients.forEach(function (c) { c.postMessage('contests-field'); }); });
  }));
});
