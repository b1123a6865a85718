"""Rolling daily backups: one per day, the newest 7 kept, unchanged files shared, only
checked files kept; erase leaves no copy anywhere."""

from __future__ import annotations

import errno
import os
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.storage import files as journal
from app.storage import layout
from app.storage.backups import Backups
from app.storage.errors import StorageError
from tests.unit.storage_fixtures.factories import (
    FIXTURES,
    FakeClock,
    drink,
    fill,
    open_store,
    result,
)


def test_one_backup_per_day_keep_seven(tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 11, 1, 9, tzinfo=UTC))
    for n in range(10):
        store = open_store(tmp_path, clock)
        store.drinks.add(drink(n))
        open_store(tmp_path, clock)  # a second open the same day takes no new backup
        clock.advance(days=1)
    names = sorted(p.name for p in (tmp_path / "backups").iterdir())
    assert names == [f"2026-11-{d:02d}" for d in range(4, 11)]


def test_backup_taken_at_the_first_commit_of_a_new_day(tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 11, 1, 23, 0, tzinfo=UTC))
    store = open_store(tmp_path, clock)
    store.drinks.add(drink(1))
    clock.advance(hours=2)  # a long-running server crosses midnight
    store.drinks.add(drink(2))
    copy = tmp_path / "backups" / "2026-11-02" / "drinks" / "2026-11.json"
    assert b'"d1"' in copy.read_bytes() and b'"d2"' not in copy.read_bytes()


def test_unchanged_files_are_linked_between_backups(tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 11, 1, tzinfo=UTC))
    store = open_store(tmp_path, clock)
    store.results.add(result(1, at=datetime(2025, 1, 1, tzinfo=UTC)))
    store.drinks.add(drink(1))
    for _ in range(2):
        clock.advance(days=1)
        open_store(tmp_path, clock).drinks.add(drink(clock.now.day, day=date(2026, 11, 24)))
    old_a = tmp_path / "backups" / "2026-11-02" / "results" / "2025-01.json"
    old_b = tmp_path / "backups" / "2026-11-03" / "results" / "2025-01.json"
    assert old_a.stat().st_ino == old_b.stat().st_ino  # unchanged: shared
    live = tmp_path / "results" / "2025-01.json"
    assert live.stat().st_ino != old_a.stat().st_ino  # never a link to the live file
    new_a = tmp_path / "backups" / "2026-11-02" / "drinks" / "2026-11.json"
    new_b = tmp_path / "backups" / "2026-11-03" / "drinks" / "2026-11.json"
    assert new_a.read_bytes() != new_b.read_bytes()


def test_empty_folder_takes_no_backup(tmp_path: Path) -> None:
    open_store(tmp_path)
    assert not (tmp_path / "backups").exists()


# --- erase leaves nothing; backups never rot ----------------------------------------------

MARKERS = (b'"d1"', b'"r1"', b"long day", b"Europe/Berlin", b"corrupt")
# newer_schema.json is not damage: it is refused, never left out (test_storage_corrupt.py)
SKIP = ("README.md", "newer_schema.json")
CORPUS = sorted(p for p in (FIXTURES / "corrupt").iterdir() if p.name not in SKIP)


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


@settings(max_examples=20, deadline=None)
@given(days_later=st.integers(0, 9), hours=st.integers(0, 23), damaged=st.booleans())
def test_erase_leaves_no_copy_of_the_data_even_on_the_first_commit_of_a_new_day(
    days_later: int, hours: int, damaged: bool
) -> None:
    """The erase is the day's first commit (the last backup is from an earlier day):
    it must not take that day's backup of the data it is about to delete."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        clock = FakeClock(datetime(2026, 11, 24, 10, tzinfo=UTC))
        fill(open_store(root, clock))
        clock.advance(days=1)
        store = open_store(root, clock)  # backs up the filled folder
        if damaged:
            (root / "diary" / "2025.json").write_bytes(b'{"corrupt": "long day"')
        clock.advance(days=days_later, hours=hours)
        store.erase_all()
        left = [p.relative_to(root).as_posix() for p in _files(root)]
        assert left == [".lock", "meta.json"] and (root / ".lock").read_bytes() == b""
        for path in _files(root):
            assert not any(m in path.read_bytes() for m in MARKERS), path
        store.drinks.add(drink(9))  # later commits the same day back up nothing erased
        open_store(root, clock)
        for path in _files(root):
            assert not any(m in path.read_bytes() for m in MARKERS), path


def test_import_on_a_new_day_keeps_the_replaced_data_in_that_days_backup(tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 11, 24, 10, tzinfo=UTC))
    other = open_store(tmp_path / "other", clock)
    other.drinks.add(drink(42))
    store = open_store(tmp_path / "data", clock)
    fill(store)
    clock.advance(days=1)
    store.import_json(other.export_json())
    live = (tmp_path / "data" / "drinks" / "2026-11.json").read_bytes()
    kept = (tmp_path / "data" / "backups" / "2026-11-25" / "drinks" / "2026-11.json").read_bytes()
    assert b'"d42"' in live and b'"d1"' not in live
    assert b'"d1"' in kept and b'"d42"' not in kept


def test_import_the_same_day_keeps_what_was_entered_since_opening(tmp_path: Path) -> None:
    """Today's backup was taken at open; an import retakes it, so data entered after
    opening is in a backup too, not only what the day started with."""
    clock = FakeClock(datetime(2026, 11, 24, 10, tzinfo=UTC))
    other = open_store(tmp_path / "other", clock)
    other.drinks.add(drink(42))
    store = open_store(tmp_path / "data", clock)
    fill(store)
    store = open_store(tmp_path / "data", clock)  # today's backup exists from here
    store.drinks.add(drink(77))
    store.import_json(other.export_json())
    kept = (tmp_path / "data" / "backups" / "2026-11-24" / "drinks" / "2026-11.json").read_bytes()
    assert b'"d77"' in kept and b'"d1"' in kept and b'"d42"' not in kept


def test_a_new_folder_is_backed_up_once_it_has_data(tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 11, 24, 10, tzinfo=UTC))
    store = open_store(tmp_path, clock)
    store.drinks.add(drink(1))  # the first commit writes the first files
    store.drinks.add(drink(2))  # the next one finds something to back up
    copy = tmp_path / "backups" / "2026-11-24" / "drinks" / "2026-11.json"
    assert b'"d1"' in copy.read_bytes()


def test_an_erase_that_fails_keeps_the_data_and_its_backups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk cannot be made on demand, so the final write is made to fail."""
    clock = FakeClock(datetime(2026, 11, 24, 10, tzinfo=UTC))
    fill(open_store(tmp_path, clock))
    store = open_store(tmp_path, clock)
    before = sorted(p.relative_to(tmp_path) for p in _files(tmp_path / "backups"))
    assert before

    def full_disk(root: Path, changes: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(journal, "commit", full_disk)
    with pytest.raises(StorageError):
        store.erase_all()
    monkeypatch.undo()
    assert sorted(p.relative_to(tmp_path) for p in _files(tmp_path / "backups")) == before
    assert open_store(tmp_path, clock).drinks.total_ml(date(2026, 11, 24)) > 0


def test_backups_a_committed_erase_left_set_aside_are_gone_at_the_next_open(
    tmp_path: Path,
) -> None:
    aside = tmp_path / ".erasing-backups" / "2026-11-23"
    aside.mkdir(parents=True)
    (aside / "meta.json").write_bytes(b"{}")
    (tmp_path / ".erase-committed").write_bytes(b"erased\n")  # written by the erase's commit
    open_store(tmp_path)
    assert not (tmp_path / ".erasing-backups").exists()
    assert not (tmp_path / ".erase-committed").exists()


def test_an_erase_cut_short_before_its_commit_keeps_its_backups(tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 11, 24, 10, tzinfo=UTC))
    fill(open_store(tmp_path, clock))
    open_store(tmp_path, clock)  # takes the day's backup
    before = sorted(p.relative_to(tmp_path) for p in _files(tmp_path / "backups"))
    assert before
    os.replace(tmp_path / "backups", tmp_path / ".erasing-backups")  # where the crash left it
    store = open_store(tmp_path, clock)
    assert sorted(p.relative_to(tmp_path) for p in _files(tmp_path / "backups")) == before
    assert not (tmp_path / ".erasing-backups").exists()
    assert store.drinks.total_ml(date(2026, 11, 24)) > 0


def _every_backup_copy_parses(root: Path) -> None:
    for folder in Backups(root).dated():
        for copy in _files(folder):
            layout.parse(copy.read_bytes(), copy.relative_to(folder).as_posix())


@settings(max_examples=25, deadline=None)
@given(bad=st.sampled_from(CORPUS), damaged_on=st.integers(1, 3), days=st.integers(8, 12))
def test_a_damaged_file_never_pushes_its_last_good_copy_out_of_the_backups(
    bad: Path, damaged_on: int, days: int
) -> None:
    """Snapshots alone (nothing repairs the live file, as when the app has it loaded):
    the damaged file stays out, and every new snapshot keeps its last good copy."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        fill(open_store(root))
        rel = "drinks/2026-11.json"
        good = (root / rel).read_bytes()
        backups = Backups(root)
        start = date(2026, 11, 24)
        for n in range(days):
            if n == damaged_on:
                (root / rel).write_bytes(bad.read_bytes())
            left_out = backups.snapshot(start + timedelta(days=n))
            assert left_out is not None
            assert (rel in left_out) == (n >= damaged_on)
        newest = backups.dated()
        assert len(newest) == 7 and newest[0].name == (start + timedelta(days=days - 1)).isoformat()
        assert (newest[0] / rel).read_bytes() == good
        assert backups.good_copy(rel) is not None
        _every_backup_copy_parses(root)


def test_a_damaged_old_month_is_repaired_from_the_backup_and_kept_over_many_days(
    tmp_path: Path,
) -> None:
    """An old month nothing reads is checked by the next daily backup: it is moved
    aside and restored at once, and the backups never hold the damaged bytes."""
    clock = FakeClock(datetime(2026, 11, 24, 10, tzinfo=UTC))
    fill(open_store(tmp_path, clock))
    clock.advance(days=1)
    open_store(tmp_path, clock)  # 2026-11-25: a good backup
    old = tmp_path / "drinks" / "2025-12.json"
    good = old.read_bytes()
    old.write_bytes(good[: len(good) // 2])  # cut off
    clock.advance(days=1)
    store = open_store(tmp_path, clock)
    [notice] = store.notices
    assert notice.file == old and "not valid JSON" in notice.reason
    first = tmp_path / "backups" / "2026-11-25" / "drinks" / "2025-12.json"
    carried = tmp_path / "backups" / "2026-11-26" / "drinks" / "2025-12.json"
    assert notice.restored_from == carried  # today's backup kept the good copy (a link)
    assert carried.stat().st_ino == first.stat().st_ino
    assert notice.moved_to is not None and notice.moved_to.read_bytes() == good[: len(good) // 2]
    assert old.read_bytes() == good
    assert open_store(tmp_path, clock).notices == (notice,)  # kept until a screen shows it
    store.mark_notices_seen()
    for _ in range(10):
        clock.advance(days=1)
        again = open_store(tmp_path, clock)
        again.drinks.add(drink(clock.now.day + 100, day=clock.now.date()))
        assert again.notices == ()
    assert (Backups(tmp_path).dated()[0] / "drinks" / "2025-12.json").read_bytes() == good
    assert [d.id for d in open_store(tmp_path, clock).drinks.list_day(date(2025, 12, 31))] == ["d7"]
    _every_backup_copy_parses(tmp_path)
