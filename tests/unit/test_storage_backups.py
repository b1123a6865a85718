"""Rolling daily backups: one per day, the newest 7 kept, unchanged files shared."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from tests.unit.storage_fixtures.factories import FakeClock, drink, open_store, result


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
