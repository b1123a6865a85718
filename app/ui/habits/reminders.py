"""Reminder settings: time zone, water and bedtime reminders, and the .ics calendar export.

Reminders only appear while the app is open; the calendar export is how a phone
reminds the person when it is closed (the calendar app then does the alerting).
"""

from __future__ import annotations

from dataclasses import replace

import flet as ft

from app.device import device_zone
from app.errors import LipCheckError
from app.formats import weekday_date
from app.habits import SNOOZE_CHOICES, check_zone
from app.records import ReminderSettings
from app.services import habits
from app.ui.frame.context import Ctx, Screen, card, heading, para
from app.ui.habits.common import (
    ROUTE,
    boxed,
    muted,
    now,
    refresh,
    save_settings,
    settings,
)
from app.ui.habits.model import (
    INTERVAL_CHOICES,
    ZONE_CHOICES,
    clock_text,
    duration_label,
    problem_text,
)
from app.ui.habits.notify import notify_toggle

ICS_NAME = "lip-twitch-check-reminders.ics"


def _save(ctx: Ctx, new: ReminderSettings, message: str) -> None:
    try:
        save_settings(ctx, new)
    except LipCheckError as exc:
        ctx.toast(f"Not saved: {exc}")
        return
    ctx.toast(message)
    refresh(ctx)


def zone_card(ctx: Ctx, current: ReminderSettings) -> ft.Control:
    names = sorted({*ZONE_CHOICES, device_zone(), current.timezone})

    def store_zone(name: str) -> None:
        latest = settings(ctx)
        _save(ctx, replace(latest, timezone=name), f"Time zone saved: {name}.")

    picker = ft.Dropdown(
        label="Pick a time zone",
        value=current.timezone,
        options=[ft.DropdownOption(key=n, text=n) for n in names],
        menu_height=320,
        expand=True,
        on_select=lambda e: store_zone(e.control.value or current.timezone),
    )
    typed = ft.TextField(label="Or type a time zone name", expand=True)

    def save_typed(_e: object) -> None:
        try:
            name = check_zone(typed.value or "")
        except LipCheckError as exc:
            typed.error = problem_text(exc, "The time zone")
            typed.update()
            return
        store_zone(name)

    typed.on_submit = save_typed
    return card(
        heading("Your time zone"),
        ft.Text(f"Now: {current.timezone}", theme_style=ft.TextThemeStyle.BODY_LARGE),
        muted('Decides when "today" starts and when reminders come.'),
        boxed(picker),
        boxed(typed),
        muted("Names like Europe/Paris or America/Toronto."),
        ft.FilledButton("Save typed time zone", height=48, on_click=save_typed),
    )


def _interval_picker(ctx: Ctx, current: ReminderSettings) -> ft.Control:
    every = current.hydration.interval_min

    def on_select(e: ft.Event[ft.Dropdown]) -> None:
        latest = settings(ctx)
        minutes = int(e.control.value or every)
        hydration = replace(latest.hydration, interval_min=minutes)
        _save(ctx, replace(latest, hydration=hydration), f"Every {duration_label(minutes)}.")

    return ft.Dropdown(
        label="Remind me every",
        value=str(every),
        options=[
            ft.DropdownOption(key=str(m), text=duration_label(m))
            for m in sorted({*INTERVAL_CHOICES, every})
        ],
        on_select=on_select,
        expand=True,
    )


def reminders_card(ctx: Ctx, current: ReminderSettings) -> ft.Control:
    water, sleep = current.hydration, current.sleep

    def toggle_water(e: ft.Event[ft.Switch]) -> None:
        latest = settings(ctx)
        on = bool(e.control.value)
        hydration = replace(latest.hydration, reminders_on=on)
        _save(ctx, replace(latest, hydration=hydration), f"Water reminders {_on_off(on)}.")

    def toggle_bed(e: ft.Event[ft.Switch]) -> None:
        latest = settings(ctx)
        on = bool(e.control.value)
        plan = replace(latest.sleep, bedtime_reminder_on=on)
        _save(ctx, replace(latest, sleep=plan), f"Bedtime reminder {_on_off(on)}.")

    snoozes = ", ".join(duration_label(m) for m in SNOOZE_CHOICES)
    return card(
        heading("Reminders"),
        ft.Switch(label="Water reminders", value=water.reminders_on, on_change=toggle_water),
        muted("From your wake time until bedtime, and only until you reach your goal."),
        boxed(_interval_picker(ctx, current)),
        ft.Switch(label="Bedtime reminder", value=sleep.bedtime_reminder_on, on_change=toggle_bed),
        muted(
            f"Comes {duration_label(sleep.wind_down_min)} before bedtime "
            f"({clock_text(sleep.weekday_bed)} on weekdays, {clock_text(sleep.weekend_bed)} "
            "at weekends). Change the times in Sleep."
        ),
        *notify_toggle(ctx),  # system notifications, opt-in (app/ui/habits/notify.py)
        ft.Text(_next_text(ctx, current), theme_style=ft.TextThemeStyle.BODY_LARGE),
        para(
            "While the app is open, a due reminder shows at the top of any screen. You can "
            f"log a drink, snooze it ({snoozes}) or dismiss it."
        ),
    )


def _on_off(on: bool) -> str:
    return "on" if on else "off"


def _next_text(ctx: Ctx, current: ReminderSettings) -> str:
    if not (current.hydration.reminders_on or current.sleep.bedtime_reminder_on):
        return "All reminders are off."
    try:
        check = habits.reminders_now(ctx.services)
        moment, upcoming = check.now, check.upcoming
    except LipCheckError:
        return ""
    if upcoming is None:
        return "No reminder is coming up."
    day = "today" if upcoming.date() == moment.date() else weekday_date(upcoming.date())
    return f"Next reminder: {day} at {clock_text(upcoming.time())}."


def export_card(ctx: Ctx, current: ReminderSettings) -> ft.Control:
    water, bed = current.hydration.reminders_on, current.sleep.bedtime_reminder_on

    async def export(_e: ft.Event[ft.Button]) -> None:
        from app.habits.ics import schedule_ics  # icalendar loads only when used

        latest = settings(ctx)
        moment = now(ctx, latest.timezone)
        try:
            data = schedule_ics(
                latest,
                moment.date(),
                stamp=moment,
                hydration=latest.hydration.reminders_on,
                bedtime=latest.sleep.bedtime_reminder_on,
            )
        except LipCheckError as exc:
            ctx.toast(f"The calendar file could not be made: {exc}")
            return
        await ft.FilePicker().save_file(file_name=ICS_NAME, src_bytes=data)
        ctx.toast("Calendar file created. Open it with your calendar app to add the reminders.")

    return card(
        heading("Reminders when the app is closed"),
        para(
            "Export your reminders as a calendar file (.ics) and import it into your phone's "
            "calendar. The calendar then alerts you, even when this app is closed."
        ),
        ft.Button(
            "Export to calendar (.ics)",
            icon=ft.Icons.EVENT_OUTLINED,
            height=48,
            on_click=export,
            disabled=not (water or bed),
        ),
        muted(
            "Includes the reminders that are on. After changing times, export again and "
            "replace the old events."
            if water or bed
            else "Turn on a reminder above to export it."
        ),
    )


def build(ctx: Ctx) -> Screen:
    current = settings(ctx)
    body: list[ft.Control] = [
        reminders_card(ctx, current),
        zone_card(ctx, current),
        export_card(ctx, current),
    ]
    return Screen(title="Reminders", body=body, back=ROUTE)


SUGGESTIONS: dict[str, str] = {
    "hydration_reminder": "Turn on water reminders",
    "bedtime_reminder": "Set a bedtime reminder",
}


def turn_on_suggestion(ctx: Ctx, habit: str) -> None:
    """One tap from a self-check result: switch the suggested reminder on and stay on the
    result; the toast offers the way to Habits."""
    latest = settings(ctx)
    if habit == "hydration_reminder":
        water = latest.hydration
        new = replace(latest, hydration=replace(water, reminders_on=True))
        message = (
            f"Water reminders are on: every {duration_label(water.interval_min)} "
            "while you are awake."
        )
    elif habit == "bedtime_reminder":
        plan = latest.sleep
        new = replace(latest, sleep=replace(plan, bedtime_reminder_on=True))
        message = (
            f"Bedtime reminder is on: {duration_label(plan.wind_down_min)} before "
            f"{clock_text(plan.weekday_bed)} on weekdays."
        )
    else:
        ctx.go(ROUTE)
        return
    try:
        save_settings(ctx, new)
    except LipCheckError as exc:
        ctx.toast(f"The reminder could not be turned on: {exc}")
        return
    ctx.rerender()
    ctx.toast(message, "Open Habits", lambda: ctx.go(ROUTE))
