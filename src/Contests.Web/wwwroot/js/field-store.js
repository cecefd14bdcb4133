// Scoring without signal: what the juror's phone keeps (IndexedDB "contests-field" and the cache of the same name) and the
// outbox of saves and submissions it sends when the network returns. Shared by the pages (field.js, sheet.js) and the
// service worker (sw.js): no DOM here. Every queued item goes to the sheet's usual autosave endpoint with its own save id
// and the revision the last answer gave, so a resend after a lost answer is applied once; the server checks everything
// again (who, phase, conflicts, revision). A refusal is kept on the sheet with the server's version: nothing is dropped.
(function (root) {
  'use strict';
  var DB = 'contests-field';
  var CACHE = 'contests-field';
  var opening = null;

  function request(r) {
    return new Promise(function (resolve, reject) {
      r.onsuccess = function () { resolve(r.result); };
      r.onerror = function () { reject(r.error); };
    });
  }

  function open() {
    if (!opening) {
      opening = new Promise(function (resolve, reject) {
        var r = root.indexedDB.open(DB, 1);
        r.onupgradeneeded = function () {
          r.result.createObjectStore('meta');
          r.result.createObjectStore('sheets', { keyPath: 'id' });
          r.result.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
        };
        r.onsuccess = function () {
          // Signing out deletes the database: let it go at once.
          r.result.onversionchange = function () { r.result.close(); opening = null; };
          resolve(r.result);
        };
        r.onerror = function () { opening = null; reject(r.error); };
      });
    }
    return opening;
  }

  // One transaction; `work` gets the stores by name and may chain requests (they stay within the transaction).
  function run(names, mode, work) {
    return open().then(function (db) {
      var t = db.transaction(names, mode);
      var stores = {};
      names.forEach(function (n) { stores[n] = t.objectStore(n); });
      var result = work(stores);
      return new Promise(function (resolve, reject) {
        t.oncomplete = function () { Promise.resolve(result).then(resolve, reject); };
        t.onerror = t.onabort = function () { reject(t.error); };
      });
    });
  }

  function uuid() {
    if (root.crypto.randomUUID) { return root.crypto.randomUUID(); }
    var b = new Uint8Array(16);
    root.crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  function text(v) { return v === null || v === undefined ? '' : String(v); }

  function valuesOf(s) {
    return { points: s.points.map(text), achieved: s.achieved.map(text), comments: s.comments || '', confirmed: false };
  }

  var store = {
    user: null,
    cacheName: CACHE,

    meta: function () { return run(['meta'], 'readonly', function (s) { return request(s.meta.get('pack')); }); },

    // The store is this user's (prepared by them on this phone): only then do the pages use it.
    active: function () {
      return store.meta().then(function (m) { return !!m && m.user === store.user; }, function () { return false; });
    },

    sheet: function (id) { return run(['sheets'], 'readonly', function (s) { return request(s.sheets.get(id)); }); },

    sheets: function () { return run(['sheets'], 'readonly', function (s) { return request(s.sheets.getAll()); }); },

    outbox: function () { return run(['outbox'], 'readonly', function (s) { return request(s.outbox.getAll()); }); },

    // How many sheets have something the server hasn't confirmed yet.
    pendingSheets: function () {
      return store.outbox().then(function (items) {
        return items.reduce(function (ids, i) { if (ids.indexOf(i.sheet) < 0) { ids.push(i.sheet); } return ids; }, []).length;
      }, function () { return 0; });
    },

    // Keeps the pack: every page and photo in the cache, every sheet in the database. What the phone holds of a sheet
    // with unsent items or a conflict is kept as it is.
    prepare: function (pack, urls, progress) {
      var bytes = 0;
      var done = 0;
      return store.meta().then(function (m) {
        return m && m.user !== pack.user ? store.clear() : null;
      }).then(function () {
        return root.caches.open(CACHE);
      }).then(function (cache) {
        var queue = urls.slice();
        function next() {
          var url = queue.shift();
          if (!url) { return Promise.resolve(); }
          return root.fetch(url, { credentials: 'same-origin', cache: 'no-cache', headers: { 'X-Field-Prepare': '1' } }).then(function (r) {
            if (!r.ok || r.redirected) { throw new Error(url + ': ' + r.status); }
            return r.clone().blob().then(function (b) {
              bytes += b.size;
              return cache.put(url, r);
            });
          }).then(function () { done += 1; if (progress) { progress(done, urls.length); } return next(); });
        }
        return Promise.all([next(), next(), next()]);
      }).then(function () {
        return run(['meta', 'sheets', 'outbox'], 'readwrite', function (s) {
          return request(s.outbox.getAll()).then(function (items) {
            var busy = items.map(function (i) { return i.sheet; });
            pack.sheets.forEach(function (p) {
              request(s.sheets.get(p.id)).then(function (old) {
                var server = { values: valuesOf(p), revision: p.revision, state: p.state };
                var keep = old && (busy.indexOf(p.id) >= 0 || old.conflict);
                s.sheets.put({
                  id: p.id, url: p.url, number: p.entryNumber, competitor: p.competitor, criteria: p.criteria,
                  revision: keep ? old.revision : p.revision, state: keep ? old.state : p.state,
                  local: keep ? old.local : server.values, queued: keep ? old.queued : false,
                  conflict: keep ? old.conflict : null, server: server,
                });
              });
            });
            var meta = { user: pack.user, token: pack.token, prepared: Date.now(), count: pack.sheets.length, bytes: bytes };
            s.meta.put(meta, 'pack');
            return meta;
          });
        });
      });
    },

    // What the juror typed, kept at once; queued for the server (a submission locks the sheet on the phone).
    // The last item of the sheet not yet tried carries the newest values; once tried, a change is a new item.
    keep: function (id, values, submit) {
      return run(['sheets', 'outbox'], 'readwrite', function (s) {
        return request(s.sheets.get(id)).then(function (rec) {
          if (!rec) { return false; }
          rec.local = values;
          if (submit) { rec.queued = true; }
          s.sheets.put(rec);
          return request(s.outbox.getAll()).then(function (items) {
            var mine = items.filter(function (i) { return i.sheet === id; });
            var last = mine[mine.length - 1];
            if (last && !last.tried && !last.submit) {
              last.values = values;
              last.submit = !!submit;
              s.outbox.put(last);
            } else if (!(last && last.submit && !rec.conflict)) {
              s.outbox.add({ sheet: id, saveId: uuid(), submit: !!submit, values: values, tried: false });
            }
            return true;
          });
        });
      });
    },

    // A page newer than what the phone holds and nothing of the juror's waiting: the page's values are the sheet's.
    adopt: function (id, values, revision) {
      return run(['sheets'], 'readwrite', function (s) {
        return request(s.sheets.get(id)).then(function (rec) {
          if (!rec) { return; }
          rec.local = values;
          rec.revision = revision;
          s.sheets.put(rec);
        });
      });
    },

    // The juror's choice on a conflict: send their values again over the server's version, or take the server's.
    resolve: function (id, mine) {
      return run(['sheets', 'outbox'], 'readwrite', function (s) {
        return request(s.sheets.get(id)).then(function (rec) {
          var server = rec && rec.conflict && rec.conflict.server;
          if (!server) { return; }
          return request(s.outbox.getAll()).then(function (items) {
            items.filter(function (i) { return i.sheet === id; }).forEach(function (i) { s.outbox.delete(i.seq); });
            rec.revision = server.revision;
            rec.state = server.state;
            if (mine) {
              s.outbox.add({ sheet: id, saveId: uuid(), submit: false, values: rec.local, tried: false });
            } else {
              rec.local = server.values;
            }
            rec.conflict = null;
            rec.queued = false;
            s.sheets.put(rec);
          });
        });
      });
    },

    // The juror's choice on a refused sheet with no server version left to take (no longer theirs, or blocked): its
    // items leave the outbox and the phone's record of it goes.
    drop: function (id) {
      return run(['sheets', 'outbox'], 'readwrite', function (s) {
        return request(s.outbox.getAll()).then(function (items) {
          items.filter(function (i) { return i.sheet === id; }).forEach(function (i) { s.outbox.delete(i.seq); });
          s.sheets.delete(id);
        });
      });
    },

    // Sends the outbox in order, one item at a time (one flush at a time across the pages and the service worker).
    flush: function () {
      var locks = root.navigator && root.navigator.locks;
      return locks ? locks.request('contests-field-outbox', send) : send();
    },

    // Everything this phone holds of the juror: the database and the cache (signing out; shared phones).
    clear: function () {
      return open().then(function (db) {
        db.close();
        opening = null;
      }, function () { }).then(function () {
        return Promise.all([request(root.indexedDB.deleteDatabase(DB)), root.caches ? root.caches.delete(CACHE) : null]);
      });
    },
  };

  function token() {
    return root.fetch('/judging/field-token', { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(function (r) {
      if (!r.ok || r.redirected) { return null; }
      return r.json();
    }).then(function (t) {
      return store.meta().then(function (m) {
        // Another account signed in on this phone: its session must never carry this juror's scores.
        return t && m && t.user === m.user ? t.token : null;
      });
    });
  }

  function body(item, rec, t) {
    var b = new URLSearchParams();
    item.values.points.forEach(function (p, i) { b.append('Points[' + i + ']', p); });
    item.values.achieved.forEach(function (a, i) { b.append('Achieved[' + i + ']', a); });
    b.append('Comments', item.values.comments || '');
    b.append('SaveId', item.saveId);
    b.append('Revision', String(rec.revision));
    b.append('submit', item.submit ? 'true' : 'false');
    b.append('Confirmed', item.submit ? 'true' : 'false');
    b.append('__RequestVerificationToken', t);
    return b;
  }

  // The server's version of a refused sheet, for the juror to compare (null when the sheet is no longer theirs to see).
  function serverVersion(id) {
    return root.fetch('/judging/field-pack', { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(function (r) {
      return r.ok && !r.redirected ? r.json() : null;
    }).then(function (pack) {
      var p = pack && pack.sheets.filter(function (s) { return s.id === id; })[0];
      return p ? { values: valuesOf(p), revision: p.revision, state: p.state } : null;
    }, function () { return null; });
  }

  function update(names, work) { return run(names, 'readwrite', work); }

  function send() {
    var sent = 0;
    return store.outbox().then(function (items) {
      if (!items.length) { return { sent: 0, left: 0 }; }
      return token().then(function (t) {
        if (!t) { return { sent: 0, left: items.length, stopped: true }; }
        var stop = false;
        var chain = Promise.resolve();
        items.forEach(function (item) {
          chain = chain.then(function () {
            if (stop) { return; }
            return store.sheet(item.sheet).then(function (rec) {
              if (!rec || rec.conflict) { return; } // waits for the juror's choice
              // Read again and marked as tried in one step: what the juror typed meanwhile went into this item, and
              // from now on a change is a new item (this one may reach the server without its answer coming back).
              var current = null;
              return update(['outbox'], function (s) {
                return request(s.outbox.get(item.seq)).then(function (fresh) {
                  if (fresh) { fresh.tried = true; s.outbox.put(fresh); current = fresh; }
                });
              }).then(function () {
                if (!current) { return null; }
                return root.fetch(rec.url + '/autosave', {
                  method: 'POST', body: body(current, rec, t), credentials: 'same-origin', redirect: 'manual', headers: { Accept: 'application/json' },
                });
              }).then(function (r) {
                if (!r) { return; }
                // Signed out, the token went stale, or the server in trouble: the rest waits, and is tried again later.
                if (r.type === 'opaqueredirect' || r.status === 400 || r.status >= 500) { stop = true; return; }
                // A sheet gone (404: a conflict declared, the seat ended) answers a page, not JSON: refused all the same.
                return r.json().catch(function () { return { errors: [] }; }).then(function (answer) { return settle(current, rec, r.status, answer); });
              }, function () { stop = true; }); // no network: the rest waits, in order
            });
          });
        });
        return chain.then(function () { return store.outbox(); }).then(function (left) { return { sent: sent, left: left.length, stopped: stop }; });
      });
    });

    function settle(item, rec, status, answer) {
      if (status === 200) {
        sent += 1;
        return update(['sheets', 'outbox'], function (s) {
          s.outbox.delete(item.seq);
          return request(s.sheets.get(rec.id)).then(function (now) {
            now.revision = answer.revision;
            now.state = answer.state;
            now.server = { values: item.values, revision: answer.revision, state: answer.state };
            if (answer.state === 'Submitted') { now.queued = false; }
            s.sheets.put(now);
          });
        });
      }
      // Refused (changed elsewhere, reopened, submitted by an officer, a conflict of interest, invalid): kept with the reason.
      return serverVersion(rec.id).then(function (server) {
        return update(['sheets'], function (s) {
          return request(s.sheets.get(rec.id)).then(function (now) {
            now.queued = false;
            now.conflict = {
              status: status, submit: item.submit, server: server,
              errors: (answer.errors || []).map(function (e) { return { code: e.code, field: e.field, message: e.message }; }),
            };
            s.sheets.put(now);
          });
        });
      });
    }
  }

  root.FieldStore = store;
})(self);
