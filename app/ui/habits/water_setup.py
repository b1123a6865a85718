"""The water goal (ml or oz) and the quick-add cup sizes.

What is typed goes through the domain parsers; anything they refuse is shown under
the field and nothing is saved.
"""

from __future__ import annotations

from dataclasses import replace

import flet as ft

from app.errors import LipCheckError
from app.formats import entry_amount, format_amount
from app.habits import goal_from_entry, parse_cup_size
from app.records import MAX_CUP_SIZES, ReminderSettings, Unit
from app.ui.frame.context import Ctx, card, heading, icon_button
from app.ui.frame.theme import SEGMENT_STYLE
from app.ui.habits.common import boxed, muted, refresh, save_settings, settings
from app.ui.habits.model import problem_text

UNITS: tuple[Unit, ...] = ("ml", "oz")


def _plain(ml: int, unit: Unit) -> str:
    """The number alone, as it would be typed back in: "2000" or "67.6"."""
    return entry_amount(ml, unit)


def goal_card(ctx: Ctx, current: ReminderSettings) -> ft.Control:
    unit = current.hydration.unit
    shown = _plain(current.hydration.goal_ml, unit)
    field = ft.TextField(
        label=f"Daily goal ({unit})",
        value=shown,
        keyboard_type=ft.KeyboardType.NUMBER,
        expand=True,
    )

    def save(_e: object) -> None:
        try:
            latest = settings(ctx)
            goal = goal_from_entry(field.value or "", shown, latest.hydration.goal_ml, unit)
            save_settings(ctx, replace(latest, hydration=replace(latest.hydration, goal_ml=goal)))
        except LipCheckError as exc:
            field.error = problem_text(exc, "The goal")
            return
        ctx.toast(f"Daily goal saved: {format_amount(goal, unit)}.")
        refresh(ctx)

    def pick_unit(e: ft.Event[ft.SegmentedButton]) -> None:
        chosen = (e.control.selected or ["ml"])[0]
        new_unit: Unit = "oz" if chosen == "oz" else "ml"
        latest = settings(ctx)
        try:
            save_settings(ctx, replace(latest, hydration=replace(latest.hydration, unit=new_unit)))
        except LipCheckError as exc:
            ctx.toast(f"The unit could not be saved: {exc}")
            return
        refresh(ctx)

    field.on_submit = save
    return card(
        heading("Daily goal"),
        muted("Amounts show in"),
        ft.SegmentedButton(
        style=SEGMENT_STYLE,
        show_selected_icon=False,  # the tick split "Medium" mid-word at 320 px
            segments=[ft.Segment(value=u, label=ft.Text(u)) for u in UNITS],
            selected=[unit],
            on_change=pick_unit,
        ),
        ft.Row(
            [boxed(field), ft.FilledButton("Save goal", height=48, on_click=save)],
            vertical_alignment=ft.CrossAxisAlignment.START,
        ),
        muted("You can also type 2 l, 64 oz or 750 ml."),
    )


def _cup_row(
    ml: int, unit: Unit, removable: bool, remove: ft.ControlEventHandler[ft.IconButton]
) -> ft.Control:
    return ft.Row(
        [
            ft.Icon(ft.Icons.LOCAL_DRINK_OUTLINED, semantics_label="Cup"),
            ft.Text(format_amount(ml, unit), expand=True, theme_style=ft.TextThemeStyle.BODY_LARGE),
            icon_button(
                ft.Icons.DELETE_OUTLINE,
                f"Remove the {format_amount(ml, unit)} cup",
                remove,
                disabled=not removable,
            ),
        ]
    )


def _store_cups(ctx: Ctx, field: ft.TextField, new: tuple[int, ...], message: str) -> None:
    latest = settings(ctx)
    try:
        save_settings(ctx, replace(latest, hydration=replace(latest.hydration, cup_sizes_ml=new)))
    except LipCheckError as exc:
        field.error = problem_text(exc, "The cup list")
        return
    ctx.toast(message)
    refresh(ctx)


def cups_card(ctx: Ctx, current: ReminderSettings) -> ft.Control:
    unit = current.hydration.unit
    cups = current.hydration.cup_sizes_ml
    field = ft.TextField(
        label=f"New cup size ({unit})",
        keyboard_type=ft.KeyboardType.NUMBER,
        expand=True,
        disabled=len(cups) >= MAX_CUP_SIZES,
    )

    def store_cups(new: tuple[int, ...], message: str) -> None:
        _store_cups(ctx, field, new, message)

    def add(_e: object) -> None:
        try:
            ml = parse_cup_size(field.value or "", unit)
        except LipCheckError as exc:
            field.error = problem_text(exc, "The cup size")
            return
        if ml in cups:
            field.error = f"You already have a {format_amount(ml, unit)} cup."
            return
        store_cups(tuple(sorted((*cups, ml))), f"Added a {format_amount(ml, unit)} cup.")

    def remover(ml: int) -> ft.ControlEventHandler[ft.IconButton]:
        def on_click(_e: ft.Event[ft.IconButton]) -> None:
            left = tuple(c for c in cups if c != ml)
            store_cups(left, f"Removed the {format_amount(ml, unit)} cup.")

        return on_click

    rows = [_cup_row(ml, unit, len(cups) > 1, remover(ml)) for ml in cups]
    field.on_submit = add
    full = len(cups) >= MAX_CUP_SIZES
    return card(
        heading("Cup sizes"),
        muted(f"Each size gets a one-tap button. Keep between 1 and {MAX_CUP_SIZES}."),
        *rows,
        ft.Row(
            [boxed(field), ft.FilledButton("Add cup", height=48, on_click=add, disabled=full)],
            vertical_alignment=ft.CrossAxisAlignment.START,
        ),
    )
