"""Results repository: full records by month; History reads them all."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.errors import ValidationError
from app.storage import ResultSummary, StorageError
from tests.unit.storage_fixtures.factories import open_store, result


def test_add_get_and_list_newest_first(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    base = datetime(2026, 1, 1, tzinfo=UTC)
    for n in range(5):
        store.results.add(result(n, at=base + timedelta(days=40 * n)))
    rows = store.results.list()
    assert [r.id for r in rows] == ["r4", "r3", "r2", "r1", "r0"]
    assert rows[0] == ResultSummary(
        "r4", base + timedelta(days=160), "self_care", ("caffeine", "stress", "sleep")
    )
    assert store.results.get("r2") == result(2, at=base + timedelta(days=80))
    assert store.results.get("nope") is None


def test_sorting_uses_the_instant_not_the_text(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    # 09:00 at +05:00 is 04:00 UTC: earlier than 08:00 UTC though its text sorts later.
    plus5 = timezone(timedelta(hours=5))
    store.results.add(result(1, at=datetime(2026, 11, 24, 9, 0, tzinfo=plus5)))
    store.results.add(result(2, at=datetime(2026, 11, 24, 8, 0, tzinfo=UTC)))
    assert [r.id for r in store.results.list()] == ["r2", "r1"]


def test_limit_and_count(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    base = datetime(2026, 3, 1, tzinfo=UTC)
    tiers = ["self_care", "emergency", "self_care", "doctor_soon", "self_care"]
    for n, tier in enumerate(tiers):
        store.results.add(result(n, at=base + timedelta(hours=n), tier=tier))
    assert [r.id for r in store.results.list(limit=2)] == ["r4", "r3"]
    assert [r.tier for r in store.results.list()] == tiers[::-1]
    assert store.results.count() == 5


def test_history_reads_the_month_files_checked(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.results.add(result(1))
    store.results.add(result(2, at=datetime(2025, 5, 5, tzinfo=UTC)))
    open_store(tmp_path)  # today's backup (it checks every file) is taken before the damage
    (tmp_path / "results" / "2026-11.json").write_bytes(b"\x00garbage")
    fresh = open_store(tmp_path)
    assert [r.id for r in fresh.results.list()] == ["r1", "r2"]  # restored from the backup
    (notice,) = fresh.notices
    assert notice.file == tmp_path / "results" / "2026-11.json"


def test_delete_and_restore(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.results.add(result(1))
    store.results.add(result(2, at=datetime(2026, 10, 1, tzinfo=UTC)))
    removed = store.results.delete("r1")
    assert removed == result(1)
    assert store.results.delete("r1") is None
    store = open_store(tmp_path)  # as after a restart: the delete is on disk
    assert [r.id for r in store.results.list()] == ["r2"]
    store.results.restore(removed)
    store.results.restore(removed)  # undo twice is harmless
    again = open_store(tmp_path)
    assert [r.id for r in again.results.list()] == ["r1", "r2"]
    assert again.results.get("r1") == result(1)


def test_an_older_store_of_the_folder_reads_but_cannot_save(tmp_path: Path) -> None:
    """Two Stores of one folder in one process each cached the files, and the second to
    save undid the first's save (found by an outside probe): only the newest saves."""
    old = open_store(tmp_path)
    old.results.add(result(1))
    new = open_store(tmp_path)
    with pytest.raises(StorageError, match="opened again since"):
        old.results.add(result(2, at=datetime(2026, 10, 1, tzinfo=UTC)))
    assert [r.id for r in old.results.list()] == ["r1"]  # reads still work
    new.results.add(result(3))  # the same month's file, which `old` had read
    assert [r.id for r in old.results.list()] == ["r3", "r1"]  # read again, not stale
    assert [r.id for r in open_store(tmp_path).results.list()] == ["r3", "r1"]


def test_duplicate_id_refused_even_across_months(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.results.add(result(1))
    with pytest.raises(ValidationError, match="already saved"):
        store.results.add(result(1, at=datetime(2020, 1, 1, tzinfo=UTC)))
    assert store.results.count() == 1


def test_a_month_file_restored_behind_its_back_is_what_history_shows(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.results.add(result(1))
    saved = (tmp_path / "results" / "2026-11.json").read_bytes()
    store.results.add(result(2))
    (tmp_path / "results" / "2026-11.json").write_bytes(saved)  # e.g. restored from a backup
    again = open_store(tmp_path)
    assert again.results.get("r2") is None
    assert [r.id for r in again.results.list()] == ["r1"]


def test_a_result_damaged_past_its_history_row_is_repaired_when_opened(tmp_path: Path) -> None:
    """History checks only what a row shows; opening a result checks its whole file."""
    store = open_store(tmp_path)
    store.results.add(result(1))
    open_store(tmp_path)  # today's backup holds the good file
    path = tmp_path / "results" / "2026-11.json"
    data = json.loads(path.read_bytes())
    next(iter(data["results"].values()))["answers"] = "not a list"
    path.write_text(json.dumps(data))
    fresh = open_store(tmp_path)
    assert [r.id for r in fresh.results.list()] == ["r1"] and fresh.notices == ()
    assert fresh.results.get("r1") == result(1)  # restored from the backup
    (notice,) = fresh.notices
    assert notice.file == path and notice.restored_from is not None
