"""The .ics export, parsed back with icalendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from app.errors import ValidationError
from app.habits import due_reminders, next_due
from app.habits.ics import schedule_ics
from app.records import HydrationSettings, ReminderSettings, ReminderState, SleepSettings

START = date(2024, 6, 3)  # a Monday


def settings(tz: str = "Europe/London") -> ReminderSettings:
    return ReminderSettings(
        hydration=HydrationSettings(interval_min=120),
        sleep=SleepSettings(
            weekday_wake=time(7, 0),
            weekday_bed=time(23, 0),
            weekend_wake=time(9, 0),
            weekend_bed=time(0, 30),
            wind_down_min=30,
        ),
        timezone=tz,
    )


def events(data: bytes) -> dict[str, Calendar]:
    cal = Calendar.from_ical(data)
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def byday(event: Calendar) -> list[str]:
    return list(event["rrule"].get("BYDAY", []))


def test_hydration_events_cover_each_slot_with_weekday_and_weekend_days() -> None:
    found = events(schedule_ics(settings(), START, bedtime=False))
    # weekdays wake 07:00, weekends 09:00, every 2 h before bed; bed is 23:00, except
    # 00:30 on Friday and Saturday evenings, which adds a 23:00 slot on those days
    by_time: dict[str, list[str]] = {}
    for event in found.values():
        start = event.decoded("dtstart")
        assert start.tzinfo == ZoneInfo("Europe/London")
        assert event.decoded("duration") == timedelta(minutes=5)
        assert event["summary"] == "Time for a glass of water"
        by_time[start.strftime("%H:%M")] = byday(event) or list(event["rrule"]["FREQ"])
    assert by_time == {
        "07:00": ["MO", "TU", "WE", "TH", "FR"],
        "09:00": ["DAILY"],
        "11:00": ["DAILY"],
        "13:00": ["DAILY"],
        "15:00": ["DAILY"],
        "17:00": ["DAILY"],
        "19:00": ["DAILY"],
        "21:00": ["DAILY"],
        "23:00": ["FR", "SA"],
    }


def test_bedtime_events_weekday_and_weekend() -> None:
    found = events(schedule_ics(settings(), START, hydration=False))
    got = {
        (e.decoded("dtstart").strftime("%a %H:%M"), tuple(byday(e))): e.decoded("duration")
        for e in found.values()
    }
    assert got == {
        ("Mon 22:30", ("MO", "TU", "WE", "TH", "SU")): timedelta(minutes=30),
        ("Sat 00:00", ("SA", "SU")): timedelta(minutes=30),  # Fri and Sat evenings
    }
    for event in found.values():
        assert event["summary"] == "Time to wind down for bed"
        assert event["rrule"]["FREQ"] == ["WEEKLY"]


def test_every_event_has_a_display_alarm_at_its_start() -> None:
    cal = Calendar.from_ical(schedule_ics(settings(), START))
    vevents = list(cal.walk("VEVENT"))
    assert len(vevents) > 5
    for event in vevents:
        (alarm,) = event.walk("VALARM")
        assert alarm["action"] == "DISPLAY"
        assert alarm.decoded("trigger") == timedelta(0)
        assert str(alarm["description"]) == str(event["summary"])


def test_dtstart_is_on_or_after_start_and_on_a_listed_day() -> None:
    names = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    for event in events(schedule_ics(settings(), START)).values():
        first = event.decoded("dtstart")
        assert START <= first.date() < START + timedelta(days=7)
        days = byday(event)
        if days:
            assert names[first.weekday()] in days


def test_timezone_is_included_and_used() -> None:
    data = schedule_ics(settings("America/New_York"), START)
    cal = Calendar.from_ical(data)
    (vtz,) = cal.walk("VTIMEZONE")
    assert vtz["tzid"] == "America/New_York"
    assert b"DTSTART;TZID=America/New_York:20240603T070000" in data


def test_output_is_deterministic_and_stamped_from_inputs() -> None:
    a = schedule_ics(settings(), START)
    assert a == schedule_ics(settings(), START)
    stamps = {e.decoded("dtstamp") for e in Calendar.from_ical(a).walk("VEVENT")}
    assert stamps == {datetime(2024, 6, 3, tzinfo=UTC)}
    stamp = datetime(2024, 6, 3, 9, 15, tzinfo=ZoneInfo("Europe/London"))
    b = schedule_ics(settings(), START, stamp=stamp)
    assert b"DTSTAMP:20240603T081500Z" in b
    uids = [str(e["uid"]) for e in Calendar.from_ical(b).walk("VEVENT")]
    assert len(uids) == len(set(uids))
    assert "hydration-070000-MOTUWETHFR@lip-twitch-check.local" in uids
    # UIDs do not depend on the start date, so a re-import updates instead of duplicating
    later = events(schedule_ics(settings(), START + timedelta(days=10)))
    assert set(later) == set(uids)


def test_refuses_naive_stamp_and_unknown_zone() -> None:
    with pytest.raises(ValidationError):
        schedule_ics(settings(), START, stamp=datetime(2024, 6, 3))
    with pytest.raises(ValidationError):
        schedule_ics(settings("Nowhere/Atlantis"), START)


def test_nothing_requested_gives_an_empty_but_valid_calendar() -> None:
    cal = Calendar.from_ical(schedule_ics(settings(), START, hydration=False, bedtime=False))
    assert list(cal.walk("VEVENT")) == []
    assert cal["version"] == "2.0"


def test_slot_after_midnight_lands_on_the_next_calendar_day() -> None:
    owl = ReminderSettings(
        hydration=HydrationSettings(interval_min=240),
        sleep=SleepSettings(
            weekday_wake=time(8, 0),
            weekday_bed=time(1, 0),
            weekend_wake=time(8, 0),
            weekend_bed=time(23, 0),
        ),
        timezone="Europe/London",
    )
    found = events(schedule_ics(owl, START, bedtime=False))
    (midnight,) = [e for e in found.values() if e.decoded("dtstart").hour == 0]
    # Sunday..Thursday evenings run to 01:00, so the 00:00 slot falls on Monday..Friday
    assert byday(midnight) == ["MO", "TU", "WE", "TH", "FR"]
    assert midnight.decoded("dtstart") == datetime(
        2024, 6, 3, 0, 0, tzinfo=ZoneInfo("Europe/London")
    )


def test_expanded_events_match_the_in_app_reminder_engine() -> None:
    cfg = ReminderSettings(
        hydration=HydrationSettings(interval_min=75, reminders_on=True),
        sleep=SleepSettings(
            weekday_wake=time(6, 45),
            weekday_bed=time(22, 30),
            weekend_wake=time(8, 30),
            weekend_bed=time(0, 15),
            wind_down_min=40,
            bedtime_reminder_on=True,
        ),
        timezone="America/New_York",
    )
    tz = ZoneInfo(cfg.timezone)
    begin = datetime.combine(START, time(0), tz)
    end = begin + timedelta(days=7)
    from_ics: set[tuple[str, datetime]] = set()
    for event in events(schedule_ics(cfg, START)).values():
        rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=event.decoded("dtstart"))
        kind = "hydration" if str(event["uid"]).startswith("hydration") else "bedtime"
        from_ics.update((kind, at) for at in rule.between(begin, end, inc=True))
    from_engine: set[tuple[str, datetime]] = set()
    at = begin - timedelta(seconds=1)
    for _ in range(500):  # bounded, so a wrong next_due fails instead of looping
        nxt = next_due(cfg, ReminderState(), at, 0)
        if nxt is None or nxt >= end:
            break
        assert nxt > at
        for r in due_reminders(cfg, ReminderState(), nxt, 0):
            if r.due_at == nxt:
                from_engine.add((r.kind, r.due_at))
        at = nxt
    assert from_engine
    assert {(k, a.astimezone(UTC)) for k, a in from_ics} == {
        (k, a.astimezone(UTC)) for k, a in from_engine
    }
