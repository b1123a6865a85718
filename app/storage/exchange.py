"""The versioned JSON backup: export, and import that checks the whole file first.

Import checks format, version, every record (through the record constructors), no
key twice, no file fuller than a reader takes; only then does the Store REPLACE
everything with it (one journalled commit, so never half-imported).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from app import codec
from app import records as r
from app.errors import ValidationError
from app.storage import layout
from app.storage.errors import ImportFileError
from app.storage.files import Changes
from app.storage.layout import KINDS, SETTINGS_KINDS, dumps

FORMAT = "lip-twitch-check-backup"
FORMAT_VERSION = layout.CURRENT_VERSION
MAX_IMPORT_CHARS = 50_000_000
_TOP = {"format", "format_version", "exported_at", "settings", *KINDS}


@dataclass(frozen=True)
class Snapshot:
    """Everything in a store, as records."""

    app: r.AppSettings
    reminders: r.ReminderSettings
    reminder_state: r.ReminderState
    results: tuple[r.ResultRecord, ...]
    drinks: tuple[r.DrinkLog, ...]
    sleep: tuple[r.SleepLog, ...]
    diary: tuple[r.DiaryEntry, ...]


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


def export_json(snap: Snapshot, now: datetime) -> str:
    """The backup file. Notifications already shown (their tags and action nonces) are
    this device's bookkeeping and stay out of a file that may be shared."""
    settings = {name: getattr(snap, name) for name in SETTINGS_KINDS}
    settings["reminder_state"] = replace(snap.reminder_state, notified=())
    doc = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": now.isoformat(),
        "settings": {name: codec.encode(record) for name, record in settings.items()},
        **{kind: [codec.encode(r) for r in getattr(snap, kind)] for kind in KINDS},
    }
    return json.dumps(doc, allow_nan=False, indent=1)


def _section(data: dict[str, Any], kind: layout.Kind) -> tuple[Any, ...]:
    """Every record of one kind, checked; no key twice, no file fuller than a reader takes."""
    items, name = data.get(kind.name), kind.name
    if name not in data:
        raise ImportFileError(name, "is missing (an empty list is fine)")
    if not isinstance(items, list):
        raise ImportFileError(name, "must be a list of records")
    if len(items) > kind.max_import:
        limit = kind.max_import
        raise ImportFileError(
            name, f"holds {len(items)} records; a backup can hold at most {limit}"
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
            period, limit = rel[len(name) + 1 : -5], kind.max_per_file
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
    data, problem = None, ""
    try:
        data = codec.loads(text)
    except codec.DuplicateKeyError as exc:
        problem = str(exc)
    except ValueError as exc:
        problem = f"it is not valid JSON ({exc})"
    except RecursionError:
        problem = "it is nested too deeply"
    except (MemoryError, OverflowError):
        problem = "it holds a value too large"
    if problem:
        raise ImportFileError("", f"This is not a backup file: {problem}.")
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFileError("", "This is not a Lip Twitch Check backup file.")
    version = data.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ImportFileError("format_version", "is missing or not a whole number")
    if version != FORMAT_VERSION:
        problem = f"format {version} is not supported"
        if version > FORMAT_VERSION:
            problem = (
                "this data was written by a newer version of Lip Twitch Check "
                f"(format {version}); update the app, then import it again"
            )
        raise ImportFileError("format_version", problem)
    unknown = set(data) - _TOP
    if unknown:
        raise ImportFileError("", f"The file has an unknown section {sorted(unknown)[0]!r}.")
    settings = data.get("settings")
    if not isinstance(settings, dict):
        raise ImportFileError("settings", "is missing or not an object")
    parts: dict[str, Any] = {name: _setting(settings, name) for name in SETTINGS_KINDS}
    parts.update({kind.name: _section(data, kind) for kind in KINDS.values()})
    return Snapshot(**parts)
