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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

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
from app.storage import codec, layout
from app.storage.errors import ImportFileError
from app.storage.files import Changes
from app.storage.layout import KINDS, SETTINGS_KINDS, dumps

FORMAT = "lip-twitch-check-backup"
FORMAT_VERSION = layout.CURRENT_VERSION
MAX_IMPORT_CHARS = 50_000_000


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


def snapshot_files(snap: Snapshot) -> Changes:
    """Every file for these records (meta.json's list is added at commit), ready to commit."""
    changes: Changes = {layout.META: layout.meta_bytes()}
    settings = {name: [codec.encode(getattr(snap, name))] for name in SETTINGS_KINDS}
    changes[layout.SETTINGS] = dumps(layout.make_tables("settings", settings))
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


def _section(data: dict[str, Any], kind: layout.Kind) -> tuple[Any, ...]:
    """Every record of one kind, checked; no key twice, no file fuller than a reader takes."""
    items, name = data.get(kind.name), kind.name
    if name not in data:
        raise ImportFileError(name, "is missing (an empty list is fine)")
    if not isinstance(items, list):
        raise ImportFileError(name, "must be a list of records")
    if len(items) > kind.max_import:
        raise ImportFileError(
            name, f"holds {len(items)} records; a backup can hold at most {kind.max_import}"
        )
    out: list[Any] = []
    seen: dict[Any, int] = {}
    for n, item in enumerate(items, start=1):
        try:
            record: Any = codec.decode(kind.cls, item)
        except ValidationError as exc:
            raise ImportFileError(f"Record {n} in {name}", str(exc)) from None
        key = kind.ident(record)
        if key in seen:
            raise ImportFileError(f"Record {n} in {name}", f"repeats {key} (record {seen[key]})")
        seen[key] = n
        out.append(record)
    for rel, count in Counter(map(kind.home, out)).items():
        if count > kind.max_per_file:
            period = rel.removeprefix(f"{name}/").removesuffix(".json")
            limit = kind.max_per_file
            raise ImportFileError(name, f"{count} records in {period}; at most {limit} are kept")
    return tuple(out)


def _setting(settings: dict[str, Any], name: str) -> Any:
    if name not in settings:
        raise ImportFileError(f"settings.{name}", "is missing")
    try:
        return codec.decode(SETTINGS_KINDS[name], settings[name])
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
    unknown = set(data) - {"format", "format_version", "exported_at", "settings", *KINDS}
    if unknown:
        raise ImportFileError("", f"The file has an unknown section {sorted(unknown)[0]!r}.")
    settings = data.get("settings")
    if not isinstance(settings, dict):
        raise ImportFileError("settings", "is missing or not an object")
    parts: dict[str, Any] = {name: _setting(settings, name) for name in SETTINGS_KINDS}
    parts.update({kind.name: _section(data, kind) for kind in KINDS.values()})
    return Snapshot(**parts)
