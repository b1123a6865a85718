"""Sleep helpers: hours between bed and wake, the schedule for a night, weekly averages.

A night is named by the date you wake up (like SleepLog.night). Nights that end on a
Saturday or Sunday morning use the weekend bed and wake times; all others use the
weekday times. So Friday and Saturday evenings use ``weekend_bed``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from app.errors import ValidationError
from app.records import SleepLog, SleepSettings

from .schedule import bed_time, is_weekend_morning, to_utc, wake_time, zone


@dataclass(frozen=True)
class NightSchedule:
    night: date
    bed: time
    wake: time
    weekend: bool


@dataclass(frozen=True)
class WeeklySleep:
    start: date
    end: date
    nights_logged: int
    nights_missing: int
    average_hours: float | None
    target_hours: float
    nights_on_target: int
    message: str


def hours_slept(
    bed: time, wake: time, *, night: date | None = None, timezone: str | None = None
) -> float:
    """Hours from bed to wake, crossing midnight when wake is not after bed.

    With ``night`` (the wake-up date) and ``timezone`` the real elapsed time is used,
    so a night across a clock change counts one hour more or less.
    """
    bed, wake = bed.replace(tzinfo=None), wake.replace(tzinfo=None)
    if bed == wake:
        raise ValidationError("wake", "wake time must differ from bedtime")
    if night is not None and timezone is not None:
        tz = zone(timezone)
        bed_day = night if bed < wake else night - timedelta(days=1)
        start = to_utc(datetime.combine(bed_day, bed), tz)
        end = to_utc(datetime.combine(night, wake), tz)
        return (end - start).total_seconds() / 3600
    base = date(2000, 1, 3)
    start_naive = datetime.combine(base, bed)
    end_naive = datetime.combine(base, wake)
    if end_naive <= start_naive:
        end_naive += timedelta(days=1)
    return (end_naive - start_naive).total_seconds() / 3600


def night_schedule(sleep: SleepSettings, night: date) -> NightSchedule:
    """Bed and wake time planned for the night that ends on the morning of ``night``."""
    return NightSchedule(
        night=night,
        bed=bed_time(sleep, night - timedelta(days=1)),
        wake=wake_time(sleep, night),
        weekend=is_weekend_morning(night),
    )


def logs_by_night(logs: Iterable[SleepLog]) -> dict[date, SleepLog]:
    """One log per night; when a night was logged twice, the later log wins."""
    found: dict[date, SleepLog] = {}
    for log in logs:
        found[log.night] = log
    return found


def weekly_sleep(
    logs: Iterable[SleepLog], end: date, target_hours: float, days: int = 7
) -> WeeklySleep:
    """Average over the nights logged in the ``days`` nights ending ``end``; gaps are skipped."""
    if days < 1:
        raise ValidationError("days", "must be at least 1")
    start = end - timedelta(days=days - 1)
    nights = logs_by_night(logs)
    hours = [nights[d].hours for d in _dates(start, end) if d in nights]
    missing = days - len(hours)
    if not hours:
        return WeeklySleep(start, end, 0, missing, None, target_hours, 0, "No nights logged yet")
    average = sum(hours) / len(hours)
    on_target = sum(1 for h in hours if h >= target_hours)
    noun = "night" if len(hours) == 1 else "nights"
    message = (
        f"Average {average:.1f} h over {len(hours)} {noun} logged (your target: {target_hours:g} h)"
    )
    return WeeklySleep(start, end, len(hours), missing, average, target_hours, on_target, message)


def _dates(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]
