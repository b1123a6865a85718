/* Page side of the offline app (inlined into index.html by tools/build_web.py).
 *
 * On the first visit the service worker downloads everything first, then the app
 * starts through it, so the first visit already leaves a complete offline copy
 * and nothing is downloaded twice. Later visits start at once from that copy.
 * Without service workers (an http:// address other than localhost, some private
 * modes) the app starts straight from the network and works while online.
 * When a newer build has been downloaded, a banner offers to switch to it.
 */
(function () {
  'use strict';
  var started = false;
  var updating = false;

  function start() {
    if (started) return;
    started = true;
    // Load the Python runtime while Flutter loads (python.js, tools/web_prewarm.py).
    try {
      if (typeof window.fletPrewarm === 'function') window.fletPrewarm();
    } catch (error) {
      console.log('Python starts when Flutter connects instead:', error);  // still starts
    }
    var script = document.createElement('script');
    script.src = 'flutter_bootstrap.js';
    script.async = true;
    document.body.appendChild(script);
  }

  function status(text) {
    var box = document.getElementById('lipcheck-status');
    if (box) box.textContent = text;
  }

  function offerUpdate(registration) {
    if (document.getElementById('lipcheck-update') || !registration.waiting) return;
    var bar = document.createElement('div');
    bar.id = 'lipcheck-update';
    bar.setAttribute('role', 'status');
    bar.innerHTML = '<span>A new version of Lip Twitch Check is ready.</span>' +
      '<button type="button" id="lipcheck-update-now">Update now</button>' +
      '<button type="button" id="lipcheck-update-later" aria-label="Later">Later</button>';
    document.body.appendChild(bar);
    document.getElementById('lipcheck-update-now').onclick = function () {
      updating = true;
      status('');
      registration.waiting.postMessage('skip-waiting');
    };
    document.getElementById('lipcheck-update-later').onclick = function () { bar.remove(); };
  }

  function watch(registration, worker, hadController) {
    worker.addEventListener('statechange', function () {
      if (worker.state === 'installed' && hadController) offerUpdate(registration);
      // A failed first download: run from the network rather than not at all.
      if (worker.state === 'redundant' && !navigator.serviceWorker.controller) start();
    });
  }

  if (navigator.storage && navigator.storage.persist) {
    // Ask the browser not to evict the saved results under storage pressure.
    navigator.storage.persisted().then(function (yes) {
      return yes || navigator.storage.persist();
    }).catch(function () {});
  }

  if (!('serviceWorker' in navigator) || !window.isSecureContext) {
    start();
    return;
  }
  var sw = navigator.serviceWorker;
  var hadController = !!sw.controller;
  if (hadController) start();
  else status('Getting the app ready to work offline\u2026');

  sw.addEventListener('controllerchange', function () {
    if (!started) start();
    else if (updating || hadController) window.location.reload();
  });
  sw.addEventListener('message', function (event) {
    var data = event.data || {};
    if (data.type === 'lipcheck-progress' && !started) {
      status('Getting the app ready to work offline: ' + data.done + ' of ' + data.total + ' files');
    }
  });

  sw.register('sw.js').then(function (registration) {
    if (registration.waiting && hadController) offerUpdate(registration);
    if (registration.installing) watch(registration, registration.installing, hadController);
    registration.addEventListener('updatefound', function () {
      watch(registration, registration.installing, hadController);
    });
    // Active but not in control (e.g. after a hard reload): just start.
    if (registration.active && !sw.controller) start();
  }).catch(function (error) {
    console.warn('Service worker registration failed; starting without offline support', error);
    start();
  });
})();
