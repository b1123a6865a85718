"""Schema versions and the ordered migrations run when a store is opened.

Schema 1 (the first release) kept everything in one TinyDB file, `lipcheck.json`:
tables `_default` ({schema_version: 1}), `results` (answers as an object, `date`,
`quiz`, `version`, `habits`), `water` (drinks as {id, time, amount}), `sleep`
({date, hours, bedtime, waketime}), `diary` ({date, twitch, coffee, stress, note})
and `settings` (one flat doc). Every log rewrote the whole file.
Schema 2 is the partitioned layout described in `layout.py`.

A migration reads the old files and returns the complete set of new files (and
the old ones to delete); the runner commits them together with the new
`meta.json` through the journal, so a crash leaves either the old layout or the
new one. The old files are copied to `backups/pre-v<N>-<stamp>/` first.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from app.errors import ValidationError
from app.records import (
    AppSettings,
    DrinkLog,
    HydrationSettings,
    ReminderSettings,
    SleepSettings,
)
from app.storage import codec, fields, journal, layout
from app.storage.atomic import ensure_dir
from app.storage.exchange import first_repeat, partition_files
from app.storage.journal import Changes
from app.storage.layout import BadFile
from app.storage.recovery import BACKUP_DIR, Keeper, stamp

V1_FILE = "lipcheck.json"


@dataclass(frozen=True)
class Migration:
    from_version: int
    to_version: int
    old_files: tuple[str, ...]
    run: Callable[[Path], Changes]


def _docs(data: dict[str, Any], table: str) -> Iterable[tuple[int, Any]]:
    raw = data.get(table, {})
    if not isinstance(raw, dict):
        raise BadFile(f"table {table!r} has the wrong shape")
    return enumerate(raw.values(), start=1)


def _v1_settings(data: dict[str, Any]) -> tuple[AppSettings, ReminderSettings] | None:
    docs = [doc for _, doc in _docs(data, "settings")]
    if not docs:
        return None
    s = fields.fields_of(
        docs[0],
        (
            "theme",
            "first_noticed",
            "water_goal",
            "units",
            "cups",
            "water_reminders",
            "remind_every",
            "sleep_target",
            "timezone",
        ),
    )
    app = AppSettings(
        theme=fields.text(s["theme"], "theme"),  # type: ignore[arg-type]
        first_noticed=fields.optional(s["first_noticed"], fields.parse_date, "first_noticed"),
    )
    cups = s["cups"] if isinstance(s["cups"], list) else [s["cups"]]
    hydration = HydrationSettings(
        goal_ml=fields.whole(s["water_goal"], "water_goal"),
        unit=fields.text(s["units"], "units"),  # type: ignore[arg-type]
        cup_sizes_ml=tuple(fields.whole(c, "cups") for c in cups),
        reminders_on=fields.flag(s["water_reminders"], "water_reminders"),
        interval_min=fields.whole(s["remind_every"], "remind_every"),
    )
    sleep = SleepSettings(target_hours=fields.number(s["sleep_target"], "sleep_target"))
    return app, ReminderSettings(hydration, sleep, fields.text(s["timezone"], "timezone"))


def _v1_ml(value: Any) -> int:
    """v1 stored amounts as numbers that were sometimes floats (250.0)."""
    amount = fields.number(value, "amount")
    if isinstance(amount, float) and not amount.is_integer():
        raise ValidationError("amount", "must be a whole number of millilitres")
    return int(amount)


def _v1_records(data: dict[str, Any]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {"results": [], "drinks": [], "sleep": [], "diary": []}
    for n, doc in _docs(data, "results"):
        with _record(n, "results"):
            d = fields.fields_of(
                doc,
                (
                    "id",
                    "date",
                    "quiz",
                    "version",
                    "tier",
                    "triggers",
                    "reasons",
                    "answers",
                    "habits",
                ),
            )
            if not isinstance(d["answers"], dict):
                raise ValidationError("answers", "must be an object")
            out["results"].append(
                codec.result_from(
                    {
                        "id": d["id"],
                        "taken_at": d["date"],
                        "quiz_id": d["quiz"],
                        "quiz_version": d["version"],
                        "tier": d["tier"],
                        "triggers": d["triggers"],
                        "reasons": d["reasons"],
                        "answers": [[k, v] for k, v in d["answers"].items()],
                        "suggested_habits": d["habits"],
                    }
                )
            )
    for n, doc in _docs(data, "water"):
        with _record(n, "water"):
            d = fields.fields_of(doc, ("id", "time", "amount"))
            at = fields.parse_datetime(d["time"], "time")
            out["drinks"].append(DrinkLog(fields.text(d["id"], "id"), at, _v1_ml(d["amount"])))
    for n, doc in _docs(data, "sleep"):
        with _record(n, "sleep"):
            d = fields.fields_of(doc, ("date", "hours", "bedtime", "waketime"))
            out["sleep"].append(
                codec.sleep_from(
                    {
                        "night": d["date"],
                        "hours": d["hours"],
                        "bed": d["bedtime"],
                        "wake": d["waketime"],
                    }
                )
            )
    for n, doc in _docs(data, "diary"):
        with _record(n, "diary"):
            d = fields.fields_of(doc, ("date", "twitch", "coffee", "stress", "note"))
            out["diary"].append(
                codec.diary_from(
                    {
                        "day": d["date"],
                        "twitch": d["twitch"],
                        "caffeine_cups": d["coffee"],
                        "stress": d["stress"],
                        "notes": d["note"],
                    }
                )
            )
    return out


class _record:
    """Turn a bad v1 record into BadFile naming the table and record number."""

    def __init__(self, n: int, table: str) -> None:
        self.where = f"record {n} in {table}"

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, exc: BaseException | None, tb: object) -> None:
        if isinstance(exc, ValidationError):
            raise BadFile(f"{self.where}: {exc}") from None


def v1_to_v2(root: Path) -> Changes:
    try:
        data = json.loads((root / V1_FILE).read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadFile(f"the file is not valid JSON, perhaps cut off ({exc})") from None
    if not isinstance(data, dict):
        raise BadFile("the file has the wrong shape (not a set of tables)")
    meta = [doc for _, doc in _docs(data, "_default")]
    if not meta or not isinstance(meta[0], dict) or meta[0].get("schema_version") != 1:
        raise BadFile("the file has no schema_version 1 marker")
    records = _v1_records(data)
    for kind, items in records.items():
        repeat = first_repeat(items, kind)
        if repeat is not None:
            raise BadFile(f"record {repeat[0]} in {kind} repeats {repeat[2]} (record {repeat[1]})")
    try:
        settings = _v1_settings(data)
    except ValidationError as exc:
        raise BadFile(f"record 1 in settings: {exc}") from None
    changes = partition_files(
        records["results"],
        records["drinks"],
        records["sleep"],
        records["diary"],
        app=settings[0] if settings else None,
        reminders=settings[1] if settings else None,
        state=None,
    )
    changes[V1_FILE] = None
    return changes


MIGRATIONS: tuple[Migration, ...] = (Migration(1, 2, (V1_FILE,), v1_to_v2),)


def detect_version(root: Path) -> int | None:
    """The schema of a folder without a good meta.json: 1 if the v1 file is there."""
    return 1 if (root / V1_FILE).exists() else None


def keep_old_files(root: Path, migration: Migration, now: datetime) -> Path:
    """Copy the files a migration will replace into backups/pre-v<N>-<stamp>/."""
    target = root / BACKUP_DIR / f"pre-v{migration.to_version}-{stamp(now)}"
    ensure_dir(target)
    for rel in migration.old_files:
        if (root / rel).is_file():
            shutil.copyfile(root / rel, target / rel)
    return target


def find(version: int) -> Migration:
    for migration in MIGRATIONS:
        if migration.from_version == version:
            return migration
    raise BadFile(f"no migration from schema {version}")


def migrate_all(root: Path, keeper: Keeper, now: datetime) -> bool:
    """Run every step from the folder's version to the current one, each in one
    journalled commit, keeping the old files aside; True if anything changed.
    A step that finds its old files unreadable recovers them and stops there."""
    changed = False
    version = detect_version(root)
    while version is not None and version < layout.CURRENT_VERSION:
        step = find(version)
        try:
            changes = step.run(root)
        except BadFile as exc:
            for rel in step.old_files:
                keeper.recover(rel, exc.reason, use_backup=False)
            break
        keep_old_files(root, step, now)
        kinds = (None, "meta")
        files = [r for r, d in changes.items() if d is not None and layout.kind_of(r) not in kinds]
        changes[layout.META] = layout.meta_bytes(files, version=step.to_version)
        journal.commit(root, changes)
        changed, version = True, step.to_version
    if not (root / layout.META).exists():
        journal.commit(root, {layout.META: layout.meta_bytes()})
        changed = True
    return changed
