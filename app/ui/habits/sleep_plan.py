"""The sleep plan: target hours, bed and wake times for weekdays and weekends, and how long
before bedtime the wind-down reminder comes.

Weekend times apply to Friday and Saturday nights (the nights before a weekend
morning), as the reminder engine defines them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import time

import flet as ft

from app.errors import LipCheckError, ValidationError
from app.habits import parse_clock, parse_hours
from app.records import ReminderSettings, SleepSettings
from app.ui.frame.context import Ctx, card, heading
from app.ui.habits.common import boxed, muted, refresh, save_settings, settings, subheading
from app.ui.habits.model import WIND_DOWN_CHOICES, clock_text, duration_label, problem_text

SAME_TIME = "Wake time must differ from bedtime."


def read_times(bed: ft.TextField, wake: ft.TextField) -> tuple[time, time] | None:
    """Both times, or None after putting the problem under the field it belongs to."""
    bed.error = wake.error = None
    found: list[time] = []
    for field in (bed, wake):
        try:
            found.append(parse_clock(field.value or ""))
        except LipCheckError as exc:
            field.error = problem_text(exc, "The time")
    if len(found) == 2 and found[0] == found[1]:
        wake.error = SAME_TIME
    if bed.error or wake.error:
        return None
    return found[0], found[1]


def _time_field(label: str, value: time) -> ft.TextField:
    return ft.TextField(label=label, value=clock_text(value), expand=True)


def _pair(title: str, bed: ft.TextField, wake: ft.TextField) -> list[ft.Control]:
    return [
        subheading(title),
        ft.Row([boxed(bed), boxed(wake)], vertical_alignment=ft.CrossAxisAlignment.START),
    ]


def _target(text: str) -> float:
    hours = parse_hours(text)
    if not 3 <= hours <= 14 or not math.isfinite(hours):
        raise ValidationError("target_hours", "must be between 3 and 14 hours")
    return round(hours, 2)


@dataclass
class _PlanForm:
    target: ft.TextField
    week_bed: ft.TextField
    week_wake: ft.TextField
    end_bed: ft.TextField
    end_wake: ft.TextField
    wind_down: ft.Dropdown
    problem: ft.Text


def _form(plan: SleepSettings) -> _PlanForm:
    choices = sorted({*WIND_DOWN_CHOICES, plan.wind_down_min})
    return _PlanForm(
        target=ft.TextField(
            label="Sleep target (hours)",
            value=f"{plan.target_hours:g}",
            keyboard_type=ft.KeyboardType.NUMBER,
            expand=True,
        ),
        week_bed=_time_field("Weekday bedtime", plan.weekday_bed),
        week_wake=_time_field("Weekday wake time", plan.weekday_wake),
        end_bed=_time_field("Weekend bedtime", plan.weekend_bed),
        end_wake=_time_field("Weekend wake time", plan.weekend_wake),
        wind_down=ft.Dropdown(
            label="Wind-down reminder before bedtime",
            value=str(plan.wind_down_min),
            options=[ft.DropdownOption(key=str(m), text=duration_label(m)) for m in choices],
            expand=True,
        ),
        problem=ft.Text("", color=ft.Colors.ERROR, visible=False),
    )


def _save(ctx: Ctx, form: _PlanForm, plan: SleepSettings) -> None:
    """Check every field (each problem under its field), then save the plan."""
    form.target.error = None
    try:
        hours = _target(form.target.value or "")
    except LipCheckError as exc:
        form.target.error = problem_text(exc, "The target")
    weekdays = read_times(form.week_bed, form.week_wake)
    weekends = read_times(form.end_bed, form.end_wake)
    if form.target.error or weekdays is None or weekends is None:
        return
    latest = settings(ctx)
    try:
        new_plan = replace(
            latest.sleep,
            target_hours=hours,
            weekday_bed=weekdays[0],
            weekday_wake=weekdays[1],
            weekend_bed=weekends[0],
            weekend_wake=weekends[1],
            wind_down_min=int(form.wind_down.value or plan.wind_down_min),
        )
        save_settings(ctx, replace(latest, sleep=new_plan))
    except (LipCheckError, ValueError) as exc:
        form.problem.value = f"Not saved: {exc}"
        form.problem.visible = True
        return
    ctx.toast("Sleep plan saved.")
    refresh(ctx)


def plan_card(ctx: Ctx, current: ReminderSettings) -> ft.Control:
    plan = current.sleep
    form = _form(plan)
    return card(
        heading("Your sleep plan"),
        ft.Row([boxed(form.target)]),
        *_pair("Weekdays (Sunday to Thursday nights)", form.week_bed, form.week_wake),
        *_pair("Weekends (Friday and Saturday nights)", form.end_bed, form.end_wake),
        boxed(form.wind_down),
        muted("The bedtime reminder comes this long before bedtime, if you turn it on."),
        form.problem,
        ft.FilledButton("Save sleep plan", height=48, on_click=lambda _e: _save(ctx, form, plan)),
    )
