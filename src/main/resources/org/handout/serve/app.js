// handout serve: the page's one script. Everything works without it; it adds the language search,
// progress while a ZIP is made, and reloading a page when a file it is made from is saved.
(function () {
  'use strict';
  var body = document.body;

  // reload when an input changes (preview, translator's page, the page about a broken file)
  var version = body.getAttribute('data-version');
  if (version) {
    setInterval(function () {
      fetch('/version', { cache: 'no-store', credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.text() : version; })
        .then(function (t) { if (t.trim() !== version) { location.reload(); } })
        .catch(function () {});
    }, 1000);
  }

  // searching the languages by their own name, their name in the page's language, English or tag
  var find = document.getElementById('find');
  if (find) {
    var box = find.closest('.find');
    box.hidden = false;
    var found = document.getElementById('found');
    var items = Array.prototype.slice.call(document.querySelectorAll('#langs li'));
    var norm = function (s) { return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim(); };
    find.addEventListener('input', function () {
      var q = norm(find.value);
      var n = 0;
      items.forEach(function (li) {
        var hit = !q || norm(li.getAttribute('data-names')).indexOf(q) >= 0;
        var checked = li.querySelector('input').checked;
        li.hidden = !hit && !checked;
        if (hit) { n++; }
      });
      found.textContent = q ? find.getAttribute('data-found').replace('{count}', String(n)) : '';
    });
  }

  // a ZIP takes a while: say how far it has got
  var progress = document.getElementById('progress');
  function watch(job, busy) {
    progress.textContent = progress.getAttribute('data-waiting');
    if (busy) { busy.setAttribute('aria-busy', 'true'); }
    var timer = setInterval(function () {
      fetch('/progress?job=' + job, { cache: 'no-store', credentials: 'same-origin' })
        .then(function (r) { return r.json(); })
        .then(function (p) {
          if (!p.known) { return; }
          if (p.finished) {
            clearInterval(timer);
            progress.textContent = p.leftOut > 0
              ? progress.getAttribute('data-ready-gaps').replace('{left}', String(p.leftOut)).replace('{total}', String(p.total))
              : progress.getAttribute('data-ready');
            if (busy) { busy.removeAttribute('aria-busy'); }
          } else {
            progress.textContent = progress.getAttribute('data-building')
              .replace('{done}', String(p.done)).replace('{total}', String(p.total));
          }
        })
        .catch(function () {});
    }, 500);
  }
  function newJob() {
    var a = new Uint8Array(12);
    crypto.getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }
  Array.prototype.forEach.call(document.querySelectorAll('[data-zip]'), function (el) {
    if (!progress) { return; }
    if (el.tagName === 'A') {
      el.addEventListener('click', function () {
        var job = newJob();
        el.href = el.href.replace(/&job=[0-9a-f]+/, '') + '&job=' + job;
        watch(job, null);
      });
    } else {
      el.addEventListener('click', function () {
        var form = el.form;
        var input = form.querySelector('input[name=job]');
        if (!input) {
          input = document.createElement('input');
          input.type = 'hidden';
          input.name = 'job';
          form.appendChild(input);
        }
        input.value = newJob();
        // the preview button must not carry it
        form.addEventListener('submit', function drop(e) {
          if (e.submitter !== el) { input.remove(); }
          form.removeEventListener('submit', drop);
        });
        watch(input.value, el);
      });
    }
  });
  // Back to a page whose ZIP field is left over: it belongs to no job
  window.addEventListener('pageshow', function () {
    Array.prototype.forEach.call(document.querySelectorAll('input[name=job]'), function (i) { i.remove(); });
    if (progress) { progress.textContent = ''; }
  });
})();
