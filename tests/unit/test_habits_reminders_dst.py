"""Reminder engine across clock changes, time-zone changes, and property tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.habits import dismiss, due_reminders, next_due, snooze, window
from app.habits.schedule import hydration_slots
from app.records import ReminderSettings, ReminderState
from tests.unit.test_habits_reminders import EMPTY, LONDON, NEW_YORK, local, make, only, walk

# --- next_due agrees with a minute-by-minute oracle -------------------------------------


@pytest.mark.parametrize(
    ("tz", "day"),
    [
        ("Europe/London", date(2024, 3, 31)),  # spring forward
        ("Europe/London", date(2024, 10, 27)),  # fall back
        ("America/New_York", date(2024, 3, 10)),
        ("America/New_York", date(2024, 11, 3)),
    ],
)
def test_next_due_matches_minute_walk_across_dst(tz: str, day: date) -> None:
    cfg = make(tz, wake=time(0, 30), bed=time(23, 0), interval=45, wind_down=30)
    zone = ZoneInfo(tz)
    start = datetime.combine(day - timedelta(days=1), time(21, 0), zone)
    end = start + timedelta(hours=30)
    expected = walk(cfg, EMPTY, start, end)
    got = []
    at = start
    for _ in range(200):  # bounded, so a wrong next_due fails instead of looping
        nxt = next_due(cfg, EMPTY, at, 0)
        if nxt is None or nxt > end:
            break
        assert nxt > at
        got.append(nxt.astimezone(UTC))
        at = nxt
    assert got == expected
    assert len(got) == len({g.astimezone(UTC) for g in got})


# --- daylight saving time ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("tz", "day"),
    [
        ("Europe/London", date(2024, 3, 31)),
        ("Europe/London", date(2024, 10, 27)),
        ("America/New_York", date(2024, 3, 10)),
        ("America/New_York", date(2024, 11, 3)),
    ],
)
def test_wake_time_stays_the_same_local_time_on_dst_days(tz: str, day: date) -> None:
    cfg = make(tz, bedtime=False)
    zone = ZoneInfo(tz)
    before = datetime.combine(day, time(3, 0), zone)
    first = next_due(cfg, EMPTY, before, 0)
    assert first is not None
    assert first.astimezone(zone).replace(tzinfo=None) == datetime.combine(day, time(7, 0))
    bed = next_due(make(tz, water=False), EMPTY, before, 0)
    assert bed is not None
    assert bed.astimezone(zone).replace(tzinfo=None) == datetime.combine(day, time(22, 30))


def test_spring_forward_slot_in_missing_hour_moves_forward() -> None:
    # London 2024-03-31: 01:00 GMT jumps to 02:00 BST; 01:00..01:59 do not exist.
    cfg = make(bedtime=False, wake=time(0, 30), interval=30)
    start = local(LONDON, 2024, 3, 31, 0, 0)
    got = walk(cfg, EMPTY, start, start + timedelta(hours=3))
    walls = [g.astimezone(LONDON).strftime("%H:%M") for g in got]
    # 01:00 and 01:30 become 02:00 and 02:30, merging with the real 02:00 and 02:30 slots
    assert walls == ["00:30", "02:00", "02:30", "03:00"]
    assert [g.astimezone(UTC).strftime("%H:%M") for g in got] == [
        "00:30",
        "01:00",
        "01:30",
        "02:00",
    ]


def test_spring_forward_slots_are_unique_and_increasing() -> None:
    cfg = make(bedtime=False, wake=time(0, 30), interval=30)
    slots = hydration_slots(cfg, date(2024, 3, 31))
    assert all(a < b for a, b in zip(slots, slots[1:], strict=False))
    walls = [s.astimezone(LONDON).strftime("%H:%M") for s in slots[:4]]
    assert walls == ["00:30", "02:00", "02:30", "03:00"]


def test_spring_forward_in_new_york_nonexistent_wake_time() -> None:
    # 02:30 does not exist on 2024-03-10 in New York; the day starts at 03:30 EDT.
    cfg = make("America/New_York", bedtime=False, wake=time(2, 30), interval=60)
    (r,) = due_reminders(cfg, EMPTY, local(NEW_YORK, 2024, 3, 10, 3, 45), 0)
    assert r.due_at.astimezone(NEW_YORK).strftime("%H:%M") == "03:30"
    assert r.due_at.astimezone(UTC).strftime("%H:%M") == "07:30"
    assert next_due(cfg, EMPTY, local(NEW_YORK, 2024, 3, 10, 3, 45), 0) == local(
        NEW_YORK, 2024, 3, 10, 4, 30
    )


def test_fall_back_ambiguous_slot_fires_once() -> None:
    # London 2024-10-27: 01:00..01:59 happen twice (BST then GMT).
    cfg = make(bedtime=False, wake=time(0, 30), interval=60)
    first_pass = datetime(2024, 10, 27, 0, 45, tzinfo=UTC)  # 01:45 BST
    second_pass = datetime(2024, 10, 27, 1, 45, tzinfo=UTC)  # 01:45 GMT
    (a,) = due_reminders(cfg, EMPTY, first_pass, 0)
    (b,) = due_reminders(cfg, EMPTY, second_pass, 0)
    assert a.key == b.key
    assert a.due_at.astimezone(UTC) == datetime(2024, 10, 27, 0, 30, tzinfo=UTC)  # first 01:30
    assert (a.due_at.hour, a.due_at.minute, a.due_at.fold) == (1, 30, 0)
    # once the 01:30 slot has fired, the next one is 02:30 GMT, not the repeated 01:30
    assert next_due(cfg, EMPTY, a.due_at, 0) == datetime(2024, 10, 27, 2, 30, tzinfo=UTC)
    start = datetime(2024, 10, 26, 23, 0, tzinfo=UTC)
    walls = [
        g.astimezone(LONDON).strftime("%H:%M")
        for g in walk(cfg, EMPTY, start, start + timedelta(hours=5))
    ]
    assert walls == ["00:30", "01:30", "02:30", "03:30"]


def test_dismissing_in_the_first_pass_keeps_it_dismissed_in_the_repeated_hour() -> None:
    cfg = make(bedtime=False, wake=time(0, 30), interval=60)
    first_pass = datetime(2024, 10, 27, 0, 45, tzinfo=UTC)
    state = dismiss(EMPTY, only(cfg, EMPTY, first_pass), first_pass)
    assert due_reminders(cfg, state, datetime(2024, 10, 27, 1, 45, tzinfo=UTC), 0) == []


# --- time-zone change ----------------------------------------------------------------------


def test_schedule_follows_a_new_time_zone() -> None:
    now = datetime(2024, 6, 3, 13, 0, tzinfo=UTC)  # 14:00 London, 09:00 New York
    london = make("Europe/London", bedtime=False)
    (r,) = due_reminders(london, EMPTY, now, 0)
    assert r.due_at.astimezone(LONDON).strftime("%H:%M") == "13:00"
    state = dismiss(EMPTY, r, now)
    new_york = make("America/New_York", bedtime=False)
    (r2,) = due_reminders(new_york, state, now, 0)
    assert r2.due_at.astimezone(NEW_YORK).strftime("%H:%M") == "08:30"
    assert r2.key != r.key
    assert next_due(new_york, state, now, 0) == local(NEW_YORK, 2024, 6, 3, 10, 0)


def test_now_may_be_given_in_any_zone() -> None:
    cfg = make("America/New_York")
    instant = datetime(2024, 6, 3, 13, 0, tzinfo=UTC)
    tokyo = instant.astimezone(ZoneInfo("Asia/Tokyo"))
    assert due_reminders(cfg, EMPTY, instant, 0) == due_reminders(cfg, EMPTY, tokyo, 0)
    assert next_due(cfg, EMPTY, instant, 0) == next_due(cfg, EMPTY, tokyo, 0)


# --- properties ------------------------------------------------------------------------------

ZONES = [
    "UTC",
    "Europe/London",
    "America/New_York",
    "Australia/Lord_Howe",  # half-hour DST
    "Asia/Kolkata",
    "America/Santiago",  # DST at midnight
    "Pacific/Chatham",
]
clock = st.builds(time, st.integers(0, 23), st.sampled_from([0, 10, 15, 30, 45, 59]))


@st.composite
def reminder_settings(draw: st.DrawFn) -> ReminderSettings:
    wake, bed = draw(clock), draw(clock)
    weekend_wake, weekend_bed = draw(clock), draw(clock)
    if wake == bed or weekend_wake == weekend_bed:
        bed = time((wake.hour + 16) % 24, wake.minute)
        weekend_bed = time((weekend_wake.hour + 15) % 24, weekend_wake.minute)
    return make(
        draw(st.sampled_from(ZONES)),
        wake=wake,
        bed=bed,
        weekend_wake=weekend_wake,
        weekend_bed=weekend_bed,
        interval=draw(st.integers(15, 480)),
        wind_down=draw(st.integers(15, 180)),
        water=draw(st.booleans()),
        bedtime=draw(st.booleans()),
    )


instants = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2026, 12, 31), timezones=st.just(UTC)
)


def inside_some_window(cfg: ReminderSettings, instant: datetime) -> bool:
    day = instant.astimezone(ZoneInfo(cfg.timezone)).date()
    return any(window(cfg, d).contains(instant) for d in (day - timedelta(days=1), day))


@settings(deadline=None, max_examples=150)
@given(reminder_settings(), instants, st.integers(0, 3000))
def test_water_reminders_only_inside_wake_to_bed(
    cfg: ReminderSettings, now: datetime, drunk: int
) -> None:
    for r in due_reminders(cfg, EMPTY, now, drunk):
        if r.kind == "hydration":
            assert inside_some_window(cfg, r.slot)
            assert inside_some_window(cfg, now)
            assert drunk < cfg.hydration.goal_ml
        assert r.slot <= now
        assert r.due_at <= now


@st.composite
def history(draw: st.DrawFn) -> tuple[ReminderSettings, ReminderState, datetime]:
    """Settings and a state built by a random person tapping snooze and dismiss."""
    cfg = draw(reminder_settings())
    now = draw(instants)
    state = EMPTY
    for _ in range(draw(st.integers(0, 5))):
        due = due_reminders(cfg, state, now, 0)
        if due:
            target = draw(st.sampled_from(due))
            if draw(st.booleans()):
                state = snooze(state, target, draw(st.sampled_from([5, 15, 30, 60])), now)
            else:
                state = dismiss(state, target, now)
        now += timedelta(minutes=draw(st.integers(1, 240)), seconds=draw(st.integers(0, 59)))
    return cfg, state, now


def drunk_at(cfg: ReminderSettings, now: datetime, at: datetime, drunk: int) -> int:
    tz = ZoneInfo(cfg.timezone)
    return drunk if at.astimezone(tz).date() == now.astimezone(tz).date() else 0


@settings(deadline=None, max_examples=150)
@given(history(), st.integers(0, 2500), st.lists(st.floats(0.001, 0.999), max_size=4))
def test_next_due_is_the_earliest_future_due(
    scenario: tuple[ReminderSettings, ReminderState, datetime], drunk: int, fractions: list[float]
) -> None:
    cfg, state, now = scenario
    nxt = next_due(cfg, state, now, drunk)
    if nxt is None:
        assert not (cfg.hydration.reminders_on or cfg.sleep.bedtime_reminder_on)
        return
    assert nxt > now
    due = due_reminders(cfg, state, nxt, drunk_at(cfg, now, nxt, drunk))
    assert any(r.due_at.astimezone(UTC) == nxt.astimezone(UTC) for r in due)
    probes = [nxt - timedelta(seconds=1)] + [now + (nxt - now) * f for f in fractions]
    for at in probes:
        if now < at < nxt:
            for r in due_reminders(cfg, state, at, drunk_at(cfg, now, at, drunk)):
                assert r.due_at <= now, (at, r)
