"""Today is unfinished: its water total is still growing, so it cannot yet be a low day."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.insights import (
    FactorCount,
    NoPattern,
    Patterns,
    doctor_summary,
    factor_counts,
    find_patterns,
)
from app.insights.patterns import finished_water
from app.records import DiaryEntry

TODAY = date(2025, 3, 20)
GOAL = 2000


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def low_water(counts: tuple[FactorCount, ...]) -> FactorCount:
    return next(c for c in counts if c.factor == "low_water")


def test_todays_first_glass_does_not_make_a_low_water_pattern() -> None:
    # The reviewer's case: 13 calm days at 2500 ml; today, mild twitching and 300 ml at 08:00.
    diary = [DiaryEntry(ago(k), "mild" if k == 0 else "none", 1, "low") for k in range(14)]
    water = {ago(k): 2500 for k in range(1, 14)} | {TODAY: 300}
    low = low_water(factor_counts(diary, [], water, GOAL, today=TODAY))
    assert (low.twitch_with, low.days_with, low.twitch_without, low.days_without) == (0, 0, 0, 13)
    result = find_patterns(diary, [], water, GOAL, today=TODAY)
    assert isinstance(result, NoPattern)
    summary = doctor_summary(
        today=TODAY,
        first_noticed=None,
        diary=diary,
        sleep=[],
        water_ml=water,
        goal_ml=GOAL,
        results=[],
    )
    assert "less than your water goal" not in summary
    # Tomorrow the same 300 ml is a finished day, and a low one.
    later = low_water(factor_counts(diary, [], water, GOAL, today=TODAY + timedelta(days=1)))
    assert (later.twitch_with, later.days_with) == (1, 1)


@given(st.integers(1, 5000))
def test_today_counts_once_it_reaches_the_goal(ml: int) -> None:
    diary = [DiaryEntry(ago(k), "mild" if k % 2 else "none", 0, "low") for k in range(14)]
    water = {ago(k): 1000 for k in range(1, 14)} | {TODAY: ml}
    low = low_water(factor_counts(diary, [], water, GOAL, today=TODAY))
    reached = ml >= GOAL
    assert low.days_with == 13  # every finished day was low
    assert low.days_without == (1 if reached else 0)
    result = find_patterns(diary, [], water, GOAL, today=TODAY)
    assert isinstance(result, Patterns) == reached


@given(
    st.dictionaries(st.integers(0, 30).map(ago), st.integers(1, 5000), max_size=31),
    st.integers(-3, 3).map(ago),
)
def test_only_an_unmet_today_is_left_out(water: dict[date, int], today: date) -> None:
    kept = finished_water(water, GOAL, today)
    assert {d: ml for d, ml in water.items() if d != today} == {
        d: ml for d, ml in kept.items() if d != today
    }
    assert (today in kept) == (water.get(today, 0) >= GOAL)
