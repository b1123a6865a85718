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
import secrets
import sys
from dataclasses import replace
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

import flet as ft

from app.errors import LipCheckError
from app.habits import Reminder
from app.habits.notify import notice, parse_action, remember, resolve, tag_of, to_notify
from app.records import ReminderSettings, ReminderState
from app.system_notices import FEED
from app.ui.frame.context import Ctx
from app.ui.habits.model import amount_text

if TYPE_CHECKING:
    from app.ui.habits.banner import ReminderBanner

log = logging.getLogger(__name__)
STATUS_KEY = "notify_status"
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
    """One session's system notifications: what to show, and the answers coming back."""

    def __init__(self, banner: ReminderBanner) -> None:
        self.banner = banner
        self.ctx = banner.ctx

    def _send(self, messages: list[dict[str, Any]], keep: list[str] | None = None) -> None:
        try:
            session: str | None = self.ctx.page.session.id
        except Exception:  # the session is gone (the page closed): anyone may take it
            session = None
        deliver(messages, keep, session)

    def enabled(self) -> bool:
        return self.ctx.services.store.settings.get_app().system_notifications

    def sync(self, due: list[Reminder], current: ReminderSettings, state: ReminderState) -> None:
        """Notify the due reminders not notified yet; tell the page which are still due.
        Never raises: a notification problem must not stop the banners."""
        try:
            self._sync(due, current, state)
        except Exception:
            log.exception("system notifications failed; the banners carry on")

    def _sync(self, due: list[Reminder], current: ReminderSettings, state: ReminderState) -> None:
        on = self.enabled()
        fresh = to_notify(due, state, on)
        messages: list[dict[str, Any]] = []
        if fresh:
            pairs = [(tag_of(r), secrets.token_urlsafe(12)) for r in fresh]
            self.ctx.services.store.settings.save_reminder_state(remember(state, pairs))
            cup = amount_text(current.hydration.cup_sizes_ml[0], current.hydration.unit)
            messages = [
                {"type": "show", "notice": notice(r, cup, nonce).as_json()}
                for r, (_tag, nonce) in zip(fresh, pairs, strict=True)
            ]
        if on or messages:
            self._send(messages, [tag_of(r) for r in due])

    def ask(self) -> None:
        """From the toggle's tap only: the page asks the browser and answers with a route."""
        self.ctx.state[STATUS_KEY] = "asking"
        self._send([{"type": "ask"}])

    def check(self) -> None:
        """The page answers only when notifications cannot be shown (then the toggle says why)."""
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
            due, state = self.banner.due_now()
        except LipCheckError:
            log.exception("a notification action could not be checked")
            return
        reminder = resolve(action, due, state)
        if reminder is None:
            return  # done already, or not from this app: just Habits
        if action.action == "log":
            self.banner.log_first_cup(reminder)
        else:
            self.banner.snooze_for(reminder, 15)

    def _status(self, path: str, query: str) -> None:
        """Record the page's answer; only an answer to the toggle's tap changes the setting
        (a check on another device must not turn it off for this one)."""
        answer = dict(parse_qsl(query)).get(STATUS_PARAM, "")
        status = answer if answer in REASONS and answer != "asking" else "unsupported"
        asked = self.ctx.state.get(STATUS_KEY) == "asking"
        self.ctx.state[STATUS_KEY] = status
        granted = status == "granted"
        if asked and self.enabled() != granted:
            app = self.ctx.services.store.settings.get_app()
            try:
                self.ctx.services.store.settings.save_app(
                    replace(app, system_notifications=granted)
                )
            except LipCheckError as exc:
                self.ctx.toast(f"Not saved: {exc}")
        self.ctx.go(path)
        if asked and granted:
            self.ctx.toast("System notifications on.")
            self.banner.wake()


def status_text(ctx: Ctx) -> str | None:
    """What the toggle says under it: why notifications cannot be shown, or None."""
    status = ctx.state.get(STATUS_KEY)
    return REASONS.get(status) if isinstance(status, str) else None


def _notifier(ctx: Ctx) -> SystemNotifier | None:
    from app.ui.habits.banner import STATE_KEY

    banner = ctx.state.get(STATE_KEY)
    return getattr(banner, "notifier", None)


def notify_toggle(ctx: Ctx) -> list[ft.Control]:
    """The Reminder settings' opt-in switch, and the reason when the browser can't."""
    notifier = _notifier(ctx)  # None only before the session's reminder task started
    on = ctx.services.store.settings.get_app().system_notifications

    def toggle(e: ft.Event[ft.Switch]) -> None:
        notifier = _notifier(ctx)
        if notifier is None:
            ctx.toast("Reminders are not running yet; try again in a moment.")
            return
        if e.control.value:
            notifier.ask()  # the permission is asked from this tap only
            ctx.rerender()
            return
        app = ctx.services.store.settings.get_app()
        try:
            ctx.services.store.settings.save_app(replace(app, system_notifications=False))
        except LipCheckError as exc:
            ctx.toast(f"Not saved: {exc}")
            return
        ctx.state.pop(STATUS_KEY, None)
        ctx.toast("System notifications off.")
        ctx.rerender()

    if on and notifier is not None and STATUS_KEY not in ctx.state:
        ctx.state[STATUS_KEY] = "checking"  # asked once per session; the page answers if not
        notifier.check()
    reason = status_text(ctx)
    controls: list[ft.Control] = [
        ft.Switch(label="Also show system notifications", value=on, on_change=toggle),
        ft.Text(
            reason or ("Shown on this device too." if on else
                       "While the app is open, even in a background tab or installed, a due "
                       "reminder also shows as a notification of your phone or computer."),
            theme_style=ft.TextThemeStyle.BODY_MEDIUM,
        ),
    ]
    return controls
