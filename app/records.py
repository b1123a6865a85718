"""Records shared by the domain, storage and UI layers.

They validate themselves on construction, so an invalid value can never reach
storage: every repository only accepts these types.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Literal

from app.errors import ValidationError

Tier = Literal["emergency", "doctor_soon", "doctor_if_persists", "self_care"]
TIERS: tuple[Tier, ...] = ("emergency", "doctor_soon", "doctor_if_persists", "self_care")
Theme = Literal["system", "light", "dark"]
Twitch = Literal["none", "mild", "strong"]
Stress = Literal["low", "medium", "high"]
Unit = Literal["ml", "oz"]
AnswerValue = str | float | tuple[str, ...]

MAX_DRINK_ML = 5000
ML_PER_OZ = 29.5735


def _aware(name: str, value: datetime) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(name, "must carry a time zone")


def _check_answer_value(qid: str, value: object) -> None:
    """Only what a quiz answer can be: a choice, a finite number, or a tuple of
    choices. Anything else would not read back as it was stored."""
    if isinstance(value, str):
        return
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise ValidationError("answers", f"{qid}: number must be finite")
        return
    if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
        return
    raise ValidationError("answers", f"{qid}: {type(value).__name__} is not an answer")


@dataclass(frozen=True)
class ResultRecord:
    """One finished self-check, kept so History can show it later."""

    id: str
    taken_at: datetime
    quiz_id: str
    quiz_version: str
    tier: Tier
    triggers: tuple[str, ...]
    reasons: tuple[str, ...]
    answers: tuple[tuple[str, AnswerValue], ...]
    suggested_habits: tuple[str, ...] = ()
    changed_from: str | None = None  # the result whose answers were changed to give this one

    def __post_init__(self) -> None:
        if not self.id:
            raise ValidationError("id", "must not be empty")
        if self.changed_from is not None and self.changed_from in ("", self.id):
            raise ValidationError("changed_from", "must name another result")
        _aware("taken_at", self.taken_at)
        if self.tier not in TIERS:
            raise ValidationError("tier", f"unknown tier {self.tier!r}")
        if not self.quiz_id or not self.quiz_version:
            raise ValidationError("quiz_id", "quiz id and version are required")
        for qid, value in self.answers:
            if not qid:
                raise ValidationError("answers", "question id must not be empty")
            _check_answer_value(qid, value)


@dataclass(frozen=True)
class DrinkLog:
    """One drink, logged with one tap."""

    id: str
    at: datetime
    ml: int

    def __post_init__(self) -> None:
        if not self.id:
            raise ValidationError("id", "must not be empty")
        _aware("at", self.at)
        if isinstance(self.ml, bool) or not isinstance(self.ml, int):
            raise ValidationError("ml", "must be a whole number of millilitres")
        if self.ml <= 0:
            raise ValidationError("ml", "must be more than 0")
        if self.ml > MAX_DRINK_ML:
            raise ValidationError("ml", f"must be at most {MAX_DRINK_ML} ml in one log")


@dataclass(frozen=True)
class SleepLog:
    """One night's sleep, keyed by the date the person woke up."""

    night: date
    hours: float
    bed: time | None = None
    wake: time | None = None

    def __post_init__(self) -> None:
        if isinstance(self.hours, bool) or not isinstance(self.hours, (int, float)):
            raise ValidationError("hours", "must be a number")
        if not math.isfinite(self.hours) or not 0 < self.hours <= 24:
            raise ValidationError("hours", "must be more than 0 and at most 24")
        if (self.bed is None) != (self.wake is None):
            raise ValidationError("bed", "give both bedtime and wake time, or neither")
        if self.bed is not None and self.bed == self.wake:
            raise ValidationError("wake", "wake time must differ from bedtime")


@dataclass(frozen=True)
class DiaryEntry:
    """A quick daily twitch diary entry; one per day, editable."""

    day: date
    twitch: Twitch
    caffeine_cups: int
    stress: Stress
    notes: str = ""

    def __post_init__(self) -> None:
        if self.twitch not in ("none", "mild", "strong"):
            raise ValidationError("twitch", "choose none, mild or strong")
        if self.stress not in ("low", "medium", "high"):
            raise ValidationError("stress", "choose low, medium or high")
        if isinstance(self.caffeine_cups, bool) or not isinstance(self.caffeine_cups, int):
            raise ValidationError("caffeine_cups", "must be a whole number")
        if not 0 <= self.caffeine_cups <= 30:
            raise ValidationError("caffeine_cups", "must be between 0 and 30")
        if len(self.notes) > 1000:
            raise ValidationError("notes", "must be at most 1000 characters")


@dataclass(frozen=True)
class HydrationSettings:
    """The person's own water goal and reminder preferences."""

    goal_ml: int = 2000
    unit: Unit = "ml"
    cup_sizes_ml: tuple[int, ...] = (150, 250, 500)
    reminders_on: bool = False
    interval_min: int = 90

    def __post_init__(self) -> None:
        if isinstance(self.goal_ml, bool) or not isinstance(self.goal_ml, int):
            raise ValidationError("goal_ml", "must be a whole number")
        if not 250 <= self.goal_ml <= 10000:
            raise ValidationError("goal_ml", "must be between 250 and 10000 ml")
        if self.unit not in ("ml", "oz"):
            raise ValidationError("unit", "choose ml or oz")
        if not 1 <= len(self.cup_sizes_ml) <= 6:
            raise ValidationError("cup_sizes_ml", "keep between 1 and 6 cup sizes")
        for size in self.cup_sizes_ml:
            if isinstance(size, bool) or not isinstance(size, int) or not 0 < size <= MAX_DRINK_ML:
                raise ValidationError("cup_sizes_ml", f"each cup must be 1 to {MAX_DRINK_ML} ml")
        if not 15 <= self.interval_min <= 480:
            raise ValidationError("interval_min", "must be between 15 and 480 minutes")


@dataclass(frozen=True)
class SleepSettings:
    """Sleep target and schedule, separately for weekdays and weekends."""

    target_hours: float = 8.0
    weekday_bed: time = time(23, 0)
    weekday_wake: time = time(7, 0)
    weekend_bed: time = time(23, 30)
    weekend_wake: time = time(8, 0)
    wind_down_min: int = 30
    bedtime_reminder_on: bool = False

    def __post_init__(self) -> None:
        if not math.isfinite(self.target_hours) or not 3 <= self.target_hours <= 14:
            raise ValidationError("target_hours", "must be between 3 and 14 hours")
        if self.weekday_bed == self.weekday_wake:
            raise ValidationError("weekday_wake", "wake time must differ from bedtime")
        if self.weekend_bed == self.weekend_wake:
            raise ValidationError("weekend_wake", "wake time must differ from bedtime")
        if not 15 <= self.wind_down_min <= 180:
            raise ValidationError("wind_down_min", "must be between 15 minutes and 3 hours")


@dataclass(frozen=True)
class ReminderSettings:
    """Everything the reminder engine needs besides `now` and today's drinks."""

    hydration: HydrationSettings = field(default_factory=HydrationSettings)
    sleep: SleepSettings = field(default_factory=SleepSettings)
    timezone: str = "UTC"

    def __post_init__(self) -> None:
        if not self.timezone:
            raise ValidationError("timezone", "must not be empty")


@dataclass(frozen=True)
class AppSettings:
    """Small per-device preferences."""

    theme: Theme = "system"
    first_noticed: date | None = None
    emergency_number: str = ""  # "" means: pick one from the device's time zone

    def __post_init__(self) -> None:
        if self.theme not in ("system", "light", "dark"):
            raise ValidationError("theme", "choose system, light or dark")
        number = self.emergency_number
        if not isinstance(number, str) or (number and not (number.isdigit() and len(number) <= 6)):
            raise ValidationError("emergency_number", "must be a phone number of up to 6 digits")


ReminderKind = Literal["hydration", "bedtime"]


@dataclass(frozen=True)
class ReminderState:
    """Snoozes and dismissals, kept so a reload does not bring a reminder back early."""

    snoozed_until: tuple[tuple[ReminderKind, datetime], ...] = ()
    dismissed: tuple[tuple[ReminderKind, datetime], ...] = ()

    def __post_init__(self) -> None:
        for kind, at in (*self.snoozed_until, *self.dismissed):
            if kind not in ("hydration", "bedtime"):
                raise ValidationError("kind", f"unknown reminder {kind!r}")
            _aware("at", at)
