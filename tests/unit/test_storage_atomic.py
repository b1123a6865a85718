"""The atomic TinyDB storage, the journal, and leftover temp files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tinydb import TinyDB

from app.storage import files as journal
from app.storage.files import AtomicJSONStorage, atomic_write, clean_temp_files
from tests.unit.storage_fixtures.factories import drink, open_store


def test_atomic_write_replaces_the_whole_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "f.json"
    atomic_write(target, b"one")
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in target.parent.iterdir()) == ["f.json"]


def test_tinydb_with_atomic_storage_writes_through(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    db = TinyDB(path, storage=AtomicJSONStorage)
    db.insert({"a": 1})
    inode = path.stat().st_ino
    db.insert({"a": 2})
    assert path.stat().st_ino != inode  # a new file was renamed into place, not rewritten
    assert json.loads(path.read_text()) == {"_default": {"1": {"a": 1}, "2": {"a": 2}}}
    assert TinyDB(path, storage=AtomicJSONStorage).all() == [{"a": 1}, {"a": 2}]


def test_unserialisable_data_leaves_the_old_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    db = TinyDB(path, storage=AtomicJSONStorage)
    db.insert({"a": 1})
    with pytest.raises(ValueError):
        db.insert({"a": float("nan")})  # serialised first: fails before any file is touched
    assert json.loads(path.read_text()) == {"_default": {"1": {"a": 1}}}
    assert db.all() == [{"a": 1}]  # the failed write is not kept in memory either


def test_journal_round_trip_and_replay(tmp_path: Path) -> None:
    (tmp_path / "old.json").write_bytes(b"old")
    changes: journal.Changes = {"a/x.json": b"x" * 10, "old.json": None, "b.json": b""}
    assert journal.decode(journal.encode(changes)) == changes
    (tmp_path / journal.JOURNAL_NAME).write_bytes(journal.encode(changes))
    assert journal.replay(tmp_path) is True
    assert (tmp_path / "a" / "x.json").read_bytes() == b"x" * 10
    assert (tmp_path / "b.json").read_bytes() == b""
    assert not (tmp_path / "old.json").exists()
    assert not (tmp_path / journal.JOURNAL_NAME).exists()
    assert journal.replay(tmp_path) is False


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"LIPCHECK-JOURNAL 1\n",
        b"LIPCHECK-JOURNAL 1\n{}\n",
        b'LIPCHECK-JOURNAL 1\n[["a.json", 5]]\nabc',
        b'LIPCHECK-JOURNAL 1\n[["../../etc/passwd", 1]]\nx',
        b'LIPCHECK-JOURNAL 1\n[["/abs.json", 1]]\nx',
        b'LIPCHECK-JOURNAL 1\n[["a.json", "5"]]\nabcde',
    ],
)
def test_bad_journals_are_refused(raw: bytes) -> None:
    with pytest.raises(journal.JournalError):
        journal.decode(raw)


def test_open_removes_temp_files_left_by_a_killed_writer(tmp_path: Path) -> None:
    open_store(tmp_path).drinks.add(drink(1))
    leftover = tmp_path / "drinks" / ".2026-11.json.123.abcd1234.tmp"
    leftover.write_bytes(b"half")
    keep = tmp_path / "drinks" / "notes.tmp.txt"
    keep.write_bytes(b"not ours")
    assert open_store(tmp_path).drinks.total_ml(drink(1).at.date()) == 250
    assert not leftover.exists() and keep.exists()
    assert clean_temp_files(tmp_path / "missing") == 0
