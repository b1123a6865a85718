"""The twitch diary: one quick entry a day (today or yesterday), kept on the device.

Every field is checked before anything is written: a bad number shows its
message under the field and the store is left as it was.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Literal

import flet as ft

from app.errors import LipCheckError, ValidationError
from app.formats import format_date
from app.insights.entry import parse_cups
from app.records import MAX_CAFFEINE_CUPS, DiaryEntry, Stress, Twitch
from app.services import history
from app.services.history import Inputs, gather
from app.ui.frame.context import Ctx, Screen, card, heading, link_button, para
from app.ui.frame.theme import SEGMENT_STYLE
from app.ui.history.followup import first_noticed_card, followup_card

ROUTE = "/history/diary"
DAY_KEY = "diary_day"
Which = Literal["today", "yesterday"]
TWITCH: tuple[tuple[Twitch, str], ...] = (("none", "None"), ("mild", "Mild"), ("strong", "Strong"))
STRESS: tuple[tuple[Stress, str], ...] = (("low", "Low"), ("medium", "Medium"), ("high", "High"))
MAX_NOTES = 1000


def _label(text: str) -> ft.Text:
    return ft.Text(text, theme_style=ft.TextThemeStyle.TITLE_MEDIUM, weight=ft.FontWeight.W_600)


def _error() -> ft.Text:
    return ft.Text("", color=ft.Colors.ERROR, visible=False, weight=ft.FontWeight.W_600)


def _segments(options: tuple[tuple[str, str], ...], chosen: str | None) -> ft.SegmentedButton:
    return ft.SegmentedButton(
        style=SEGMENT_STYLE,
        segments=[ft.Segment(value=v, label=ft.Text(label)) for v, label in options],
        selected=[chosen] if chosen else [],
        allow_empty_selection=True,
        show_selected_icon=True,
    )


def _which(ctx: Ctx) -> Which:
    return "yesterday" if ctx.state.get(DAY_KEY) == "yesterday" else "today"


def _day_switch(ctx: Ctx, which: Which) -> ft.Control:
    def changed(e: ft.Event[ft.SegmentedButton]) -> None:
        ctx.state[DAY_KEY] = (e.control.selected or ["today"])[0]
        ctx.rerender()

    return ft.SegmentedButton(
        style=SEGMENT_STYLE,
        segments=[
            ft.Segment(value="today", label=ft.Text("Today")),
            ft.Segment(value="yesterday", label=ft.Text("Yesterday")),
        ],
        selected=[which],
        on_change=changed,
    )


def _form(ctx: Ctx, inputs: Inputs, which: Which) -> list[ft.Control]:
    day = inputs.today if which == "today" else inputs.today - timedelta(days=1)
    saved = history.diary_day(ctx.services, day)
    twitch = _segments(TWITCH, saved.twitch if saved else None)
    stress = _segments(STRESS, saved.stress if saved else None)
    twitch_error, stress_error = _error(), _error()
    picked: dict[str, str | None] = {
        "twitch": saved.twitch if saved else None,
        "stress": saved.stress if saved else None,
    }
    cups = ft.TextField(
        label="Cups of caffeine",
        value=str(saved.caffeine_cups) if saved else "",
        helper=f"Coffee, tea, cola or energy drinks: 0 to {MAX_CAFFEINE_CUPS}",
        keyboard_type=ft.KeyboardType.NUMBER,
        error_max_lines=3,
    )
    notes = ft.TextField(
        label="Notes (optional)",
        value=saved.notes if saved else "",
        multiline=True,
        min_lines=2,
        max_lines=6,
        max_length=MAX_NOTES,
        error_max_lines=3,
    )

    def clear(field: ft.TextField) -> None:
        if field.error:
            field.error = None
            field.update()

    cups.on_change = lambda _e: clear(cups)
    notes.on_change = lambda _e: clear(notes)

    def show(text: ft.Text, problem: str) -> None:
        text.value, text.visible = problem, bool(problem)
        text.update()

    def chooser(key: str, error: ft.Text) -> ft.ControlEventHandler[ft.SegmentedButton]:
        def changed(e: ft.Event[ft.SegmentedButton]) -> None:
            chosen = e.control.selected or []
            picked[key] = chosen[0] if chosen else None
            if error.visible:
                show(error, "")

        return changed

    twitch.on_change = chooser("twitch", twitch_error)
    stress.on_change = chooser("stress", stress_error)

    def set_error(text: ft.Text, problem: str) -> None:
        text.value, text.visible = problem, bool(problem)

    def checked() -> DiaryEntry | None:
        """The entry, or None with every problem shown under its field."""
        chosen_twitch = next((v for v, _ in TWITCH if v == picked["twitch"]), None)
        chosen_stress = next((v for v, _ in STRESS if v == picked["stress"]), None)
        set_error(twitch_error, "" if chosen_twitch else "Choose none, mild or strong.")
        set_error(stress_error, "" if chosen_stress else "Choose low, medium or high.")
        count: int | None = None
        try:
            count = parse_cups(cups.value or "")
        except ValidationError as exc:
            cups.error = exc.problem
        text = (notes.value or "").strip()
        if len(text) > MAX_NOTES:
            notes.error = f"Keep notes to {MAX_NOTES} characters (now {len(text)})."
        if chosen_twitch is None or chosen_stress is None or count is None or notes.error:
            return None
        return DiaryEntry(day, chosen_twitch, count, chosen_stress, text)

    def save(_e: ft.Event[ft.Button]) -> None:
        entry = checked()
        if entry is not None:
            try:
                history.save_diary_day(ctx.services, entry)
            except LipCheckError as exc:
                set_error(stress_error, f"Your entry could not be saved: {exc}")
            else:
                ctx.rerender()
                ctx.toast(f"Diary saved for {which} ({format_date(day)}).")
                return
        # One update for all fields, so every message shows at once.
        ctx.page.update(twitch_error, stress_error, cups, notes)

    status = (
        "You saved an entry for this day. Change it and save again to update it."
        if saved
        else "Nothing saved for this day yet."
    )
    return [
        _day_switch(ctx, which),
        para(f"{which.capitalize()}, {format_date(day)}. {status}"),
        _label("Twitching"),
        twitch,
        twitch_error,
        cups,
        _label("Stress"),
        stress,
        stress_error,
        notes,
        ft.FilledButton(
            f"Save {which}'s entry", icon=ft.Icons.SAVE_OUTLINED, height=52, on_click=save
        ),
    ]


def _habits_card(ctx: Ctx) -> ft.Control:
    return card(
        heading("Sleep and water"),
        para(
            "Log your sleep and water in Habits. Together with this diary they show "
            "patterns after 14 days."
        ),
        ft.Row(
            [
                link_button(ctx, "Open Habits", "/habits", ft.Icons.ALARM),
                link_button(ctx, "See patterns", "/history/insights", ft.Icons.INSIGHTS),
            ],
            wrap=True,
        ),
    )


def build(ctx: Ctx, params: list[str]) -> Screen:
    try:
        inputs = gather(ctx.services, habits=False)
        body = _form(ctx, inputs, _which(ctx))
    except LipCheckError as exc:
        return Screen(
            title="Twitch diary",
            back="/history",
            body=[para(f"Your diary could not be read: {exc}")],
        )
    body += [first_noticed_card(ctx, inputs)]
    followup = inputs.followup
    if followup is not None:
        body.append(followup_card(ctx, followup))
    body += [_habits_card(ctx), ft.Container(height=8)]
    return Screen(title="Twitch diary", back="/history", body=body)
