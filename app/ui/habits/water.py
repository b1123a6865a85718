"""Water: today's progress with one-tap logging, and the water screen (goal, cups, history).

"Today" and every drink's time are in the person's own zone (settings.timezone),
so a drink at 23:30 counts for the day it was drunk on, wherever the server is.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import flet as ft

from app.errors import LipCheckError
from app.formats import format_amount
from app.habits import (
    SeriesPoint,
    current_streak,
    habit_score,
    pace,
    parse_amount,
    progress,
    water_goal_met_days,
    water_series,
)
from app.records import ReminderSettings
from app.services import habits
from app.ui.frame.context import Ctx, Screen, card, heading, link_button, para
from app.ui.habits.charts import span_chart
from app.ui.habits.common import (
    ROUTE,
    boxed,
    drunk_on,
    log_drink,
    muted,
    now,
    refresh,
    settings,
    subheading,
)
from app.ui.habits.model import (
    left_line,
    problem_text,
    progress_line,
    score_text,
    streak_text,
)
from app.ui.habits.water_setup import cups_card, goal_card

HISTORY_DAYS = 90


def today_card(ctx: Ctx, current: ReminderSettings, *, with_link: bool = True) -> ft.Control:
    """Progress toward today's goal, the pace message, and the logging buttons."""
    unit = current.hydration.unit
    moment = now(ctx, current.timezone)
    drunk = drunk_on(ctx, moment.date(), current.timezone)
    done = progress(drunk, current.hydration.goal_ml)
    on_pace = pace(current, drunk, moment)
    percent = round(done.fraction * 100)
    bar = ft.ProgressBar(
        value=done.fraction,
        bar_height=12,
        border_radius=6,
        color=ft.Colors.PRIMARY,
        bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
        semantics_label=f"Water today: {percent}% of your goal",
    )
    controls: list[ft.Control] = [
        heading("Water today"),
        ft.Text(
            progress_line(done, unit),
            theme_style=ft.TextThemeStyle.HEADLINE_SMALL,
            weight=ft.FontWeight.W_600,
        ),
        bar,
        ft.Text(left_line(done, unit), theme_style=ft.TextThemeStyle.BODY_LARGE),
        _pace_row(on_pace.status, on_pace.message),
        subheading("Log a drink"),
        _cup_buttons(ctx, current),
        *_other_amount(ctx, current),
    ]
    if with_link:
        controls.append(link_button(ctx, "Goal, cups and history", f"{ROUTE}/water", ft.Icons.TUNE))
    return card(*controls)


def _pace_row(status: str, message: str) -> ft.Control:
    icon = {
        "met": ft.Icons.CHECK_CIRCLE_OUTLINE,
        "on_track": ft.Icons.TRENDING_UP,
        "behind": ft.Icons.SCHEDULE,
    }.get(status, ft.Icons.WB_TWILIGHT)
    return ft.Row(
        [
            ft.Icon(icon, color=ft.Colors.PRIMARY, size=20, semantics_label="Pace"),
            ft.Text(message, theme_style=ft.TextThemeStyle.BODY_LARGE, expand=True),
        ],
        spacing=8,
    )


def _cup_buttons(ctx: Ctx, current: ReminderSettings) -> ft.Control:
    unit = current.hydration.unit

    def logger(ml: int) -> Callable[[object], None]:
        def on_click(_e: object) -> None:
            if log_drink(ctx, ml) is not None:
                refresh(ctx)

        return on_click

    return ft.Row(
        [
            ft.FilledTonalButton(
                format_amount(ml, unit),
                icon=ft.Icons.ADD,
                height=48,
                style=ft.ButtonStyle(padding=ft.Padding.only(left=10, right=14)),
                on_click=logger(ml),
            )
            for ml in current.hydration.cup_sizes_ml
        ],
        wrap=True,
        spacing=8,
        run_spacing=8,
    )


def _other_amount(ctx: Ctx, current: ReminderSettings) -> list[ft.Control]:
    unit = current.hydration.unit
    field = ft.TextField(
        label=f"Other amount ({unit})",
        keyboard_type=ft.KeyboardType.NUMBER,
        expand=True,
    )

    def log_other(_e: object) -> None:
        try:
            ml = parse_amount(field.value or "", unit)
        except LipCheckError as exc:
            field.error = problem_text(exc, "The amount")
            field.update()
            return
        field.error = None
        if log_drink(ctx, ml) is not None:
            refresh(ctx)

    field.on_submit = log_other
    return [
        ft.Row(
            [boxed(field), ft.FilledButton("Log", height=48, on_click=log_other)],
            vertical_alignment=ft.CrossAxisAlignment.START,
        )
    ]


def strength_rows(ctx: Ctx, current: ReminderSettings) -> list[ft.Control]:
    """Habit strength (Loop-style score) beside the streak, for "water goal met"."""
    end = now(ctx, current.timezone).date()
    totals = _totals(ctx, current, HISTORY_DAYS)
    met = water_goal_met_days(totals, current.hydration.goal_ml)
    start = min(totals)
    return [
        ft.Text(
            f"Strength {score_text(habit_score(met, start, end))}",
            theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
        ),
        ft.Text(streak_text(current_streak(met, end)), theme_style=ft.TextThemeStyle.BODY_LARGE),
    ]


def _totals(ctx: Ctx, current: ReminderSettings, days: int) -> dict[date, int]:
    return habits.water_totals(ctx.services, now(ctx, current.timezone).date(), days)


def build(ctx: Ctx) -> Screen:
    current = settings(ctx)
    unit = current.hydration.unit
    end = now(ctx, current.timezone).date()
    totals = _totals(ctx, current, 30)

    def points(days: int) -> list[SeriesPoint]:
        return water_series(totals, end, days, current.hydration.goal_ml)

    history = card(
        heading("Water goal met"),
        *strength_rows(ctx, current),
        muted("Strength grows each day you reach your goal and fades slowly when you miss one."),
        span_chart(
            points,
            lambda v: format_amount(round(v), unit),
            f"goal {format_amount(current.hydration.goal_ml, unit)}",
        ),
    )
    body: list[ft.Control] = [
        today_card(ctx, current, with_link=False),
        goal_card(ctx, current),
        cups_card(ctx, current),
        history,
        para(
            "Staying hydrated maintains electrolyte balance, important for nerve and "
            "muscle function."
        ),
    ]
    return Screen(title="Water", body=body, back=ROUTE)
