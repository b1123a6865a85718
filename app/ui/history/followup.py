"""The follow-up safety net: when it started, and a card when it lasts or gets worse.

The card uses the guide's own "when to consult a doctor" advice (quoted in
app.insights) and always offers the check again; nothing here decides a tier.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import flet as ft

from app.errors import LipCheckError, ValidationError
from app.formats import format_date
from app.insights import FollowUp
from app.insights.entry import EARLIEST_DAY, EXAMPLE_DAY, parse_day
from app.services import history
from app.services.history import Inputs
from app.ui.frame.context import Ctx, heading, icon_button, learn_button, para
from app.ui.history.model import picked_day, picker_instant


def _bullet(text: str) -> ft.Control:
    style = ft.TextThemeStyle.BODY_MEDIUM
    return ft.Row(
        [ft.Text("\u2022", theme_style=style), ft.Text(text, theme_style=style, expand=True)],
        vertical_alignment=ft.CrossAxisAlignment.START,
    )


ADVICE_SHOW = "Show when to see a doctor"
ADVICE_HIDE = "Hide the advice"


def _advice(ctx: Ctx, followup: FollowUp) -> list[ft.Control]:
    return [
        ft.Text(
            "When to consult a doctor (from the guide)",
            theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
            weight=ft.FontWeight.W_600,
        ),
        *[_bullet(line) for line in followup.advice],
        para(followup.emergency_note, weight=ft.FontWeight.W_600),
        ft.Row([learn_button(ctx, followup.learn_link)], wrap=True),
    ]


def _title(followup: FollowUp) -> ft.Control:
    return ft.Row(
        [
            ft.Icon(ft.Icons.NOTIFICATION_IMPORTANT_OUTLINED, size=28, semantics_label="Follow-up"),
            ft.Text(
                followup.title,
                theme_style=ft.TextThemeStyle.TITLE_LARGE,
                weight=ft.FontWeight.W_600,
                expand=True,
            ),
        ],
        vertical_alignment=ft.CrossAxisAlignment.START,
    )


def followup_card(ctx: Ctx, followup: FollowUp) -> ft.Control:
    """Prominent, but worded as advice to check again, not as an alarm. The guide's
    advice (and the emergency note under it) starts folded, so even a 320x640 phone sees
    the diary below the card; the check-again button always shows."""
    folded = ft.Column(_advice(ctx, followup), spacing=10, tight=True, visible=False)
    toggle = ft.TextButton(ADVICE_SHOW, icon=ft.Icons.EXPAND_MORE, height=48)

    def flip(_e: ft.Event[ft.TextButton]) -> None:
        folded.visible = not folded.visible
        toggle.content = ADVICE_HIDE if folded.visible else ADVICE_SHOW
        toggle.icon = ft.Icons.EXPAND_LESS if folded.visible else ft.Icons.EXPAND_MORE
        card.update()

    toggle.on_click = flip
    card = ft.Container(
        ft.Column(
            [
                _title(followup),
                para(followup.message),
                ft.FilledButton(
                    followup.action_label,
                    icon=ft.Icons.FACT_CHECK_OUTLINED,
                    height=52,
                    on_click=lambda _e: ctx.go("/check"),
                ),
                toggle,
                folded,
            ],
            spacing=10,
            tight=True,
        ),
        bgcolor=ft.Colors.with_opacity(0.30, ft.Colors.AMBER),
        border=ft.Border.only(left=ft.BorderSide(8, ft.Colors.AMBER_700)),
        border_radius=12,
        padding=ft.Padding.all(16),
    )
    return card


def form_card(*controls: ft.Control) -> ft.Control:
    """A card whose parts keep their own semantics, so its text field keeps its own name."""
    return ft.Card(
        content=ft.Container(
            ft.Column(list(controls), spacing=8, tight=True), padding=ft.Padding.all(16)
        ),
        semantic_container=False,
    )


def noticed_text(first: date | None, today: date) -> str:
    if first is None:
        return "First noticed: not recorded yet."
    days = (today - first).days
    ago = "today" if days == 0 else f"{days} day{'s' if days != 1 else ''} ago"
    return f"First noticed: {format_date(first)} ({ago})."


def _save_first_day(ctx: Ctx, box: ft.TextField, today: date) -> None:
    try:
        day = parse_day(box.value or "", today)
        history.set_first_noticed(ctx.services, day)
    except ValidationError as exc:
        box.error = exc.problem
        return
    except LipCheckError as exc:
        box.error = f"Could not save: {exc}"
        return
    ctx.rerender()
    ctx.toast(f"Saved: you first noticed it on {format_date(day)}.")


def _picker_opener(
    ctx: Ctx, box: ft.TextField, shown: date, today: date, zone: str
) -> Callable[[object], None]:
    """The calendar button: a date picker whose pick fills the field (not yet saved)."""

    def picked(e: ft.Event[ft.DatePicker]) -> None:
        value = e.control.value
        if isinstance(value, datetime):
            box.value, box.error = format_date(picked_day(value, zone)), None
            box.update()  # the picker is a dialog: the field is not under its control

    def open_picker(_e: object) -> None:
        ctx.show_modal(
            ft.DatePicker(
                value=picker_instant(shown, zone),
                first_date=picker_instant(EARLIEST_DAY, zone),
                last_date=picker_instant(today, zone),
                current_date=picker_instant(today, zone),
                help_text="When did you first notice the twitching?",
                # Calendar only: the typed entry mode would ask for MM/DD/YYYY.
                entry_mode=ft.DatePickerEntryMode.CALENDAR_ONLY,
                # British English writes the day first ("Fri, 28 Feb"), like the app.
                locale=ft.Locale("en", "GB"),
                on_change=picked,
            )
        )

    return open_picker


def first_noticed_card(ctx: Ctx, inputs: Inputs) -> ft.Control:
    """A date field (typed or picked); a future date is refused inline and not saved."""
    today = inputs.today
    current = inputs.app.first_noticed
    zone = inputs.reminders.timezone
    box = ft.TextField(
        label="Date first noticed",
        value=format_date(current) if current else "",
        helper=f"For example {format_date(EXAMPLE_DAY)}",
        keyboard_type=ft.KeyboardType.DATETIME,
        error_max_lines=3,
        expand=True,
    )

    def save(_e: object) -> None:
        _save_first_day(ctx, box, today)

    def edited(_e: ft.Event[ft.TextField]) -> None:
        box.error = None

    box.on_change = edited
    box.on_submit = save
    return form_card(
        heading("When did it start?"),
        para(noticed_text(current, today)),
        ft.Text(
            "If it lasts more than two weeks, History reminds you to check again.",
            theme_style=ft.TextThemeStyle.BODY_MEDIUM,
        ),
        ft.Row(
            [
                box,
                icon_button(
                    ft.Icons.CALENDAR_MONTH,
                    "Pick the date",
                    _picker_opener(ctx, box, current or today, today, zone),
                ),
            ],
            vertical_alignment=ft.CrossAxisAlignment.START,
        ),
        ft.Button(
            "Save date",
            icon=ft.Icons.SAVE_OUTLINED,
            height=48,
            on_click=save,
        ),
    )
