"""Which files make up the data folder, and what a good one looks like.

Schema 2 layout (paths relative to the data folder):
  meta.json            store-wide schema_version
  settings.json        tables app / reminders / reminder_state (one doc each)
  results/index.json   compact History rows (id, taken_at, tier, top_triggers)
  results/YYYY-MM.json full ResultRecords of that month
  drinks/YYYY-MM.json  DrinkLogs of that month (by the drink's own wall-clock date)
  sleep/YYYY.json      SleepLogs of that year;  diary/YYYY.json  DiaryEntries
Every file is TinyDB's JSON format plus a `_meta` table {schema_version, kind}, so a
file from another version or put in the wrong place is recognised, not misread.
meta.json's `_meta` also lists every data file that should exist (`files`), so a
deleted file is noticed and restored from a backup instead of read as "no data".
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from app.errors import ValidationError
from app.storage import codec, kinds
from app.storage.atomic import Tables, dumps
from app.storage.errors import NewerDataError
from app.storage.kinds import KINDS, SETTINGS_KINDS

CURRENT_VERSION = 2
META = "meta.json"
SETTINGS = "settings.json"
INDEX = "results/index.json"
SETTINGS_TABLES = tuple(SETTINGS_KINDS)
PARTITIONED = tuple(KINDS)


class BadFile(Exception):
    """A data file that must not be used; `reason` is shown to the user."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def month_rel(kind: str, day: date) -> str:
    return KINDS[kind].rel(day)


year_rel = month_rel  # the kind knows whether its files are per month or per year


def kind_of(rel: str) -> str | None:
    """The kind of data file at `rel`, or None for anything else (backups, moved-aside)."""
    if rel in (META, SETTINGS):
        return rel.removesuffix(".json")
    if rel == INDEX:
        return "index"
    folder, _, name = rel.partition("/")
    kind = KINDS.get(folder)
    return folder if kind is not None and kind.pattern.match(name) else None


def data_files(root: Path) -> list[str]:
    """Every data file present, as relative paths, oldest partition first. Anything
    with a data file's name counts (a directory too), so damage is seen, not skipped."""
    found = [rel for rel in (META, SETTINGS, INDEX) if os.path.lexists(root / rel)]
    for folder in PARTITIONED:
        if (root / folder).is_dir():
            names = sorted(p.name for p in (root / folder).iterdir())
            found += [f"{folder}/{n}" for n in names if kind_of(f"{folder}/{n}") == folder]
    return found


def partitions(root: Path, kind: str) -> list[str]:
    return [rel for rel in data_files(root) if kind_of(rel) == kind]


def make_tables(kind: str, tables: Mapping[str, Iterable[codec.Doc]]) -> Tables:
    """Build a file in the exact shape TinyDB writes (doc ids "1", "2", ...)."""
    out: Tables = {"_meta": {"1": {"schema_version": CURRENT_VERSION, "kind": kind}}}
    for name, docs in tables.items():
        out[name] = {str(i): doc for i, doc in enumerate(docs, start=1)}
    return out


MAX_FILES = 10_000


def meta_bytes(files: Iterable[str] | None = None, version: int = CURRENT_VERSION) -> bytes:
    doc: dict[str, Any] = {"schema_version": version, "kind": "meta"}
    if files is not None:
        doc["files"] = sorted(set(files))
    return dumps({"_meta": {"1": doc}})


def manifest(data: Tables) -> set[str] | None:
    """The data files meta.json says should exist (None if it predates the list)."""
    files = next(iter(data["_meta"].values())).get("files")
    return None if files is None else set(files)


_VERSION = re.compile(rb'"schema_version"\s*:\s*(\d{1,9})(?![\d.eE])')


def check_not_newer(head: bytes, where: str) -> None:
    """A quick look at a file's first bytes: refuse data a newer version wrote."""
    found = _VERSION.search(head)
    if found and int(found.group(1)) > CURRENT_VERSION:
        raise NewerDataError(where, int(found.group(1)), CURRENT_VERSION)


def _table_name(kind: str) -> tuple[str, ...]:
    if kind == "meta":
        return ()
    if kind == "settings":
        return SETTINGS_TABLES
    return (kind,)


def parse(raw: bytes, rel: str) -> Tables:
    """Decode and fully check one file; raises BadFile saying what is wrong."""
    kind = kind_of(rel)
    if kind is None:
        raise BadFile("it is not a data file")
    if not raw.strip():
        raise BadFile("the file is empty")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadFile("the file is not text (garbage bytes)") from None
    except ValueError as exc:
        raise BadFile(f"the file is not valid JSON, perhaps cut off ({exc})") from None
    except RecursionError:
        raise BadFile("the file is nested too deeply to be data") from None
    except (MemoryError, OverflowError) as exc:
        raise BadFile(f"the file holds a value too large to read ({type(exc).__name__})") from None
    if not isinstance(data, dict):
        raise BadFile("the file has the wrong shape (not a set of tables)")
    _check_meta(data.get("_meta"), kind, rel)
    allowed = _table_name(kind)
    for name, table in data.items():
        if name == "_meta":
            continue
        if name not in allowed:
            raise BadFile(f"the file has an unexpected table {name!r}")
        if not isinstance(table, dict) or not all(
            isinstance(k, str) and k.isdigit() and isinstance(v, dict) for k, v in table.items()
        ):
            raise BadFile(f"table {name!r} has the wrong shape")
    _check_records(data, kind, rel)
    return data


def _check_meta(meta: Any, kind: str, rel: str) -> None:
    docs = list(meta.values()) if isinstance(meta, dict) else []
    if len(docs) != 1 or not isinstance(docs[0], dict):
        raise BadFile("the file has no valid _meta table")
    version, found = docs[0].get("schema_version"), docs[0].get("kind")
    if isinstance(version, bool) or not isinstance(version, int):
        raise BadFile("the file has no valid schema_version")
    if version > CURRENT_VERSION:
        raise NewerDataError(rel, version, CURRENT_VERSION)
    files = docs[0].get("files", [])
    if set(docs[0]) - {"schema_version", "kind", *(("files",) if kind == "meta" else ())}:
        raise BadFile("the file's _meta table has unknown fields")
    if not isinstance(files, list) or len(files) > MAX_FILES:
        raise BadFile("the list of files is not a list")
    if not all(isinstance(f, str) and kind_of(f) not in (None, "meta") for f in files):
        raise BadFile("the list of files names something that is not a data file")
    if version < CURRENT_VERSION:
        raise BadFile(f"it uses an old layout (schema {version}), not schema {CURRENT_VERSION}")
    if found != kind:
        raise BadFile(f"it holds {found!r} data, not {kind!r}")


def key_of(kind: str, rel: str) -> Callable[[Any], tuple[Any, str]]:
    """For partitioned kinds: the record's unique key and the file it belongs in."""
    if kind in KINDS:
        return lambda r: (KINDS[kind].ident(r), KINDS[kind].home(r))
    return lambda r: (r.id, rel)


DECODERS: dict[str, Callable[[Any], Any]] = {**kinds.DECODERS, "index": kinds.summary_from}
MAX_DRINKS_PER_MONTH = KINDS["drinks"].max_per_file
MAX_RESULTS_PER_MONTH = KINDS["results"].max_per_file
MAX_RESULTS = 20_000
MAX_DOCS = {
    **{k.name: k.max_per_file for k in KINDS.values()},
    **dict.fromkeys(SETTINGS_KINDS, 1),
    "index": MAX_RESULTS,
}
"""Most records one file may hold; writes are refused (ValidationError) before this."""


def _check_records(data: Tables, kind: str, rel: str) -> None:
    for name in _table_name(kind):
        table = data.get(name, {})
        if kind == "settings" and len(table) > 1:
            raise BadFile(f"table {name!r} holds {len(table)} documents instead of one")
        key = key_of(kind, rel)
        seen: set[Any] = set()
        if len(table) > MAX_DOCS[name]:
            raise BadFile(f"table {name!r} holds {len(table)} records, more than {MAX_DOCS[name]}")
        for n, doc in enumerate(table.values(), start=1):
            try:
                record = DECODERS[name](doc)
            except ValidationError as exc:
                raise BadFile(f"record {n} in {name}: {exc}") from None
            if kind == "settings":
                continue
            ident, home = key(record)
            if home != rel:
                raise BadFile(f"record {n} in {name} belongs in {home}, not here")
            if ident in seen:
                raise BadFile(f"record {n} in {name} repeats {ident}")
            seen.add(ident)
