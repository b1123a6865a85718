"""The twitch diary: one quick entry a day (today or yesterday), kept on the device.

Every field is checked before anything is written: a bad number shows its
message under the field and the store is left as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
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
        show_selected_icon=False,  # the tick split "Medium" mid-word at 320 px
        segments=[ft.Segment(value=v, label=ft.Text(label)) for v, label in options],
        selected=[chosen] if chosen else [],
        allow_empty_selection=True,
    )


def _which(ctx: Ctx) -> Which:
    return ctx.state.history.diary_day


def _day_switch(ctx: Ctx, which: Which) -> ft.Control:
    def changed(e: ft.Event[ft.SegmentedButton]) -> None:
        chosen = (e.control.selected or ["today"])[0]
        ctx.state.history.diary_day = "yesterday" if chosen == "yesterday" else "today"
        ctx.rerender()

    return ft.SegmentedButton(
        style=SEGMENT_STYLE,
        show_selected_icon=False,  # the tick split "Medium" mid-word at 320 px
        segments=[
            ft.Segment(value="today", label=ft.Text("Today")),
            ft.Segment(value="yesterday", label=ft.Text("Yesterday")),
        ],
        selected=[which],
        on_change=changed,
    )


@dataclass
class _Form:
    """The diary form's inputs, the choices made so far, and where problems show."""

    twitch: ft.SegmentedButton
    stress: ft.SegmentedButton
    twitch_error: ft.Text
    stress_error: ft.Text
    cups: ft.TextField
    notes: ft.TextField
    picked: dict[str, str | None]


def _show(text: ft.Text, problem: str) -> None:
    text.value, text.visible = problem, bool(problem)


def _new_form(saved: DiaryEntry | None) -> _Form:
    form = _Form(
        twitch=_segments(TWITCH, saved.twitch if saved else None),
        stress=_segments(STRESS, saved.stress if saved else None),
        twitch_error=_error(),
        stress_error=_error(),
        cups=ft.TextField(
            label="Cups of caffeine",
            value=str(saved.caffeine_cups) if saved else "",
            helper=f"Coffee, tea, cola or energy drinks: 0 to {MAX_CAFFEINE_CUPS}",
            keyboard_type=ft.KeyboardType.NUMBER,
            error_max_lines=3,
        ),
        notes=ft.TextField(
            label="Notes (optional)",
            value=saved.notes if saved else "",
            multiline=True,
            min_lines=2,
            max_lines=6,
            max_length=MAX_NOTES,
            error_max_lines=3,
        ),
        picked={
            "twitch": saved.twitch if saved else None,
            "stress": saved.stress if saved else None,
        },
    )
    _wire(form)
    return form


def _wire(form: _Form) -> None:
    """Typing or choosing clears that field's message (Flet sends it after the handler)."""

    def clear(field: ft.TextField) -> None:
        field.error = None

    def chooser(key: str, error: ft.Text) -> ft.ControlEventHandler[ft.SegmentedButton]:
        def changed(e: ft.Event[ft.SegmentedButton]) -> None:
            chosen = e.control.selected or []
            form.picked[key] = chosen[0] if chosen else None
            _show(error, "")

        return changed

    form.cups.on_change = lambda _e: clear(form.cups)
    form.notes.on_change = lambda _e: clear(form.notes)
    form.twitch.on_change = chooser("twitch", form.twitch_error)
    form.stress.on_change = chooser("stress", form.stress_error)


def _checked(form: _Form, day: date) -> DiaryEntry | None:
    """The entry, or None with every problem shown under its field."""
    twitch = next((v for v, _ in TWITCH if v == form.picked["twitch"]), None)
    stress = next((v for v, _ in STRESS if v == form.picked["stress"]), None)
    _show(form.twitch_error, "" if twitch else "Choose none, mild or strong.")
    _show(form.stress_error, "" if stress else "Choose low, medium or high.")
    count: int | None = None
    try:
        count = parse_cups(form.cups.value or "")
    except ValidationError as exc:
        form.cups.error = exc.problem
    text = (form.notes.value or "").strip()
    if len(text) > MAX_NOTES:
        form.notes.error = f"Keep notes to {MAX_NOTES} characters (now {len(text)})."
    if twitch is None or stress is None or count is None or form.notes.error:
        return None
    return DiaryEntry(day, twitch, count, stress, text)


def _save(ctx: Ctx, form: _Form, day: date, which: Which) -> None:
    entry = _checked(form, day)
    if entry is None:
        return  # every message shows at once: Flet sends them all after the handler
    try:
        history.save_diary_day(ctx.services, entry)
    except LipCheckError as exc:
        _show(form.stress_error, f"Your entry could not be saved: {exc}")
        return
    ctx.rerender()
    ctx.toast(f"Diary saved for {which} ({format_date(day)}).")


def _form(ctx: Ctx, inputs: Inputs, which: Which) -> list[ft.Control]:
    day = inputs.today if which == "today" else inputs.today - timedelta(days=1)
    saved = history.diary_day(ctx.services, day)
    form = _new_form(saved)
    status = (
        "You saved an entry for this day. Change it and save again to update it."
        if saved
        else "Nothing saved for this day yet."
    )
    return [
        _day_switch(ctx, which),
        para(f"{which.capitalize()}, {format_date(day)}. {status}"),
        _label("Twitching"),
        form.twitch,
        form.twitch_error,
        form.cups,
        _label("Stress"),
        form.stress,
        form.stress_error,
        form.notes,
        ft.FilledButton(
            f"Save {which}'s entry",
            icon=ft.Icons.SAVE_OUTLINED,
            height=52,
            on_click=lambda _e: _save(ctx, form, day, which),
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
