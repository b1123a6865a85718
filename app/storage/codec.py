"""Records <-> plain JSON dicts (dates and times as ISO strings).

Decoding always goes through the record's constructor, so a stored or imported
value is validated exactly like a new one. Encoding decodes its own output again
and compares, so nothing is stored that could not be read back unchanged (for
example a record built around its constructor with a value of the wrong type).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime
from typing import Any

from app.errors import ValidationError
from app.records import (
    AppSettings,
    DiaryEntry,
    DrinkLog,
    HydrationSettings,
    ReminderSettings,
    ReminderState,
    ResultRecord,
    SleepLog,
    SleepSettings,
)
from app.storage.fields import (
    Doc,
    R,
    fields_of,
    flag,
    number,
    optional,
    parse_date,
    parse_datetime,
    parse_time,
    prefixed,
    text,
    texts,
    whole,
)
from app.storage.fields import (
    answer as _answer,
)
from app.storage.fields import (
    iso as _iso,
)
from app.storage.fields import (
    pairs as _pairs,
)

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
        {"changed_from": None},
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
        changed_from=optional(d["changed_from"], text, "changed_from"),
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
    d = fields_of(doc, ("theme", "first_noticed"), {"emergency_number": ""})
    return AppSettings(
        theme=text(d["theme"], "theme"),  # type: ignore[arg-type]
        first_noticed=optional(d["first_noticed"], parse_date, "first_noticed"),
        emergency_number=text(d["emergency_number"], "emergency_number"),
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
        "changed_from": r.changed_from,
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
    return {
        "theme": r.theme,
        "first_noticed": _iso(r.first_noticed),
        "emergency_number": r.emergency_number,
    }


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
