"""Deliver due reminders while the app is open, on any screen, as a banner.

One task per browser session asks the pure engine what is due now and when the
next reminder falls due, then sleeps until then. Any habits write (drink, setting,
snooze, dismiss; from any session) wakes it to recompute, so it never polls; the
sleep is only capped so that a banner whose slot has ended (bedtime, midnight) is
taken down, and so a suspended laptop catches up. A reminder that falls due while a
dialog is open waits for it to close (checked every few seconds), so the dialog's
Cancel never closes the banner instead. The task stops when the browser
disconnects or the session closes, and starts again on reconnect.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

import flet as ft

from app.errors import LipCheckError
from app.formats import format_amount
from app.habits import SNOOZE_CHOICES, Reminder
from app.records import DrinkLog
from app.services import habits
from app.ui.frame.context import Ctx
from app.ui.habits.common import log_drink, refresh, settings
from app.ui.habits.model import clock_text, duration_label
from app.ui.habits.notify import SystemNotifier

log = logging.getLogger(__name__)
MAX_SLEEP_S = 600.0
MARGIN_S = 0.25
DIALOG_RETRY_S = 3.0  # only while a dialog is open and a reminder waits


class ReminderBanner:
    """The reminder task and banner of one browser session."""

    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        self.banner: ft.Banner | None = None
        self.shown: Reminder | None = None
        self._future: Future[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._event: asyncio.Event | None = None
        self._unlisten: Any = None
        self.notifier = SystemNotifier(self)  # the same reminders as system notifications

    @property
    def running(self) -> bool:
        return self._future is not None and not self._future.done()

    def start(self) -> None:
        if self.running:
            return
        self._unlisten = self.ctx.services.changes.listen(self.wake)
        if self.wake not in self.ctx.route_hooks:  # leaving the self-check shows what waited
            self.ctx.route_hooks.append(self.wake)
        if self.notifier.on_route not in self.ctx.route_hooks:  # a notification's button
            self.ctx.route_hooks.append(self.notifier.on_route)
        self._future = self.ctx.page.run_task(self._run)

    def stop(self) -> None:
        if self._unlisten is not None:
            self._unlisten()
            self._unlisten = None
        if self._future is not None:
            self._future.cancel()
            self._future = None
        self.hide()

    def wake(self) -> None:
        """Recompute now; safe from any thread."""
        loop, event = self._loop, self._event
        if loop is None or event is None or loop.is_closed():
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            event.set()
        else:
            loop.call_soon_threadsafe(event.set)

    async def _run(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._event = asyncio.Event()
        try:
            while True:
                self._event.clear()
                delay = self.refresh()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._event.wait(), timeout=delay)
        except asyncio.CancelledError:
            raise
        except Exception:  # the page went away, or storage failed: stop quietly
            log.exception("reminder task stopped")
            self.stop()

    def refresh(self) -> float:
        """Show or take down the banner; returns seconds until it is worth looking again.

        Never during the self-check: a due reminder waits until the person leaves it
        (the route change wakes this task)."""
        if in_check(self.ctx.page.route):
            self.hide()
            return MAX_SLEEP_S
        try:
            check = habits.reminders_now(self.ctx.services)
        except LipCheckError:
            log.exception("reminders could not be computed")
            self.hide()
            return MAX_SLEEP_S
        self.notifier.sync(check.due)
        if not check.due:
            self.hide()
        elif not self.show(check.due[0]):
            return DIALOG_RETRY_S
        if check.upcoming is None:
            return MAX_SLEEP_S
        wait = (check.upcoming - check.now).total_seconds() + MARGIN_S
        return max(0.0, min(MAX_SLEEP_S, wait))

    # --- the banner -----------------------------------------------------------------

    def _modal_open(self) -> bool:
        """Is a dialog (not a snackbar or our banner) open? Its Cancel calls page.pop_dialog,
        which closes the newest dialog: that must not be a banner shown after it."""
        return self.ctx.modal_open

    def show(self, reminder: Reminder) -> bool:
        """Show ``reminder``; False when it has to wait for an open dialog to close."""
        banner = self.banner
        if banner is not None and banner.open and self.shown and self.shown.key == reminder.key:
            return True
        if self._modal_open():
            return False
        self.hide()
        self.shown = reminder
        self.banner = self._banner(reminder)
        self.ctx.page.show_dialog(self.banner)
        return True

    def hide(self) -> None:
        banner, self.banner, self.shown = self.banner, None, None
        if banner is not None and banner.open:
            banner.open = False
            with contextlib.suppress(Exception):  # the page may already be gone
                banner.update()

    def _banner(self, reminder: Reminder) -> ft.Banner:
        current = settings(self.ctx)
        on = ft.Colors.ON_SECONDARY_CONTAINER
        snoozes = [
            ft.TextButton(
                content=ft.Text(duration_label(m), semantics_label=f"Snooze {duration_label(m)}"),
                height=48,
                width=60,
                style=ft.ButtonStyle(padding=ft.Padding.all(4)),
                on_click=self._snoozer(reminder, m),
            )
            for m in SNOOZE_CHOICES
        ]
        actions: list[ft.Control] = [
            ft.TextButton("Dismiss", height=48, on_click=lambda _e: self._dismiss(reminder))
        ]
        if reminder.kind == "hydration":
            ml = current.hydration.cup_sizes_ml[0]
            actions.append(
                ft.FilledButton(
                    f"Log {format_amount(ml, current.hydration.unit)}",
                    height=48,
                    on_click=lambda _e: self.log_first_cup(reminder),
                )
            )
        icon = ft.Icons.WATER_DROP_OUTLINED if reminder.kind == "hydration" else ft.Icons.BEDTIME
        return ft.Banner(
            leading=ft.Icon(icon, color=on, semantics_label="Reminder"),
            content=ft.Column(
                [
                    ft.Text(
                        f"{reminder.title}, {clock_text(reminder.due_at.time())}",
                        weight=ft.FontWeight.BOLD,
                        color=on,
                    ),
                    ft.Text(reminder.message, color=on),
                    ft.Row(
                        [ft.Text("Snooze:", color=on), *snoozes],
                        wrap=True,
                        spacing=0,
                        vertical_alignment=ft.CrossAxisAlignment.CENTER,
                    ),
                ],
                tight=True,
                spacing=2,
            ),
            actions=actions,
            force_actions_below=True,
            bgcolor=ft.Colors.SECONDARY_CONTAINER,
        )

    # --- actions --------------------------------------------------------------------

    def _update_state(self, change: Callable[[], None], done: str | None) -> None:
        try:
            change()
        except LipCheckError as exc:
            self.ctx.toast(f"The reminder could not be updated: {exc}")
            return
        self.hide()
        if done:
            self.ctx.toast(done)

    def _dismiss(self, reminder: Reminder) -> None:
        self._update_state(lambda: habits.dismiss(self.ctx.services, reminder), None)

    def _snoozer(self, reminder: Reminder, minutes: int) -> Any:
        return lambda _e: self.snooze_for(reminder, minutes)

    def snooze_for(self, reminder: Reminder, minutes: int) -> None:
        """The banner's Snooze button (and a notification's)."""
        self._update_state(
            lambda: habits.snooze(self.ctx.services, reminder, minutes),
            f"Snoozed for {duration_label(minutes)}.",
        )

    def log_first_cup(self, reminder: Reminder) -> None:
        """The banner's Log button (and a notification's): the first cup size."""
        self._log(reminder, settings(self.ctx).hydration.cup_sizes_ml[0])

    def _log(self, reminder: Reminder, ml: int) -> None:
        def save(amount: int) -> DrinkLog:
            return habits.log_and_dismiss(self.ctx.services, reminder, amount)

        if log_drink(self.ctx, ml, save=save) is not None:
            self.hide()
            refresh(self.ctx)


def in_check(route: str | None) -> bool:
    path = (route or "/").split("?")[0]
    return path == "/check" or path.startswith("/check/")


def start_reminders(ctx: Ctx) -> ReminderBanner:
    """Start this session's reminder task; it follows the page's connect/disconnect/close."""
    watcher = ReminderBanner(ctx)
    ctx.state.reminders = watcher
    page = ctx.page
    page.on_disconnect = lambda _e: watcher.stop()
    page.on_close = lambda _e: watcher.stop()
    page.on_connect = lambda _e: watcher.start()
    watcher.start()
    return watcher
