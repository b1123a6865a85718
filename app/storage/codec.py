"""Records <-> plain JSON dicts (dates and times as ISO strings).

Decoding always goes through the record's constructor, so a stored or imported
value is validated exactly like a new one. Encoding decodes its own output again
and compares, so nothing is stored that could not be read back unchanged (for
example a record built around its constructor with a value of the wrong type).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from typing import Any, TypeVar

from app.errors import ValidationError
from app.records import (
    TIERS,
    AnswerValue,
    AppSettings,
    DiaryEntry,
    DrinkLog,
    HydrationSettings,
    ReminderSettings,
    ReminderState,
    ResultRecord,
    SleepLog,
    SleepSettings,
    Tier,
)

R = TypeVar("R")
Doc = dict[str, Any]


@contextmanager
def prefixed(prefix: str) -> Iterator[None]:
    """Name the enclosing field in nested errors ("hydration.goal_ml: ...")."""
    try:
        yield
    except ValidationError as exc:
        raise ValidationError(f"{prefix}.{exc.field}", exc.problem) from exc


def fields_of(doc: Any, required: tuple[str, ...]) -> Doc:
    if not isinstance(doc, dict):
        raise ValidationError("record", "must be a JSON object")
    for key in required:
        if key not in doc:
            raise ValidationError(key, "is missing")
    for key in doc:
        if key not in required:
            raise ValidationError(str(key), "is not a known field")
    return doc


def text(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise ValidationError(name, "must be text")
    return value


def texts(value: Any, name: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ValidationError(name, "must be a list of text")
    return tuple(text(item, name) for item in value)


def whole(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(name, "must be a whole number")
    return value


def number(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValidationError(name, "must be a number")
    return value


def flag(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(name, "must be true or false")
    return value


def parse_datetime(value: Any, name: str) -> datetime:
    try:
        return datetime.fromisoformat(text(value, name))
    except ValueError:
        raise ValidationError(name, f"{value!r} is not a date and time") from None


def parse_date(value: Any, name: str) -> date:
    try:
        return date.fromisoformat(text(value, name))
    except ValueError:
        raise ValidationError(name, f"{value!r} is not a date (YYYY-MM-DD)") from None


def parse_time(value: Any, name: str) -> time:
    try:
        return time.fromisoformat(text(value, name))
    except ValueError:
        raise ValidationError(name, f"{value!r} is not a time (HH:MM)") from None


def optional(value: Any, parse: Callable[[Any, str], R], name: str) -> R | None:
    return None if value is None else parse(value, name)


def _iso(value: date | time | None) -> str | None:
    return None if value is None else value.isoformat()


def _answer(value: Any, name: str) -> AnswerValue:
    if isinstance(value, list):
        return texts(value, name)
    if isinstance(value, str):
        return value
    return number(value, name)


def _pairs(value: Any, name: str) -> list[tuple[str, Any]]:
    if not isinstance(value, list):
        raise ValidationError(name, "must be a list of [name, value] pairs")
    for item in value:
        if not (isinstance(item, list) and len(item) == 2):
            raise ValidationError(name, "must be a list of [name, value] pairs")
    return [(text(k, name), v) for k, v in value]


# --- decoders -------------------------------------------------------------------------------


def drink_from(doc: Any) -> DrinkLog:
    d = fields_of(doc, ("id", "at", "ml"))
    return DrinkLog(
        id=text(d["id"], "id"), at=parse_datetime(d["at"], "at"), ml=whole(d["ml"], "ml")
    )


def result_from(doc: Any) -> ResultRecord:
    d = fields_of(
        doc,
        (
            "id",
            "taken_at",
            "quiz_id",
            "quiz_version",
            "tier",
            "triggers",
            "reasons",
            "answers",
            "suggested_habits",
        ),
    )
    return ResultRecord(
        id=text(d["id"], "id"),
        taken_at=parse_datetime(d["taken_at"], "taken_at"),
        quiz_id=text(d["quiz_id"], "quiz_id"),
        quiz_version=text(d["quiz_version"], "quiz_version"),
        tier=text(d["tier"], "tier"),  # type: ignore[arg-type]  # checked by the constructor
        triggers=texts(d["triggers"], "triggers"),
        reasons=texts(d["reasons"], "reasons"),
        answers=tuple((k, _answer(v, "answers")) for k, v in _pairs(d["answers"], "answers")),
        suggested_habits=texts(d["suggested_habits"], "suggested_habits"),
    )


def sleep_from(doc: Any) -> SleepLog:
    d = fields_of(doc, ("night", "hours", "bed", "wake"))
    return SleepLog(
        night=parse_date(d["night"], "night"),
        hours=number(d["hours"], "hours"),
        bed=optional(d["bed"], parse_time, "bed"),
        wake=optional(d["wake"], parse_time, "wake"),
    )


def diary_from(doc: Any) -> DiaryEntry:
    d = fields_of(doc, ("day", "twitch", "caffeine_cups", "stress", "notes"))
    return DiaryEntry(
        day=parse_date(d["day"], "day"),
        twitch=text(d["twitch"], "twitch"),  # type: ignore[arg-type]
        caffeine_cups=whole(d["caffeine_cups"], "caffeine_cups"),
        stress=text(d["stress"], "stress"),  # type: ignore[arg-type]
        notes=text(d["notes"], "notes"),
    )


def app_from(doc: Any) -> AppSettings:
    d = fields_of(doc, ("theme", "first_noticed"))
    return AppSettings(
        theme=text(d["theme"], "theme"),  # type: ignore[arg-type]
        first_noticed=optional(d["first_noticed"], parse_date, "first_noticed"),
    )


def _hydration_from(doc: Any) -> HydrationSettings:
    d = fields_of(doc, ("goal_ml", "unit", "cup_sizes_ml", "reminders_on", "interval_min"))
    if not isinstance(d["cup_sizes_ml"], list):
        raise ValidationError("cup_sizes_ml", "must be a list of whole numbers")
    return HydrationSettings(
        goal_ml=whole(d["goal_ml"], "goal_ml"),
        unit=text(d["unit"], "unit"),  # type: ignore[arg-type]
        cup_sizes_ml=tuple(whole(v, "cup_sizes_ml") for v in d["cup_sizes_ml"]),
        reminders_on=flag(d["reminders_on"], "reminders_on"),
        interval_min=whole(d["interval_min"], "interval_min"),
    )


def _sleep_settings_from(doc: Any) -> SleepSettings:
    names = ("weekday_bed", "weekday_wake", "weekend_bed", "weekend_wake")
    d = fields_of(doc, ("target_hours", *names, "wind_down_min", "bedtime_reminder_on"))
    times = {n: parse_time(d[n], n) for n in names}
    return SleepSettings(
        target_hours=number(d["target_hours"], "target_hours"),
        wind_down_min=whole(d["wind_down_min"], "wind_down_min"),
        bedtime_reminder_on=flag(d["bedtime_reminder_on"], "bedtime_reminder_on"),
        **times,
    )


def reminders_from(doc: Any) -> ReminderSettings:
    d = fields_of(doc, ("hydration", "sleep", "timezone"))
    with prefixed("hydration"):
        hydration = _hydration_from(d["hydration"])
    with prefixed("sleep"):
        sleep = _sleep_settings_from(d["sleep"])
    timezone = text(d["timezone"], "timezone")
    return ReminderSettings(hydration=hydration, sleep=sleep, timezone=timezone)


def reminder_state_from(doc: Any) -> ReminderState:
    d = fields_of(doc, ("snoozed_until", "dismissed"))

    def moments(name: str) -> tuple[tuple[Any, datetime], ...]:
        return tuple((k, parse_datetime(v, name)) for k, v in _pairs(d[name], name))

    return ReminderState(snoozed_until=moments("snoozed_until"), dismissed=moments("dismissed"))


# --- encoders -------------------------------------------------------------------------------


def _checked(record: R, raw: Callable[[R], Doc], back: Callable[[Any], R]) -> Doc:
    """Encode, then prove the dict decodes to an equal record (names the first bad field)."""
    try:
        doc = raw(record)
    except (AttributeError, TypeError, ValueError) as exc:
        raise ValidationError("record", f"cannot be saved ({exc})") from None
    again = back(doc)
    # Equal records, or at least the same stored form (an aware datetime in a ZoneInfo
    # zone comes back with a fixed offset: same instant and wall clock, not ==).
    if again != record and raw(again) != doc:
        for f in dataclasses.fields(record):  # type: ignore[arg-type]
            if getattr(again, f.name) != getattr(record, f.name):
                raise ValidationError(f.name, "has a value that cannot be saved as given")
        raise ValidationError("record", "cannot be saved as given")
    return doc


def _drink_raw(r: DrinkLog) -> Doc:
    return {"id": r.id, "at": r.at.isoformat(), "ml": r.ml}


def _result_raw(r: ResultRecord) -> Doc:
    return {
        "id": r.id,
        "taken_at": r.taken_at.isoformat(),
        "quiz_id": r.quiz_id,
        "quiz_version": r.quiz_version,
        "tier": r.tier,
        "triggers": list(r.triggers),
        "reasons": list(r.reasons),
        "answers": [[k, list(v) if isinstance(v, tuple) else v] for k, v in r.answers],
        "suggested_habits": list(r.suggested_habits),
    }


def _sleep_raw(r: SleepLog) -> Doc:
    return {
        "night": r.night.isoformat(),
        "hours": r.hours,
        "bed": _iso(r.bed),
        "wake": _iso(r.wake),
    }


def _diary_raw(r: DiaryEntry) -> Doc:
    return {
        "day": r.day.isoformat(),
        "twitch": r.twitch,
        "caffeine_cups": r.caffeine_cups,
        "stress": r.stress,
        "notes": r.notes,
    }


def _app_raw(r: AppSettings) -> Doc:
    return {"theme": r.theme, "first_noticed": _iso(r.first_noticed)}


def _reminders_raw(r: ReminderSettings) -> Doc:
    h, s = r.hydration, r.sleep
    return {
        "hydration": {
            "goal_ml": h.goal_ml,
            "unit": h.unit,
            "cup_sizes_ml": list(h.cup_sizes_ml),
            "reminders_on": h.reminders_on,
            "interval_min": h.interval_min,
        },
        "sleep": {
            "target_hours": s.target_hours,
            "weekday_bed": s.weekday_bed.isoformat(),
            "weekday_wake": s.weekday_wake.isoformat(),
            "weekend_bed": s.weekend_bed.isoformat(),
            "weekend_wake": s.weekend_wake.isoformat(),
            "wind_down_min": s.wind_down_min,
            "bedtime_reminder_on": s.bedtime_reminder_on,
        },
        "timezone": r.timezone,
    }


def _state_raw(r: ReminderState) -> Doc:
    return {
        "snoozed_until": [[k, at.isoformat()] for k, at in r.snoozed_until],
        "dismissed": [[k, at.isoformat()] for k, at in r.dismissed],
    }


def drink_doc(r: DrinkLog) -> Doc:
    return _checked(r, _drink_raw, drink_from)


def result_doc(r: ResultRecord) -> Doc:
    return _checked(r, _result_raw, result_from)


def sleep_doc(r: SleepLog) -> Doc:
    return _checked(r, _sleep_raw, sleep_from)


def diary_doc(r: DiaryEntry) -> Doc:
    return _checked(r, _diary_raw, diary_from)


def app_doc(r: AppSettings) -> Doc:
    return _checked(r, _app_raw, app_from)


def reminders_doc(r: ReminderSettings) -> Doc:
    return _checked(r, _reminders_raw, reminders_from)


def reminder_state_doc(r: ReminderState) -> Doc:
    return _checked(r, _state_raw, reminder_state_from)


def require(record: object, cls: type[R], name: str) -> R:
    """Repositories accept only their own record type (a dict or str is a bug, said clearly)."""
    if not isinstance(record, cls):
        raise ValidationError(name, f"expected a {cls.__name__}, got {type(record).__name__}")
    # Check again at the door: a record built around its constructor (by buggy
    # code) must still never be written.
    check = getattr(record, "__post_init__", None)
    if check is not None:
        try:
            check()
        except ValidationError:
            raise
        except Exception as exc:  # wrong types fail in odd ways; refuse them all the same
            raise ValidationError("record", f"{name} is malformed ({exc})") from exc
    return record


@dataclasses.dataclass(frozen=True)
class ResultSummary:
    """One row of the History list, read from the small index file (not the full record)."""

    id: str
    taken_at: datetime
    tier: Tier
    top_triggers: tuple[str, ...]

    def __post_init__(self) -> None:
        if not self.id:
            raise ValidationError("id", "must not be empty")
        if self.taken_at.tzinfo is None or self.taken_at.utcoffset() is None:
            raise ValidationError("taken_at", "must carry a time zone")
        if self.tier not in TIERS:
            raise ValidationError("tier", f"unknown tier {self.tier!r}")


TOP_TRIGGERS = 3


def summary_of(r: ResultRecord) -> ResultSummary:
    return ResultSummary(r.id, r.taken_at, r.tier, tuple(r.triggers[:TOP_TRIGGERS]))


def summary_from(doc: Any) -> ResultSummary:
    d = fields_of(doc, ("id", "taken_at", "tier", "top_triggers"))
    return ResultSummary(
        id=text(d["id"], "id"),
        taken_at=parse_datetime(d["taken_at"], "taken_at"),
        tier=text(d["tier"], "tier"),  # type: ignore[arg-type]  # checked in __post_init__
        top_triggers=texts(d["top_triggers"], "top_triggers"),
    )


def summary_doc(s: ResultSummary) -> Doc:
    return {
        "id": s.id,
        "taken_at": s.taken_at.isoformat(),
        "tier": s.tier,
        "top_triggers": list(s.top_triggers),
    }
