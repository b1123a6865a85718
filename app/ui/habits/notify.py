"""System notifications for due reminders (opt-in), beside the in-app banner.

The session's reminder task (banner.py) calls `sync` each time it looks at
what is due. A due reminder not notified yet is remembered first (ReminderState, so a
reload never shows it twice) and then sent to the page, which shows it through its
service worker (app/server/web/notify.js):
- offline build: Python runs in the page's worker and posts the message to the page;
- server mode: the message goes to the server's feed, which the page long-polls.
What comes back is a route (the only way into a running Flet app from the page):
`?lipcheck_status=...` answers the permission request, and
`/habits?lipcheck=log&tag=...&nonce=...` is a notification's button, which runs the
banner's own action for that reminder.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

import flet as ft

from app.errors import LipCheckError
from app.habits import Reminder
from app.habits.notify import SNOOZE_MIN, parse_action, tag_of
from app.services import notify
from app.services.notices_feed import FEED
from app.ui.frame.context import Ctx
from app.ui.habits.common import muted

if TYPE_CHECKING:
    from app.ui.habits.banner import ReminderBanner

log = logging.getLogger(__name__)
STATUS_PARAM = "lipcheck_status"
REASONS = {
    "granted": "Shown on this device too.",
    "denied": (
        "This browser blocks notifications from this app. Allow them in the site "
        "settings of your browser, then turn this on again. Reminders still show in the app."
    ),
    "default": "You did not allow notifications. Reminders still show in the app.",
    "insecure": (
        "This browser allows notifications only on a secure address (https:// or "
        "localhost), not a plain http:// network address. Reminders still show in the app."
    ),
    "unsupported": "This browser cannot show notifications. Reminders still show in the app.",
    "no-sw": (
        "This browser has no service worker for this app here (a private window?), so it "
        "cannot show notifications. Reminders still show in the app."
    ),
    "asking": "Asking your browser for permission...",
}


def deliver(messages: list[dict[str, Any]], keep: list[str] | None, to: str | None) -> None:
    """Hand the messages to the page (see the module docstring); ``to``: the session."""
    if sys.platform == "emscripten":
        import js  # type: ignore[import-not-found]  # Pyodide: this is the page's worker

        batch = {"lipcheck": "notices", "messages": messages, "keep": keep or []}
        js.postMessage(js.JSON.parse(json.dumps(batch)))
    else:
        FEED.publish(messages, keep=keep, to=to)


class SystemNotifier:
    """One session's system notifications: what to show, and the answers coming back.
    ``status`` is what the page last said about this browser ("granted" or a reason)."""

    def __init__(self, banner: ReminderBanner) -> None:
        self.banner = banner
        self.ctx = banner.ctx
        self.status: str | None = None

    def _send(self, messages: list[dict[str, Any]], keep: list[str] | None = None) -> None:
        try:
            session: str | None = self.ctx.page.session.id
        except Exception:  # the session is gone (the page closed): anyone may take it
            session = None
        deliver(messages, keep, session)

    def enabled(self) -> bool:
        return notify.enabled(self.ctx.services)

    def sync(self, due: Sequence[Reminder]) -> None:
        """Notify the due reminders not notified yet; tell the page which are still due.
        Never raises: a notification problem must not stop the banners."""
        try:
            fresh = notify.take_fresh(self.ctx.services, due)
            if fresh or self.enabled():
                shown = [{"type": "show", "notice": n.as_json()} for n in fresh]
                self._send(shown, [tag_of(r) for r in due])
        except Exception:
            log.exception("system notifications failed; the banners carry on")

    def ask(self) -> None:
        """From the toggle's tap only: the page asks the browser and answers with a route."""
        self.status = "asking"
        self._send([{"type": "ask"}])

    def check(self) -> None:
        """Once per session: the page answers only when notifications cannot be shown."""
        self.status = "checking"
        self._send([{"type": "check"}])

    def on_route(self) -> None:
        """Route hook: a permission answer or a notification's button."""
        route = self.ctx.page.route or "/"
        path, _, query = route.partition("?")
        if f"{STATUS_PARAM}=" in query:
            self._status(path, query)
            return
        action = parse_action(route)
        if action is None:
            return
        self.ctx.go(path)  # the plain route: a reload does not act again
        try:
            reminder = notify.reminder_for(self.ctx.services, action)
        except LipCheckError:
            log.exception("a notification action could not be checked")
            return
        if reminder is None:
            return  # done already, or not from this app: just Habits
        if action.action == "log":
            self.banner.log_first_cup(reminder)
        else:
            self.banner.snooze_for(reminder, SNOOZE_MIN)

    def _status(self, path: str, query: str) -> None:
        """Record the page's answer; only an answer to the toggle's tap changes the setting
        (a check on another device must not turn it off for this one)."""
        answer = dict(parse_qsl(query)).get(STATUS_PARAM, "")
        status = answer if answer in REASONS and answer != "asking" else "unsupported"
        asked = self.status == "asking"
        self.status = status
        granted = status == "granted"
        if asked and self.enabled() != granted:
            try:
                notify.set_enabled(self.ctx.services, granted)
            except LipCheckError as exc:
                self.ctx.toast(f"Not saved: {exc}")
        self.ctx.go(path)
        if asked and granted:
            self.ctx.toast("System notifications on.")


def _notifier(ctx: Ctx) -> SystemNotifier | None:
    banner = ctx.state.reminders
    return banner.notifier if banner is not None else None


def notify_toggle(ctx: Ctx) -> list[ft.Control]:
    """The Reminder settings' opt-in switch, and the reason when the browser can't."""
    notifier = _notifier(ctx)  # None only before the session's reminder task started
    on = notify.enabled(ctx.services)

    def toggle(e: ft.Event[ft.Switch]) -> None:
        notifier = _notifier(ctx)
        if notifier is None:
            ctx.toast("Reminders are not running yet; try again in a moment.")
            return
        if e.control.value:
            notifier.ask()  # the permission is asked from this tap only
            ctx.rerender()
            return
        try:
            notify.set_enabled(ctx.services, False)
        except LipCheckError as exc:
            ctx.toast(f"Not saved: {exc}")
            return
        notifier.status = None
        ctx.toast("System notifications off.")
        ctx.rerender()

    if on and notifier is not None and notifier.status is None:
        notifier.check()
    reason = REASONS.get(notifier.status or "") if notifier is not None else None
    idle = ("While the app is open, even in a background tab or installed, a due reminder "
            "also shows as a notification of your phone or computer.")
    return [
        ft.Switch(label="Also show system notifications", value=on, on_change=toggle),
        muted(reason or (REASONS["granted"] if on else idle)),
    ]
