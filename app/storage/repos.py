"""The repositories: one TinyDB per data file, read when first used, from layout.KINDS.

Only the files a screen needs are read (this month's drinks, the year's diary). A file
is checked in full before any of its records is used or written (History's lighter
read of the result files: see results.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Generic, TypeVar

from tinydb import TinyDB
from tinydb.table import Document

from app import codec
from app import records as r
from app.checks import check_day
from app.errors import ValidationError
from app.storage import layout
from app.storage.batch import Batch
from app.storage.files import AtomicJSONStorage, Tables
from app.storage.repair import Keeper

R = TypeVar("R")


class Part:
    """A loaded data file: its TinyDB and storage (raw docs for fast scans)."""

    def __init__(self, rel: str, data: Tables, batch: Batch, root: Path, checked: bool):
        self.kind, self.checked = layout.kind_of(rel) or "", checked
        args: dict[str, Any] = {"defer": batch.defer, "preloaded": data}
        self.db = TinyDB(root / rel, storage=AtomicJSONStorage, **args)
        self.table = self.db.table(self.kind) if self.kind != "settings" else None

    def docs(self, name: str | None = None) -> dict[str, dict[str, Any]]:
        """The stored docs by doc id; read-only for callers (shared with TinyDB's cache)."""
        return (self.db.storage.read() or {}).get(name or self.kind, {})

    def find(self, key: str, value: object) -> tuple[int, Any] | None:
        return next(((int(i), d) for i, d in self.docs().items() if d.get(key) == value), None)


class Registry:
    """The loaded files of one store, by path relative to the data folder."""

    def __init__(self, root: Path, keeper: Keeper, batch: Batch) -> None:
        self.root, self.keeper, self.batch = root, keeper, batch
        self.parts: dict[str, Part] = {}

    def get(self, rel: str, *, full: bool = True) -> Part:
        """The file at `rel`, checked in full unless `full` is False (see the module)."""
        part = self.parts.get(rel)
        if part is not None and full and not part.checked:
            try:
                layout.check_records(part.db.storage.read() or {}, rel)
                part.checked = True
            except layout.BadFile as exc:
                part = None
                data = self.keeper.recover(rel, exc.reason)
        elif part is None:
            data = self.keeper.load(rel, full=full)
        if part is None:
            empty = layout.make_tables(layout.kind_of(rel) or "", {})
            part = self.parts[rel] = Part(rel, data or empty, self.batch, self.root, full)
        return part

    def exists(self, rel: str) -> bool:
        return rel in self.parts or (self.root / rel).is_file()

    def on_disk(self, kind: str, newest_first: bool = False) -> list[str]:
        """Files of `kind`, loaded or on disk, oldest first."""
        loaded = (rel for rel, part in self.parts.items() if part.kind == kind)
        names = {*layout.partitions(self.root, kind), *loaded}
        return sorted(names, reverse=newest_first)


def _days(start: date, end: date) -> list[date]:
    check_day("start", start)
    check_day("end", end)
    if end < start:
        raise ValidationError("end", "must not be before start")
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


class Repo(Generic[R]):
    """What every kind of record shares: its files, its key, its codec."""

    kind: layout.Kind

    def __init__(self, batch: Batch, registry: Registry) -> None:
        self._batch, self._registry = batch, registry

    def _decode(self, doc: Any) -> R:
        return codec.decode(self.kind.cls, doc)

    def _locate(self, value: object, rels: list[str]) -> tuple[Part, int, Any] | None:
        """The first file in `rels` with a record whose key is `value` (checked in full)."""
        for rel in rels:
            if self._registry.get(rel, full=False).find(self.kind.key, value) is not None:
                part = self._registry.get(rel)
                hit = part.find(self.kind.key, value)
                if hit is not None:
                    return part, *hit
        return None

    def _files(self, days: list[date]) -> Iterator[Part]:
        """The files that hold these days, those that exist."""
        for rel in sorted({self.kind.rel(day) for day in days}):
            if self._registry.exists(rel):
                yield self._registry.get(rel)

    def _put(self, record: R, *, replace: bool) -> None:
        """Insert (or replace the record with the same key); a full file refuses it."""
        doc, kind = codec.encode(record), self.kind
        with self._batch():
            part = self._registry.get(kind.home(record))
            hit = part.find(kind.key, doc[kind.key])
            assert part.table is not None
            if hit is not None and replace:
                part.table.update(doc, doc_ids=[hit[0]])
            elif len(part.docs()) >= kind.max_per_file:
                limit, what = kind.max_per_file, f"{kind.name}; this one is full"
                raise ValidationError(kind.when, f"a {kind.per} can hold at most {limit} {what}")
            else:
                part.table.insert(doc)

    def _take(self, value: object, rels: list[str]) -> R | None:
        with self._batch():
            found = self._locate(value, rels)
            if found is not None and found[0].table is not None:
                found[0].table.remove(doc_ids=[found[1]])
                return self._decode(found[2])
        return None


class Drinks(Repo[r.DrinkLog]):
    """Water and other drinks, one tap = one DrinkLog, one file per month."""

    kind = layout.KINDS["drinks"]

    def add(self, drink: r.DrinkLog) -> None:
        drink = codec.require(drink, r.DrinkLog, "drink")
        with self._batch():
            if self._registry.get(self.kind.home(drink)).find("id", drink.id) is not None:
                raise ValidationError("id", f"a drink with id {drink.id!r} is already saved")
            self._put(drink, replace=False)

    def remove(self, drink_id: str, day: date | None = None) -> r.DrinkLog | None:
        """Delete one drink (undo); returns it so it can be added back. Give `day` if known."""
        rels = self._registry.on_disk("drinks", newest_first=True)
        rels.sort(key=lambda rel: rel not in self._registry.parts)  # loaded ones first
        return self._take(drink_id, [self.kind.rel(day)] if day is not None else rels)

    def _day_docs(self, day: date) -> list[dict[str, Any]]:
        docs = self._registry.get(self.kind.rel(day)).docs().values()
        return [d for d in docs if d["at"][:10] == day.isoformat()]

    def total_ml(self, day: date) -> int:
        with self._batch():
            return sum(d["ml"] for d in self._day_docs(day))

    def list_day(self, day: date) -> list[r.DrinkLog]:
        """That day's drinks, earliest first."""
        with self._batch():
            return sorted(map(self._decode, self._day_docs(day)), key=lambda d: d.at)

    def daily_totals(self, start: date, end: date) -> dict[date, int]:
        """Millilitres per day for every day from start to end (inclusive), 0 if none."""
        days = _days(start, end)
        totals = dict.fromkeys(days, 0)
        with self._batch():
            for doc in (d for part in self._files(days) for d in part.docs().values()):
                day = date.fromisoformat(doc["at"][:10])
                if day in totals:
                    totals[day] += doc["ml"]
        return totals


class _Daily(Repo[R]):
    """One record per day (sleep, diary), one file per year."""

    def upsert(self, record: R) -> None:
        self._put(codec.require(record, self.kind.cls, self.kind.name), replace=True)

    def get(self, day: date) -> R | None:
        with self._batch():
            if not self._registry.exists(self.kind.rel(day)):
                return None
            found = self._locate(day.isoformat(), [self.kind.rel(day)])
            return None if found is None else self._decode(found[2])

    def remove(self, day: date) -> R | None:
        return self._take(day.isoformat(), [self.kind.rel(day)])

    def range(self, start: date, end: date) -> list[R]:
        """Days from start to end inclusive, earliest first."""
        days, lo, hi, key = _days(start, end), start.isoformat(), end.isoformat(), self.kind.key
        with self._batch():
            docs = [d for p in self._files(days) for d in p.docs().values() if lo <= d[key] <= hi]
        return sorted(map(self._decode, docs), key=self.kind.ident)


class Sleep(_Daily[r.SleepLog]):
    """One SleepLog per night (the date the person woke up)."""

    kind = layout.KINDS["sleep"]


class Diary(_Daily[r.DiaryEntry]):
    """One DiaryEntry per day, editable."""

    kind = layout.KINDS["diary"]


class Settings:
    """App settings, reminder settings and reminder state: one file, one doc each;
    unsaved settings read as the record's defaults."""

    def __init__(self, batch: Batch, registry: Registry) -> None:
        self._batch, self._registry = batch, registry

    def get(self, table: str) -> Any:
        with self._batch():
            docs = list(self._registry.get(layout.SETTINGS).docs(table).values())
        cls = layout.SETTINGS_KINDS[table]
        return codec.decode(cls, docs[0]) if docs else cls()

    def save(self, table: str, record: object) -> None:
        doc = codec.encode(codec.require(record, layout.SETTINGS_KINDS[table], "settings"))
        with self._batch():
            db = self._registry.get(layout.SETTINGS).db
            db.table(table).upsert(Document(doc, doc_id=1))

    def get_app(self) -> r.AppSettings:
        return self.get("app")  # type: ignore[no-any-return]

    def save_app(self, record: r.AppSettings) -> None:
        self.save("app", record)

    def get_reminders(self) -> r.ReminderSettings:
        return self.get("reminders")  # type: ignore[no-any-return]

    def save_reminders(self, record: r.ReminderSettings) -> None:
        self.save("reminders", record)

    def get_reminder_state(self) -> r.ReminderState:
        return self.get("reminder_state")  # type: ignore[no-any-return]

    def save_reminder_state(self, record: r.ReminderState) -> None:
        self.save("reminder_state", record)
