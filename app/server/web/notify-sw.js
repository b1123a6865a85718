/* Lip Twitch Check: what a tap on a reminder's system notification does (service
 * worker side). The offline app's worker imports this file; in server mode it is a
 * worker of its own on the /_lipcheck/ scope, which controls no page.
 * A button (or the notification itself) becomes a route in the app: an open page is
 * told to go there (and focused), otherwise the app is opened on it. The app then
 * does what the reminder banner's button does (app/ui/habits/notify.py).
 */
'use strict';

self.lipcheckNotificationClick = async function (notification, action) {
  notification.close();
  const data = notification.data || {};
  let route = '/habits';
  if (action && data.tag && data.nonce) {
    route += '?' + new URLSearchParams({ lipcheck: action, tag: data.tag, nonce: data.nonce });
  }
  const pages = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const page = pages.find((p) => new URL(p.url).origin === self.location.origin);
  if (page) {
    page.postMessage({ type: 'lipcheck-route', route });
    try { await page.focus(); } catch (error) { /* focusing needs the tap's activation */ }
    return;
  }
  const base = data.base || self.location.origin;
  await self.clients.openWindow(data.hash ? base + '#' + route : base + route);
};

self.addEventListener('notificationclick', (event) => {
  event.waitUntil(self.lipcheckNotificationClick(event.notification, event.action));
});
