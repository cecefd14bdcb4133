// Upload with a progress bar: on a slow rural connection a 10 MB file takes minutes, and a page that
// looks frozen gets reloaded (and the file sent twice). Without JavaScript the form posts normally.
(function () {
  'use strict';
  document.querySelectorAll('form[data-upload-progress]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.FormData || !window.XMLHttpRequest) { return; }
      // A form that also saves other things (the entry's baseline) posts those normally.
      var submitter = event.submitter;
      if (submitter && submitter.hasAttribute('data-no-progress')) { return; }
      event.preventDefault();
      var chosen = form.querySelector('input[type=file]');
      var max = Number(form.dataset.maxBytes || 0);
      if (max && chosen && chosen.files.length && chosen.files[0].size > max) {
        // Say it before sending megabytes over a slow link only to have them refused.
        var note = form.querySelector('[data-progress-text]');
        note.hidden = false;
        note.textContent = form.dataset.tooLarge;
        return;
      }
      var bar = form.querySelector('progress');
      var text = form.querySelector('[data-progress-text]');
      var button = submitter || form.querySelector('button[type=submit]');
      bar.hidden = false; text.hidden = false; button.disabled = true;
      var xhr = new XMLHttpRequest();
      xhr.open('POST', submitter && submitter.hasAttribute('formaction') ? submitter.formAction : form.action);
      xhr.upload.onprogress = function (e) {
        if (!e.lengthComputable) { return; }
        var percent = Math.round(100 * e.loaded / e.total);
        bar.value = percent;
        text.textContent = text.dataset.uploading.replace('{0}', percent);
      };
      xhr.upload.onload = function () {
        bar.removeAttribute('value'); // indeterminate while the server checks every row
        text.textContent = text.dataset.checking;
      };
      xhr.onload = function () {
        document.open();
        document.write(xhr.responseText);
        document.close();
      };
      xhr.onerror = function () {
        button.disabled = false; bar.hidden = true;
        text.textContent = form.dataset.networkError || 'Error de red: intente de nuevo.';
      };
      xhr.send(new FormData(form));
    });
  });
}());
