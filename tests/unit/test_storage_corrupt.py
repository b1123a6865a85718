"""Bad files are moved aside (never overwritten or dropped) and restored from backups."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from app.records import AppSettings
from app.storage import NewerDataError, RecoveryNotice, Store
from tests.unit.storage_fixtures.factories import (
    FIXTURES,
    FakeClock,
    diary,
    drink,
    open_store,
    result,
)

CORPUS = sorted(
    p for p in (FIXTURES / "corrupt").iterdir() if p.name not in ("README.md", "newer_schema.json")
)
NEWER = FIXTURES / "corrupt" / "newer_schema.json"
DAY = date(2026, 11, 24)
REASONS = {
    "empty.json": "empty",
    "whitespace.json": "empty",
    "truncated.json": "not valid JSON",
    "garbage.bin": "garbage bytes",
    "not_json.json": "not valid JSON",
    "nul_bytes.json": "not valid JSON",
    "wrong_shape_list.json": "wrong shape",
    "wrong_shape_table.json": "wrong shape",
    "no_meta.json": "_meta",
    "wrong_kind.json": "'diary' data",
    "unknown_table.json": "unexpected table 'extra'",
    "invalid_record.json": "record 2 in drinks: ml: must be more than 0",
    "missing_field.json": "record 1 in drinks: ml: is missing",
    "naive_datetime.json": "record 1 in drinks: at: must carry a time zone",
    "wrong_type.json": "record 1 in drinks: ml: must be a whole number",
    "misplaced_record.json": "belongs in drinks/2026-10.json",
    "duplicate_ids.json": "repeats x1",
}


def test_every_corpus_file_has_an_expected_reason() -> None:
    assert {p.name for p in CORPUS} == set(REASONS)


def _only_notice(store: Store, path: Path) -> RecoveryNotice:
    assert len(store.notices) == 1, store.notices
    notice = store.notices[0]
    assert notice.file == path
    return notice


@pytest.mark.parametrize("bad", CORPUS, ids=lambda p: p.name)
def test_bad_file_without_backup_is_moved_aside_and_store_starts_empty(
    tmp_path: Path, bad: Path
) -> None:
    open_store(tmp_path)
    target = tmp_path / "drinks" / "2026-11.json"
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(bad.read_bytes())

    store = open_store(tmp_path)

    notice = _only_notice(store, target)
    assert REASONS[bad.name] in notice.reason
    assert notice.moved_to == tmp_path / "drinks" / "2026-11.json.corrupt-20261124T101500Z"
    assert notice.moved_to.read_bytes() == bad.read_bytes()  # kept exactly as it was
    assert notice.restored_from is None
    assert str(notice.moved_to) in notice.message and "starts empty" in notice.message
    assert notice.message.startswith("The saved file drinks/2026-11.json could not be used")
    assert store.drinks.total_ml(DAY) == 0
    store.drinks.add(drink(1))  # the folder works again ...
    assert open_store(tmp_path).notices == (notice,)  # told again until a screen showed it
    store.mark_notices_seen()
    again = open_store(tmp_path)
    assert again.notices == ()
    assert again.drinks.total_ml(DAY) == 250
    assert notice.moved_to.read_bytes() == bad.read_bytes()  # ... and the old file is still kept


def _three_days_of_backups(tmp_path: Path) -> FakeClock:
    """d1 on Nov 20, d2 on Nov 21, d3 on Nov 22; snapshots taken at each later open."""
    clock = FakeClock(datetime(2026, 11, 20, 9, 0, tzinfo=UTC))
    for n in (1, 2, 3):
        open_store(tmp_path, clock).drinks.add(drink(n, minute=n))
        clock.advance(days=1)
    return clock


@pytest.mark.parametrize("bad", CORPUS, ids=lambda p: p.name)
def test_bad_file_is_restored_from_the_newest_good_backup(tmp_path: Path, bad: Path) -> None:
    clock = _three_days_of_backups(tmp_path)  # now Nov 23: no open yet that day
    target = tmp_path / "drinks" / "2026-11.json"
    target.write_bytes(bad.read_bytes())

    store = open_store(tmp_path, clock)

    notice = _only_notice(store, target)
    assert notice.restored_from == tmp_path / "backups" / "2026-11-22" / "drinks" / "2026-11.json"
    assert notice.moved_to is not None and notice.moved_to.read_bytes() == bad.read_bytes()
    assert [d.id for d in store.drinks.list_day(DAY)] == ["d1", "d2"]
    assert "restored from the backup" in notice.message


def test_a_bad_newest_backup_is_skipped(tmp_path: Path) -> None:
    clock = _three_days_of_backups(tmp_path)
    (tmp_path / "backups" / "2026-11-22" / "drinks" / "2026-11.json").write_bytes(b"{")
    (tmp_path / "drinks" / "2026-11.json").write_bytes(b"")
    store = open_store(tmp_path, clock)
    notice = store.notices[0]
    assert notice.restored_from == tmp_path / "backups" / "2026-11-21" / "drinks" / "2026-11.json"
    assert [d.id for d in store.drinks.list_day(DAY)] == ["d1"]


def test_backups_are_copies_not_links_to_live_files(tmp_path: Path) -> None:
    _three_days_of_backups(tmp_path)
    live = tmp_path / "drinks" / "2026-11.json"
    live.write_bytes(b"scribbled over in place")  # same inode, as an editor might do
    backup = tmp_path / "backups" / "2026-11-22" / "drinks" / "2026-11.json"
    assert json.loads(backup.read_bytes())["_meta"]["1"]["kind"] == "drinks"


def test_old_month_is_checked_and_repaired_when_first_used(tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 11, 20, tzinfo=UTC))
    open_store(tmp_path, clock).drinks.add(drink(1, day=date(2025, 3, 3)))
    clock.advance(days=1)
    open_store(tmp_path, clock)  # takes the Nov 21 backup
    old = tmp_path / "drinks" / "2025-03.json"
    old.write_bytes(b"\x00\x00")
    store = open_store(tmp_path, clock)
    assert store.notices == ()  # old months are not read at open (only by the daily backup)
    assert store.drinks.total_ml(date(2025, 3, 3)) == 250
    assert [n.file for n in store.notices] == [old]
    store.snapshot()  # reads every file: nothing else was damaged
    assert [n.file for n in store.notices] == [old]


def test_reading_everything_finds_damage_anywhere(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.drinks.add(drink(1, day=date(2024, 1, 1)))
    store.diary.upsert(diary(date(2023, 5, 5)))
    open_store(tmp_path)  # today's backup (it checks every file) is taken before the damage
    (tmp_path / "drinks" / "2024-01.json").write_bytes(b"[]")
    (tmp_path / "diary" / "2023.json").write_bytes(b"{}")
    store = open_store(tmp_path)
    store.snapshot()
    found = store.notices
    assert {n.file.name for n in found} == {"2024-01.json", "2023.json"}


def test_same_second_corruptions_get_distinct_names(tmp_path: Path) -> None:
    open_store(tmp_path)
    target = tmp_path / "settings.json"
    for _ in range(2):
        target.write_bytes(b"nope")
        open_store(tmp_path)
    names = sorted(p.name for p in tmp_path.iterdir() if ".corrupt-" in p.name)
    stem = "settings.json.corrupt-20261124T101500Z"
    assert names == [stem, f"{stem}-2"]


def test_bad_settings_file(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.settings.save_app(AppSettings(theme="dark"))
    bad = {
        "_meta": {"1": {"schema_version": 2, "kind": "settings"}},
        "app": {"1": {"theme": "purple", "first_noticed": None}},
    }
    (tmp_path / "settings.json").write_text(json.dumps(bad))
    again = open_store(tmp_path)
    assert "theme" in again.notices[0].reason
    assert again.settings.get_app() == AppSettings()


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("rel", ["meta.json", "drinks/2026-11.json"])
def test_newer_data_is_refused_and_nothing_is_changed(tmp_path: Path, rel: str) -> None:
    open_store(tmp_path).drinks.add(drink(1))
    if rel == "meta.json":
        (tmp_path / rel).write_text('{"_meta": {"1": {"schema_version": 9, "kind": "meta"}}}')
    else:
        (tmp_path / rel).write_bytes(NEWER.read_bytes())
    before = _tree(tmp_path)
    with pytest.raises(
        NewerDataError, match="written by a newer version of Lip Twitch Check; update the app"
    ):
        open_store(tmp_path, FakeClock(datetime(2026, 12, 1, tzinfo=UTC)))  # a new day, too
    assert _tree(tmp_path) == before


def test_an_old_history_index_even_damaged_is_dropped_not_reported(tmp_path: Path) -> None:
    """Earlier releases kept results/index.json, derived from the month files."""
    store = open_store(tmp_path)
    store.results.add(result(1))
    store.results.add(result(2, at=datetime(2024, 2, 2, tzinfo=UTC)))
    (tmp_path / "results" / "index.json").write_bytes(b'{"_meta": ')
    again = open_store(tmp_path)
    assert again.notices == () and not (tmp_path / "results" / "index.json").exists()
    assert [r.id for r in again.results.list()] == ["r1", "r2"]


def test_bad_result_month_is_restored_from_the_backup(tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 11, 20, tzinfo=UTC))
    open_store(tmp_path, clock).results.add(result(1))
    clock.advance(days=1)
    store = open_store(tmp_path, clock)  # backup of Nov 21 has r1
    store.results.add(result(2))
    (tmp_path / "results" / "2026-11.json").write_bytes(b"")
    again = open_store(tmp_path, clock)
    assert again.results.get("r1") == result(1)
    assert again.results.get("r2") is None
    assert [r.id for r in again.results.list()] == ["r1"]
    assert len(again.notices) == 1


def test_unreadable_journal_is_moved_aside(tmp_path: Path) -> None:
    open_store(tmp_path).drinks.add(drink(1))
    header = b'[["drinks/2026-11.json", 99]]'
    (tmp_path / "journal.bin").write_bytes(b"LIPCHECK-JOURNAL 1\n" + header + b"\nshort")
    store = open_store(tmp_path)
    (notice,) = store.notices
    assert notice.moved_to is not None
    assert re.search(r"journal\.bin\.corrupt-\d{8}T\d{6}Z$", str(notice.moved_to))
    assert store.drinks.total_ml(DAY) == 250
