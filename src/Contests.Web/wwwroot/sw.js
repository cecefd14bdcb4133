// The juror's pages without signal (registered by field.js with the scope / so that the installed app's start page, the
// manifest's start_url "/", is in it). Online, every request goes to the network as before and a copy kept by "Preparar
// para el campo" is refreshed; offline, the kept copy answers, and the start page with nothing kept answers Mis fichas
// (/judging): a juror who opens the app from the home screen without signal lands on their sheets. Pages outside
// /judging are left to the browser. Background Sync (where the browser has it) sends the outbox when the network
// returns, even with the page closed.
'use strict';
importScripts('/js/field-store.js');

self.addEventListener('install', function () { self.skipWaiting(); });

self.addEventListener('activate', function (event) { event.waitUntil(self.clients.claim()); });

self.addEventListener('fetch', function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) { return; }
  // Preparing (field.js, field-store.js) fetches and keeps each page itself: straight to the network, as the page's own.
  if (request.headers.has('X-Field-Prepare')) { return; }
  var start = request.mode === 'navigate' && url.pathname === '/';
  if (request.mode === 'navigate' && !start && url.pathname !== '/judging' && url.pathname.indexOf('/judging/') !== 0) { return; }
  event.respondWith(caches.open(FieldStore.cacheName).then(function (cache) {
    return fetch(request).then(function (response) {
      if (response.ok && !response.redirected && response.type === 'basic') {
        var copy = response.clone();
        cache.match(request, { ignoreVary: true }).then(function (kept) { if (kept) { cache.put(request, copy); } });
      }
      return response;
    }, function () {
      return cache.match(request, { ignoreVary: true }).then(function (kept) {
        // A sheet links each photo's phone copy; the phone keeps the lighter field copy: without signal, that one answers.
        var field = /^\/judging\/sheets\/\d+\/photos\/\d+\/phone$/.test(url.pathname) ? url.pathname.replace(/phone$/, 'field') : null;
        return kept || (start ? cache.match('/judging') : field ? cache.match(field, { ignoreVary: true }) : null);
      }).then(function (kept) { return kept || Response.error(); });
    });
  }));
});

self.addEventListener('sync', function (event) {
  if (event.tag !== 'contests-field') { return; }
  event.waitUntil(FieldStore.flush().then(function () {
    return self.clients.matchAll().then(function (clients) { clients.forEach(function (c) { c.postMessage('contests-field'); }); });
  }));
});
