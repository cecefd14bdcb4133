// Pack page: polls the pack's progress (a few bytes each time) and moves the bar until the pack is finished,
// then shows the downloads. Without JavaScript the page still works: reload it.
(function () {
  'use strict';
  var section = document.getElementById('pack');
  if (!section) { return; }
  var url = section.getAttribute('data-progress');
  var bar = document.getElementById('pack-progress');
  var percent = document.getElementById('pack-percent');
  var state = document.getElementById('pack-state');
  var count = document.getElementById('pack-count');
  var error = document.getElementById('pack-error');
  var downloads = document.getElementById('pack-downloads');
  var cancel = document.getElementById('pack-cancel');
  var countTemplate = section.getAttribute('data-count') || '{0} / {1}';
  var delay = 1000;

  function finished(s) { return s === 'Completed' || s === 'Cancelled' || s === 'Failed'; }

  function show(p) {
    bar.value = p.percent;
    bar.textContent = p.percent + ' %';
    percent.textContent = p.percent + ' %';
    state.textContent = p.label;
    count.textContent = countTemplate.replace('{0}', p.done).replace('{1}', p.total);
    section.setAttribute('data-state', p.state);
    if (p.error) { error.textContent = p.error; error.hidden = false; }
    if (p.state === 'Completed') { downloads.hidden = false; }
    if (finished(p.state) && cancel) { cancel.hidden = true; }
  }

  function poll() {
    fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (p) {
        show(p);
        delay = 1000;
        if (p.state === 'Failed') { window.location.reload(); return; }
        if (!finished(p.state)) { setTimeout(poll, delay); }
      })
      .catch(function () { delay = Math.min(delay * 2, 15000); setTimeout(poll, delay); });
  }

  if (!finished(section.getAttribute('data-state'))) { setTimeout(poll, 500); }
})();
