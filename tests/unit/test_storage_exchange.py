"""Export (JSON + CSV), erase-all and import: all or nothing, clear messages."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from app.errors import LipCheckError
from app.storage import ImportError_, ImportFileError, Store
from app.storage.exchange import Snapshot
from tests.unit.storage_fixtures.factories import diary, drink, fill, open_store


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "backups" not in p.parts
    }


def test_export_erase_import_gives_back_equal_data(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    fill(store)
    before = store.snapshot()
    text = store.export_json()

    store.erase_all()
    empty = store.snapshot()
    assert empty.results == empty.drinks == empty.sleep == empty.diary == ()
    store = open_store(tmp_path)  # as after a restart: the erase is on disk
    assert store.drinks.total_ml(date(2026, 11, 24)) == 0

    assert store.import_json(text) == before
    assert store.snapshot() == before
    again = open_store(tmp_path)
    assert again.snapshot() == before
    assert again.notices == ()
    assert [r.id for r in again.results.list()] == ["r1", "r2"]


def test_export_format_is_versioned_json(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    fill(store)
    doc = json.loads(store.export_json())
    assert doc["format"] == "lip-twitch-check-backup"
    assert doc["format_version"] == 2
    assert doc["exported_at"] == "2026-11-24T10:15:00+00:00"
    assert doc["drinks"][0] == {"id": "d7", "at": "2025-12-31T08:00:00+01:00", "ml": 250}


def test_a_backup_leaves_out_the_notifications_this_device_showed(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    fill(store)
    shown = (("lipcheck-hydration-2026-11-24T10:00", "n" * 22),)
    until = datetime(2026, 11, 24, 11, tzinfo=UTC)
    state = replace(
        store.settings.get_reminder_state(), notified=shown, snoozed_until=(("hydration", until),)
    )
    store.settings.save_reminder_state(state)
    text = store.export_json()
    assert "n" * 22 not in text and "lipcheck-hydration" not in text
    doc = json.loads(text)["settings"]["reminder_state"]
    assert doc["notified"] == []
    assert doc["snoozed_until"] == [["hydration", until.isoformat()]]  # the rest is kept
    assert store.settings.get_reminder_state().notified == shown  # the device keeps its own


def test_import_replaces_everything(tmp_path: Path) -> None:
    source = open_store(tmp_path / "a")
    source.drinks.add(drink(1))
    text = source.export_json()
    target = open_store(tmp_path / "b")
    fill(target)
    target.import_json(text)
    snap = target.snapshot()
    assert snap.drinks == (drink(1),) and snap.results == () and snap.diary == ()
    assert not (tmp_path / "b" / "drinks" / "2025-12.json").exists()


def test_erase_all_removes_backups_and_moved_aside_copies(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    fill(store)
    (tmp_path / "diary" / "2025.json").write_bytes(b"broken")
    store = open_store(tmp_path)
    store.diary.get(date(2025, 12, 30))
    assert store.notices
    assert (tmp_path / "backups").exists()
    store.erase_all()
    assert store.notices == ()
    leftovers = [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()]
    assert leftovers == [".lock", "meta.json"]  # the lock file is empty
    assert (tmp_path / ".lock").read_bytes() == b""


def test_csv_export(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    fill(store)
    store.diary.upsert(diary(date(2026, 11, 25), notes='=HYPERLINK("x"), "quoted", new\nline'))
    files = store.export_csv()
    assert sorted(files) == ["diary.csv", "drinks.csv", "results.csv", "sleep.csv"]
    drinks = list(csv.DictReader(io.StringIO(files["drinks.csv"])))
    assert len(drinks) == 7
    assert drinks[-1] == {
        "id": "d5",
        "at": "2026-11-24T08:05:00+01:00",
        "day": "2026-11-24",
        "ml": "250",
    }
    rows = list(csv.DictReader(io.StringIO(files["diary.csv"])))
    assert rows[-1]["notes"] == '\'=HYPERLINK("x"), "quoted", new\nline'  # formula defused
    results = list(csv.DictReader(io.StringIO(files["results.csv"])))
    assert results[1]["triggers"] == "caffeine; stress; sleep; screen time"
    assert json.loads(results[1]["answers"])[2] == ["where", ["upper lip", "eyelid"]]
    sleep = list(csv.DictReader(io.StringIO(files["sleep.csv"])))
    assert sleep[0] == {
        "night": "2025-12-30",
        "hours": "6.0",
        "bed": "23:00:00",
        "wake": "06:30:00",
    }


def _good(tmp_path: Path) -> dict[str, Any]:
    store = open_store(tmp_path / "source")
    fill(store)
    doc: dict[str, Any] = json.loads(store.export_json())
    return doc


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        target: Any = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _drop(path: tuple[Any, ...]) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        target: Any = doc
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


BROKEN_EDITS: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("ml zero", _set(("drinks", 2, "ml"), 0), "Record 3 in drinks: ml: must be more than 0"),
    ("ml text", _set(("drinks", 0, "ml"), "250"), "Record 1 in drinks: ml: must be a whole number"),
    ("ml bool", _set(("drinks", 0, "ml"), True), "Record 1 in drinks: ml: must be a whole number"),
    (
        "naive time",
        _set(("drinks", 1, "at"), "2026-11-24T08:00:00"),
        "Record 2 in drinks: at: must carry a time zone",
    ),
    ("bad date", _set(("diary", 0, "day"), "2025-02-30"), "Record 1 in diary: day:"),
    ("bad tier", _set(("results", 0, "tier"), "fine"), "Record 1 in results: tier: unknown tier"),
    ("extra field", _set(("sleep", 0, "mood"), "ok"), "Record 1 in sleep: mood: is not a known"),
    ("missing field", _drop(("sleep", 1, "hours")), "Record 2 in sleep: hours: is missing"),
    ("hours", _set(("sleep", 0, "hours"), 25), "Record 1 in sleep: hours: must be more than 0"),
    ("dup drink", _set(("drinks", 1, "id"), "d7"), "Record 2 in drinks: repeats d7 (record 1)"),
    ("dup day", _set(("diary", 1, "day"), "2025-12-30"), "Record 2 in diary: repeats 2025-12-30"),
    ("drinks not list", _set(("drinks",), {"a": 1}), "drinks: must be a list"),
    ("record not object", _set(("drinks", 0), [1, 2]), "Record 1 in drinks: record: must be"),
    ("no drinks", _drop(("drinks",)), "drinks: is missing"),
    ("newer", _set(("format_version",), 3), "newer version of Lip Twitch Check"),
    ("older", _set(("format_version",), 1), "format 1 is not supported"),
    ("no version", _drop(("format_version",)), "format_version: is missing"),
    ("other file", _set(("format",), "something-else"), "not a Lip Twitch Check backup"),
    ("unknown section", _set(("photos",), []), "unknown section 'photos'"),
    ("no settings", _drop(("settings",)), "settings: is missing"),
    (
        "bad goal",
        _set(("settings", "reminders", "hydration", "goal_ml"), 10),
        "settings.reminders: hydration.goal_ml: must be between 250 and 10,000 ml",
    ),
    ("bad theme", _set(("settings", "app", "theme"), "neon"), "settings.app: theme: choose"),
    (
        "bad snooze",
        _set(("settings", "reminder_state", "snoozed_until"), [["coffee", "x"]]),
        "settings.reminder_state: snoozed_until: 'x' is not a date and time",
    ),
    (
        "answer nan",
        _set(("results", 0, "answers", 1, 1), float("nan")),
        "Record 1 in results: answers: cups: number must be finite",
    ),
]


def _assert_refused(store: Store, tmp_path: Path, text: str, message: str) -> None:
    before_tree = _tree(tmp_path / "target")
    before = store.snapshot()
    with pytest.raises(ImportFileError) as caught:
        store.import_json(text)
    assert message in str(caught.value)
    assert _tree(tmp_path / "target") == before_tree  # not a byte changed
    assert store.snapshot() == before


@pytest.mark.parametrize(
    ("name", "edit", "message"), BROKEN_EDITS, ids=[b[0] for b in BROKEN_EDITS]
)
def test_broken_import_is_refused_and_changes_nothing(
    tmp_path: Path, name: str, edit: Callable[[dict[str, Any]], None], message: str
) -> None:
    doc = _good(tmp_path)
    edit(doc)
    store = open_store(tmp_path / "target")
    store.drinks.add(drink(42))
    _assert_refused(store, tmp_path, json.dumps(doc), message)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "not valid JSON"),
        ('{"format": "lip-twitch-check-backup", "format_ver', "not valid JSON"),
        ("[]", "not a Lip Twitch Check backup"),
        ("null", "not a Lip Twitch Check backup"),
        ("\x00\x01garbage", "not valid JSON"),
    ],
)
def test_non_backup_text_is_refused(tmp_path: Path, text: str, message: str) -> None:
    store = open_store(tmp_path / "target")
    store.drinks.add(drink(42))
    _assert_refused(store, tmp_path, text, message)


@pytest.mark.parametrize("where", ["top", "record"])
def test_a_backup_naming_a_key_twice_is_refused(tmp_path: Path, where: str) -> None:
    """json.loads keeps the last of two equal keys: `"drinks": [...], "drinks": []`
    would import no drinks at all, and a record's field twice would pick one unseen."""
    text = json.dumps(_good(tmp_path), indent=None)
    if where == "top":
        assert text.endswith("}")
        text = text[:-1] + ', "drinks": []}'
    else:
        text = text.replace('"ml": ', '"ml": 1, "ml": ', 1)
    store = open_store(tmp_path / "target")
    store.drinks.add(drink(42))
    key = "drinks" if where == "top" else "ml"
    _assert_refused(store, tmp_path, text, f"it names {key!r} twice")


def test_import_error_is_a_lipcheck_error_with_parts() -> None:
    assert ImportError_ is ImportFileError and issubclass(ImportFileError, LipCheckError)
    err = ImportFileError("Record 12 in drinks", "ml: must be more than 0")
    assert str(err) == "Record 12 in drinks: ml: must be more than 0."
    assert (err.where, err.problem) == ("Record 12 in drinks", "ml: must be more than 0")


def test_snapshot_is_sorted_and_complete(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    fill(store)
    snap = store.snapshot()
    assert isinstance(snap, Snapshot)
    assert [d.id for d in snap.drinks] == ["d7", "d6", "d1", "d2", "d3", "d4", "d5"]
