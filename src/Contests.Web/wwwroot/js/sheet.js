// Score sheet on a phone in the field: the running total, and autosave of the draft a moment after the
// juror stops typing. Each save carries an id made here; a save that got no answer (the network dropped)
// is sent again with the same id, so the server applies it once. Saves go one at a time, each with the
// revision the last answer gave; a press on Save or Submit waits for a save under way, then posts the
// form as usual. Without JavaScript the form posts normally and nothing is lost.
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
          if (r.status === 409) { url = null; } // changed elsewhere or submitted: stop, the message says what to do
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
    dirty = true;
    if (url) { schedule(); }
  });

  form.addEventListener('submit', function (event) {
    if (timer) { clearTimeout(timer); timer = null; }
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

  retotal();
})();
