"""Property tests: whatever a repository is given, it either stores it so that it reads
back equal, or raises app.errors.ValidationError and stores nothing."""

from __future__ import annotations

import dataclasses
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from app.errors import ValidationError
from app.records import (
    TIERS,
    AppSettings,
    DiaryEntry,
    DrinkLog,
    HydrationSettings,
    ReminderSettings,
    ResultRecord,
    SleepLog,
)
from app.storage import Store
from tests.unit.storage_fixtures.factories import FakeClock

R = TypeVar("R")
# STORAGE_EXAMPLES=2000 for a long local run; the default keeps the suite quick.
SETTINGS = settings(max_examples=int(os.environ.get("STORAGE_EXAMPLES", "100")), deadline=None)

offsets = st.integers(-23 * 60 - 59, 23 * 60 + 59).map(lambda m: timezone(timedelta(minutes=m)))
try:  # named zones need the system's tz database; fixed offsets always work
    ZoneInfo("Europe/Berlin")
    ZONES = ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC"]
except Exception:
    ZONES = []
zones = st.sampled_from(ZONES).map(ZoneInfo) if ZONES else offsets
aware = st.datetimes(datetime(1900, 1, 1), datetime(2100, 1, 1), timezones=offsets | zones)
naive = st.datetimes(datetime(1900, 1, 1), datetime(2100, 1, 1))
junk: st.SearchStrategy[Any] = st.one_of(
    st.none(), st.booleans(), st.text(max_size=5), st.floats(), st.lists(st.integers(), max_size=2)
)
texts = st.text(max_size=30)


def mostly(good: st.SearchStrategy[Any], bad: st.SearchStrategy[Any] = junk) -> Any:
    """About four in five examples get a well-typed value, so both outcomes are common."""
    return st.integers(0, 4).flatmap(lambda n: bad if n == 0 else good)


names = mostly(st.text(min_size=1, max_size=30), st.just(""))


@contextmanager
def fresh_store() -> Iterator[tuple[Store, Path]]:
    with tempfile.TemporaryDirectory() as folder:
        yield Store.open(Path(folder), clock=FakeClock()), Path(folder)


def bypass(cls: type[R], **fields: Any) -> R:
    """A record whose constructor checks never ran (e.g. built by buggy code)."""
    record = object.__new__(cls)
    for name, value in fields.items():
        object.__setattr__(record, name, value)
    return record


def build(cls: type[R], fields: dict[str, Any]) -> R:
    try:
        return cls(**fields)
    except ValidationError:
        raise
    except Exception:  # records check values, not types: wrong types may fail oddly
        return bypass(cls, **fields)


def store_or_refuse(save: Callable[[], None]) -> bool:
    try:
        save()
    except ValidationError:
        event("refused")
        return False
    event("stored")
    return True


def same_moment(a: datetime, b: datetime) -> bool:
    """Same instant and wall clock (a ZoneInfo zone comes back as a fixed offset, and
    PEP 495 makes such datetimes unequal inside a repeated DST hour)."""
    return a.isoformat() == b.isoformat() and a.timestamp() == b.timestamp()


@SETTINGS
@given(
    id=mostly(names),
    at=mostly(aware, naive | junk),
    ml=mostly(st.integers(-10, 6000)),
)
def test_drinks(id: Any, at: Any, ml: Any) -> None:
    fields = {"id": id, "at": at, "ml": ml}
    with fresh_store() as (store, folder):
        try:
            drink = build(DrinkLog, fields)
        except ValidationError:
            drink = bypass(DrinkLog, **fields)
        day = at.date() if isinstance(at, datetime) else date(2026, 1, 1)
        stored = store_or_refuse(lambda: store.drinks.add(drink))
        reread = Store.open(folder, clock=FakeClock()).drinks
        if stored:
            (back,) = reread.list_day(day)
            assert same_moment(back.at, at) and (back.id, back.ml) == (id, ml)
            assert reread.total_ml(day) == ml
        else:
            assert not list(folder.glob("drinks/*.json"))
            assert reread.total_ml(day) == 0


answers = st.tuples(texts, mostly(texts | st.floats() | st.lists(texts, max_size=2).map(tuple)))


@SETTINGS
@given(
    id=mostly(names),
    taken_at=mostly(aware, naive),
    quiz_id=mostly(names),
    tier=mostly(st.sampled_from(TIERS), texts),
    triggers=mostly(st.lists(texts, max_size=3).map(tuple), st.lists(texts, max_size=2) | junk),
    answers=st.lists(answers, max_size=3).map(tuple),
)
@example(  # a list (not a tuple) answer once slipped through and read back changed
    id="0",
    taken_at=datetime(2000, 1, 1, tzinfo=UTC),
    quiz_id="0",
    tier="emergency",
    triggers=(),
    answers=(("0", []),),
)
def test_results(
    id: Any, taken_at: Any, quiz_id: Any, tier: Any, triggers: Any, answers: Any
) -> None:
    fields = dict(
        id=id,
        taken_at=taken_at,
        quiz_id=quiz_id,
        quiz_version="1",
        tier=tier,
        triggers=triggers,
        reasons=(),
        answers=answers,
        suggested_habits=(),
    )
    with fresh_store() as (store, folder):
        try:
            record = build(ResultRecord, fields)
        except ValidationError:
            record = bypass(ResultRecord, **fields)
        stored = store_or_refuse(lambda: store.results.add(record))
        reread = Store.open(folder, clock=FakeClock()).results
        if stored:
            back = reread.get(id)
            assert back is not None
            assert same_moment(back.taken_at, taken_at)
            # A list given where a tuple belongs is stored, and comes back as a tuple.
            expected = dataclasses.replace(record, triggers=tuple(triggers))
            assert dataclasses.replace(back, taken_at=record.taken_at) == expected
            assert [r.id for r in reread.list()] == [id]
        else:
            assert reread.list() == []
            assert not list(folder.glob("results/*.json"))


times = st.none() | st.times() | st.times(timezones=offsets)


@SETTINGS
@given(
    night=mostly(st.dates(date(1900, 1, 1), date(2100, 1, 1))),
    hours=mostly(st.floats(-1, 30) | st.integers(-2, 30), st.floats() | junk),
    times=mostly(st.tuples(times, times), st.tuples(times | junk, times | junk)),
)
def test_sleep(night: Any, hours: Any, times: tuple[Any, Any]) -> None:
    fields = {"night": night, "hours": hours, "bed": times[0], "wake": times[1]}
    with fresh_store() as (store, folder):
        try:
            log = build(SleepLog, fields)
        except ValidationError:
            log = bypass(SleepLog, **fields)
        stored = store_or_refuse(lambda: store.sleep.upsert(log))
        if stored:
            assert Store.open(folder, clock=FakeClock()).sleep.get(night) == log
        else:
            assert not list(folder.glob("sleep/*.json"))


@SETTINGS
@given(
    day=st.dates(date(1900, 1, 1), date(2100, 1, 1)),
    twitch=mostly(st.sampled_from(["none", "mild", "strong"]), texts),
    cups=mostly(st.integers(-3, 33)),
    stress=mostly(st.sampled_from(["low", "medium", "high"])),
    notes=mostly(st.text(max_size=1100)),
)
def test_diary(day: date, twitch: Any, cups: Any, stress: Any, notes: Any) -> None:
    fields = {"day": day, "twitch": twitch, "caffeine_cups": cups, "stress": stress, "notes": notes}
    with fresh_store() as (store, folder):
        try:
            entry = build(DiaryEntry, fields)
        except ValidationError:
            entry = bypass(DiaryEntry, **fields)
        stored = store_or_refuse(lambda: store.diary.upsert(entry))
        again = Store.open(folder, clock=FakeClock()).diary
        assert again.get(day) == (entry if stored else None)


@SETTINGS
@given(
    goal=mostly(st.integers(0, 12000)),
    cups=st.lists(mostly(st.integers(-1, 6000)), max_size=7).map(tuple),
    interval=mostly(st.integers(0, 600), st.floats(15, 480)),
    theme=mostly(st.sampled_from(["system", "light", "dark"]), texts),
    first=mostly(st.dates() | st.none()),
)
def test_settings(goal: Any, cups: Any, interval: Any, theme: Any, first: Any) -> None:
    with fresh_store() as (store, folder):
        try:
            hydration = build(
                HydrationSettings, dict(goal_ml=goal, cup_sizes_ml=cups, interval_min=interval)
            )
            reminders = ReminderSettings(hydration=hydration)
        except (ValidationError, TypeError):
            reminders = bypass(
                ReminderSettings,
                hydration=bypass(HydrationSettings, goal_ml=goal),
                sleep=ReminderSettings().sleep,
                timezone="UTC",
            )
        try:
            app = build(AppSettings, {"theme": theme, "first_noticed": first})
        except ValidationError:
            app = bypass(AppSettings, theme=theme, first_noticed=first)
        saved_r = store_or_refuse(lambda: store.settings.save_reminders(reminders))
        saved_a = store_or_refuse(lambda: store.settings.save_app(app))
        again = Store.open(folder, clock=FakeClock()).settings
        assert again.get_reminders() == (reminders if saved_r else ReminderSettings())
        assert again.get_app() == (app if saved_a else AppSettings())


def test_a_bypassed_record_with_wrong_types_is_refused_with_the_field_named() -> None:
    at = datetime(2026, 1, 1, tzinfo=UTC)
    with fresh_store() as (store, _):
        for bad, field in [
            (bypass(DrinkLog, id=7, at=at, ml=5), "id"),
            (bypass(DrinkLog, id="x", at=at, ml=0), "ml"),
            (bypass(DrinkLog, id="x", at="2026-01-01", ml=5), "at"),
            (bypass(DrinkLog, id="x", at=at.replace(tzinfo=None), ml=5), "at"),
        ]:
            try:
                store.drinks.add(bad)
            except ValidationError as exc:
                assert exc.field == field, (exc, field)
            else:
                raise AssertionError(f"{bad!r} was stored")
        assert store.drinks.total_ml(date(2026, 1, 1)) == 0
