"""Habit strength score, streaks, goal-met days and chart series."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import ValidationError
from app.habits import (
    current_streak,
    daily_series,
    habit_score,
    sleep_series,
    sleep_target_met_days,
    water_goal_met_days,
    water_series,
)
from app.habits.score import MULTIPLIER
from app.records import SleepLog

START = date(2024, 1, 1)


def days(*offsets: int) -> set[date]:
    return {START + timedelta(days=o) for o in offsets}


def test_multiplier_has_a_13_day_half_life() -> None:
    assert abs(MULTIPLIER**13 - 0.5) < 1e-12


def test_score_follows_the_smoothing_formula() -> None:
    assert habit_score(days(0), START, START) == pytest.approx(1 - MULTIPLIER)
    two = (1 - MULTIPLIER) * MULTIPLIER + (1 - MULTIPLIER)
    assert habit_score(days(0, 1), START, START + timedelta(days=1)) == pytest.approx(two)
    assert habit_score(set(), START, START + timedelta(days=30)) == 0.0


def test_a_missed_day_only_dents_the_score() -> None:
    end = START + timedelta(days=59)
    all_days = days(*range(60))
    strong = habit_score(all_days, START, end)
    dented = habit_score(all_days - days(58), START, end)
    assert strong > 0.95
    assert strong - 0.1 < dented < strong


def test_score_halves_after_13_idle_days() -> None:
    before = habit_score(days(*range(40)), START, START + timedelta(days=39))
    after = habit_score(days(*range(40)), START, START + timedelta(days=52))
    assert after == pytest.approx(before / 2)


def test_mapping_input_respects_false_values() -> None:
    mapping = {START: True, START + timedelta(days=1): False}
    assert habit_score(mapping, START, START + timedelta(days=1)) == habit_score(
        days(0), START, START + timedelta(days=1)
    )
    with pytest.raises(ValidationError):
        habit_score(mapping, START, START - timedelta(days=1))


offsets = st.sets(st.integers(0, 59))


@given(offsets, st.integers(0, 59))
def test_score_stays_in_unit_interval(done: set[int], extra: int) -> None:
    score = habit_score(days(*done), START, START + timedelta(days=59))
    assert 0.0 <= score <= 1.0


@given(offsets, st.integers(0, 59))
def test_score_is_monotone_in_done_days(done: set[int], extra: int) -> None:
    end = START + timedelta(days=59)
    assert habit_score(days(*done, extra), START, end) >= habit_score(days(*done), START, end)


def test_current_streak() -> None:
    end = START + timedelta(days=9)
    assert current_streak(days(7, 8, 9), end) == 3
    assert current_streak(days(5, 7, 8), end) == 2  # today not done yet: streak holds
    assert current_streak(days(5, 7, 8), end, today_pending=False) == 0
    assert current_streak(days(1, 2), end) == 0
    assert current_streak({end: True, end - timedelta(days=1): False}, end) == 1


def test_goal_and_target_days() -> None:
    totals = {START: 1999, START + timedelta(days=1): 2000, START + timedelta(days=2): 3000}
    assert water_goal_met_days(totals, 2000) == days(1, 2)
    logs = [SleepLog(START, 7.9), SleepLog(START + timedelta(days=1), 8.0)]
    assert sleep_target_met_days(logs, 8.0) == days(1)


def test_daily_series_for_charts() -> None:
    end = START + timedelta(days=6)
    water = water_series({START: 1500, end: 2200}, end, 7, 2000)
    assert len(water) == 7
    assert water[0] == (START, 1500.0, 2000)
    assert water[1].value == 0.0
    assert water[-1].day == end
    sleep = sleep_series([SleepLog(end, 7.5)], end, 30, 8.0)
    assert len(sleep) == 30
    assert sleep[0].day == end - timedelta(days=29)
    assert sleep[-1] == (end, 7.5, 8.0)
    assert sleep[-2].value is None
    with pytest.raises(ValidationError):
        daily_series({}, end, 0, 1.0)
