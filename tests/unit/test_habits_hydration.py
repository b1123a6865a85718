"""Water progress, ml/oz display and the pace check."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.errors import ValidationError
from app.formats import format_amount
from app.habits import (
    daily_totals,
    ml_to_oz,
    pace,
    progress,
    total_for,
)
from app.habits.hydration import LATE_HOURS, LATE_MESSAGE, MAX_CATCH_UP_ML, catch_up_cap
from app.habits.schedule import window_at
from app.records import ML_PER_OZ, DrinkLog, HydrationSettings, ReminderSettings, SleepSettings

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


def cfg(unit: str = "ml", goal: int = 2000) -> ReminderSettings:
    # Monday 2024-06-03: awake 07:00-23:00 (16 h), so each hour is 125 ml of 2000
    return ReminderSettings(
        hydration=HydrationSettings(goal_ml=goal, unit=unit),  # type: ignore[arg-type]
        sleep=SleepSettings(weekday_wake=time(7, 0), weekday_bed=time(23, 0)),
        timezone="Europe/London",
    )


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 6, 3, hour, minute, tzinfo=LONDON)


def test_progress_fraction_and_remaining() -> None:
    p = progress(500, 2000)
    assert (p.fraction, p.remaining_ml, p.met) == (0.25, 1500, False)
    done = progress(2600, 2000)
    assert (done.fraction, done.remaining_ml, done.met) == (1.0, 0, True)
    with pytest.raises(ValidationError):
        progress(100, 0)


@given(st.integers(-100, 20000), st.integers(250, 10000))
def test_progress_is_bounded(drunk: int, goal: int) -> None:
    p = progress(drunk, goal)
    assert 0.0 <= p.fraction <= 1.0
    assert 0 <= p.remaining_ml <= goal
    assert p.met == (drunk >= goal)


def test_unit_conversion() -> None:
    assert ml_to_oz(29.5735) == pytest.approx(1.0)
    assert format_amount(250, "ml") == "250 ml"
    assert format_amount(237, "oz") == "8 oz"
    assert format_amount(250, "oz") == "8.5 oz"


def test_pace_on_track_and_behind() -> None:
    # 15:00 is half way through the day: 1000 ml expected
    assert pace(cfg(), 1000, at(15)).status == "on_track"
    assert pace(cfg(), 1000, at(15)).message == "On track for this time of day"
    assert pace(cfg(), 850, at(15)).status == "on_track"  # within 10% of the goal
    little = pace(cfg(), 700, at(15))
    assert little.status == "behind"
    assert little.expected_ml == 1000
    assert little.behind_ml == 300
    assert little.message == "A little behind: about 300 ml to catch up"
    far = pace(cfg(), 0, at(15))
    # 1,000 ml behind, but the line asks for a cup or two (two 500 ml cups, capped at 500).
    assert (far.status, far.behind_ml) == ("behind", 1000)
    assert far.message == "Behind for this time of day: about 500 ml now, then a little at a time"


def test_pace_speaks_the_persons_unit() -> None:
    assert pace(cfg("oz"), 700, at(15)).message == "A little behind: about 10 oz to catch up"


def test_pace_before_wake_after_bed_and_goal_met() -> None:
    assert pace(cfg(), 0, at(6)).status == "not_started"
    assert pace(cfg(), 0, at(7)).status == "on_track"
    late = pace(cfg(), 1500, at(23, 30))
    assert (late.status, late.expected_ml, late.behind_ml) == ("late", 2000, 500)
    assert pace(cfg(), 2000, at(12)).status == "met"
    assert pace(cfg(), 2000, at(12)).message == "Goal reached for today"


def test_pace_uses_the_window_that_crosses_midnight() -> None:
    night_owl = ReminderSettings(
        sleep=SleepSettings(weekday_wake=time(10, 0), weekday_bed=time(2, 0)),
        timezone="Europe/London",
    )
    # 01:00 Tuesday is inside Monday's 10:00-02:00 window: 15/16 of the goal expected
    p = pace(night_owl, 0, datetime(2024, 6, 4, 1, 0, tzinfo=LONDON))
    assert p.expected_ml == 1875


def test_pace_refuses_naive_now() -> None:
    with pytest.raises(ValidationError):
        pace(cfg(), 0, datetime(2024, 6, 3, 12, 0))


@given(st.integers(0, 12000), st.integers(0, 24 * 60 - 1))
def test_pace_expected_is_within_goal(drunk: int, minute: int) -> None:
    p = pace(cfg(), drunk, at(minute // 60, minute % 60))
    assert 0 <= p.expected_ml <= 2000
    assert p.behind_ml >= 0
    assert p.message


def test_pace_on_a_day_whose_awake_window_vanishes_in_the_clock_change() -> None:
    # New York springs forward at 02:00 on 9 Mar 2025: wake 02:00 and bed 03:00 are the
    # same instant, so the window is empty. Once it is over the whole goal is due.
    plan = SleepSettings(
        weekday_wake=time(2, 0),
        weekday_bed=time(3, 0),
        weekend_wake=time(2, 0),
        weekend_bed=time(3, 0),
    )
    short = ReminderSettings(sleep=plan, timezone="America/New_York")
    p = pace(short, 0, datetime(2025, 3, 9, 3, 10, tzinfo=NEW_YORK))
    assert (p.status, p.expected_ml, p.behind_ml) == ("late", 2000, 2000)
    assert pace(short, 0, datetime(2025, 3, 9, 1, 30, tzinfo=NEW_YORK)).status == "not_started"


DST_DAYS = (
    ("America/New_York", date(2025, 3, 9)),
    ("America/New_York", date(2025, 11, 2)),
    ("Europe/London", date(2025, 3, 30)),
    ("Europe/London", date(2025, 10, 26)),
    ("Australia/Lord_Howe", date(2025, 4, 6)),  # a half-hour change
)


@example(DST_DAYS[0], 8, 4, 7 * 60 + 10, 0)  # wake 02:00, bed 03:00: an empty window
@example(DST_DAYS[0], 10, 2, 7 * 60 + 40, 0)  # wake 02:30 (moved to 03:30), bed 03:00
@given(
    st.sampled_from(DST_DAYS),
    st.integers(0, 24 * 4 - 1),
    st.integers(1, 24 * 4 - 1),
    st.integers(-24 * 60, 2 * 24 * 60),
    st.integers(0, 3000),
)
def test_pace_never_fails_across_clock_changes(
    case: tuple[str, date], wake_q: int, awake_q: int, minutes: int, drunk: int
) -> None:
    # Wake and bed on the quarter hour (bed never equal to wake, which settings refuse).
    name, day = case
    bed_q = (wake_q + awake_q) % (24 * 4)
    wake, bed = time(wake_q // 4, wake_q % 4 * 15), time(bed_q // 4, bed_q % 4 * 15)
    plan = SleepSettings(weekday_wake=wake, weekday_bed=bed, weekend_wake=wake, weekend_bed=bed)
    settings = ReminderSettings(sleep=plan, timezone=name)
    now = (datetime.combine(day, time(0), tzinfo=UTC) + timedelta(minutes=minutes)).astimezone(
        ZoneInfo(name)
    )
    p = pace(settings, drunk, now)
    assert 0 <= p.expected_ml <= 2000
    assert 0 <= p.behind_ml <= 2000
    assert p.message


def test_daily_totals_use_local_dates() -> None:
    drinks = [
        DrinkLog("a", datetime(2024, 6, 3, 22, 30, tzinfo=UTC), 250),  # 23:30 London, Monday
        DrinkLog("b", datetime(2024, 6, 3, 23, 30, tzinfo=UTC), 300),  # 00:30 London, Tuesday
        DrinkLog("c", datetime(2024, 6, 4, 8, 0, tzinfo=LONDON), 200),
    ]
    assert daily_totals(drinks, "Europe/London") == {date(2024, 6, 3): 250, date(2024, 6, 4): 500}
    assert daily_totals(drinks, "UTC") == {date(2024, 6, 3): 550, date(2024, 6, 4): 200}
    assert total_for(drinks, date(2024, 6, 5), "Europe/London") == 0


def test_at_23_00_the_pace_line_asks_for_nothing() -> None:
    # The case: nothing logged, bedtime 23:00. It used to say "about 2000 ml".
    p = pace(cfg(), 0, at(23))
    assert (p.status, p.message) == ("late", LATE_MESSAGE)
    assert not re.search(r"\d", p.message)
    # Two hours before bed the catch-up stops; just before, it still asks a cup or two.
    assert pace(cfg(), 0, at(21)).status == "late"
    before = pace(cfg(), 0, at(20, 59)).message
    assert before.startswith("Behind for this time of day: about 500 ml")


def test_the_cap_is_a_cup_or_two_of_the_persons_own_cups() -> None:
    small = replace(cfg(), hydration=HydrationSettings(goal_ml=2000, cup_sizes_ml=(100, 200)))
    assert catch_up_cap(small) == 400
    assert catch_up_cap(cfg()) == MAX_CATCH_UP_ML
    assert pace(small, 0, at(15)).message == (
        "Behind for this time of day: about 400 ml now, then a little at a time"
    )


def _named_ml(message: str, unit: str) -> float:
    found = re.findall(r"([\d,.]+) (ml|oz)", message)
    assert len(found) <= 1, message
    if not found:
        return 0.0
    number = float(found[0][0].replace(",", ""))
    assert found[0][1] == unit
    return number * ML_PER_OZ if unit == "oz" else number


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, 24 * 60 - 1),
    st.integers(0, 12000),
    st.integers(250, 10000),
    st.sampled_from(["ml", "oz"]),
    st.lists(st.integers(1, 5000), min_size=1, max_size=6),
    st.integers(0, 23),
    st.integers(1, 23),
)
def test_the_pace_line_never_asks_for_more_than_a_cup_or_two_or_anything_near_bed(
    minute: int, drunk: int, goal: int, unit: str, cups: list[int], wake: int, awake: int
) -> None:
    water = HydrationSettings(goal_ml=goal, unit=unit, cup_sizes_ml=tuple(cups))  # type: ignore[arg-type]
    settings_ = ReminderSettings(
        hydration=water,
        sleep=SleepSettings(weekday_wake=time(wake), weekday_bed=time((wake + awake) % 24)),
        timezone="Europe/London",
    )
    now = at(minute // 60, minute % 60)
    p = pace(settings_, drunk, now)
    asked = _named_ml(p.message, unit)
    # Never more than a cup or two (rounding to whole ounces or 50 ml only goes down,
    # except that the smallest ask is 1 oz / 50 ml), and never more than is left.
    assert asked <= max(catch_up_cap(settings_), 50, ML_PER_OZ) + 0.5
    assert asked <= max(goal - drunk, 50, ML_PER_OZ) + 0.5 or p.status == "met"
    end = window_at(settings_, now).end
    if now.astimezone(UTC) >= end - timedelta(hours=LATE_HOURS):
        assert asked == 0, p.message
        assert p.status in ("met", "on_track", "late", "not_started")
