"""Water progress, ml/oz display and the pace check."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from app.errors import ValidationError
from app.formats import format_amount
from app.habits import (
    daily_totals,
    ml_to_oz,
    oz_to_ml,
    pace,
    progress,
    total_for,
)
from app.records import DrinkLog, HydrationSettings, ReminderSettings, SleepSettings

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
    assert oz_to_ml(8) == 237
    assert format_amount(250, "ml") == "250 ml"
    assert format_amount(237, "oz") == "8 oz"
    assert format_amount(250, "oz") == "8.5 oz"


@given(st.integers(1, 10000))
def test_oz_round_trip_is_within_one_ml(ml: int) -> None:
    assert abs(oz_to_ml(ml_to_oz(ml)) - ml) <= 1


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
    assert far.message == "Behind for this time of day: about 1,000 ml to catch up"


def test_pace_speaks_the_persons_unit() -> None:
    assert pace(cfg("oz"), 700, at(15)).message == "A little behind: about 10 oz to catch up"


def test_pace_before_wake_after_bed_and_goal_met() -> None:
    assert pace(cfg(), 0, at(6)).status == "not_started"
    assert pace(cfg(), 0, at(7)).status == "on_track"
    late = pace(cfg(), 1500, at(23, 30))
    assert (late.status, late.expected_ml, late.behind_ml) == ("behind", 2000, 500)
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
    assert (p.status, p.expected_ml, p.behind_ml) == ("behind", 2000, 2000)
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

