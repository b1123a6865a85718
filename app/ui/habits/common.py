"""What every Habits screen and the reminder banner share: the settings and "today"
(both from the application layer, app.services), logging a drink with Undo, and
redrawing a Habits screen after a write.

The writes themselves are use cases in app.services.habits; each tells the
Services' notifier, so the reminder task wakes without polling.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import flet as ft

from app.errors import LipCheckError
from app.formats import format_amount
from app.records import DrinkLog, ReminderSettings
from app.services import habits
from app.ui.frame.context import Ctx

ROUTE = "/habits"


def settings(ctx: Ctx) -> ReminderSettings:
    return habits.settings(ctx.services)


def save_settings(ctx: Ctx, new: ReminderSettings) -> None:
    habits.save_settings(ctx.services, new)


def now(ctx: Ctx, timezone: str | None = None) -> datetime:
    """The app clock's now, in the person's zone (an aware datetime)."""
    return ctx.services.now(timezone)


def drunk_on(ctx: Ctx, day: date, timezone: str) -> int:
    """Millilitres drunk on the local date ``day``, even for drinks logged in another zone."""
    return habits.drunk_on(ctx.services, day, timezone)


def refresh(ctx: Ctx) -> None:
    """Redraw the current screen when it shows habits (the banner works on any screen)."""
    if (ctx.page.route or "").startswith(ROUTE):
        ctx.rerender()


def log_drink(ctx: Ctx, ml: int, save: Callable[[int], DrinkLog] | None = None) -> DrinkLog | None:
    """Log one drink now and offer Undo; None when it failed. `save` stores it (the
    reminder banner's also dismisses its reminder in the same commit)."""
    unit = settings(ctx).hydration.unit
    try:
        drink = save(ml) if save else habits.log_drink(ctx.services, ml)
    except LipCheckError as exc:
        ctx.toast(f"The drink could not be saved: {exc}")
        return None

    def undo() -> None:
        try:
            habits.undo_drink(ctx.services, drink)
        except LipCheckError as exc:
            ctx.toast(f"The drink could not be removed: {exc}")
            return
        ctx.toast(f"Removed {format_amount(drink.ml, unit)}.")
        refresh(ctx)

    ctx.toast(f"Logged {format_amount(ml, unit)}.", "Undo", undo)
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

        field.on_change = clear
    return ft.Semantics(container=True, content=field, expand=field.expand)
