"""The emergency result: a call button first, the FAST signs in full, nothing that
suggests waiting. Shared by the self-check and History, so both say the same.

The number comes from Settings ("Emergency number") and can be changed right
here; the button is a tel: link, so a phone opens its dialer with it.
"""

from __future__ import annotations

import flet as ft

from app.errors import LipCheckError
from app.quiz import QuizResult
from app.quiz.emergency import NUMBERS, known
from app.services.check import emergency_number, set_emergency_number
from app.ui.frame.context import Ctx, card


def current_number(ctx: Ctx) -> str:
    return emergency_number(ctx.services)


def number_picker(ctx: Ctx, number: str, label: str = "Emergency number") -> ft.Dropdown:
    """Pick the country's number; saving redraws the screen with the new number."""

    def on_select(e: ft.Event[ft.Dropdown]) -> None:
        try:
            set_emergency_number(ctx.services, e.control.value or number)
        except LipCheckError as exc:
            ctx.toast(f"The number could not be saved: {exc}")
            return
        ctx.rerender()

    options = [ft.DropdownOption(key=n.number, text=n.label) for n in NUMBERS]
    if known(number) is None:
        options.insert(0, ft.DropdownOption(key=number, text=number))
    return ft.Dropdown(label=label, value=number, options=options, on_select=on_select, expand=True)


def call_button(number: str) -> ft.Control:
    return ft.Button(
        f"Call {number}",
        icon=ft.Icons.CALL,
        url=f"tel:{number}",
        height=64,
        expand=True,
        bgcolor=ft.Colors.ERROR,
        color=ft.Colors.ON_ERROR,
        style=ft.ButtonStyle(
            text_style=ft.TextStyle(size=22, weight=ft.FontWeight.BOLD),
            shape=ft.RoundedRectangleBorder(radius=16),
        ),
    )


def _lines(lines: tuple[str, ...], bold_head: bool = False) -> ft.Column:
    rows: list[ft.Control] = []
    for line in lines:
        head, sep, rest = line.partition(": ")
        if bold_head and sep:
            text = ft.Text(
                spans=[
                    ft.TextSpan(head + sep, ft.TextStyle(weight=ft.FontWeight.BOLD)),
                    ft.TextSpan(rest),
                ],
                theme_style=ft.TextThemeStyle.BODY_LARGE,
                expand=True,
            )
        else:
            text = ft.Text(line, theme_style=ft.TextThemeStyle.BODY_LARGE, expand=True)
        rows.append(
            ft.Row(
                [ft.Text("\u2022", theme_style=ft.TextThemeStyle.BODY_LARGE), text],
                vertical_alignment=ft.CrossAxisAlignment.START,
            )
        )
    return ft.Column(rows, spacing=6)


def _heading(text: str) -> ft.Text:
    return ft.Text(text, theme_style=ft.TextThemeStyle.TITLE_MEDIUM, weight=ft.FontWeight.W_600)


def _banner(ctx: Ctx, filled: QuizResult, number: str) -> ft.Control:
    """The red block: what this is, the call button, and the number it calls."""
    return ft.Container(
        ft.Column(
            [
                ft.Row(
                    [
                        ft.Icon(
                            ft.Icons.WARNING_ROUNDED,
                            color=ft.Colors.ON_ERROR_CONTAINER,
                            size=32,
                            semantics_label="Emergency",
                        ),
                        ft.Text(
                            filled.tier_badge,
                            color=ft.Colors.ON_ERROR_CONTAINER,
                            theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
                            weight=ft.FontWeight.BOLD,
                            expand=True,
                        ),
                    ]
                ),
                ft.Text(
                    filled.tier_title,
                    color=ft.Colors.ON_ERROR_CONTAINER,
                    theme_style=ft.TextThemeStyle.HEADLINE_MEDIUM,
                    weight=ft.FontWeight.BOLD,
                ),
                ft.Row([call_button(number)]),
                ft.Row([number_picker(ctx, number, "Change the number")]),
                ft.Text(
                    filled.tier_text,
                    color=ft.Colors.ON_ERROR_CONTAINER,
                    theme_style=ft.TextThemeStyle.BODY_LARGE,
                ),
            ],
            spacing=12,
            tight=True,
        ),
        bgcolor=ft.Colors.ERROR_CONTAINER,
        border=ft.Border.only(left=ft.BorderSide(8, ft.Colors.ERROR)),
        border_radius=12,
        padding=ft.Padding.all(16),
    )


def emergency_controls(ctx: Ctx, result: QuizResult, number: str) -> list[ft.Control]:
    """Call first; then what to do, the FAST signs, and the source of this advice."""
    filled = result.with_number(number)
    return [
        _banner(ctx, filled, number),
        _heading("What to do now"),
        _lines(filled.next_steps),
        card(
            _heading("How soon"),
            ft.Text(
                filled.time_frame,
                theme_style=ft.TextThemeStyle.BODY_LARGE,
                weight=ft.FontWeight.W_600,
            ),
            ft.Text(
                filled.time_frame_label, theme_style=ft.TextThemeStyle.BODY_MEDIUM, italic=True
            ),
        ),
        _heading("The FAST signs of a stroke"),
        _lines(filled.signs, bold_head=True),
        _heading("If you cannot call"),
        _lines(filled.if_worse),
        *([_heading("Why this result"), _lines(filled.reasons)] if filled.reasons else []),
        ft.Text(filled.attribution, theme_style=ft.TextThemeStyle.BODY_MEDIUM, italic=True),
    ]
