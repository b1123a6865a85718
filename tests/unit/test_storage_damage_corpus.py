"""Every data file, damaged in every way we know of: the app opens, nothing beyond the
last backup is lost, and the user is told (the notice is on disk, so a restart or a
crash does not hide it). Data a newer version wrote is refused and left as it was.

The folder holds a bit of everything across two months and two years (factories.fill)
and a backup taken the next day; then one file is damaged and the store reopened,
the same day (files are read when used) or a day later (the daily backup reads all).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.config import AppConfig
from app.storage import NewerDataError, Store, layout
from app.storage.exchange import Snapshot
from tests.unit.storage_fixtures.factories import FakeClock, fill, open_store

DAY1 = datetime(2026, 11, 24, 10, tzinfo=UTC)
Damage = Callable[[Path], None]


def _first_string(data: Any) -> tuple[Any, Any] | None:
    """(container, key) of the first text value inside a record (not in _meta)."""
    stack = [data[k] for k in data if k != "_meta"] if isinstance(data, dict) else []
    while stack:
        node = stack.pop(0)
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            if isinstance(value, str) and value:
                return node, key
            if isinstance(value, (dict, list)):
                stack.append(value)
    return None


def surrogate(path: Path) -> None:
    data = json.loads(path.read_bytes())
    spot = _first_string(data)
    if spot is None:  # meta.json holds no records: break its kind instead
        data["_meta"]["1"]["kind"] += "\ud83d"
    else:
        spot[0][spot[1]] += "\ud83d"
    path.write_text(json.dumps(data))  # ensure_ascii: written as the escape \\ud83d


def _schema(value: str) -> Damage:
    def damage(path: Path) -> None:
        raw = path.read_bytes()
        assert b'"schema_version":2' in raw
        path.write_bytes(raw.replace(b'"schema_version":2', b'"schema_version":' + value.encode()))

    return damage


def key_twice(path: Path) -> None:
    """The file's last table named again, empty: plain json.loads keeps the second,
    and the first one's records were lost with no notice (found by an outside probe)."""
    raw = path.read_bytes()
    last = list(json.loads(raw))[-1]
    assert raw.endswith(b"}")
    path.write_bytes(raw[:-1] + b"," + json.dumps(last).encode() + b":{}}")


def directory(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "stray.json").write_text("{}")


DAMAGES: dict[str, Damage] = {
    "deleted": lambda p: p.unlink(),
    "directory": directory,
    "nested_100000_deep": lambda p: p.write_text("[" * 100_000 + "]" * 100_000),
    "huge_integer": _schema("9" * 5000),
    "huge_float": _schema("1e999"),
    "lone_surrogate": surrogate,
    "truncated": lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
    "empty": lambda p: p.write_bytes(b""),
    "garbage": lambda p: p.write_bytes(os.urandom(64) + b"\xff"),
    "key_twice": key_twice,
}


def _template(root: Path) -> tuple[Snapshot, FakeClock]:
    clock = FakeClock(DAY1)
    fill(open_store(root, clock))
    clock.advance(days=1)
    store = open_store(root, clock)  # the next day's backup holds everything
    assert (root / "backups" / "2026-11-25").is_dir()
    return store.snapshot(), clock


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Snapshot, list[str]]:
    root = tmp_path_factory.mktemp("template")
    snap, _clock = _template(root)
    files = layout.data_files(root)
    assert len(files) >= 11  # meta, settings, 2 result months, 3 drink months, 4 years
    return root, snap, files


def _copy(template: Path, target: Path) -> Path:
    shutil.copytree(template, target, symlinks=True)
    return target


def _everything(store: Store) -> Snapshot:
    store.results.list()
    return store.snapshot()


def _all_cases() -> list[tuple[str, str]]:
    root = Path(os.environ.get("TMPDIR", "/tmp")) / f"corpus-list-{os.getpid()}"
    shutil.rmtree(root, ignore_errors=True)
    _template(root)
    files = layout.data_files(root)
    shutil.rmtree(root, ignore_errors=True)
    return [(rel, damage) for rel in files for damage in DAMAGES]


CASES = _all_cases()


@pytest.mark.parametrize("days_later", [0, 1], ids=["same-day", "next-day"])
@pytest.mark.parametrize(("rel", "damage"), CASES, ids=[f"{r}-{d}" for r, d in CASES])
def test_damage_loses_nothing_beyond_the_backup_and_is_told(
    template: tuple[Path, Snapshot, list[str]],
    tmp_path: Path,
    rel: str,
    damage: str,
    days_later: int,
) -> None:
    source, full, _files = template
    root = _copy(source, tmp_path / "data")
    DAMAGES[damage](root / rel)
    clock = FakeClock(DAY1 + timedelta(days=1 + days_later))

    store = open_store(root, clock)
    assert _everything(store) == full

    told = [n for n in store.notices if n.file == root / rel]
    assert told, (rel, damage, store.notices)
    assert rel.rsplit("/", 1)[-1] in told[0].message
    again = open_store(root, clock)  # a restart (or a crash) does not hide it
    assert [n for n in again.notices if n.file == root / rel]
    assert _everything(again) == full
    assert again.notices == store.notices or len(again.notices) >= len(told)


def _meta_last(path: Path) -> None:
    data = json.loads(path.read_bytes())
    rest = {k: v for k, v in data.items() if k != "_meta"}
    path.write_text(json.dumps({**rest, "_meta": data["_meta"]}))


SHAPES: dict[str, Damage] = {
    "as_written": lambda p: None,
    "padded": lambda p: p.write_bytes(b" " * 300 + p.read_bytes()),  # version past 256 bytes
    "meta_last": _meta_last,
}


@pytest.mark.parametrize("days", [1, 2], ids=["backup_taken_today", "next_day"])
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("rel", ["meta.json", "drinks/2025-12.json", "settings.json"])
def test_data_from_a_newer_version_is_refused_and_nothing_changes(
    template: tuple[Path, Snapshot, list[str]], tmp_path: Path, rel: str, shape: str, days: int
) -> None:
    root = _copy(template[0], tmp_path / "data")
    _schema("3")(root / rel)
    SHAPES[shape](root / rel)
    before = {p: p.read_bytes() if p.is_file() else None for p in root.rglob("*")}
    with pytest.raises(NewerDataError, match="newer version of Lip Twitch Check; update the app"):
        open_store(root, FakeClock(DAY1 + timedelta(days=days)))
    after = {p: p.read_bytes() if p.is_file() else None for p in root.rglob("*")}
    assert after == before  # not a byte changed, no folder added (a staging backup once was)


def test_the_app_shows_the_cannot_start_page_for_newer_data(
    template: tuple[Path, Snapshot, list[str]], tmp_path: Path
) -> None:
    from app.ui.frame.app import create_app

    root = _copy(template[0], tmp_path / "data")
    _schema("3")(root / "meta.json")
    _main, problem = create_app(AppConfig(data_dir=root))
    assert problem is not None and "update the app" in problem


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_an_unreadable_file_is_restored(
    template: tuple[Path, Snapshot, list[str]], tmp_path: Path
) -> None:
    source, full, _files = template
    root = _copy(source, tmp_path / "data")
    (root / "drinks" / "2025-12.json").chmod(0)
    store = open_store(root, FakeClock(DAY1 + timedelta(days=1)))
    assert _everything(store) == full
    assert any("could not be read" in n.reason for n in store.notices)
