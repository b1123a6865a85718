/* Lip Twitch Check: system notifications for due reminders, page side.
 *
 * The Python app decides what to show (app/habits/notify.py) and sends it here: in the
 * offline build the Python worker posts it to this page (tools/web_notify.py patches
 * python.js to hand such messages to lipcheckNotices); in server mode this script asks
 * the server for it (a same-origin long poll, data-feed on the script tag). Nothing
 * here talks to any other origin, and there is no push service.
 * The page shows notifications through a service worker registration (Chrome on
 * Android has no `new Notification()`): the offline app's own worker, which imports
 * notify-sw.js, or in server mode notify-sw.js alone, on a scope of its own.
 * Answers go back into the app as a route: "?lipcheck_status=..." for the permission,
 * "/habits?lipcheck=log&tag=...&nonce=..." for a notification's button (from the worker).
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var feed = script && script.dataset.feed;
  var swUrl = script ? new URL('notify-sw.js', script.src).href : '';
  var registration = null;

  function hashRoutes() { return !feed; }  // the offline build uses #/ routes

  function go(route, replace) {
    var url = hashRoutes() ? '#' + route : route;
    history[replace ? 'replaceState' : 'pushState'](null, '', url);
    window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
  }

  function currentRoute() {
    if (hashRoutes()) return (location.hash.slice(1) || '/').split('?')[0];
    return location.pathname;
  }

  function withTimeout(promise, ms) {
    return Promise.race([promise, new Promise(function (resolve) {
      setTimeout(function () { resolve(null); }, ms);
    })]);
  }

  function getRegistration() {
    if (registration) return Promise.resolve(registration);
    var sw = navigator.serviceWorker;
    var found = feed
      ? sw.register(swUrl, { scope: new URL('./', swUrl).pathname }).then(function (reg) {
          var worker = reg.installing || reg.waiting;
          if (reg.active || !worker) return reg;
          return new Promise(function (resolve) {
            worker.addEventListener('statechange', function () {
              if (worker.state === 'activated') resolve(reg);
            });
          });
        })
      : sw.ready;
    return withTimeout(found.catch(function () { return null; }), 15000).then(function (reg) {
      registration = reg;
      return reg;
    });
  }

  /* Why notifications can or cannot be shown here: "granted" or the reason. */
  function status() {
    if (!window.isSecureContext) return Promise.resolve('insecure');
    if (!('Notification' in window)) return Promise.resolve('unsupported');
    if (!('serviceWorker' in navigator)) return Promise.resolve('no-sw');
    if (Notification.permission !== 'granted') return Promise.resolve(Notification.permission);
    return getRegistration().then(function (reg) { return reg ? 'granted' : 'no-sw'; });
  }

  function report(answer) {
    go(currentRoute() + '?lipcheck_status=' + encodeURIComponent(answer), true);
  }

  function ask() {
    if (!window.isSecureContext || !('Notification' in window) || !('serviceWorker' in navigator)) {
      return status().then(report);
    }
    return Promise.resolve(Notification.requestPermission()).then(status).then(report,
      function () { report('denied'); });
  }

  function show(notice) {
    return status().then(function (state) {
      if (state !== 'granted') return;
      var base = hashRoutes() ? location.href.split('#')[0] : location.origin;
      return registration.getNotifications({ tag: notice.tag }).then(function (open) {
        if (open.length) return;  // already on screen: never twice
        return registration.showNotification(notice.title, {
          body: notice.body,
          tag: notice.tag,
          actions: notice.actions,
          icon: new URL('icons/icon-192.png', document.baseURI).href,
          data: { tag: notice.tag, nonce: notice.nonce, base: base, hash: hashRoutes() },
        });
      });
    });
  }

  function closeStale(keep) {
    if (!registration) return Promise.resolve();
    return registration.getNotifications().then(function (open) {
      open.forEach(function (n) {
        if (n.tag.indexOf('lipcheck-') === 0 && keep.indexOf(n.tag) < 0) n.close();
      });
    });
  }

  function handle(batch) {
    var work = (batch.messages || []).map(function (message) {
      if (message.type === 'show') return show(message.notice);
      if (message.type === 'ask') return ask();
      if (message.type === 'check') {
        return status().then(function (s) { if (s !== 'granted') report(s); });
      }
      return null;
    });
    return Promise.all(work).then(function () { return closeStale(batch.keep || []); })
      .catch(function (error) { console.warn('Lip Twitch Check notifications:', error); });
  }
  window.lipcheckNotices = handle;

  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.addEventListener('message', function (event) {
      var data = event.data || {};
      if (data.type === 'lipcheck-route' && typeof data.route === 'string') go(data.route, false);
    });
    navigator.serviceWorker.startMessages();
  }

  function poll() {
    // The Flet client keeps its session id here: messages for this tab only, then.
    var session = '';
    try { session = sessionStorage.getItem('_flet_session_id') || ''; } catch (e) { /* none */ }
    fetch(feed + '?session=' + encodeURIComponent(session),
      { cache: 'no-store', credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      })
      .then(function (batch) { return handle(batch); })
      .then(poll, function () { setTimeout(poll, 5000); });
  }
  if (feed) poll();
})();
