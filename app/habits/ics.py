"""Export the reminder schedule as an .ics calendar, for phones that cannot run the app
in the background.

Each distinct local reminder time becomes one recurring event (RRULE, weekday or
weekend days via BYDAY) in the person's time zone, with a display alarm at its start.
UIDs and DTSTAMP depend only on the inputs, so the same settings give the same file.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event

from app.errors import ValidationError
from app.records import ReminderKind, ReminderSettings

from .reminders import TEXTS
from .schedule import bedtime_wall, hydration_walls, zone

BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
PRODID = "-//Lip Twitch Check//Water and sleep reminders//EN"
UID_DOMAIN = "lip-twitch-check.local"
HYDRATION_MINUTES = 5
# A reference week (2024-01-01 is a Monday); only weekdays and wall times matter.
_REFERENCE_MONDAY = date(2024, 1, 1)


def _by_time(walls: Iterable[datetime]) -> dict[time, set[int]]:
    """Group naive wall times by time of day -> calendar weekdays they fall on."""
    grouped: dict[time, set[int]] = defaultdict(set)
    for wall in walls:
        grouped[wall.time()].add(wall.weekday())
    return grouped


def _first_on_or_after(start: date, weekdays: set[int]) -> date:
    day = start
    while day.weekday() not in weekdays:
        day += timedelta(days=1)
    return day


def _rrule(weekdays: set[int]) -> dict[str, object]:
    if len(weekdays) == 7:
        return {"FREQ": "DAILY"}
    return {"FREQ": "WEEKLY", "BYDAY": [BYDAY[d] for d in sorted(weekdays)]}


def _event(
    kind: ReminderKind,
    at: time,
    weekdays: set[int],
    length: timedelta,
    settings: ReminderSettings,
    start: date,
    stamp: datetime,
    description: str,
) -> Event:
    title, message = TEXTS[kind]
    days = "".join(BYDAY[d] for d in sorted(weekdays))
    tz = zone(settings.timezone)
    event = Event()
    event.add("uid", f"{kind}-{at.strftime('%H%M%S')}-{days}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", datetime.combine(_first_on_or_after(start, weekdays), at, tz))
    event.add("duration", length)
    event.add("rrule", _rrule(weekdays))
    event.add("summary", message)
    event.add("description", description)
    event.add("categories", [title])
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", message)
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    return event


def _week() -> list[date]:
    return [_REFERENCE_MONDAY + timedelta(days=i) for i in range(7)]


def _stamp(start: date, stamp: datetime | None) -> datetime:
    """DTSTAMP in UTC: the given aware moment, else midnight UTC of ``start``."""
    if stamp is None:
        return datetime.combine(start, time(0), UTC)
    if stamp.tzinfo is None or stamp.utcoffset() is None:
        raise ValidationError("stamp", "must carry a time zone")
    return stamp.astimezone(UTC)


def _hydration_events(settings: ReminderSettings, start: date, stamp: datetime) -> list[Event]:
    walls = [w for day in _week() for w in hydration_walls(settings, day)]
    length = timedelta(minutes=HYDRATION_MINUTES)
    note = "A reminder you set in Lip Twitch Check."
    return [
        _event("hydration", at, weekdays, length, settings, start, stamp, note)
        for at, weekdays in sorted(_by_time(walls).items())
    ]


def _bedtime_events(settings: ReminderSettings, start: date, stamp: datetime) -> list[Event]:
    wind_down = timedelta(minutes=settings.sleep.wind_down_min)
    walls = (bedtime_wall(settings.sleep, d) for d in _week())
    events = []
    for at, weekdays in sorted(_by_time(walls).items()):
        bed = (datetime.combine(start, at) + wind_down).strftime("%H:%M")
        note = f"Your planned bedtime is {bed}."
        events.append(_event("bedtime", at, weekdays, wind_down, settings, start, stamp, note))
    return events


def schedule_ics(
    settings: ReminderSettings,
    start: date,
    *,
    stamp: datetime | None = None,
    hydration: bool = True,
    bedtime: bool = True,
) -> bytes:
    """The weekly water and wind-down schedule as iCalendar bytes, starting ``start``.

    ``stamp`` (aware) becomes DTSTAMP; by default midnight UTC of ``start``, so the
    output never depends on the clock.
    """
    moment = _stamp(start, stamp)
    zone(settings.timezone)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Water and sleep reminders")
    events = _hydration_events(settings, start, moment) if hydration else []
    events += _bedtime_events(settings, start, moment) if bedtime else []
    for event in events:
        cal.add_component(event)
    cal.add_missing_timezones(
        first_date=date(start.year - 1, 1, 1), last_date=date(start.year + 15, 1, 1)
    )
    data: bytes = cal.to_ical()
    return data
