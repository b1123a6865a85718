"""Habit strength, streaks and chart series.

The score is Loop Habit Tracker's forgiving one: each day the score decays toward
0 or 1 by exponential smoothing with a half-life of about 13 days, so a missed day
dents it a little instead of wiping it out like a streak.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import NamedTuple

from app.errors import ValidationError
from app.records import SleepLog

from .sleep import logs_by_night

HALF_LIFE_DAYS = 13
MULTIPLIER = 0.5 ** (1 / HALF_LIFE_DAYS)

DaysDone = Mapping[date, bool] | Iterable[date]


class SeriesPoint(NamedTuple):
    day: date
    value: float | None
    goal: float


def _done_set(days_done: DaysDone) -> frozenset[date]:
    """Accept {date: done} or any collection of the dates that were done."""
    if isinstance(days_done, Mapping):
        return frozenset(d for d, done in days_done.items() if done)
    return frozenset(days_done)


def _span(start: date, end: date) -> list[date]:
    if end < start:
        raise ValidationError("end", "must not be before start")
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def habit_score(days_done: DaysDone, start: date, end: date) -> float:
    """Strength in [0, 1] on ``end``, starting from 0 the day before ``start``."""
    done = _done_set(days_done)
    score = 0.0
    for day in _span(start, end):
        score = score * MULTIPLIER + (1 - MULTIPLIER) * (1.0 if day in done else 0.0)
    return min(1.0, max(0.0, score))


def current_streak(days_done: DaysDone, end: date, *, today_pending: bool = True) -> int:
    """Done days in a row ending at ``end``.

    With ``today_pending`` an unfinished ``end`` (usually today) does not break the
    streak yet: counting starts from the day before.
    """
    done = _done_set(days_done)
    day = end
    if today_pending and day not in done:
        day -= timedelta(days=1)
    streak = 0
    while day in done:
        streak += 1
        day -= timedelta(days=1)
    return streak


def water_goal_met_days(daily_totals: Mapping[date, int], goal_ml: int) -> frozenset[date]:
    return frozenset(d for d, ml in daily_totals.items() if ml >= goal_ml)


def sleep_target_met_days(sleep_logs: Iterable[SleepLog], target_hours: float) -> frozenset[date]:
    """Nights (wake-up dates) with at least the target hours."""
    return frozenset(d for d, log in logs_by_night(sleep_logs).items() if log.hours >= target_hours)


def daily_series(
    values: Mapping[date, float],
    end: date,
    days: int,
    goal: float,
    *,
    missing: float | None = 0.0,
) -> list[SeriesPoint]:
    """One point per day for the ``days`` days ending ``end`` (7 or 30 for the charts).

    Days without a value get ``missing``: 0 suits water, None ("not logged") suits sleep.
    """
    if days < 1:
        raise ValidationError("days", "must be at least 1")
    start = end - timedelta(days=days - 1)
    return [SeriesPoint(d, values.get(d, missing), goal) for d in _span(start, end)]


def water_series(
    daily_totals: Mapping[date, int], end: date, days: int, goal_ml: int
) -> list[SeriesPoint]:
    return daily_series({d: float(v) for d, v in daily_totals.items()}, end, days, goal_ml)


def sleep_series(
    sleep_logs: Iterable[SleepLog], end: date, days: int, target_hours: float
) -> list[SeriesPoint]:
    hours = {d: log.hours for d, log in logs_by_night(sleep_logs).items()}
    return daily_series(hours, end, days, target_hours, missing=None)
