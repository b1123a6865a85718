"""Water helpers: progress, ml/oz conversion, and a gentle "on track" pace check.

Records always store millilitres; ounces are only for display and input. The pace
check compares what was drunk with a straight-line share of the person's own goal
between their wake and bed time. It is a nudge, not a health judgement, so it never
asks for much: at most a cup or two at a time (CATCH_UP_CUPS of the person's largest
cup, and never over MAX_CATCH_UP_ML), and nothing in the last LATE_HOURS before
bedtime, when the rest of the goal can simply wait for tomorrow.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from app.errors import ValidationError
from app.formats import format_amount, format_oz
from app.records import ML_PER_OZ, DrinkLog, ReminderSettings, Unit

from .schedule import window_at, zone

PaceStatus = Literal["met", "on_track", "behind", "late", "not_started"]

# Being this share of the goal behind the straight line still counts as on track,
# so one skipped glass does not nag.
ON_TRACK_SLACK = 0.10
LITTLE_BEHIND = 0.25
CATCH_UP_CUPS = 2
MAX_CATCH_UP_ML = 500
LATE_HOURS = 2
LATE_MESSAGE = "Close to bedtime, so no catch-up today"


@dataclass(frozen=True)
class Progress:
    goal_ml: int
    drunk_ml: int
    fraction: float
    remaining_ml: int
    met: bool


@dataclass(frozen=True)
class Pace:
    status: PaceStatus
    message: str
    expected_ml: int
    behind_ml: int


def ml_to_oz(ml: float) -> float:
    return ml / ML_PER_OZ


def oz_to_ml(oz: float) -> int:
    return round(oz * ML_PER_OZ)


def progress(drunk_ml: int, goal_ml: int) -> Progress:
    """Progress toward the goal; the fraction is capped at 1 for progress bars."""
    if goal_ml <= 0:
        raise ValidationError("goal_ml", "must be more than 0")
    drunk = max(0, drunk_ml)
    return Progress(
        goal_ml=goal_ml,
        drunk_ml=drunk,
        fraction=min(1.0, drunk / goal_ml),
        remaining_ml=max(0, goal_ml - drunk),
        met=drunk >= goal_ml,
    )


def catch_up_cap(settings: ReminderSettings) -> int:
    """The most the pace line asks for at once: a cup or two of the person's own cups."""
    return min(MAX_CATCH_UP_ML, CATCH_UP_CUPS * max(settings.hydration.cup_sizes_ml))


def _catch_up_text(ml: int, unit: Unit) -> str:
    """A rounded-down amount (never more than asked): whole ounces, or ml in 50s."""
    if unit == "oz":
        return format_oz(max(1, int(ml_to_oz(ml))))
    return format_amount(max(50, ml // 50 * 50), unit)


def _behind_text(behind: int, goal: int, cap: int, unit: Unit) -> str:
    lead = "A little behind" if behind <= goal * LITTLE_BEHIND else "Behind for this time of day"
    if behind <= cap:
        return f"{lead}: about {_catch_up_text(behind, unit)} to catch up"
    return f"{lead}: about {_catch_up_text(cap, unit)} now, then a little at a time"


def pace(settings: ReminderSettings, drunk_ml: int, now: datetime) -> Pace:
    """Compare today's drinks with the goal's share expected by now (linear wake..bed)."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValidationError("now", "must carry a time zone")
    goal = settings.hydration.goal_ml
    unit = settings.hydration.unit
    if drunk_ml >= goal:
        return Pace("met", "Goal reached for today", goal, 0)
    day = window_at(settings, now)
    instant = now.astimezone(UTC)
    if instant < day.start:
        return Pace("not_started", "Your day has not started yet", 0, 0)
    # Past the end the whole goal is due. Checked before dividing: on a spring-forward
    # date the window can shrink to nothing (wake 02:00, bed 03:00 in New York).
    share = 1.0 if instant >= day.end else (instant - day.start) / (day.end - day.start)
    expected = round(goal * share)
    behind = max(0, expected - max(0, drunk_ml))
    if behind <= goal * ON_TRACK_SLACK:
        return Pace("on_track", "On track for this time of day", expected, behind)
    if instant >= day.end - timedelta(hours=LATE_HOURS):
        return Pace("late", LATE_MESSAGE, expected, behind)
    message = _behind_text(behind, goal, catch_up_cap(settings), unit)
    return Pace("behind", message, expected, behind)


def daily_totals(drinks: Iterable[DrinkLog], timezone: str) -> dict[date, int]:
    """Millilitres per local calendar date, the meaning of "today" everywhere here."""
    tz = zone(timezone)
    totals: dict[date, int] = {}
    for drink in drinks:
        day = drink.at.astimezone(tz).date()
        totals[day] = totals.get(day, 0) + drink.ml
    return totals


def total_for(drinks: Iterable[DrinkLog], day: date, timezone: str) -> int:
    return daily_totals(drinks, timezone).get(day, 0)
