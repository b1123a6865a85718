"""Sleep hours, the schedule for a night, and weekly averages."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import ValidationError
from app.habits import hours_slept, night_schedule, weekly_sleep
from app.records import SleepLog, SleepSettings

MONDAY = date(2024, 6, 3)


def test_hours_slept_crosses_midnight() -> None:
    assert hours_slept(time(23, 0), time(7, 0)) == 8.0
    assert hours_slept(time(22, 30), time(6, 15)) == 7.75
    assert hours_slept(time(1, 0), time(9, 30)) == 8.5
    assert hours_slept(time(13, 0), time(14, 0)) == 1.0
    with pytest.raises(ValidationError):
        hours_slept(time(23, 0), time(23, 0))


def test_hours_slept_counts_clock_changes_when_given_a_zone() -> None:
    # London: spring forward on 2024-03-31 (one hour less), fall back 2024-10-27 (one more)
    tz = "Europe/London"
    assert hours_slept(time(23, 0), time(7, 0), night=date(2024, 3, 31), timezone=tz) == 7.0
    assert hours_slept(time(23, 0), time(7, 0), night=date(2024, 10, 27), timezone=tz) == 9.0
    assert hours_slept(time(0, 30), time(8, 0), night=date(2024, 3, 31), timezone=tz) == 6.5
    assert hours_slept(time(23, 0), time(7, 0), night=MONDAY, timezone=tz) == 8.0


@given(st.times(), st.times())
def test_hours_slept_is_between_0_and_24(bed: time, wake: time) -> None:
    if bed == wake:
        return
    hours = hours_slept(bed, wake)
    assert 0 < hours < 24
    assert hours + hours_slept(wake, bed) == pytest.approx(24)


def test_night_schedule_is_decided_by_the_wake_up_day() -> None:
    s = SleepSettings(
        weekday_bed=time(23, 0),
        weekday_wake=time(7, 0),
        weekend_bed=time(0, 30),
        weekend_wake=time(9, 0),
    )
    # nights named by wake-up date; Sat and Sun mornings are weekend nights
    by_day = {
        (MONDAY + timedelta(days=i)).strftime("%a"): night_schedule(s, MONDAY + timedelta(days=i))
        for i in range(7)
    }
    assert [d for d, n in by_day.items() if n.weekend] == ["Sat", "Sun"]
    assert (by_day["Sat"].bed, by_day["Sat"].wake) == (time(0, 30), time(9, 0))  # Fri night
    assert (by_day["Sun"].bed, by_day["Sun"].wake) == (time(0, 30), time(9, 0))  # Sat night
    assert (by_day["Mon"].bed, by_day["Mon"].wake) == (time(23, 0), time(7, 0))  # Sun night


def test_weekly_average_skips_missing_nights() -> None:
    logs = [
        SleepLog(MONDAY, 7.0),
        SleepLog(MONDAY + timedelta(days=2), 9.0),
        SleepLog(MONDAY + timedelta(days=3), 8.0),
        SleepLog(MONDAY - timedelta(days=1), 3.0),  # outside the week
    ]
    week = weekly_sleep(logs, MONDAY + timedelta(days=6), 8.0)
    assert week.start == MONDAY
    assert (week.nights_logged, week.nights_missing) == (3, 4)
    assert week.average_hours == 8.0
    assert week.nights_on_target == 2
    assert week.message == "Average 8.0 h over 3 nights logged (your target: 8 h)"


def test_weekly_average_with_no_nights_and_duplicates() -> None:
    empty = weekly_sleep([], MONDAY, 8.0)
    assert (empty.average_hours, empty.nights_missing, empty.message) == (
        None,
        7,
        "No nights logged yet",
    )
    twice = weekly_sleep([SleepLog(MONDAY, 5.0), SleepLog(MONDAY, 7.5)], MONDAY, 7.5)
    assert (twice.nights_logged, twice.average_hours, twice.nights_on_target) == (1, 7.5, 1)
    with pytest.raises(ValidationError):
        weekly_sleep([], MONDAY, 8.0, days=0)


@given(st.lists(st.tuples(st.integers(0, 13), st.floats(0.25, 24)), max_size=20))
def test_weekly_average_lies_between_min_and_max(entries: list[tuple[int, float]]) -> None:
    logs = [SleepLog(MONDAY - timedelta(days=d), h) for d, h in entries]
    week = weekly_sleep(logs, MONDAY, 8.0)
    kept = {d: h for d, h in entries if d < 7}
    assert week.nights_logged == len(kept)
    assert week.nights_logged + week.nights_missing == 7
    if kept:
        assert week.average_hours is not None
        assert min(kept.values()) - 1e-9 <= week.average_hours <= max(kept.values()) + 1e-9
