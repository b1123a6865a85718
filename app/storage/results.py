"""Self-check results: full records by month, plus a compact index for History.

The History list reads only `results/index.json` (id, taken_at, tier, top
triggers), never 2,000 full records. Adding a result rewrites its month file and
the index in one journalled commit. The index is derived data: if it is damaged,
or disagrees with the month files, it is rebuilt from them instead of restored.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.errors import ValidationError
from app.records import ResultRecord, Tier
from app.storage import codec, kinds, layout
from app.storage.atomic import Tables
from app.storage.kinds import ResultSummary
from app.storage.layout import INDEX, month_rel
from app.storage.partitions import Partition, Registry
from app.storage.recovery import Keeper
from app.storage.txn import Batch


def _month_of(doc: dict[str, Any]) -> str:
    return f"results/{doc['taken_at'][:7]}.json"


def _row(doc: dict[str, Any]) -> ResultSummary:
    """A History row from an index doc that was checked already (in full when its file
    was read, or as a record before it was written), so it is not checked twice."""
    row = object.__new__(ResultSummary)
    values = (datetime.fromisoformat(doc["taken_at"]), tuple(doc["top_triggers"]))
    for name, value in (("id", doc["id"]), ("taken_at", values[0]), ("tier", doc["tier"])):
        object.__setattr__(row, name, value)
    object.__setattr__(row, "top_triggers", values[1])
    return row


class Results:
    def __init__(self, batch: Batch, registry: Registry, keeper: Keeper) -> None:
        self._batch = batch
        self._registry = registry
        self._keeper = keeper
        self._rows: tuple[object, int, list[ResultSummary]] | None = None
        self._index_needs_write = False

    # --- index upkeep -------------------------------------------------------------------

    def _index(self) -> Partition:
        part = self._registry.get(INDEX, self._load_index)
        if self._index_needs_write:
            self._index_needs_write = False
            part.overwrite(part.storage.read() or {})
        return part

    def _load_index(self, rel: str) -> Tables | None:
        data = self._keeper.load(rel, use_backup=False)
        on_disk = set(layout.partitions(self._registry.root, "results"))
        if data is None and not on_disk:
            return None
        docs = list((data or {}).get("index", {}).values())
        stale = on_disk ^ {_month_of(d) for d in docs} if data is not None else on_disk
        fixed = self._refreshed(docs, stale)
        if data is None or fixed != docs:
            self._index_needs_write = True
        return layout.make_tables("index", {"index": fixed})

    def _refreshed(self, docs: list[dict[str, Any]], months: set[str]) -> list[dict[str, Any]]:
        """Index docs with the rows of `months` rebuilt from those month files."""
        kept = [d for d in docs if _month_of(d) not in months]
        for rel in sorted(months):
            for doc in self._registry.get(rel).docs().values():
                kept.append(kinds.summary_doc(kinds.summary_of(codec.decode(ResultRecord, doc))))
        return kept

    def month(self, rel: str) -> Partition:
        """A month file; on first load, make the index agree with it."""
        fresh = not self._registry.is_loaded(rel)
        part = self._registry.get(rel)
        if fresh:
            index = self._index()
            docs = list(index.docs().values())
            listed = {(d["id"], d["taken_at"]) for d in docs if _month_of(d) == rel}
            actual = {(d["id"], d["taken_at"]) for d in part.docs().values()}
            if listed != actual:
                fixed = self._refreshed(docs, {rel})
                index.overwrite(layout.make_tables("index", {"index": fixed}))
        return part

    def forget(self) -> None:
        """Drop cached rows (the registry was reset)."""
        self._rows = None
        self._index_needs_write = False

    # --- public API ---------------------------------------------------------------------

    def add(self, record: ResultRecord) -> None:
        record = codec.require(record, ResultRecord, "result")
        doc = codec.encode(record)
        row = kinds.summary_doc(kinds.summary_of(record))
        with self._batch():
            if self._index().find("id", record.id) is not None:
                raise ValidationError("id", f"a result with id {record.id!r} is already saved")
            month = self.month(month_rel("results", record.taken_at.date()))
            if len(self._index().docs()) >= layout.MAX_RESULTS:
                raise ValidationError("id", f"at most {layout.MAX_RESULTS} results can be kept")
            if len(month.docs()) >= layout.MAX_RESULTS_PER_MONTH:
                limit = layout.MAX_RESULTS_PER_MONTH
                raise ValidationError("taken_at", f"a month can hold at most {limit} results")
            month.table().insert(doc)
            self._index().table().insert(row)

    def get(self, result_id: str) -> ResultRecord | None:
        with self._batch():
            hit = self._index().find("id", result_id)
            if hit is None:
                return None
            found = self.month(_month_of(hit[1])).find("id", result_id)
            return None if found is None else codec.decode(ResultRecord, found[1])

    def list(self, tier: Tier | None = None, limit: int | None = None) -> list[ResultSummary]:
        """History rows, newest first; optionally one tier only and at most `limit` rows."""
        with self._batch():
            storage = self._index().storage
            cached = self._rows
            if cached is None or cached[0] is not storage or cached[1] != storage.revision:
                docs = (storage.read() or {}).get("index", {}).values()
                rows = sorted(
                    map(_row, docs),
                    key=lambda r: (r.taken_at, r.id),
                    reverse=True,
                )
                cached = self._rows = (storage, storage.revision, rows)
            rows = cached[2]
        if tier is not None:
            rows = [r for r in rows if r.tier == tier]
        return rows[:limit] if limit is not None else list(rows)

    def delete(self, result_id: str) -> ResultRecord | None:
        """Remove one result; returns it so the UI can offer undo via restore()."""
        with self._batch():
            index = self._index()
            hit = index.find("id", result_id)
            if hit is None:
                return None
            part = self.month(_month_of(hit[1]))
            found = part.find("id", result_id)
            index.table().remove(doc_ids=[hit[0]])
            if found is None:
                return None
            part.table().remove(doc_ids=[found[0]])
            return codec.decode(ResultRecord, found[1])

    def restore(self, record: ResultRecord) -> None:
        """Undo a delete; a no-op if that exact record is already there."""
        with self._batch():
            if self.get(record.id) == record:
                return
            self.add(record)

    def count(self) -> int:
        with self._batch():
            return len(self._index().docs())
