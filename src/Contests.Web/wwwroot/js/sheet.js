// Score sheet on a phone in the field: the running total, and autosave of the draft a moment after the
// juror stops typing. Each save carries an id made here; a save that got no answer (the network dropped)
// is sent again with the same id, so the server applies it once. Saves go one at a time, each with the
// revision the last answer gave; a press on Save or Submit waits for a save under way, then posts the
// form as usual. Without JavaScript the form posts normally and nothing is lost.
// On a phone prepared for the field (field-store.js holds this sheet for this juror), every change is kept on the
// phone at once and goes out through its outbox instead, and Submit queues the submission and locks the sheet here;
// a refusal from the server is shown with both versions (the juror's values stay on the phone until they choose).
(function () {
  'use strict';
  var form = document.getElementById('sheet');
  if (!form) { return; }
  var total = document.getElementById('total');
  var status = document.getElementById('save-status');
  var url = form.dataset.autosave;
  var timer = null;
  var busy = false;
  var dirty = false;
  var held = null;
  var idUsed = false; // the form's save id went out with an autosave: the next save needs its own

  function number(text) {
    var t = (text || '').trim();
    if (t.split(',').length === 2 && t.indexOf('.') < 0) { t = t.replace(',', '.'); }
    var n = Number(t);
    return t === '' || isNaN(n) ? 0 : n;
  }

  function retotal() {
    var sum = 0;
    form.querySelectorAll('input[data-max]').forEach(function (input) {
      sum += number(input.value) * Number(input.dataset.weight || 1);
    });
    if (total) { total.textContent = String(Math.round(sum * 100) / 100); }
  }

  function newId() {
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  function say(text) { if (status) { status.textContent = text; } }

  // Each problem next to its field, tied to it for screen readers (aria-describedby), as the server's page does.
  function showErrors(errors) {
    form.querySelectorAll('.autosave-error').forEach(function (e) { e.remove(); });
    form.querySelectorAll('[data-autosave-invalid]').forEach(function (i) {
      i.removeAttribute('data-autosave-invalid'); i.removeAttribute('aria-invalid'); i.removeAttribute('aria-describedby');
    });
    (errors || []).forEach(function (e) {
      var input = e.field && form.querySelector('[name="' + e.field + '"]');
      var note = document.createElement('span');
      note.className = 'error field-validation-error autosave-error';
      note.textContent = e.message;
      if (input) {
        note.id = input.id + '-error';
        input.setAttribute('data-autosave-invalid', '');
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', note.id);
        input.insertAdjacentElement('afterend', note);
      } else {
        status.insertAdjacentElement('afterend', note);
      }
    });
  }

  function release() {
    busy = false;
    if (held) { var button = held; held = null; form.requestSubmit(button); return; }
    if (dirty) { schedule(); }
  }

  function send(body, attempt) {
    fetch(url, { method: 'POST', body: body, credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) {
        return response.json().then(function (answer) { return { status: response.status, answer: answer }; });
      })
      .then(function (r) {
        if (r.status === 200) {
          form.elements.Revision.value = r.answer.revision;
          showErrors([]);
          say(form.dataset.saved);
        } else {
          showErrors(r.answer.errors);
          say(form.dataset.failed);
          // Changed elsewhere, submitted, blocked or no longer the juror's: stop, the message says what to do.
          if (r.status !== 422) { url = null; }
        }
        release();
      })
      .catch(function () {
        // No answer: maybe it was applied, maybe not. The same id again makes either case right.
        say(form.dataset.offline);
        setTimeout(function () { send(body, attempt + 1); }, Math.min(30000, 1000 * Math.pow(2, attempt)));
      });
  }

  function save() {
    timer = null;
    if (!url || busy || !dirty) { return; }
    busy = true;
    dirty = false;
    form.elements.SaveId.value = newId();
    idUsed = true;
    var body = new FormData(form);
    body.set('submit', 'false');
    say(form.dataset.saving);
    send(body, 0);
  }

  function schedule() {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(save, 1500);
  }

  form.addEventListener('input', function () {
    retotal();
    if (field) { keepLocal(false); return; }
    dirty = true;
    if (url) { schedule(); }
  });

  form.addEventListener('submit', function (event) {
    if (timer) { clearTimeout(timer); timer = null; }
    if (field) { event.preventDefault(); submitLocal(event.submitter); return; }
    if (busy) {
      // Wait for the save under way: its answer carries the revision this post must send.
      event.preventDefault();
      held = event.submitter;
      return;
    }
    // A fresh id for this post unless it has one of its own already: a double tap sends the same id,
    // and the server applies it once.
    if (idUsed) { form.elements.SaveId.value = newId(); idUsed = false; }
    form.querySelectorAll('button[type=submit]').forEach(function (b) { b.setAttribute('aria-disabled', 'true'); });
  });

  // The field mode: the phone's record of this sheet (null: the page works online only, as above).
  var field = null;
  var store = window.FieldStore;
  var texts = store && store.texts;
  var sheetId = Number(form.dataset.sheet);
  var submitting = false;
  var sendTimer = null;

  function fields(prefix) { return Array.prototype.slice.call(form.querySelectorAll('[name^="' + prefix + '["]')); }

  function values() {
    return {
      points: fields('Points').map(function (i) { return i.value; }), achieved: fields('Achieved').map(function (i) { return i.value; }),
      comments: form.elements.Comments ? form.elements.Comments.value : '', confirmed: !!(form.elements.Confirmed && form.elements.Confirmed.checked),
    };
  }

  function fill(v) {
    fields('Points').forEach(function (input, i) { input.value = v.points[i] || ''; });
    fields('Achieved').forEach(function (input, i) { input.value = v.achieved[i] || ''; });
    if (form.elements.Comments) { form.elements.Comments.value = v.comments || ''; }
    retotal();
  }

  function controls() { return form.querySelectorAll('input:not([type=hidden]), textarea, button'); }

  function lock(kind) {
    controls().forEach(function (e) { e.disabled = true; });
    status.dataset.local = kind;
    say(kind === 'queued' ? texts.queued : texts.sent);
  }

  function sendSoon(delay) {
    if (sendTimer) { clearTimeout(sendTimer); }
    sendTimer = setTimeout(function () { sendTimer = null; if (store.sendNow) { store.sendNow(); } }, delay);
  }

  function keepLocal(submit) {
    return store.keep(sheetId, values(), submit).then(function () {
      if (submit) { lock('queued'); } else { status.dataset.local = 'kept'; say(texts.kept); }
      sendSoon(submit ? 0 : 1500);
    });
  }

  function submitLocal(button) {
    var submit = !!button && button.value === 'true';
    if (submit && !(form.elements.Confirmed && form.elements.Confirmed.checked)) {
      showErrors([{ field: 'Confirmed', message: texts.confirm }]);
      return;
    }
    showErrors([]);
    submitting = submit;
    keepLocal(submit);
  }

  function cell(row, text, tag) {
    var c = document.createElement(tag || 'td');
    c.textContent = text;
    row.appendChild(c);
  }

  // Both versions side by side, and the juror's choice (when the server still lets them score the sheet).
  function showConflict(rec) {
    var old = document.getElementById('field-conflict');
    if (old) { old.remove(); }
    var c = rec.conflict;
    var box = document.createElement('section');
    box.id = 'field-conflict';
    box.className = 'card conflict';
    box.setAttribute('role', 'alert');
    box.dataset.status = String(c.status);
    var intro = document.createElement('p');
    intro.textContent = c.status === 409 ? texts.conflict : texts.refused;
    box.appendChild(intro);
    var list = document.createElement('ul');
    c.errors.forEach(function (e) {
      var li = document.createElement('li');
      li.textContent = e.message;
      if (e.field) { li.dataset.field = e.field; }
      list.appendChild(li);
    });
    box.appendChild(list);
    var table = document.createElement('table');
    var head = document.createElement('tr');
    cell(head, '', 'th');
    cell(head, texts.mine, 'th');
    if (c.server) { cell(head, texts.server, 'th'); }
    table.appendChild(head);
    function row(label, mine, theirs, name) {
      var r = document.createElement('tr');
      r.dataset.field = name;
      cell(r, label, 'th');
      cell(r, mine || '');
      if (c.server) { cell(r, theirs || ''); }
      table.appendChild(r);
    }
    var server = c.server ? c.server.values : null;
    rec.criteria.forEach(function (k, i) { row(k.name, rec.local.points[i], server && server.points[i], 'Points[' + i + ']'); });
    rec.local.achieved.forEach(function (a, i) {
      var label = form.querySelector('label[for="Achieved_' + i + '"]');
      row(label ? label.textContent : '', a, server && server.achieved[i], 'Achieved[' + i + ']');
    });
    row(texts.comments, rec.local.comments, server && server.comments, 'Comments');
    box.appendChild(table);
    if (c.server) {
      var actions = document.createElement('p');
      actions.className = 'actions';
      [[true, texts.keepMine, 'mine'], [false, texts.keepServer, 'server']].forEach(function (choice) {
        if (choice[0] && c.server.state === 'Submitted') { return; }
        var b = document.createElement('button');
        b.type = 'button';
        b.className = choice[0] ? 'primary' : 'secondary';
        b.dataset.choice = choice[2];
        b.textContent = choice[1];
        b.addEventListener('click', function () { store.resolve(sheetId, choice[0]).then(function () { location.reload(); }); });
        actions.appendChild(b);
      });
      box.appendChild(actions);
    }
    form.parentNode.insertBefore(box, form);
    controls().forEach(function (e) { e.disabled = false; });
    status.dataset.local = 'conflict';
  }

  function show(rec) {
    field = rec;
    if (rec.conflict) { showConflict(rec); return; }
    if (rec.state === 'Submitted') {
      if (submitting) { location.assign('/judging'); return; }
      lock('sent');
      return;
    }
    if (rec.queued) { lock('queued'); return; }
    store.outbox().then(function (items) {
      var waiting = items.some(function (i) { return i.sheet === sheetId; });
      status.dataset.local = waiting ? 'kept' : 'saved';
      say(waiting ? texts.kept : form.dataset.saved);
    });
  }

  if (store && texts && url && sheetId) {
    document.addEventListener('field:flushed', function () {
      if (field) { store.sheet(sheetId).then(function (rec) { if (rec) { show(rec); } }); }
    });
    store.active().then(function (active) {
      return active ? Promise.all([store.sheet(sheetId), store.outbox()]) : null;
    }).then(function (r) {
      if (!r || !r[0]) { return; }
      var rec = r[0];
      var waiting = r[1].some(function (i) { return i.sheet === sheetId; });
      var revision = Number(form.elements.Revision.value);
      if (timer) { clearTimeout(timer); timer = null; }
      if (rec.local && (waiting || rec.conflict || rec.queued || rec.revision >= revision)) {
        fill(rec.local);
      } else {
        // The page is newer than the phone's copy (saved elsewhere) and nothing of the juror waits: the page's values.
        rec.local = values();
        rec.revision = revision;
        store.adopt(sheetId, rec.local, revision);
      }
      show(rec);
    }).catch(function () { field = null; });
  }

  retotal();
})();
