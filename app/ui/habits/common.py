"""What every Habits screen and the reminder banner share: settings in the person's zone,
"today", logging a drink with Undo, and the signal that wakes the reminder task.

Every write that can change when a reminder is due goes through here (or calls
``notify_changed``), so no reminder task ever has to poll.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from uuid import uuid4

import flet as ft

from app.errors import LipCheckError
from app.formats import format_amount
from app.habits import total_for
from app.records import DrinkLog, ReminderSettings
from app.storage import Store
from app.ui.frame.context import Ctx
from app.ui.habits.model import local_now, settings_in_use

ROUTE = "/habits"
_listeners: set[Callable[[], None]] = set()


def listen(callback: Callable[[], None]) -> Callable[[], None]:
    """Call ``callback`` after every habits write (any session); returns the unsubscribe."""
    _listeners.add(callback)
    return lambda: _listeners.discard(callback)


def notify_changed() -> None:
    """Settings, drinks or reminder state changed: reminder tasks recompute now."""
    for callback in list(_listeners):
        callback()


def settings(ctx: Ctx) -> ReminderSettings:
    return settings_in_use(ctx.services.store.settings.get_reminders())


def save_settings(ctx: Ctx, new: ReminderSettings) -> None:
    ctx.services.store.settings.save_reminders(new)
    notify_changed()


def now(ctx: Ctx, timezone: str | None = None) -> datetime:
    """The app clock's now, in the person's zone (an aware datetime)."""
    return local_now(ctx.services.clock.now(), timezone or settings(ctx).timezone)


def today(ctx: Ctx, timezone: str | None = None) -> date:
    return now(ctx, timezone).date()


def drunk_on(ctx: Ctx, day: date, timezone: str) -> int:
    """Millilitres drunk on the local date ``day``, even for drinks logged in another zone."""
    drinks = ctx.services.store.drinks
    logs = [d for offset in (-1, 0, 1) for d in drinks.list_day(day + timedelta(days=offset))]
    return total_for(logs, day, timezone)


def refresh(ctx: Ctx) -> None:
    """Redraw the current screen when it shows habits (the banner works on any screen)."""
    if (ctx.page.route or "").startswith(ROUTE):
        ctx.rerender()


def _add(store: Store, drink: DrinkLog) -> None:
    store.drinks.add(drink)


def log_drink(ctx: Ctx, ml: int, save: Callable[[Store, DrinkLog], None] = _add) -> DrinkLog | None:
    """Store one drink now, in the person's zone, and offer Undo; None when it failed.
    `save` writes it (the reminder banner also dismisses its reminder in that commit)."""
    current = settings(ctx)
    drink = DrinkLog(id=uuid4().hex, at=now(ctx, current.timezone), ml=ml)
    try:
        save(ctx.services.store, drink)
    except LipCheckError as exc:
        ctx.toast(f"The drink could not be saved: {exc}")
        return None
    notify_changed()

    def undo() -> None:
        try:
            ctx.services.store.drinks.remove(drink.id, day=drink.at.date())
        except LipCheckError as exc:
            ctx.toast(f"The drink could not be removed: {exc}")
            return
        notify_changed()
        ctx.toast(f"Removed {format_amount(drink.ml, current.hydration.unit)}.")
        refresh(ctx)

    ctx.toast(f"Logged {format_amount(ml, current.hydration.unit)}.", "Undo", undo)
    return drink


def subheading(text: str) -> ft.Text:
    return ft.Text(text, theme_style=ft.TextThemeStyle.TITLE_MEDIUM, weight=ft.FontWeight.W_600)


def muted(text: str, **kwargs: object) -> ft.Text:
    return ft.Text(
        text,
        theme_style=ft.TextThemeStyle.BODY_MEDIUM,
        color=ft.Colors.ON_SURFACE_VARIANT,
        **kwargs,  # type: ignore[arg-type]
    )


def boxed(field: ft.Control) -> ft.Control:
    """Give an input its own semantics node: inside a card, Flutter would otherwise merge
    the card's texts into the field's name. Typing clears a shown error."""
    if isinstance(field, ft.TextField):
        box = field
        box.error_max_lines = 3

        def clear(_e: ft.Event[ft.TextField]) -> None:
            if box.error:
                box.error = None
                box.update()

        field.on_change = clear
    return ft.Semantics(container=True, content=field, expand=field.expand)
