// The juror's pages with the phone's store (field-store.js): "Preparar para el campo" on Mis fichas, the line saying
// what the phone holds, the badge "N fichas por enviar", each sheet's state on the phone, sending the outbox when the
// network returns, and signing out (asks when something is unsent; then clears what the phone holds).
// Loaded on every page of a juror (the sign-out button is on all of them). Without it, or without a service worker,
// the pages work online as before.
(function () {
  'use strict';
  var script = document.currentScript;
  var store = window.FieldStore;
  if (!script || !store || !window.indexedDB) { return; }
  var texts = script.dataset;
  store.user = Number(texts.user);
  store.texts = texts;
  var section = document.getElementById('field');

  function format(template) {
    var args = Array.prototype.slice.call(arguments, 1);
    return template.replace(/\{(\d)\}/g, function (m, i) { return args[Number(i)]; });
  }

  function size(bytes) {
    return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + ' MB' : Math.max(1, Math.round(bytes / 1024)) + ' KB';
  }

  // The scope / holds the installed app's start page (the manifest's start_url); the worker itself leaves every page
  // outside /judging to the browser. A registration of the narrower scope /judging (made before) would take the juror's
  // pages from it: it goes.
  function register() {
    if (!('serviceWorker' in navigator)) { return Promise.resolve(null); }
    return navigator.serviceWorker.getRegistrations().then(function (regs) {
      return Promise.all(regs.filter(function (r) { return new URL(r.scope).pathname !== '/'; }).map(function (r) { return r.unregister(); }));
    }).then(function () {
      return navigator.serviceWorker.register('/sw.js', { scope: '/' });
    }).then(function () { return navigator.serviceWorker.ready; });
  }

  function add(parent, tag, text) {
    var e = document.createElement(tag);
    if (text) { e.textContent = text; }
    parent.appendChild(e);
    return e;
  }

  // Each refused save on the list (#field-refused), also of a sheet the list no longer shows: which sheet and what was
  // refused, the server's reasons (with their codes), the values typed. Nothing of it is sent again until the juror
  // chooses — on the sheet, or here when there is no server version left to take.
  function refused(records) {
    var box = document.getElementById('field-refused');
    if (!box) { return; }
    box.textContent = '';
    add(box, 'h2', box.dataset.title);
    var list = add(box, 'ul');
    var shown = records.filter(function (rec) { return rec.conflict; });
    shown.forEach(function (rec) {
      var c = rec.conflict;
      var li = add(list, 'li');
      li.dataset.sheet = String(rec.id);
      li.dataset.status = String(c.status);
      li.dataset.code = c.errors.reduce(function (codes, e) { if (e.code && codes.indexOf(e.code) < 0) { codes.push(e.code); } return codes; }, []).join(' ');
      var title = add(li, 'strong');
      var link = document.querySelector('a.sheet-link[data-sheet="' + rec.id + '"]');
      var name = 'N.° ' + rec.number + ' — ' + rec.competitor + ' (' + (c.submit ? box.dataset.submit : box.dataset.save) + ')';
      if (link) { var a = add(title, 'a', name); a.href = rec.url; } else { title.textContent = name; }
      var reasons = add(li, 'ul');
      c.errors.forEach(function (e) { var r = add(reasons, 'li', e.message); r.className = 'error'; if (e.code) { r.dataset.code = e.code; } });
      var typed = rec.criteria.map(function (k, i) { return k.name + ': ' + (rec.local.points[i] || '—'); });
      if (rec.local.comments) { typed.push(texts.comments + ': ' + rec.local.comments); }
      add(li, 'p', box.dataset.values + ' ' + typed.join(' · ')).className = 'values';
      if (!c.server) {
        var drop = add(add(li, 'p'), 'button', box.dataset.drop);
        drop.type = 'button';
        drop.className = 'secondary';
        drop.dataset.choice = 'drop';
        drop.addEventListener('click', function () { store.drop(rec.id).then(refresh); });
      }
    });
    box.hidden = shown.length === 0;
  }

  // What the list shows: the line, the badge, the refused saves and each sheet's state on the phone.
  function refresh() {
    if (!section && !document.getElementById('field-refused')) { return Promise.resolve(); }
    return Promise.all([store.meta().catch(function () { return null; }), store.sheets().catch(function () { return []; }),
      store.outbox().catch(function () { return []; })]).then(function (r) {
      var meta = r[0] && r[0].user === store.user ? r[0] : null;
      refused(meta ? r[1] : []);
      if (!section) { return; }
      var line = document.getElementById('field-line');
      line.textContent = meta
        ? format(texts.prepared, new Date(meta.prepared).toLocaleString(document.documentElement.lang,
          { timeZone: 'America/Lima', dateStyle: 'short', timeStyle: 'short' }), meta.count, size(meta.bytes))
        : texts.notPrepared;
      line.dataset.prepared = meta ? String(meta.count) : '';
      if (!meta) { return; }
      var waiting = {};
      r[2].forEach(function (i) { waiting[i.sheet] = true; });
      var badge = document.getElementById('field-pending');
      var count = Object.keys(waiting).length;
      badge.textContent = format(texts.pending, count);
      badge.dataset.count = String(count);
      badge.hidden = count === 0;
      r[1].forEach(function (rec) {
        var link = document.querySelector('a.sheet-link[data-sheet="' + rec.id + '"]');
        if (!link) { return; }
        var state = rec.conflict ? 'conflict' : rec.queued ? 'queued' : waiting[rec.id] ? 'pending' : '';
        var label = link.querySelector('.badge');
        if (state) {
          link.dataset.local = state;
          label.textContent = texts['state' + state.charAt(0).toUpperCase() + state.slice(1)];
          label.className = 'badge ' + (state === 'conflict' ? 'danger' : 'warn');
        } else if (link.dataset.local) {
          delete link.dataset.local;
        }
        if (!state && rec.state === 'Submitted' && link.dataset.state !== 'Submitted') {
          link.dataset.state = 'Submitted';
          label.textContent = texts.stateSent;
          label.className = 'badge';
        }
      });
    });
  }

  // Sends what waits when there is a network; where the browser has Background Sync, the service worker retries too.
  // The online event may come before the network really answers (a weak signal): a stopped send is tried again a few
  // times, further apart each time, while the browser says it is online.
  var retries = 0;
  var retryTimer = null;
  function flush() {
    if (retryTimer) { clearTimeout(retryTimer); retryTimer = null; }
    return store.active().then(function (active) {
      if (!active) { return null; }
      return store.flush().then(function (result) {
        if (result.left > 0 && navigator.serviceWorker && navigator.serviceWorker.controller) {
          navigator.serviceWorker.ready.then(function (reg) { return reg.sync && reg.sync.register('contests-field'); }).catch(function () { });
        }
        return result;
      });
    }).catch(function () { return { stopped: true }; }).then(function (result) {
      if (result && result.stopped && navigator.onLine && retries < 6) {
        retryTimer = setTimeout(flush, 1000 * Math.pow(2, retries));
        retries += 1;
      } else if (!result || !result.stopped) {
        retries = 0;
      }
      document.dispatchEvent(new CustomEvent('field:flushed', { detail: result }));
      return refresh();
    });
  }
  store.sendNow = flush;

  function pages(html) {
    var found = [];
    var re = /(?:src|href)="(\/(?:js|css)\/[^"]+)"/g;
    var m;
    while ((m = re.exec(html))) { found.push(m[1].replace(/&amp;/g, '&')); }
    return found;
  }

  function prepare(button) {
    var status = document.getElementById('field-status');
    button.setAttribute('aria-disabled', 'true');
    button.disabled = true;
    var pack;
    return register().then(function () {
      return fetch('/judging/field-pack', { credentials: 'same-origin', headers: { Accept: 'application/json', 'X-Field-Prepare': '1' } });
    }).then(function (r) {
      if (!r.ok || r.redirected) { throw new Error('pack ' + r.status); }
      return r.json();
    }).then(function (p) {
      pack = p;
      // The shell the kept pages need: their stylesheet and scripts, as the pages name them (with their version). Sheets
      // in the same state name the same ones: one of each state is read (on a slow line every page counts).
      var shell = pages(document.documentElement.outerHTML);
      var urls = ['/judging'];
      var states = {};
      return Promise.all(pack.sheets.filter(function (s) { var first = !states[s.state]; states[s.state] = true; return first; }).map(function (s) {
        return fetch(s.url, { credentials: 'same-origin', headers: { 'X-Field-Prepare': '1' } }).then(function (r) { return r.ok ? r.text() : ''; }).then(function (html) {
          pages(html).forEach(function (u) { if (shell.indexOf(u) < 0) { shell.push(u); } });
        });
      })).then(function () {
        pack.sheets.forEach(function (s) { urls.push(s.url); urls = urls.concat(s.photos); });
        return store.prepare(pack, urls.concat(shell), function (done, all) { status.textContent = format(texts.preparing, done, all); });
      });
    }).then(function () {
      status.textContent = '';
      return refresh();
    }, function () {
      status.textContent = texts.failed;
    }).then(function () {
      button.removeAttribute('aria-disabled');
      button.disabled = false;
    });
  }

  if (section && 'serviceWorker' in navigator && window.caches) {
    var button = document.getElementById('field-prepare');
    button.hidden = false;
    section.hidden = false;
    button.addEventListener('click', function () { prepare(button); });
  }

  // Signing out: ask when something is unsent; then nothing of the juror stays on the phone.
  var signOut = document.getElementById('sign-out');
  var form = signOut && signOut.form;
  if (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      store.pendingSheets().then(function (count) {
        if (count > 0 && !window.confirm(format(texts.unsent, count))) { return; }
        var workers = navigator.serviceWorker
          ? navigator.serviceWorker.getRegistrations().then(function (regs) {
            return Promise.all(regs.map(function (r) { return r.unregister(); }));
          }) : Promise.resolve();
        Promise.all([store.clear(), workers]).catch(function () { }).then(function () { form.submit(); });
      });
    });
  }

  window.addEventListener('online', function () { retries = 0; flush(); });
  if (navigator.serviceWorker) {
    navigator.serviceWorker.addEventListener('message', function (e) { if (e.data === 'contests-field') { refresh(); } });
  }
  refresh().then(function () { if (navigator.onLine) { flush(); } });
})();
