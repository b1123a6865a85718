"""The table of record kinds, the files they make up, and what a good file looks like.

Schema 2 layout (paths relative to the data folder):
  meta.json            schema_version, and every data file that should exist (`files`)
  settings.json        tables app / reminders / reminder_state (one doc each)
  <kind>/YYYY-MM.json  results, drinks: a month each (by the record's wall-clock date)
  <kind>/YYYY.json     sleep, diary: a year each (one record a day)
Every file is TinyDB's JSON format plus a `_meta` table {schema_version, kind}, so a
file from another version or in the wrong place is recognised, not misread. Adding
a kind of record is one entry in KINDS: files, checks, backups, import, export follow.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from app import codec
from app import records as r
from app.errors import ValidationError
from app.storage.errors import NewerDataError
from app.storage.files import Tables

CURRENT_VERSION = 2
META = "meta.json"
SETTINGS = "settings.json"
OLD_INDEX = "results/index.json"
"""The History index earlier releases kept: derived from the results, now dropped."""
MAX_FILES = 10_000
VERSION_RE = re.compile(rb'"schema_version"\s*:\s*(\d{1,9})(?![\d.eE])')


@dataclass(frozen=True)
class Kind:
    """name: its folder, its table in each file and its backup section; per: one file a
    month or a year, picked by the (wall-clock) date of field `when`; key: the field no
    two records share; the most records one file, and one import, may hold."""

    name: str
    cls: type
    per: Literal["month", "year"]
    when: str
    key: str
    max_per_file: int
    max_import: int

    def matches(self, name: str) -> bool:
        pattern = r"\d{4}-\d{2}\.json" if self.per == "month" else r"\d{4}\.json"
        return re.fullmatch(pattern, name) is not None

    def rel(self, day: date) -> str:
        """The file that holds the records of `day`."""
        month = f"-{day.month:02d}" if self.per == "month" else ""
        return f"{self.name}/{day.year:04d}{month}.json"

    def home(self, record: Any) -> str:
        when = getattr(record, self.when)
        return self.rel(when.date() if isinstance(when, datetime) else when)

    def ident(self, record: Any) -> Any:
        return getattr(record, self.key)

    def sort_key(self, record: Any) -> Any:
        return (getattr(record, self.when), getattr(record, self.key))


KINDS: dict[str, Kind] = {
    k.name: k for k in (
        Kind("results", r.ResultRecord, "month", "taken_at", "id", 1_000, 20_000),
        Kind("drinks", r.DrinkLog, "month", "at", "id", 3_000, 200_000),
        Kind("sleep", r.SleepLog, "year", "night", "night", 366, 40_000),
        Kind("diary", r.DiaryEntry, "year", "day", "day", 366, 40_000),
    )
}
SETTINGS_KINDS: dict[str, type] = {
    "app": r.AppSettings, "reminders": r.ReminderSettings, "reminder_state": r.ReminderState
}  # the settings file's tables, one record each (unsaved: the record's defaults)
SETTINGS_TABLES = tuple(SETTINGS_KINDS)
PARTITIONED = tuple(KINDS)
MAX_DRINKS_PER_MONTH = KINDS["drinks"].max_per_file


class BadFile(Exception):
    """A data file that must not be used; `reason` is shown to the user."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def kind_of(rel: str) -> str | None:
    """The kind of data file at `rel`, or None for anything else (backups, moved-aside)."""
    if rel in (META, SETTINGS):
        return rel.removesuffix(".json")
    folder, _, name = rel.partition("/")
    kind = KINDS.get(folder)
    return folder if kind is not None and kind.matches(name) else None


def data_files(root: Path) -> list[str]:
    """Every data file present, oldest first. Anything with a data file's name counts
    (a directory too), so damage is seen, not skipped."""
    found = [rel for rel in (META, SETTINGS) if os.path.lexists(root / rel)]
    for folder in PARTITIONED:
        if (root / folder).is_dir():
            names = sorted(p.name for p in (root / folder).iterdir())
            found += [f"{folder}/{n}" for n in names if kind_of(f"{folder}/{n}") == folder]
    return found


def partitions(root: Path, kind: str) -> list[str]:
    return [rel for rel in data_files(root) if kind_of(rel) == kind]


def make_tables(kind: str, tables: Mapping[str, Iterable[codec.Doc]]) -> Tables:
    """A file in the exact shape TinyDB writes (doc ids "1", "2", ...)."""
    out: Tables = {"_meta": {"1": {"schema_version": CURRENT_VERSION, "kind": kind}}}
    for name, docs in tables.items():
        out[name] = {str(i): doc for i, doc in enumerate(docs, start=1)}
    return out


def dumps(data: Any) -> bytes:
    """The one JSON encoding used for every file (compact, strict: no NaN)."""
    return json.dumps(data, separators=(",", ":"), allow_nan=False).encode()


def meta_bytes(files: Iterable[str] | None = None, version: int = CURRENT_VERSION) -> bytes:
    doc: dict[str, Any] = {"schema_version": version, "kind": "meta"}
    if files is not None:
        doc["files"] = sorted(set(files))
    return dumps({"_meta": {"1": doc}})


def listed_after(listed: set[str], changes: Mapping[str, bytes | None]) -> set[str]:
    """meta.json's list of data files once `changes` (None: deleted) are in."""
    out = set(listed)
    for rel, data in changes.items():
        if kind_of(rel) not in (None, "meta"):
            (out.discard if data is None else out.add)(rel)
    return out


def manifest(data: Tables) -> set[str] | None:
    """The data files meta.json says should exist (None if it predates the list)."""
    files = next(iter(data["_meta"].values())).get("files")
    return None if files is None else set(files) - {OLD_INDEX}


def check_not_newer(raw: bytes, where: str) -> None:
    """Refuse data a newer version wrote, from any schema_version the bytes name (a
    quoted one inside a text value is escaped, so text cannot fake one)."""
    newest = max((int(v) for v in VERSION_RE.findall(raw)), default=0)
    if newest > CURRENT_VERSION:
        raise NewerDataError(where, newest, CURRENT_VERSION)


def tables_of(kind: str) -> tuple[str, ...]:
    return {"meta": (), "settings": SETTINGS_TABLES}.get(kind, (kind,))


def parse(raw: bytes, rel: str, *, full: bool = True) -> Tables:
    """Decode and check one file (`full`: every record too); raises BadFile saying why."""
    kind = kind_of(rel)
    if kind is None:
        raise BadFile("it is not a data file")
    if not raw.strip():
        raise BadFile("the file is empty")
    try:
        data = codec.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadFile("the file is not text (garbage bytes)") from None
    except codec.DuplicateKeyError as exc:
        raise BadFile(str(exc)) from None
    except ValueError as exc:
        raise BadFile(f"the file is not valid JSON, perhaps cut off ({exc})") from None
    except RecursionError:
        raise BadFile("the file is nested too deeply to be data") from None
    except (MemoryError, OverflowError) as exc:
        raise BadFile(f"the file holds a value too large to read ({type(exc).__name__})") from None
    if not isinstance(data, dict):
        raise BadFile("the file has the wrong shape (not a set of tables)")
    _check_meta(data.get("_meta"), kind, rel)
    for name, table in data.items():
        if name != "_meta" and name not in tables_of(kind):
            raise BadFile(f"the file has an unexpected table {name!r}")
        if not isinstance(table, dict) or not all(
            isinstance(k, str) and k.isdigit() and isinstance(v, dict) for k, v in table.items()
        ):
            raise BadFile(f"table {name!r} has the wrong shape")
    if full:
        check_records(data, rel)
    return data


def _check_meta(meta: Any, kind: str, rel: str) -> None:
    docs = list(meta.values()) if isinstance(meta, dict) else []
    if len(docs) != 1 or not isinstance(docs[0], dict):
        raise BadFile("the file has no valid _meta table")
    version, found, files = (docs[0].get(k) for k in ("schema_version", "kind", "files"))
    if isinstance(version, bool) or not isinstance(version, int):
        raise BadFile("the file has no valid schema_version")
    if version > CURRENT_VERSION:
        raise NewerDataError(rel, version, CURRENT_VERSION)
    if set(docs[0]) - {"schema_version", "kind", *(("files",) if kind == "meta" else ())}:
        raise BadFile("the file's _meta table has unknown fields")
    files = [] if files is None else files
    if not isinstance(files, list) or len(files) > MAX_FILES:
        raise BadFile("the list of files is not a list")
    known = [f for f in files if f != OLD_INDEX]
    if not all(isinstance(f, str) and kind_of(f) not in (None, "meta") for f in known):
        raise BadFile("the list of files names something that is not a data file")
    if version < CURRENT_VERSION:
        raise BadFile(f"it uses an old layout (schema {version}), not schema {CURRENT_VERSION}")
    if found != kind:
        raise BadFile(f"it holds {found!r} data, not {kind!r}")


def check_records(data: Tables, rel: str) -> None:
    """Every record decodes, sits in its own file, once; no file holds more than it may."""
    for name in tables_of(kind_of(rel) or "meta"):
        _check_table(data.get(name, {}), name, rel)


def _check_table(table: dict[str, Any], name: str, rel: str) -> None:
    kind = KINDS.get(name)
    limit = kind.max_per_file if kind is not None else 1
    if len(table) > limit:
        raise BadFile(f"table {name!r} holds {len(table)} records, more than {limit}")
    cls = kind.cls if kind is not None else SETTINGS_KINDS[name]
    seen: set[Any] = set()
    for n, doc in enumerate(table.values(), start=1):
        try:
            record: Any = codec.decode(cls, doc)
        except ValidationError as exc:
            raise BadFile(f"record {n} in {name}: {exc}") from None
        if kind is None:
            continue
        if kind.home(record) != rel:
            raise BadFile(f"record {n} in {name} belongs in {kind.home(record)}, not here")
        if kind.ident(record) in seen:
            raise BadFile(f"record {n} in {name} repeats {kind.ident(record)}")
        seen.add(kind.ident(record))
