"""Reading and pressing the app's system notifications in Chromium (issue 16).

Notifications are read back from the page's service worker registrations
(`registration.getNotifications()`), which headless Chromium supports once the
context holds the notification permission.

A press on a notification's button is simulated honestly but not by the OS: a
script cannot make Chromium deliver a real `notificationclick`, and a synthetic
NotificationEvent is untrusted (its `waitUntil` throws). So the test takes the real
Notification object from `registration.getNotifications()` inside the service
worker and calls `self.lipcheckNotificationClick(notification, action)`, the very
function the worker's `notificationclick` listener calls with the event's
notification and action (app/server/web/notify-sw.js). Everything after that point
(the message to the page, the route, the app's action) is the real path.
"""

from __future__ import annotations

import time
from typing import Any

from playwright.sync_api import BrowserContext, Page, Worker

NOTIFICATIONS_JS = """async () => {
  const out = [];
  for (const reg of await navigator.serviceWorker.getRegistrations()) {
    for (const n of await reg.getNotifications()) {
      out.push({tag: n.tag, title: n.title, body: n.body,
                actions: n.actions.map((a) => a.title), scope: reg.scope});
    }
  }
  return out;
}"""
PRESS_JS = """async ([tag, action]) => {
  const [notification] = await self.registration.getNotifications({tag});
  if (!notification) return false;
  await self.lipcheckNotificationClick(notification, action);
  return true;
}"""


def notifications(page: Page) -> list[dict[str, Any]]:
    return list(page.evaluate(NOTIFICATIONS_JS))


def wait_notifications(page: Page, count: int, timeout: float = 20.0) -> list[dict[str, Any]]:
    """Wait until exactly `count` notifications are on screen; returns them."""
    deadline = time.monotonic() + timeout
    found = notifications(page)
    while len(found) != count and time.monotonic() < deadline:
        page.wait_for_timeout(100)
        found = notifications(page)
    assert len(found) == count, f"expected {count} notification(s), found {found}"
    return found


def notify_worker(context: BrowserContext, name: str, timeout: float = 20.0) -> Worker:
    """The service worker whose script URL ends with `name` (notify-sw.js or sw.js)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for worker in context.service_workers:
            if worker.url.split("?")[0].endswith("/" + name):
                return worker
        time.sleep(0.1)
    raise AssertionError(f"no service worker {name}: {[w.url for w in context.service_workers]}")


def press(context: BrowserContext, worker_name: str, tag: str, action: str) -> None:
    """Press `action` on the notification `tag`, through the worker's click handler."""
    worker = notify_worker(context, worker_name)
    assert worker.evaluate(PRESS_JS, [tag, action]), f"no notification {tag} to press"
