"""One TinyDB per data file, opened lazily and checked on first use.

Only the files a screen needs are read (this month's drinks, the History index);
five years of other months stay on disk until asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document, Table

from app.storage import layout
from app.storage.atomic import AtomicJSONStorage, Tables
from app.storage.recovery import Keeper
from app.storage.txn import Batch

Loader = Callable[[str], Tables | None]


class Partition:
    """A loaded data file: its TinyDB, and the raw docs for fast scans."""

    def __init__(self, rel: str, kind: str, db: TinyDB, storage: AtomicJSONStorage) -> None:
        self.rel = rel
        self.kind = kind
        self.db = db
        self.storage = storage

    def table(self, name: str | None = None) -> Table:
        return self.db.table(name or self.kind)

    def docs(self, name: str | None = None) -> dict[str, dict[str, Any]]:
        """The stored docs by doc id; read-only for callers (shared with TinyDB's cache)."""
        data = self.storage.read() or {}
        return data.get(name or self.kind, {})

    def find(self, key: str, value: object, name: str | None = None) -> tuple[int, Any] | None:
        for doc_id, doc in self.docs(name).items():
            if doc.get(key) == value:
                return int(doc_id), doc
        return None

    def replace_one(self, doc: dict[str, Any], name: str) -> None:
        """The single doc of a settings table (doc id 1)."""
        self.table(name).upsert(Document(doc, doc_id=1))

    def overwrite(self, data: Tables) -> None:
        """Replace the whole content (index rebuild); written at commit like any write."""
        self.db.clear_cache()
        self.storage.write(data)
        for table in self.db.tables():
            self.db.table(table).clear_cache()


class Registry:
    def __init__(self, root: Path, keeper: Keeper, batch: Batch) -> None:
        self.root = root
        self.keeper = keeper
        self.batch = batch
        self._parts: dict[str, Partition] = {}

    def is_loaded(self, rel: str) -> bool:
        return rel in self._parts

    def loaded(self, kind: str) -> list[str]:
        return [rel for rel, part in self._parts.items() if part.kind == kind]

    def get(self, rel: str, loader: Loader | None = None) -> Partition:
        part = self._parts.get(rel)
        if part is None:
            kind = layout.kind_of(rel)
            if kind is None:
                raise ValueError(f"not a data file: {rel}")
            data = (loader or self.keeper.load)(rel)
            if data is None:
                data = layout.make_tables(kind, {})
            storage_args: dict[str, Any] = {"defer": self.batch.defer, "preloaded": data}
            db = TinyDB(self.root / rel, storage=AtomicJSONStorage, **storage_args)
            storage = db.storage
            assert isinstance(storage, AtomicJSONStorage)
            part = Partition(rel, kind, db, storage)
            self._parts[rel] = part
        return part

    def exists(self, rel: str) -> bool:
        return rel in self._parts or (self.root / rel).is_file()

    def on_disk(self, kind: str) -> list[str]:
        """Partitions of `kind`, loaded or on disk, oldest first."""
        names = set(layout.partitions(self.root, kind)) | set(self.loaded(kind))
        return sorted(names)

    def reset(self) -> None:
        """Drop every cached file (after rollback, import or erase); reread on next use."""
        self._parts.clear()
