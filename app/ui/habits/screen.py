"""Habits: today's water at a glance with one-tap logging, last night's sleep, habit
strength, and the way into water, sleep and reminder settings.

Routes: /habits, /habits/water, /habits/sleep, /habits/reminders.
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.errors import LipCheckError
from app.records import ReminderSettings
from app.services import habits
from app.ui.frame.context import Ctx, Screen, card, heading, link_button, para
from app.ui.habits import reminders, sleep, water
from app.ui.habits.common import ROUTE, muted, now, settings, subheading
from app.ui.habits.model import duration_label

PAGES: dict[str, Callable[[Ctx], Screen]] = {
    "water": water.build,
    "sleep": sleep.build,
    "reminders": reminders.build,
}


def _sleep_card(ctx: Ctx, current: ReminderSettings) -> ft.Control:
    night = now(ctx, current.timezone).date()
    last = habits.sleep_night(ctx.services, night)
    return card(
        heading("Sleep"),
        ft.Text(
            f"Last night: {sleep.logged_text(last)}",
            theme_style=ft.TextThemeStyle.BODY_LARGE,
        ),
        ft.Text(sleep.week_line(ctx, current), theme_style=ft.TextThemeStyle.BODY_LARGE),
        link_button(
            ctx, "Log sleep and see your week", f"{ROUTE}/sleep", ft.Icons.BEDTIME_OUTLINED
        ),
    )


def _strength_card(ctx: Ctx, current: ReminderSettings) -> ft.Control:
    def block(title: str, rows: list[ft.Control]) -> ft.Control:
        return ft.Column([subheading(title), *rows], spacing=2, tight=True)

    return card(
        heading("Habit strength"),
        muted("Like a streak, but a missed day only dents it."),
        block("Water goal met", water.strength_rows(ctx, current)),
        block("Sleep target met", sleep.strength_rows(ctx, current)),
    )


def _reminders_card(ctx: Ctx, current: ReminderSettings) -> ft.Control:
    hydration, bedtime = current.hydration, current.sleep
    water_line = (
        f"Water reminders: on, every {duration_label(hydration.interval_min)}"
        if hydration.reminders_on
        else "Water reminders: off"
    )
    bed_line = (
        f"Bedtime reminder: on, {duration_label(bedtime.wind_down_min)} before bedtime"
        if bedtime.bedtime_reminder_on
        else "Bedtime reminder: off"
    )
    return card(
        heading("Reminders"),
        para(water_line),
        para(bed_line),
        muted(f"Time zone: {current.timezone}"),
        link_button(ctx, "Reminder settings", f"{ROUTE}/reminders", ft.Icons.ALARM),
    )


def overview(ctx: Ctx) -> Screen:
    current = settings(ctx)
    body: list[ft.Control] = [
        water.today_card(ctx, current),
        _sleep_card(ctx, current),
        _strength_card(ctx, current),
        _reminders_card(ctx, current),
    ]
    return Screen(title="Habits", body=body)


def build(ctx: Ctx, params: list[str]) -> Screen:
    page = PAGES.get(params[0]) if len(params) == 1 else None
    if params and page is None:
        return Screen(
            title="Habits",
            back=ROUTE,
            body=[
                para("This page does not exist."),
                ft.FilledButton("Go to Habits", height=52, on_click=lambda _e: ctx.go(ROUTE)),
            ],
        )
    try:
        return page(ctx) if page is not None else overview(ctx)
    except LipCheckError as exc:  # storage trouble, or a zone this device cannot load
        return Screen(title="Habits", body=[para(f"Your habits could not be shown: {exc}")])
