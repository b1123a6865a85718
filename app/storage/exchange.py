"""Whole-store export (versioned JSON, re-importable; CSV for spreadsheets) and import.

Import checks the entire file before anything is touched: format, version, every
record through the record constructors, no repeated ids or days. Only then does it
REPLACE everything in the store (one journalled commit, so never half-imported).
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from app.errors import ValidationError
from app.records import (
    AppSettings,
    DiaryEntry,
    DrinkLog,
    ReminderSettings,
    ReminderState,
    ResultRecord,
    SleepLog,
)
from app.storage import codec, kinds, layout
from app.storage.atomic import dumps
from app.storage.errors import ImportFileError
from app.storage.journal import Changes
from app.storage.kinds import DECODERS, KINDS, SETTINGS_KINDS

FORMAT = "lip-twitch-check-backup"
FORMAT_VERSION = layout.CURRENT_VERSION
SECTIONS = tuple(KINDS)
MAX_IMPORT_CHARS = 50_000_000
MAX_RECORDS = {"results": layout.MAX_RESULTS, "drinks": 200_000, "sleep": 40_000, "diary": 40_000}
R = TypeVar("R")


@dataclass(frozen=True)
class Snapshot:
    """Everything in a store, as records."""

    app: AppSettings
    reminders: ReminderSettings
    reminder_state: ReminderState
    results: tuple[ResultRecord, ...]
    drinks: tuple[DrinkLog, ...]
    sleep: tuple[SleepLog, ...]
    diary: tuple[DiaryEntry, ...]


@dataclass(frozen=True)
class ImportSummary:
    results: int
    drinks: int
    sleep: int
    diary: int

    @property
    def message(self) -> str:
        return (
            f"Imported {self.results} check results, {self.drinks} drinks, "
            f"{self.sleep} nights of sleep and {self.diary} diary days."
        )


def first_repeat(records: Sequence[Any], kind: str) -> tuple[int, int, Any] | None:
    """(record number, earlier record number, key) of the first repeated id/day."""
    seen: dict[Any, int] = {}
    for n, record in enumerate(records, start=1):
        k = KINDS[kind].ident(record)
        if k in seen:
            return n, seen[k], k
        seen[k] = n
    return None


def snapshot_files(snap: Snapshot) -> Changes:
    """Every file for these records (meta.json's list is added at commit), ready to commit."""
    changes: Changes = {layout.META: layout.meta_bytes()}
    settings = {name: [codec.encode(getattr(snap, name))] for name in SETTINGS_KINDS}
    changes[layout.SETTINGS] = dumps(layout.make_tables("settings", settings))
    if snap.results:
        index = [kinds.summary_doc(kinds.summary_of(r)) for r in snap.results]
        changes[layout.INDEX] = dumps(layout.make_tables("index", {"index": index}))
    for kind in KINDS.values():
        groups: dict[str, list[codec.Doc]] = {}
        for record in getattr(snap, kind.name):
            groups.setdefault(kind.home(record), []).append(codec.encode(record))
        for rel, docs in sorted(groups.items()):
            changes[rel] = dumps(layout.make_tables(kind.name, {kind.name: docs}))
    return changes


# --- export ---------------------------------------------------------------------------------


def export_json(snap: Snapshot, now: datetime) -> str:
    doc = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": now.isoformat(),
        "settings": {name: codec.encode(getattr(snap, name)) for name in SETTINGS_KINDS},
        **{kind: [codec.encode(r) for r in getattr(snap, kind)] for kind in KINDS},
    }
    return json.dumps(doc, allow_nan=False, indent=1)


def _cell(value: object) -> str:
    """Text for a spreadsheet cell; a leading = + - @ is defused so it is not run as a formula."""
    if value is None:
        return ""
    out = value.isoformat() if isinstance(value, (date, datetime)) else str(value)
    return "'" + out if out[:1] in ("=", "+", "-", "@", "\t", "\r") else out


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return buf.getvalue()


def export_csv(snap: Snapshot) -> dict[str, str]:
    def joined(values: Iterable[str]) -> str:
        return "; ".join(values)

    return {
        "results.csv": _csv(
            (
                "id",
                "taken_at",
                "quiz_id",
                "quiz_version",
                "tier",
                "triggers",
                "reasons",
                "suggested_habits",
                "answers",
            ),
            (
                (
                    r.id,
                    r.taken_at,
                    r.quiz_id,
                    r.quiz_version,
                    r.tier,
                    joined(r.triggers),
                    joined(r.reasons),
                    joined(r.suggested_habits),
                    json.dumps(codec.encode(r)["answers"], ensure_ascii=False),
                )
                for r in snap.results
            ),
        ),
        "drinks.csv": _csv(
            ("id", "at", "day", "ml"), ((d.id, d.at, d.at.date(), d.ml) for d in snap.drinks)
        ),
        "sleep.csv": _csv(
            ("night", "hours", "bed", "wake"),
            ((s.night, s.hours, s.bed, s.wake) for s in snap.sleep),
        ),
        "diary.csv": _csv(
            ("day", "twitch", "caffeine_cups", "stress", "notes"),
            ((e.day, e.twitch, e.caffeine_cups, e.stress, e.notes) for e in snap.diary),
        ),
    }


# --- import ---------------------------------------------------------------------------------


def _section(data: dict[str, Any], kind: str, decode: Callable[[Any], R]) -> tuple[R, ...]:
    if kind not in data:
        raise ImportFileError(kind, "is missing (an empty list is fine)")
    items = data[kind]
    if not isinstance(items, list):
        raise ImportFileError(kind, "must be a list of records")
    if len(items) > MAX_RECORDS[kind]:
        raise ImportFileError(
            kind, f"holds {len(items)} records; a backup can hold at most {MAX_RECORDS[kind]}"
        )
    out = []
    for n, item in enumerate(items, start=1):
        try:
            out.append(decode(item))
        except ValidationError as exc:
            raise ImportFileError(f"Record {n} in {kind}", str(exc)) from None
    repeat = first_repeat(out, kind)
    if repeat is not None:
        n, earlier, key = repeat
        raise ImportFileError(f"Record {n} in {kind}", f"repeats {key} (record {earlier})")
    _check_per_file(out, kind)
    return tuple(out)


def _check_per_file(records: Sequence[Any], kind: str) -> None:
    """No file may end up fuller than a reader accepts (layout.MAX_DOCS)."""
    home = layout.key_of(kind, "")
    counts = Counter(home(r)[1] for r in records)
    limit = layout.MAX_DOCS[kind]
    for rel, count in counts.items():
        if count > limit:
            period = rel.removeprefix(f"{kind}/").removesuffix(".json")
            raise ImportFileError(kind, f"{count} records in {period}; at most {limit} are kept")


def _setting(settings: dict[str, Any], name: str, decode: Callable[[Any], R]) -> R:
    if name not in settings:
        raise ImportFileError(f"settings.{name}", "is missing")
    try:
        return decode(settings[name])
    except ValidationError as exc:
        raise ImportFileError(f"settings.{name}", str(exc)) from None


def parse_backup(text: str) -> Snapshot:
    """Check a whole backup file; raises ImportFileError saying what is wrong."""
    if not isinstance(text, str):
        raise ImportFileError("", "The backup must be given as text.")
    if len(text) > MAX_IMPORT_CHARS:
        size = f"{len(text) / 1e6:.0f} MB"
        raise ImportFileError("", f"The file is too large ({size}; a backup is at most 50 MB).")
    try:
        data = json.loads(text)
    except ValueError as exc:
        problem = f"This is not a backup file: it is not valid JSON ({exc})."
        raise ImportFileError("", problem) from None
    except RecursionError:
        raise ImportFileError("", "This is not a backup file: it is nested too deeply.") from None
    except (MemoryError, OverflowError):
        problem = "This is not a backup file: it holds a value too large."
        raise ImportFileError("", problem) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFileError("", "This is not a Lip Twitch Check backup file.")
    version = data.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ImportFileError("format_version", "is missing or not a whole number")
    if version > FORMAT_VERSION:
        raise ImportFileError(
            "format_version",
            f"this data was written by a newer version of Lip Twitch Check (format {version}); "
            "update the app, then import it again",
        )
    if version < FORMAT_VERSION:
        raise ImportFileError("format_version", f"format {version} is not supported")
    unknown = set(data) - {"format", "format_version", "exported_at", "settings", *SECTIONS}
    if unknown:
        raise ImportFileError("", f"The file has an unknown section {sorted(unknown)[0]!r}.")
    settings = data.get("settings")
    if not isinstance(settings, dict):
        raise ImportFileError("settings", "is missing or not an object")
    parts: dict[str, Any] = {
        name: _setting(settings, name, DECODERS[name]) for name in SETTINGS_KINDS
    }
    parts.update({kind: _section(data, kind, DECODERS[kind]) for kind in KINDS})
    return Snapshot(**parts)
