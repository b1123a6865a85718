"""Daily wake/bed windows in local wall time, resolved to real instants.

Everything else in the habits package builds on these few rules, so they live
in one place:

* A *day* ``D`` is the day you wake up on. You wake at ``weekend_wake`` on
  Saturday and Sunday, and at ``weekday_wake`` otherwise.
* The evening of ``D`` uses ``weekend_bed`` on Friday and Saturday (the nights
  that end on a weekend morning), and ``weekday_bed`` otherwise.
* A bedtime earlier than the wake time is after midnight, on ``D + 1``.
* Wall times become instants with PEP 495 ``fold=0``: a time inside a
  spring-forward gap moves forward by the gap (01:30 becomes 02:30), and a time
  that happens twice in a fall-back hour means its first occurrence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.errors import ValidationError
from app.records import ReminderSettings, SleepSettings

SATURDAY = 5
SUNDAY = 6


def zone(name: str) -> ZoneInfo:
    """Load an IANA zone, turning every failure into a ValidationError the UI can show."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise ValidationError("timezone", f"unknown time zone {name!r}") from exc


def is_weekend_morning(day: date) -> bool:
    return day.weekday() in (SATURDAY, SUNDAY)


def wake_time(sleep: SleepSettings, day: date) -> time:
    """Wake time on the morning of ``day``."""
    return sleep.weekend_wake if is_weekend_morning(day) else sleep.weekday_wake


def bed_time(sleep: SleepSettings, day: date) -> time:
    """Bedtime on the evening of ``day`` (decided by the next morning)."""
    return sleep.weekend_bed if is_weekend_morning(day + timedelta(days=1)) else sleep.weekday_bed


def _wall(day: date, at: time) -> datetime:
    return datetime.combine(day, at.replace(tzinfo=None))


def to_utc(wall: datetime, tz: ZoneInfo) -> datetime:
    """Resolve a naive local wall time to a UTC instant (fold=0, see module doc)."""
    return wall.replace(tzinfo=tz, fold=0).astimezone(UTC)


def local_date(instant: datetime, tz: ZoneInfo) -> date:
    return instant.astimezone(tz).date()


def wall_window(sleep: SleepSettings, day: date) -> tuple[datetime, datetime]:
    """Naive local (wake, bed) of ``day``; bed is on the next date when it is before wake."""
    wake = _wall(day, wake_time(sleep, day))
    bed = _wall(day, bed_time(sleep, day))
    if bed <= wake:
        bed += timedelta(days=1)
    return wake, bed


@dataclass(frozen=True)
class Window:
    """One day's awake window as UTC instants, end exclusive."""

    day: date
    start: datetime
    end: datetime

    def contains(self, instant: datetime) -> bool:
        return self.start <= instant < self.end


def window(settings: ReminderSettings, day: date) -> Window:
    tz = zone(settings.timezone)
    wake, bed = wall_window(settings.sleep, day)
    return Window(day, to_utc(wake, tz), to_utc(bed, tz))


def window_at(settings: ReminderSettings, now: datetime) -> Window:
    """The awake window containing ``now``, else the window of now's local date."""
    tz = zone(settings.timezone)
    today = local_date(now, tz)
    instant = now.astimezone(UTC)
    for day in (today, today - timedelta(days=1)):
        found = window(settings, day)
        if found.contains(instant):
            return found
    return window(settings, today)


def hydration_walls(settings: ReminderSettings, day: date) -> list[datetime]:
    """Naive local slot times: wake, wake+N, wake+2N ... strictly before bed."""
    wake, bed = wall_window(settings.sleep, day)
    step = timedelta(minutes=settings.hydration.interval_min)
    walls: list[datetime] = []
    at = wake
    while at < bed:
        walls.append(at)
        at += step
    return walls


def hydration_slots(settings: ReminderSettings, day: date) -> list[datetime]:
    """UTC slot instants of ``day``; slots that a DST gap merges are kept once."""
    tz = zone(settings.timezone)
    end = window(settings, day).end
    slots = sorted({to_utc(wall, tz) for wall in hydration_walls(settings, day)})
    return [slot for slot in slots if slot < end]


def bedtime_wall(sleep: SleepSettings, day: date) -> datetime:
    """Naive local wind-down start for the evening of ``day``."""
    _, bed = wall_window(sleep, day)
    return bed - timedelta(minutes=sleep.wind_down_min)


def bedtime_slot(settings: ReminderSettings, day: date) -> datetime:
    return to_utc(bedtime_wall(settings.sleep, day), zone(settings.timezone))
