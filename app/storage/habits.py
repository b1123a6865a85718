"""Drink, sleep and diary repositories.

Drinks live in one file per month (by the wall-clock date the UI recorded the
drink with), so logging one drink rewrites a file of at most a month of drinks,
not five years. Sleep and diary have one entry per day, so one file per year.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from app.errors import ValidationError
from app.records import DiaryEntry, DrinkLog, SleepLog
from app.storage import codec
from app.storage.layout import MAX_DRINKS_PER_MONTH, month_rel, year_rel
from app.storage.partitions import Partition, Registry
from app.storage.txn import Batch


def _check_range(start: date, end: date) -> None:
    if not isinstance(start, date) or not isinstance(end, date):
        raise ValidationError("start", "start and end must be dates")
    if end < start:
        raise ValidationError("end", "must not be before start")


def _months(start: date, end: date) -> list[date]:
    first, out = start.replace(day=1), []
    while first <= end:
        out.append(first)
        first = (first + timedelta(days=32)).replace(day=1)
    return out


class Drinks:
    """Water and other drinks, one tap = one DrinkLog."""

    def __init__(self, batch: Batch, registry: Registry) -> None:
        self._batch = batch
        self._registry = registry

    def _part(self, day: date) -> Partition:
        return self._registry.get(month_rel("drinks", day))

    def add(self, drink: DrinkLog) -> None:
        drink = codec.require(drink, DrinkLog, "drink")
        doc = codec.encode(drink)
        with self._batch():
            part = self._part(drink.at.date())
            if part.find("id", drink.id) is not None:
                raise ValidationError("id", f"a drink with id {drink.id!r} is already saved")
            if len(part.docs()) >= MAX_DRINKS_PER_MONTH:
                raise ValidationError(
                    "at",
                    f"a month can hold at most {MAX_DRINKS_PER_MONTH} drinks; this one is full",
                )
            part.table().insert(doc)

    def remove(self, drink_id: str, day: date | None = None) -> DrinkLog | None:
        """Delete one drink (undo); returns it so it can be added back. Give `day` if known."""
        with self._batch():
            if day is not None:
                rels = [month_rel("drinks", day)]
            else:
                loaded = self._registry.loaded("drinks")
                rels = sorted(loaded, reverse=True) + [
                    r for r in reversed(self._registry.on_disk("drinks")) if r not in loaded
                ]
            for rel in rels:
                part = self._registry.get(rel)
                hit = part.find("id", drink_id)
                if hit is not None:
                    part.table().remove(doc_ids=[hit[0]])
                    return codec.decode(DrinkLog, hit[1])
        return None

    def _day_docs(self, day: date) -> list[dict[str, Any]]:
        key = day.isoformat()
        return [d for d in self._part(day).docs().values() if d["at"][:10] == key]

    def total_ml(self, day: date) -> int:
        with self._batch():
            return sum(d["ml"] for d in self._day_docs(day))

    def list_day(self, day: date) -> list[DrinkLog]:
        """That day's drinks, earliest first."""
        with self._batch():
            drinks = [codec.decode(DrinkLog, d) for d in self._day_docs(day)]
        return sorted(drinks, key=lambda d: d.at)

    def daily_totals(self, start: date, end: date) -> dict[date, int]:
        """Millilitres per day for every day from start to end (inclusive), 0 if none."""
        _check_range(start, end)
        totals = {start + timedelta(days=i): 0 for i in range((end - start).days + 1)}
        with self._batch():
            for month in _months(start, end):
                if not self._registry.exists(month_rel("drinks", month)):
                    continue
                for doc in self._part(month).docs().values():
                    day = date.fromisoformat(doc["at"][:10])
                    if day in totals:
                        totals[day] += doc["ml"]
        return totals


class _Daily:
    """Shared code for one-entry-per-day records kept in yearly files."""

    kind = ""
    key = ""

    def __init__(self, batch: Batch, registry: Registry) -> None:
        self._batch = batch
        self._registry = registry

    def _part(self, day: date) -> Partition:
        return self._registry.get(year_rel(self.kind, day))

    def _decode(self, doc: Any) -> Any:
        raise NotImplementedError

    def _upsert(self, day: date, doc: dict[str, Any]) -> None:
        with self._batch():
            part = self._part(day)
            hit = part.find(self.key, doc[self.key])
            if hit is None:
                part.table().insert(doc)
            else:
                part.table().update(doc, doc_ids=[hit[0]])

    def _get(self, day: date) -> Any:
        with self._batch():
            if not self._registry.exists(year_rel(self.kind, day)):
                return None
            hit = self._part(day).find(self.key, day.isoformat())
            return None if hit is None else self._decode(hit[1])

    def _remove(self, day: date) -> Any:
        with self._batch():
            part = self._part(day)
            hit = part.find(self.key, day.isoformat())
            if hit is None:
                return None
            part.table().remove(doc_ids=[hit[0]])
            return self._decode(hit[1])

    def _range(self, start: date, end: date) -> list[Any]:
        _check_range(start, end)
        lo, hi, out = start.isoformat(), end.isoformat(), []
        with self._batch():
            for year in range(start.year, end.year + 1):
                if not self._registry.exists(year_rel(self.kind, date(year, 1, 1))):
                    continue
                for doc in self._part(date(year, 1, 1)).docs().values():
                    if lo <= doc[self.key] <= hi:
                        out.append(self._decode(doc))
        return sorted(out, key=lambda r: getattr(r, self.key))


class Sleep(_Daily):
    """One SleepLog per night (the date the person woke up)."""

    kind, key = "sleep", "night"

    def _decode(self, doc: Any) -> SleepLog:
        return codec.decode(SleepLog, doc)

    def upsert(self, log: SleepLog) -> None:
        log = codec.require(log, SleepLog, "sleep")
        self._upsert(log.night, codec.encode(log))

    def get(self, night: date) -> SleepLog | None:
        found: SleepLog | None = self._get(night)
        return found

    def remove(self, night: date) -> SleepLog | None:
        found: SleepLog | None = self._remove(night)
        return found

    def range(self, start: date, end: date) -> list[SleepLog]:
        """Nights from start to end inclusive, earliest first."""
        return list(self._range(start, end))


class Diary(_Daily):
    """One DiaryEntry per day, editable."""

    kind, key = "diary", "day"

    def _decode(self, doc: Any) -> DiaryEntry:
        return codec.decode(DiaryEntry, doc)

    def upsert(self, entry: DiaryEntry) -> None:
        entry = codec.require(entry, DiaryEntry, "diary")
        self._upsert(entry.day, codec.encode(entry))

    def get(self, day: date) -> DiaryEntry | None:
        found: DiaryEntry | None = self._get(day)
        return found

    def remove(self, day: date) -> DiaryEntry | None:
        found: DiaryEntry | None = self._remove(day)
        return found

    def range(self, start: date, end: date) -> list[DiaryEntry]:
        """Days from start to end inclusive, earliest first."""
        return list(self._range(start, end))

    def first_day(self) -> date | None:
        """The earliest diary day, e.g. to show how long the person has kept it."""
        with self._batch():
            for rel in self._registry.on_disk("diary"):
                days = [doc["day"] for doc in self._registry.get(rel).docs().values()]
                if days:
                    return date.fromisoformat(min(days))
        return None
