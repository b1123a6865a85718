"""Bounds on everything stored, and readers that only ever raise typed errors.

Property tests feed arbitrary JSON (and records of the right shape holding arbitrary
values) through import and through every file reader: import raises nothing but
ImportFileError and stores nothing then; a reader raises nothing but BadFile, and a
store opened on such a file opens and reads without raising at all.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
from app.storage import ImportFileError, NewerDataError, Store, layout
from app.storage.exchange import parse_backup
from tests.unit.storage_fixtures.factories import FakeClock, drink, fill, open_store, result

EXAMPLES = settings(max_examples=int(os.environ.get("STORAGE_EXAMPLES", "60")), deadline=None)
leaf = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=8)
    | st.sampled_from(
        [
            "2026-11-24",
            "2026-11-24T08:00:00+01:00",
            "9999-12-31T00:00:00+00:00",
            "\ud83d",
            "08:00:00",
            "self_care",
            "mild",
            "low",
            "",
        ]
    )
)
anything = st.recursive(
    leaf,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=12,
)
FIELDS = {
    "drinks": ("id", "at", "ml"),
    "results": (
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
    "sleep": ("night", "hours", "bed", "wake"),
    "diary": ("day", "twitch", "caffeine_cups", "stress", "notes"),
}


def shaped(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    """A record with the right field names and arbitrary values."""
    return st.fixed_dictionaries({name: anything for name in FIELDS[kind]})


def settings_doc() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        return dict(json.loads(Store.open(Path(folder), clock=FakeClock()).export_json()))


SETTINGS_DOC = settings_doc()["settings"]
backups = st.fixed_dictionaries(
    {
        "format": st.just("lip-twitch-check-backup"),
        "format_version": st.just(2) | anything,
        "settings": st.just(SETTINGS_DOC) | anything,
        **{kind: st.lists(shaped(kind) | anything, max_size=3) for kind in FIELDS},
    }
)


@EXAMPLES
@given(doc=anything | backups)
def test_import_of_any_json_raises_only_import_file_error(doc: Any) -> None:
    try:
        text = json.dumps(doc)
    except ValueError:
        return
    with contextlib.suppress(ImportFileError):
        parse_backup(text)


DATA_FILES = [
    "settings.json",
    "results/2026-11.json",
    "drinks/2026-11.json",
    "sleep/2026.json",
    "diary/2026.json",
    "meta.json",
]


def envelope(rel: str, docs: list[Any]) -> dict[str, Any]:
    kind = layout.kind_of(rel)
    assert kind is not None
    tables = {"settings": layout.SETTINGS_TABLES, "meta": ()}.get(kind, (kind,))
    out: dict[str, Any] = {"_meta": {"1": {"schema_version": 2, "kind": kind}}}
    for name in tables:
        out[name] = {str(i): d for i, d in enumerate(docs[:1] if kind == "settings" else docs, 1)}
    return out


@EXAMPLES
@given(
    rel=st.sampled_from(DATA_FILES),
    body=anything,
    docs=st.lists(anything, max_size=3),
    records=st.lists(st.sampled_from(list(FIELDS)).flatmap(shaped), max_size=3),
)
def test_every_reader_raises_only_bad_file(
    rel: str, body: Any, docs: list[Any], records: list[Any]
) -> None:
    for data in (body, envelope(rel, docs), envelope(rel, records)):
        try:
            raw = json.dumps(data).encode()
        except ValueError:
            continue
        with contextlib.suppress(layout.BadFile, NewerDataError):
            layout.parse(raw, rel)


@settings(max_examples=15, deadline=None)
@given(
    rel=st.sampled_from(DATA_FILES),
    docs=st.lists(anything, max_size=3),
    records=st.lists(st.sampled_from(list(FIELDS)).flatmap(shaped), max_size=3),
)
def test_a_store_on_any_such_file_opens_and_reads(
    rel: str, docs: list[Any], records: list[Any]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        fill(open_store(root))
        (root / rel).write_bytes(json.dumps(envelope(rel, docs + records)).encode())
        store = open_store(root)
        store.snapshot()
        store.results.list()
        store.settings.get_reminder_state()
        store.export_csv()


# --- bounds ---------------------------------------------------------------------------------

AT = datetime(2026, 11, 24, 8, tzinfo=UTC)


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: DrinkLog("x" * 65, AT, 250), "id"),
        (lambda: DrinkLog("x" * 1_000_000, AT, 250), "id"),
        (lambda: DrinkLog("d", AT, "250"), "ml"),  # a str where a number belongs
        (lambda: DrinkLog("d", "2026-11-24", 250), "at"),
        (lambda: DrinkLog("d", AT.replace(year=9999), 250), "at"),
        (lambda: DrinkLog("d", AT.replace(year=1), 250), "at"),
        (lambda: DiaryEntry(date(2026, 1, 1), "mild", 1, "low", None), "notes"),  # type: ignore[arg-type]
        (lambda: DiaryEntry(date(2026, 1, 1), "mild", 1, "low", "\ud83d"), "notes"),
        (lambda: DiaryEntry(date(1, 1, 1), "mild", 1, "low"), "day"),
        (lambda: DiaryEntry(date(2026, 1, 1), "mild", "2", "low"), "caffeine_cups"),
        (lambda: SleepLog(date(2026, 1, 1), "7"), "hours"),  # type: ignore[arg-type]
        (lambda: SleepSettings(target_hours="8"), "target_hours"),  # type: ignore[arg-type]
        (lambda: SleepSettings(wind_down_min="30"), "wind_down_min"),  # type: ignore[arg-type]
        (lambda: HydrationSettings(cup_sizes_ml=5), "cup_sizes_ml"),  # type: ignore[arg-type]
        (lambda: HydrationSettings(interval_min="90"), "interval_min"),  # type: ignore[arg-type]
        (lambda: ReminderSettings(timezone="x" * 1_000_000), "timezone"),
        (lambda: ReminderSettings(timezone=5), "timezone"),  # type: ignore[arg-type]
        (lambda: ReminderState(snoozed_until=(("hydration", AT.replace(year=9999)),)), "at"),
        (lambda: ReminderState(dismissed=(("bedtime", AT.replace(year=1)),)), "at"),
        (lambda: ReminderState(dismissed=5), "dismissed"),  # type: ignore[arg-type]
        (lambda: AppSettings(first_noticed="2026-01-01"), "first_noticed"),  # type: ignore[arg-type]
        (lambda: ResultRecord("r", AT, "q", "1", "self_care", ("x" * 65,), (), ()), "triggers"),
        (lambda: ResultRecord("r", AT, "q", "1", "self_care", (), ("y" * 501,), ()), "reasons"),
        (
            lambda: ResultRecord("r", AT, "q", "1", "self_care", (), (), (("a", "\ud83d"),)),
            "answers",
        ),
        (
            lambda: ResultRecord("r", AT, "q", "1", "self_care", (), (), (("a" * 65, "b"),)),
            "answers",
        ),
        (lambda: ResultRecord("r", AT, "q", "1", "self_care", ["t"], (), ()), "triggers"),  # type: ignore[arg-type]
        (lambda: ResultRecord("r", AT, "q", "1", "self_care", (), (), 5), "answers"),  # type: ignore[arg-type]
    ],
)
def test_out_of_bounds_values_are_refused_by_the_constructor(build: Any, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        build()
    assert caught.value.field == field


def test_dates_at_the_edges_of_the_range_are_fine() -> None:
    DrinkLog("d", datetime(2000, 1, 1, tzinfo=UTC), 250)
    DrinkLog("d", datetime(2100, 12, 31, 23, 59, tzinfo=UTC), 250)


def _backup(**sections: list[Any]) -> str:
    doc = {"format": "lip-twitch-check-backup", "format_version": 2, "settings": SETTINGS_DOC}
    doc.update({kind: sections.get(kind, []) for kind in FIELDS})
    return json.dumps(doc)


def _drink_doc(n: int, at: datetime) -> dict[str, Any]:
    return {"id": f"d{n}", "at": at.isoformat(), "ml": 250}


def _refused_and_nothing_changed(tmp_path: Path, text: str, message: str) -> None:
    store = open_store(tmp_path)
    store.drinks.add(drink(1))
    before = store.export_json()
    with pytest.raises(ImportFileError, match=message):
        store.import_json(text)
    assert open_store(tmp_path).export_json() == before


def test_an_import_with_too_many_drinks_in_one_month_is_refused(tmp_path: Path) -> None:
    drinks = [
        _drink_doc(n, AT + timedelta(seconds=n)) for n in range(layout.MAX_DRINKS_PER_MONTH + 1)
    ]
    _refused_and_nothing_changed(tmp_path, _backup(drinks=drinks), "3001 records in 2026-11")


def test_an_import_with_too_many_drinks_is_refused_before_reading_them(tmp_path: Path) -> None:
    drinks = [{}] * 200_001
    _refused_and_nothing_changed(tmp_path, _backup(drinks=drinks), "at most 200000")


def test_an_import_too_large_is_refused(tmp_path: Path) -> None:
    text = _backup(drinks=[_drink_doc(1, AT)]) + " " * 50_000_000
    _refused_and_nothing_changed(tmp_path, text, "too large")


def test_an_import_nested_100000_deep_is_refused(tmp_path: Path) -> None:
    _refused_and_nothing_changed(tmp_path, "[" * 100_000 + "]" * 100_000, "nested too deeply")


def test_a_full_month_refuses_one_more_drink(tmp_path: Path) -> None:
    drinks = [_drink_doc(n, AT + timedelta(seconds=n)) for n in range(layout.MAX_DRINKS_PER_MONTH)]
    store = open_store(tmp_path)
    store.import_json(_backup(drinks=drinks))
    with pytest.raises(ValidationError, match="at most 3000 drinks"):
        store.drinks.add(drink(99_999))
    assert len(store.drinks.list_day(AT.date())) == layout.MAX_DRINKS_PER_MONTH
    store.results.add(result(1))  # other files are unaffected
