"""Sleep: log last night (as hours, or as bed and wake times), the week against the
target, habit strength and the 7/30-night chart. The schedule lives in habits_sleep_plan.

A night is named by the date you woke up, like SleepLog.night, so "last night" is
today's date in the person's zone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import flet as ft

from app.errors import LipCheckError
from app.habits import (
    SeriesPoint,
    current_streak,
    habit_score,
    hours_slept,
    parse_hours,
    sleep_series,
    sleep_target_met_days,
    weekly_sleep,
)
from app.records import ReminderSettings, SleepLog
from app.services import habits
from app.ui.frame.context import Ctx, Screen, card, heading, para
from app.ui.frame.theme import SEGMENT_STYLE
from app.ui.habits.charts import span_chart
from app.ui.habits.common import ROUTE, boxed, muted, now, refresh, settings
from app.ui.habits.model import clock_text, hours_text, problem_text, score_text, streak_text
from app.ui.habits.sleep_plan import plan_card, read_times

HISTORY_DAYS = 90
MODES = (("hours", "Hours"), ("times", "Bed and wake"))


def logged_text(log: SleepLog | None) -> str:
    if log is None:
        return "Not logged yet"
    text = f"Logged: {hours_text(log.hours)}"
    if log.bed is not None and log.wake is not None:
        text += f" ({clock_text(log.bed)} to {clock_text(log.wake)})"
    return text


def _save(ctx: Ctx, log: SleepLog) -> None:
    try:
        habits.log_sleep(ctx.services, log)
    except LipCheckError as exc:
        ctx.toast(f"Your sleep could not be saved: {exc}")
        return
    ctx.toast(f"Saved last night: {hours_text(log.hours)}.")
    refresh(ctx)


def _hours_saver(ctx: Ctx, night: date, hours: ft.TextField) -> Callable[[object], None]:
    def save_hours(_e: object) -> None:
        try:
            value = parse_hours(hours.value or "")
            log = SleepLog(night=night, hours=round(value, 2))
        except LipCheckError as exc:
            hours.error = problem_text(exc, "Hours")
            return
        _save(ctx, log)

    return save_hours


def _times_saver(
    ctx: Ctx, night: date, zone: str, bed: ft.TextField, wake: ft.TextField
) -> Callable[[object], None]:
    def save_times(_e: object) -> None:
        times = read_times(bed, wake)
        if times is None:
            return
        went, woke = times
        try:
            slept = hours_slept(went, woke, night=night, timezone=zone)
            log = SleepLog(night=night, hours=round(slept, 2), bed=went, wake=woke)
        except LipCheckError as exc:
            wake.error = problem_text(exc, "The time")
            return
        _save(ctx, log)

    return save_times


def log_card(ctx: Ctx, current: ReminderSettings) -> ft.Control:
    night = now(ctx, current.timezone).date()
    existing = habits.sleep_night(ctx.services, night)
    hours = ft.TextField(label="Hours slept", keyboard_type=ft.KeyboardType.NUMBER, expand=True)
    bed = ft.TextField(label="Went to bed at", expand=True)
    wake = ft.TextField(label="Woke up at", expand=True)
    if existing is not None:
        hours.value = f"{existing.hours:g}" if existing.bed is None else ""
        bed.value = clock_text(existing.bed) if existing.bed else ""
        wake.value = clock_text(existing.wake) if existing.wake else ""
    save_hours = _hours_saver(ctx, night, hours)
    save_times = _times_saver(ctx, night, current.timezone, bed, wake)
    hours.on_submit = save_hours
    wake.on_submit = save_times
    by_hours = ft.Column(
        [
            ft.Row(
                [boxed(hours), ft.FilledButton("Save hours", height=48, on_click=save_hours)],
                vertical_alignment=ft.CrossAxisAlignment.START,
            )
        ],
        visible=existing is None or existing.bed is None,
    )
    by_times = ft.Column(
        [
            ft.Row([boxed(bed), boxed(wake)], vertical_alignment=ft.CrossAxisAlignment.START),
            muted("Times like 23:00, 11pm or 6:30."),
            ft.FilledButton("Save times", height=48, on_click=save_times),
        ],
        visible=not by_hours.visible,
        horizontal_alignment=ft.CrossAxisAlignment.START,
    )

    def switch(e: ft.Event[ft.SegmentedButton]) -> None:
        by_hours.visible = (e.control.selected or ["hours"])[0] == "hours"
        by_times.visible = not by_hours.visible

    return card(
        heading("Last night"),
        ft.Text(logged_text(existing), theme_style=ft.TextThemeStyle.BODY_LARGE),
        ft.SegmentedButton(
        style=SEGMENT_STYLE,
        show_selected_icon=False,  # the tick split "Medium" mid-word at 320 px
            segments=[ft.Segment(value=v, label=ft.Text(label)) for v, label in MODES],
            selected=["hours" if by_hours.visible else "times"],
            on_change=switch,
        ),
        by_hours,
        by_times,
    )


def _logs(ctx: Ctx, end: date, days: int) -> list[SleepLog]:
    return habits.sleep_nights(ctx.services, end, days)


def strength_rows(ctx: Ctx, current: ReminderSettings) -> list[ft.Control]:
    """Habit strength beside the streak, for "sleep target met"."""
    end = now(ctx, current.timezone).date()
    met = sleep_target_met_days(_logs(ctx, end, HISTORY_DAYS), current.sleep.target_hours)
    start = end - timedelta(days=HISTORY_DAYS - 1)
    return [
        ft.Text(
            f"Strength {score_text(habit_score(met, start, end))}",
            theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
        ),
        ft.Text(streak_text(current_streak(met, end)), theme_style=ft.TextThemeStyle.BODY_LARGE),
    ]


def week_line(ctx: Ctx, current: ReminderSettings) -> str:
    end = now(ctx, current.timezone).date()
    week = weekly_sleep(_logs(ctx, end, 7), end, current.sleep.target_hours)
    if week.nights_logged == 0:
        return f"No nights logged this week. Your target: {current.sleep.target_hours:g}\u00a0h."
    return f"{week.message}. On target: {week.nights_on_target} of {week.nights_logged}."


def build(ctx: Ctx) -> Screen:
    current = settings(ctx)
    end = now(ctx, current.timezone).date()
    logs = _logs(ctx, end, 30)
    target = current.sleep.target_hours

    def points(days: int) -> list[SeriesPoint]:
        return sleep_series(logs, end, days, target)

    history = card(
        heading("Sleep target met"),
        ft.Text(week_line(ctx, current), theme_style=ft.TextThemeStyle.BODY_LARGE),
        *strength_rows(ctx, current),
        muted(
            "Strength grows each night you reach your target and fades slowly when you miss one."
        ),
        span_chart(points, hours_text, f"target {target:g} h", "target"),
    )
    body: list[ft.Control] = [
        log_card(ctx, current),
        history,
        plan_card(ctx, current),
        para(
            "Adequate sleep allows the body and nervous system to recover, reducing muscle "
            "excitability."
        ),
    ]
    return Screen(title="Sleep", body=body, back=ROUTE)
