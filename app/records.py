"""Records shared by the domain, storage and UI layers.

They validate themselves on construction, so an invalid value can never reach
storage: every repository only accepts these types.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Literal

from app.checks import (
    MAX_ID,
    MAX_NAME,
    MAX_NOTES,
    MAX_SENTENCE,
    check_answers,
    check_day,
    check_flag,
    check_moment,
    check_number,
    check_text,
    check_texts,
    check_time,
    check_whole,
)
from app.errors import ValidationError
from app.formats import ML_PER_OZ as ML_PER_OZ  # re-exported: callers import it from here
from app.formats import Unit as Unit
from app.formats import format_amount

Tier = Literal["emergency", "doctor_soon", "doctor_if_persists", "self_care"]
TIERS: tuple[Tier, ...] = ("emergency", "doctor_soon", "doctor_if_persists", "self_care")
Theme = Literal["system", "light", "dark"]
Twitch = Literal["none", "mild", "strong"]
Stress = Literal["low", "medium", "high"]
AnswerValue = str | float | tuple[str, ...]

MAX_DRINK_ML = 5000
#: Cups of caffeine a diary day can record (the diary form says the same bound).
MAX_CAFFEINE_CUPS = 30
#: Quick-add cup sizes on the water screen (the form stops adding at this many).
MAX_CUP_SIZES = 6
_MAX_DRINK = format_amount(MAX_DRINK_ML, "ml")
_MAX_GOAL = format_amount(10000, "ml")


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
        check_text("id", self.id, MAX_ID)
        if self.changed_from is not None and self.changed_from in ("", self.id):
            raise ValidationError("changed_from", "must name another result")
        if self.changed_from is not None:
            check_text("changed_from", self.changed_from, MAX_ID)
        check_moment("taken_at", self.taken_at)
        if self.tier not in TIERS:
            raise ValidationError("tier", f"unknown tier {self.tier!r}")
        if not self.quiz_id or not self.quiz_version:
            raise ValidationError("quiz_id", "quiz id and version are required")
        check_text("quiz_id", self.quiz_id, MAX_NAME)
        check_text("quiz_version", self.quiz_version, MAX_NAME)
        check_texts("triggers", self.triggers)
        check_texts("reasons", self.reasons, MAX_SENTENCE)
        check_texts("suggested_habits", self.suggested_habits)
        check_answers(self.answers)


@dataclass(frozen=True)
class DrinkLog:
    """One drink, logged with one tap."""

    id: str
    at: datetime
    ml: int

    def __post_init__(self) -> None:
        check_text("id", self.id, MAX_ID)
        check_moment("at", self.at)
        check_whole("ml", self.ml, "must be a whole number of millilitres")
        if self.ml <= 0:
            raise ValidationError("ml", "must be more than 0")
        if self.ml > MAX_DRINK_ML:
            raise ValidationError("ml", f"must be at most {_MAX_DRINK} in one log")


@dataclass(frozen=True)
class SleepLog:
    """One night's sleep, keyed by the date the person woke up."""

    night: date
    hours: float
    bed: time | None = None
    wake: time | None = None

    def __post_init__(self) -> None:
        check_day("night", self.night)
        if isinstance(self.hours, bool) or not isinstance(self.hours, (int, float)):
            raise ValidationError("hours", "must be a number")
        if not math.isfinite(self.hours) or not 0 < self.hours <= 24:
            raise ValidationError("hours", "must be more than 0 and at most 24")
        for name in ("bed", "wake"):
            if getattr(self, name) is not None:
                check_time(name, getattr(self, name))
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
        check_day("day", self.day)
        if self.twitch not in ("none", "mild", "strong"):
            raise ValidationError("twitch", "choose none, mild or strong")
        if self.stress not in ("low", "medium", "high"):
            raise ValidationError("stress", "choose low, medium or high")
        if isinstance(self.caffeine_cups, bool) or not isinstance(self.caffeine_cups, int):
            raise ValidationError("caffeine_cups", "must be a whole number")
        if not 0 <= self.caffeine_cups <= MAX_CAFFEINE_CUPS:
            raise ValidationError("caffeine_cups", f"must be between 0 and {MAX_CAFFEINE_CUPS}")
        check_text("notes", self.notes, MAX_NOTES, empty=True)


@dataclass(frozen=True)
class HydrationSettings:
    """The person's own water goal and reminder preferences."""

    goal_ml: int = 2000
    unit: Unit = "ml"
    cup_sizes_ml: tuple[int, ...] = (150, 250, 500)
    reminders_on: bool = False
    interval_min: int = 90

    def __post_init__(self) -> None:
        if not 250 <= check_whole("goal_ml", self.goal_ml) <= 10000:
            raise ValidationError("goal_ml", f"must be between 250 and {_MAX_GOAL}")
        if self.unit not in ("ml", "oz"):
            raise ValidationError("unit", "choose ml or oz")
        if (
            not isinstance(self.cup_sizes_ml, tuple)
            or not 1 <= len(self.cup_sizes_ml) <= MAX_CUP_SIZES
        ):
            raise ValidationError("cup_sizes_ml", f"keep between 1 and {MAX_CUP_SIZES} cup sizes")
        for size in self.cup_sizes_ml:
            if isinstance(size, bool) or not isinstance(size, int) or not 0 < size <= MAX_DRINK_ML:
                raise ValidationError("cup_sizes_ml", f"each cup must be 1 to {_MAX_DRINK}")
        check_flag("reminders_on", self.reminders_on)
        if not 15 <= check_whole("interval_min", self.interval_min) <= 480:
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
        if not 3 <= check_number("target_hours", self.target_hours) <= 14:
            raise ValidationError("target_hours", "must be between 3 and 14 hours")
        for name in ("weekday_bed", "weekday_wake", "weekend_bed", "weekend_wake"):
            check_time(name, getattr(self, name))
        check_flag("bedtime_reminder_on", self.bedtime_reminder_on)
        if self.weekday_bed == self.weekday_wake:
            raise ValidationError("weekday_wake", "wake time must differ from bedtime")
        if self.weekend_bed == self.weekend_wake:
            raise ValidationError("weekend_wake", "wake time must differ from bedtime")
        if not 15 <= check_whole("wind_down_min", self.wind_down_min) <= 180:
            raise ValidationError("wind_down_min", "must be between 15 minutes and 3 hours")


@dataclass(frozen=True)
class ReminderSettings:
    """Everything the reminder engine needs besides `now` and today's drinks."""

    hydration: HydrationSettings = field(default_factory=HydrationSettings)
    sleep: SleepSettings = field(default_factory=SleepSettings)
    timezone: str = "UTC"

    def __post_init__(self) -> None:
        if not isinstance(self.hydration, HydrationSettings):
            raise ValidationError("hydration", "must be hydration settings")
        if not isinstance(self.sleep, SleepSettings):
            raise ValidationError("sleep", "must be sleep settings")
        check_text("timezone", self.timezone, MAX_NAME)


@dataclass(frozen=True)
class AppSettings:
    """Small per-device preferences."""

    theme: Theme = "system"
    first_noticed: date | None = None
    emergency_number: str = ""  # "" means: pick one from the device's time zone
    system_notifications: bool = False  # also show due reminders as system notifications

    def __post_init__(self) -> None:
        if self.theme not in ("system", "light", "dark"):
            raise ValidationError("theme", "choose system, light or dark")
        if self.first_noticed is not None:
            check_day("first_noticed", self.first_noticed)
        number = self.emergency_number
        if not isinstance(number, str) or (number and not (number.isdigit() and len(number) <= 6)):
            raise ValidationError("emergency_number", "must be a phone number of up to 6 digits")
        if not isinstance(self.system_notifications, bool):
            raise ValidationError("system_notifications", "must be true or false")


ReminderKind = Literal["hydration", "bedtime"]
NOTIFIED_MAX = 20
_TOKEN = re.compile(r"[A-Za-z0-9_.:@+-]{1,80}")


def _check_notified(pairs: object) -> None:
    """A short list of (tag, nonce) pairs of plain URL-safe words."""
    problem = "must be a short list of (tag, nonce) pairs"
    if not isinstance(pairs, tuple) or len(pairs) > NOTIFIED_MAX:
        raise ValidationError("notified", problem)
    for pair in pairs:
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise ValidationError("notified", problem)
        if not all(isinstance(p, str) and _TOKEN.fullmatch(p) for p in pair):
            raise ValidationError("notified", problem)


@dataclass(frozen=True)
class ReminderState:
    """Snoozes and dismissals, kept so a reload does not bring a reminder back early."""

    snoozed_until: tuple[tuple[ReminderKind, datetime], ...] = ()
    dismissed: tuple[tuple[ReminderKind, datetime], ...] = ()
    notified: tuple[tuple[str, str], ...] = ()
    """(occurrence tag, nonce) of reminders already shown as a system notification
    (app/habits/notify.py), so a reload never shows one twice."""

    def __post_init__(self) -> None:
        _check_notified(self.notified)
        for name in ("snoozed_until", "dismissed"):
            pairs = getattr(self, name)
            if not isinstance(pairs, tuple) or len(pairs) > 10:
                raise ValidationError(name, "must be a short list of (reminder, time) pairs")
            if not all(isinstance(pair, tuple) and len(pair) == 2 for pair in pairs):
                raise ValidationError(name, "must be a short list of (reminder, time) pairs")
        for kind, at in (*self.snoozed_until, *self.dismissed):
            if kind not in ("hydration", "bedtime"):
                raise ValidationError("kind", f"unknown reminder {kind!r}")
            check_moment("at", at)
