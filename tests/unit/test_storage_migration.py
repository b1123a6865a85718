"""The schema shipped now (2) keeps reading, and the migration runner works.

`storage_fixtures/schema2/` was written by the release that shipped schema 2
(commit c69ee9b: factories.fill(), plus a result changed from another and an
emergency number), before meta.json listed its files. Every later release must
open it with nothing lost and nothing repaired.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

from app.records import AppSettings
from app.storage import CURRENT_VERSION, layout
from app.storage import files as journal
from app.storage.files import Changes
from app.storage.opening import folder_version, migrate
from tests.unit.storage_fixtures.factories import FIXTURES, FakeClock, fill, open_store, result

SCHEMA2 = FIXTURES / "schema2"
NOW = datetime(2026, 11, 24, 10, tzinfo=UTC)


def _copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SCHEMA2, tmp_path / "data"))


def _expected(tmp_path: Path) -> object:
    store = open_store(tmp_path / "expected", FakeClock(NOW))
    fill(store)
    store.results.add(dataclasses.replace(result(3), changed_from="r1"))
    store.settings.save_app(AppSettings(theme="dark", emergency_number="112"))
    return store.snapshot()


def test_the_schema_2_fixture_opens_unchanged_with_nothing_repaired(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    store = open_store(root, FakeClock(NOW))
    assert store.snapshot() == _expected(tmp_path)
    assert store.notices == ()  # every file was read, none repaired
    assert not (root / "results" / "index.json").exists()  # the old History index: derived
    assert store.results.get("r3") is not None and store.results.get("r3").changed_from == "r1"
    assert [r.id for r in store.results.list()] == ["r3", "r1", "r2"]


def test_a_folder_from_before_the_file_list_gets_one(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    assert layout.manifest(layout.parse((root / "meta.json").read_bytes(), "meta.json")) is None
    open_store(root, FakeClock(NOW))
    listed = layout.manifest(layout.parse((root / "meta.json").read_bytes(), "meta.json"))
    assert listed == {rel for rel in layout.data_files(root) if rel != "meta.json"}
    (root / "drinks" / "2025-12.json").unlink()  # now a lost file is known to be lost
    store = open_store(root, FakeClock(NOW))
    assert [n.reason for n in store.notices] == ["the file was missing"]
    assert [d.id for d in store.drinks.list_day(datetime(2025, 12, 31).date())] == ["d7"]


def test_the_runner_takes_each_step_keeps_the_old_files_and_is_done_once(tmp_path: Path) -> None:
    """A made-up step from the current schema to the next, as a release would add one."""
    root = _copy(tmp_path)
    old = (root / "sleep" / "2025.json").read_bytes()
    ran: list[Path] = []

    def step(folder: Path) -> Changes:
        ran.append(folder)
        return {"sleep/2025.json": None}

    layout_version = layout.CURRENT_VERSION
    try:
        layout.CURRENT_VERSION = CURRENT_VERSION + 1
        assert migrate(root, NOW, {CURRENT_VERSION: step})
        assert not migrate(root, NOW, {CURRENT_VERSION: step})  # done: meta says so
    finally:
        layout.CURRENT_VERSION = layout_version
    assert ran == [root]
    assert folder_version(root) == CURRENT_VERSION + 1
    meta = json.loads((root / "meta.json").read_bytes())["_meta"]["1"]
    assert "sleep/2025.json" not in meta["files"] and "drinks/2025-12.json" in meta["files"]
    (kept,) = (root / "backups").glob(f"pre-v{CURRENT_VERSION + 1}-*")
    assert (kept / "sleep" / "2025.json").read_bytes() == old


def test_an_older_schema_without_a_step_is_read_as_damage(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "meta.json").write_text('{"_meta":{"1":{"schema_version":1,"kind":"meta"}}}')
    assert not migrate(root, NOW)
    store = open_store(root, FakeClock(NOW))
    assert "old layout" in store.notices[0].reason
    assert store.snapshot() == _expected(tmp_path)


def test_an_interrupted_commit_is_finished_from_the_journal(tmp_path: Path) -> None:
    """A crash after the journal was written but before it was applied."""
    root = _copy(tmp_path)
    changes: Changes = {"sleep/2025.json": None, "meta.json": layout.meta_bytes([])}
    (root / journal.JOURNAL_NAME).write_bytes(journal.encode(changes))
    store = open_store(root, FakeClock(NOW))
    assert not (root / journal.JOURNAL_NAME).exists()
    assert store.notices == () and not (root / "sleep" / "2025.json").exists()
