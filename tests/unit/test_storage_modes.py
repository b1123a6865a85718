"""Every file the store writes is 0600 and every folder it makes 0700, backups included.

Run under a permissive umask (022, the usual default) so that a file created without
an explicit mode would show up as 0644 here, as backups did before.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from app.storage import Store, opening
from app.storage.files import make_private
from tests.unit.storage_fixtures.factories import (
    FakeClock,
    diary,
    drink,
    fill,
    open_store,
    result,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="no POSIX file modes")


@pytest.fixture(autouse=True)
def permissive_umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def _modes(root: Path) -> dict[str, int]:
    """Mode of the root and of every entry below it, by relative path."""
    found = {".": stat.S_IMODE(root.stat().st_mode)}
    for entry in sorted(root.rglob("*")):
        found[entry.relative_to(root).as_posix()] = stat.S_IMODE(entry.lstat().st_mode)
    return found


def _not_private(root: Path) -> dict[str, str]:
    wrong = {}
    for rel, mode in _modes(root).items():
        want = 0o700 if (root / rel).is_dir() else 0o600
        if mode != want:
            wrong[rel] = oct(mode)
    return wrong


def _use_everything(root: Path) -> Store:
    """Every kind of write: data, settings, journal, daily backups over several days,
    a damaged file moved aside, an import (which re-takes the backup)."""
    clock = FakeClock(datetime(2026, 11, 1, 9, tzinfo=UTC))
    store = open_store(root, clock)
    fill(store)
    for day in range(2, 12):  # past the 7 kept backups, so pruning and linking run too
        clock.advance(days=1)
        store = open_store(root, clock)
        store.drinks.add(drink(100 + day, day=date(2026, 11, day)))
        store.diary.upsert(diary(date(2026, 11, day), notes=f"day {day}"))
    (root / "settings.json").write_bytes(b"{not json")  # damaged: moved aside at open
    os.chmod(root / "settings.json", 0o644)  # by a program that wrote it readable
    (root / "diary" / "2026.json").unlink()
    (root / "diary" / "2026.json").mkdir(mode=0o755)  # a folder where a file belongs
    (root / "diary" / "2026.json" / "x").write_text("x")
    store = open_store(root, clock)
    backup = store.export_json()
    store.results.add(result(9))
    store.import_json(backup)
    return store


def test_every_file_the_store_writes_is_private(tmp_path: Path) -> None:
    root = tmp_path / "data"
    _use_everything(root)
    modes = _modes(root)
    assert any(rel.startswith("backups/2026-11-") for rel in modes), "no backups were taken"
    assert any(".corrupt-" in rel for rel in modes), "the damaged file was not kept"
    assert any("journal" in rel for rel in modes) or (root / "meta.json").exists()
    assert len(modes) > 20, f"expected a full data folder, got {sorted(modes)}"
    assert _not_private(root) == {}


def test_the_pre_migration_copy_is_private(tmp_path: Path) -> None:
    """No migration step exists yet (schema 2 is the first shipped); the copy the runner
    keeps before any future step is made by keep_old_files, on a real folder here."""
    root = tmp_path / "data"
    open_store(root).drinks.add(drink(1))
    kept = opening.keep_old_files(root, 2, datetime(2026, 11, 1, 9, tzinfo=UTC))
    assert kept.is_dir() and any(p.is_file() for p in kept.rglob("*")), "no copy was kept"
    assert _not_private(root) == {}


def test_backups_an_older_version_left_readable_are_tightened(tmp_path: Path) -> None:
    root = tmp_path / "data"
    clock = FakeClock(datetime(2026, 11, 1, 9, tzinfo=UTC))
    open_store(root, clock).drinks.add(drink(1))
    clock.advance(days=1)
    open_store(root, clock).drinks.add(drink(2))  # the first backup
    for entry in (root / "backups").rglob("*"):  # what the old code wrote
        os.chmod(entry, 0o755 if entry.is_dir() else 0o644)
    os.chmod(root / "backups", 0o755)
    clock.advance(days=1)
    open_store(root, clock).drinks.add(drink(3))  # the next day's backup
    assert len(list((root / "backups").iterdir())) == 2
    assert _not_private(root) == {}


@pytest.mark.parametrize("ours", [True, False])
def test_a_given_folder_is_tightened_when_it_is_ours_or_empty(tmp_path: Path, ours: bool) -> None:
    root = tmp_path / "data"
    root.mkdir(mode=0o755)
    if ours:  # an earlier run made it, or it is new
        open_store(root).drinks.add(drink(1))
        os.chmod(root, 0o755)
    else:  # someone's folder with their own files in it
        (root / "notes.txt").write_text("mine")
    open_store(root).drinks.add(drink(2))
    assert stat.S_IMODE(root.stat().st_mode) == (0o700 if ours else 0o755)
    fresh = tmp_path / "empty"
    fresh.mkdir(mode=0o755)
    open_store(fresh)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o700


def test_make_private_leaves_links_alone(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("not ours")
    os.chmod(outside, 0o644)
    folder = tmp_path / "ours"
    folder.mkdir()
    (folder / "link").symlink_to(outside)
    make_private(folder)
    assert stat.S_IMODE(outside.stat().st_mode) == 0o644
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
