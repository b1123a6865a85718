"""Schema 1 (one big file) -> schema 2 (partitioned), from fixture files."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

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
from app.storage import CURRENT_VERSION, journal
from app.storage.layout import META, meta_bytes
from app.storage.migrations import MIGRATIONS, v1_to_v2
from tests.unit.storage_fixtures.factories import FIXTURES, open_store

V1 = FIXTURES / "v1"
PLUS1 = timezone(timedelta(hours=1))


def _v1_folder(tmp_path: Path, name: str = "lipcheck.json") -> Path:
    shutil.copyfile(V1 / name, tmp_path / "lipcheck.json")
    return tmp_path


def test_migrations_form_an_ordered_chain_to_the_current_version() -> None:
    versions = [(m.from_version, m.to_version) for m in MIGRATIONS]
    assert versions == [(v, v + 1) for v in range(1, CURRENT_VERSION)]


def test_v1_file_becomes_the_partitioned_layout(tmp_path: Path) -> None:
    store = open_store(_v1_folder(tmp_path))
    assert store.notices == ()
    assert json.loads((tmp_path / "meta.json").read_text())["_meta"]["1"]["schema_version"] == 2
    assert not (tmp_path / "lipcheck.json").exists()
    assert sorted(p.name for p in (tmp_path / "drinks").iterdir()) == [
        "2025-12.json",
        "2026-01.json",
    ]
    assert sorted(p.name for p in (tmp_path / "results").iterdir()) == [
        "2025-12.json",
        "2026-01.json",
        "index.json",
    ]

    assert store.drinks.list_day(date(2025, 12, 31)) == [
        DrinkLog("w-1", datetime(2025, 12, 31, 8, 0, tzinfo=PLUS1), 250),
        DrinkLog("w-2", datetime(2025, 12, 31, 23, 45, tzinfo=PLUS1), 330),
    ]
    assert store.drinks.total_ml(date(2026, 1, 1)) == 500
    assert store.drinks.total_ml(date(2026, 1, 2)) == 200  # kept its own -05:00 wall clock
    assert store.results.get("res-1") == ResultRecord(
        id="res-1",
        taken_at=datetime(2025, 12, 29, 9, 30, tzinfo=PLUS1),
        quiz_id="lip-twitch",
        quiz_version="1",
        tier="self_care",
        triggers=("caffeine", "stress", "sleep", "screens"),
        reasons=("It comes and goes and nothing else is wrong.",),
        answers=(("duration", "days"), ("cups", 4.0), ("where", ("upper lip",))),
        suggested_habits=("water", "sleep"),
    )
    assert [r.id for r in store.results.list()] == ["res-2", "res-1"]
    assert store.sleep.range(date(2025, 12, 1), date(2026, 1, 31)) == [
        SleepLog(date(2025, 12, 31), 7.5, time(23, 30), time(7, 0)),
        SleepLog(date(2026, 1, 1), 5),
    ]
    assert store.diary.get(date(2025, 12, 30)) == DiaryEntry(
        date(2025, 12, 30), "strong", 5, "high", "Deadline."
    )
    assert store.diary.first_day() == date(2025, 12, 30)
    assert store.settings.get_app() == AppSettings("dark", date(2025, 12, 20))
    assert store.settings.get_reminders() == ReminderSettings(
        HydrationSettings(2200, "ml", (200, 330), True, 60),
        SleepSettings(target_hours=7.5),
        "Europe/Berlin",
    )
    assert store.settings.get_reminder_state() == ReminderState()


def test_the_v1_file_is_kept_in_a_pre_migration_backup(tmp_path: Path) -> None:
    open_store(_v1_folder(tmp_path))
    (kept,) = (tmp_path / "backups").glob("pre-v2-*/lipcheck.json")
    assert kept.read_bytes() == (V1 / "lipcheck.json").read_bytes()
    assert kept.parent.name == "pre-v2-20261124T101500Z"


def test_migration_runs_once(tmp_path: Path) -> None:
    open_store(_v1_folder(tmp_path)).drinks.remove("w-1")
    again = open_store(tmp_path)
    assert again.notices == ()
    assert again.drinks.total_ml(date(2025, 12, 31)) == 330


def test_minimal_v1_file(tmp_path: Path) -> None:
    store = open_store(_v1_folder(tmp_path, "lipcheck_minimal.json"))
    assert store.notices == ()
    assert store.results.list() == []
    assert store.settings.get_app() == AppSettings()
    assert store.drinks.total_ml(date(2025, 12, 31)) == 580


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("lipcheck_bad_record.json", "record 3 in water: ml: must be more than 0"),
        ("lipcheck_fractional_ml.json", "record 2 in water: amount: must be a whole number"),
        ("lipcheck_truncated.json", "not valid JSON"),
        ("lipcheck_duplicate.json", "record 2 in drinks repeats w-1"),
    ],
)
def test_a_bad_v1_file_is_moved_aside_and_the_store_starts_empty(
    tmp_path: Path, name: str, reason: str
) -> None:
    store = open_store(_v1_folder(tmp_path, name))
    (notice,) = store.notices
    assert notice.file == tmp_path / "lipcheck.json"
    assert reason in notice.reason
    assert notice.moved_to is not None
    assert notice.moved_to.read_bytes() == (V1 / name).read_bytes()
    assert store.drinks.total_ml(date(2025, 12, 31)) == 0
    assert json.loads((tmp_path / "meta.json").read_text())["_meta"]["1"]["schema_version"] == 2
    store.mark_notices_seen()
    assert open_store(tmp_path).notices == ()


def test_interrupted_migration_is_finished_from_the_journal(tmp_path: Path) -> None:
    """A crash after the journal was written but before it was applied."""
    _v1_folder(tmp_path)
    changes = v1_to_v2(tmp_path)
    changes[META] = meta_bytes()
    (tmp_path / journal.JOURNAL_NAME).write_bytes(journal.encode(changes))
    store = open_store(tmp_path)
    assert store.notices == ()
    assert not (tmp_path / journal.JOURNAL_NAME).exists()
    assert not (tmp_path / "lipcheck.json").exists()
    assert store.drinks.total_ml(date(2026, 1, 1)) == 500
