/* Page side of the offline app (inlined into index.html by tools/build_web.py).
 *
 * On the first visit the service worker downloads everything first (the loading
 * screen shows how much), then the app starts through it, so the first visit
 * already leaves a complete offline copy and nothing is downloaded twice. If a
 * file still fails after the worker's retries, the app starts from the network
 * and a notice says it is not ready offline yet, with "Try again". Later visits
 * start at once from that copy. Without service workers (an http:// address
 * other than localhost, some private modes) the app starts straight from the
 * network and works while online. When a newer build has been downloaded, a
 * banner offers to switch to it.
 * The loading screen stays, with a line saying what is starting, until the app's
 * first screen has painted (WAIT_FOR_HOME: the app signals it), so there is no
 * blank frame between it and Home. window.lipcheckMarks keeps when each step
 * happened (ms since navigation start; read by bench/web.py).
 */
(function () {
  'use strict';
  var WAIT_FOR_HOME = __WAIT_FOR_HOME__;
  var started = false;
  var updating = false;
  var firstFrame = false;
  var homeSent = false;
  var marks = window.lipcheckMarks = {};
  var STEPS = {
    'runtime-start': 'Starting Python\u2026',
    'runtime-ready': 'Unpacking the app\u2026',
    'imports-done': 'Loading the app\u2026',
    'services-start': 'Opening your data\u2026',
    'python-ready': 'Drawing Home\u2026'
  };

  function status(text) {
    var box = document.getElementById('lipcheck-status');
    if (box) box.textContent = text;
  }

  function mark(name, epochMs) {
    if (name in marks) return;
    marks[name] = epochMs === undefined ? performance.now() : epochMs - performance.timeOrigin;
    if (started && STEPS[name]) status(STEPS[name]);
  }

  if (typeof BroadcastChannel === 'function') {
    new BroadcastChannel('flet-start').onmessage = function (event) {
      var data = event.data || {};
      if (typeof data.mark === 'string') mark(data.mark, data.t);
    };
  }

  function hideLoader() {
    var loading = document.getElementById('loading');
    if (!loading) return;
    loading.remove();
    mark('home-painted');
  }

  // Two animation frames after the signal: Flutter has applied the first screen
  // (it came before the signal, on the same channel) and painted it.
  function maybeHide() {
    if (!firstFrame || !homeSent) return;
    requestAnimationFrame(function () { requestAnimationFrame(hideLoader); });
  }

  window.lipcheckFirstFrame = function () {
    mark('first-frame');
    firstFrame = true;
    if (!WAIT_FOR_HOME) hideLoader();
    else {
      maybeHide();
      setTimeout(hideLoader, 60000);  // never stuck behind the loading screen
    }
  };

  // From the Python worker (tools/web_prewarm.py): 'home' once the first screen
  // was sent, 'error' when Python could not start (Flutter then shows why).
  window.fletSignal = function (name) {
    mark('signal-' + name);
    if (name === 'home' || name === 'error') {
      homeSent = true;
      maybeHide();
    }
  };

  function start() {
    if (started) return;
    started = true;
    mark('start');
    status('Starting the app\u2026');
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

  function bar(id, html) {
    var old = document.getElementById(id);
    if (old) old.remove();
    var box = document.createElement('div');
    box.id = id;
    box.className = 'lipcheck-bar';
    box.setAttribute('role', 'status');
    box.innerHTML = html;
    document.body.appendChild(box);
    return box;
  }

  function offerUpdate(registration) {
    if (document.getElementById('lipcheck-update') || !registration.waiting) return;
    var box = bar('lipcheck-update', '<span>A new version of Lip Twitch Check is ready.</span>' +
      '<button type="button" id="lipcheck-update-now">Update now</button>' +
      '<button type="button" id="lipcheck-update-later" aria-label="Later">Later</button>');
    document.getElementById('lipcheck-update-now').onclick = function () {
      updating = true;
      status('');
      registration.waiting.postMessage('skip-waiting');
    };
    document.getElementById('lipcheck-update-later').onclick = function () { box.remove(); };
  }

  // The first download failed: run from the network, and say it is not offline yet.
  function notReady() {
    if (navigator.serviceWorker.controller) return;  // an older complete copy still works
    start();
    bar('lipcheck-offline', '<span id="lipcheck-offline-text">Lip Twitch Check is not ready ' +
      'to work offline yet: part of it could not be downloaded. Stay online to use it, ' +
      'or try again.</span>' +
      '<button type="button" id="lipcheck-offline-retry">Try again</button>' +
      '<button type="button" id="lipcheck-offline-close" aria-label="Close">Close</button>');
    document.getElementById('lipcheck-offline-retry').onclick = function () {
      document.getElementById('lipcheck-offline-text').textContent =
        'Downloading the offline copy again\u2026';
      register();
    };
    document.getElementById('lipcheck-offline-close').onclick = function () {
      document.getElementById('lipcheck-offline').remove();
    };
  }

  function ready() {
    var box = document.getElementById('lipcheck-offline');
    if (box) box.remove();
  }

  function watch(registration, worker, hadController) {
    worker.addEventListener('statechange', function () {
      if (worker.state === 'installed' && hadController) offerUpdate(registration);
      if (worker.state === 'redundant' && !navigator.serviceWorker.controller) notReady();
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
    ready();
    if (!started) start();
    else if (updating || hadController) window.location.reload();
  });
  sw.addEventListener('message', function (event) {
    var data = event.data || {};
    if (data.type === 'lipcheck-progress' && !started) {
      status('Getting the app ready to work offline: ' + (data.bytes / 1e6).toFixed(1) +
        ' of ' + (data.totalBytes / 1e6).toFixed(1) + ' MB');
    } else if (data.type === 'lipcheck-failed') {
      notReady();
    }
  });

  function register() {
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
      notReady();
    });
  }
  register();
})();
