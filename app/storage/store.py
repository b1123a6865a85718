"""The Store: opens a data folder (repair, migrate, back up) and hands out repositories.

    store = get_store(resolve_data_dir(os.environ))
    store.drinks.add(DrinkLog(...))            # one commit, on_commit fires once
    with store.transaction():                  # several writes, one commit
        store.sleep.upsert(...); store.diary.upsert(...)

All public calls hold one re-entrant lock, so the sessions of one process can share
the store (TinyDB is not thread-safe). Do not `await` inside a transaction: the lock
is per thread, so another coroutine on the same event loop would join the batch.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from app import codec, spreadsheet
from app.errors import LipCheckError
from app.storage import exchange, layout, opening
from app.storage import folder as data_folder
from app.storage.backups import ERASED, backups_set_aside, finish_erase
from app.storage.batch import Batch
from app.storage.errors import StorageError
from app.storage.exchange import Snapshot
from app.storage.files import Changes, clean_temp_files, ensure_dir
from app.storage.repair import NOTICES, Keeper, RecoveryNotice
from app.storage.repos import Diary, Drinks, Registry, Settings, Sleep
from app.storage.results import Results

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


class Store:
    """One data folder. Use `Store.open()` or, to share per process, `get_store()`."""

    def __init__(self, data_dir: Path, on_commit: Callable[[], None] | None, clock: Clock | None):
        self.data_dir = root = Path(data_dir).absolute()
        self._clock = clock or (lambda: datetime.now(UTC))
        self._release: Callable[[], object] = lambda: None
        self._backup_day: date | None = None
        self._keeper = keeper = Keeper(root, self._now, self._changed)
        self._batch = batch = Batch(root, on_commit, self._forget, self._backup, keeper.expected)
        self._registry = registry = Registry(root, keeper, batch)
        self.results, self.drinks = Results(batch, registry), Drinks(batch, registry)
        self.sleep, self.diary = Sleep(batch, registry), Diary(batch, registry)
        self.settings = Settings(batch, registry)

    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        on_commit: Callable[[], None] | None = None,
        clock: Clock | None = None,
    ) -> Store:
        """Open (creating if needed), finish an interrupted commit, migrate, check the
        files needed first, and take today's backup. See `notices` for any repairs."""
        store = cls(data_dir, on_commit, clock)
        try:
            store._open()
        except Exception as exc:  # noqa: BLE001  # whatever it is, say so; never a traceback
            store.close()
            if isinstance(exc, LipCheckError):
                raise
            problem = exc if isinstance(exc, OSError) else f"{type(exc).__name__}: {exc}"
            raise StorageError(f"Could not open the data folder {data_dir}: {problem}") from exc
        store._take_over()
        return store

    def _take_over(self) -> None:
        """The newest Store of a folder in this process is the only one that saves: two
        would each cache the files, and the second to save would undo the first's save.
        An older one still reads (from the files again), but refuses to save, loudly."""
        key = self.data_dir.resolve()
        with _stores_lock:
            previous = _live.get(key)
            _live[key] = self
        if previous is not None and previous is not self:
            with previous._batch.lock:
                previous._batch.retired = True
                previous._forget()

    @property
    def notices(self) -> tuple[RecoveryNotice, ...]:
        """Every file repaired since open, oldest first (the UI tells the user)."""
        with self._batch.lock:
            return tuple(self._keeper.notices.items)

    def close(self) -> None:
        """Let the folder go (another process may open it then); this Store is done."""
        self._release()
        self._batch.closed = True

    def mark_notices_seen(self) -> None:
        """A screen has told the user: later starts need not tell them again."""
        with self._batch.lock:
            if self._keeper.notices.mark_seen():
                self._batch.fire()

    @property
    def on_commit(self) -> Callable[[], None] | None:
        return self._batch.on_commit

    @on_commit.setter
    def on_commit(self, hook: Callable[[], None] | None) -> None:
        self._batch.on_commit = hook

    def transaction(self) -> AbstractContextManager[None]:
        """Group writes: files are written once and on_commit fires once, at the end.
        If the block raises, none of its writes are kept."""
        return self._batch()

    def _now(self) -> datetime:
        now = self._clock()
        return now if now.tzinfo is not None else now.replace(tzinfo=UTC)

    def _changed(self) -> None:
        self._batch.fs_changed = True

    def _forget(self) -> None:
        """Drop every cached file (after rollback, import or erase); reread on next use."""
        self._registry.parts.clear()

    def _open(self) -> None:
        root, keeper = self.data_dir, self._keeper
        with self._batch.lock:
            ensure_dir(root)
            data_folder.claim(root)
            self._release = weakref.finalize(self, data_folder.release, root)
            opening.refuse_newer(root)
            opening.keep_private(root)
            for folder in (root, *(root / kind for kind in layout.PARTITIONED)):
                clean_temp_files(folder)
            keeper.notices.load()
            if opening.replay_journal(keeper):
                self._changed()
            finish_erase(root)
            opening.fix_folders(keeper)
            if opening.load_meta(keeper):
                self._changed()
            opening.restore_missing(keeper)
            with self._batch():
                self.settings.get_app()
                today = self._now().date()
                for day in {today - timedelta(days=1), today, today + timedelta(days=1)}:
                    self.drinks.total_ml(day)
                self._backup()

    def _backup(self, retake: bool = False) -> None:
        """Once a day (at open or the first commit), and again before an import: a
        checked copy of every file. A damaged file it finds is repaired now, as reading
        it would, while a good copy is still kept (a loaded one is rewritten from memory)."""
        day = self._now().date()
        if self._backup_day == day and not retake:
            return
        backups = self._keeper.backups
        try:
            bad = backups.snapshot(day, set(self._keeper.expected), replace=retake)
        except OSError:
            self._backup_day = day  # not again today; the data itself is unaffected
            log.exception("daily backup failed; the data itself is unaffected")
            return
        if bad is None:  # today's exists, or nothing to back up yet (a later commit tries)
            self._backup_day = day if (backups.dir / day.isoformat()).is_dir() else None
            return
        self._backup_day = day
        self._changed()
        for rel, reason in bad.items():
            part = self._registry.parts.get(rel)
            if layout.kind_of(rel) not in layout.PARTITIONED or (part and part.checked):
                continue
            self._registry.parts.pop(rel, None)
            try:
                self._keeper.recover(rel, reason)
            except (OSError, StorageError):
                log.exception("could not repair %s; it is repaired when next read", rel)

    def snapshot(self) -> Snapshot:
        """Every record in the store (checked), sorted by time."""
        with self._batch():
            parts: dict[str, Any] = {n: self.settings.get(n) for n in layout.SETTINGS_KINDS}
            for kind in layout.KINDS.values():
                docs = [
                    doc
                    for rel in self._registry.on_disk(kind.name)
                    for doc in self._registry.get(rel).docs().values()
                ]
                found: list[Any] = [codec.decode(kind.cls, doc) for doc in docs]
                parts[kind.name] = tuple(sorted(found, key=kind.sort_key))
            return Snapshot(**parts)

    def export_json(self) -> str:
        """Everything as one versioned JSON backup that import_json() accepts."""
        return exchange.export_json(self.snapshot(), self._now())

    def export_csv(self) -> dict[str, str]:
        """results.csv, drinks.csv, sleep.csv, diary.csv (file name -> CSV text)."""
        return spreadsheet.export_csv(self.snapshot())

    def _replace_all(self, changes: Changes, *, erase: bool) -> None:
        if self._batch.active:
            raise StorageError("Import and erase cannot run inside a transaction.")
        backup_day = self._backup_day
        try:
            with backups_set_aside(self.data_dir) if erase else nullcontext(), self._batch():
                if erase:  # erased data must not reach today's backup
                    self._backup_day = self._now().date()
                else:  # today's backup, retaken now, keeps the data the import replaces
                    self._backup(retake=True)
                gone: Changes = dict.fromkeys(layout.data_files(self.data_dir))
                self._batch.stage({**gone, **changes})
        except BaseException:
            self._backup_day = backup_day  # nothing was erased: back up as usual
            raise
        if erase:
            self._keeper.sweep_moved_aside()
            self._keeper.notices.clear()
        self._forget()

    def import_json(self, text: str) -> Snapshot:
        """Check the whole backup, then REPLACE all data with it (all or nothing); returns
        what was imported. Raises ImportFileError (nothing changed) if any part of the
        file is wrong. Today's backup, if not yet taken, still holds the replaced data."""
        snap = exchange.parse_backup(text)
        self._replace_all(exchange.snapshot_files(snap), erase=False)
        return snap

    def erase_all(self) -> None:
        """Delete all data, its backups and moved-aside copies (the UI confirms first);
        no copy of the erased data is left anywhere in the data folder."""
        changes = {layout.META: layout.meta_bytes([]), ERASED: b"erased\n", NOTICES: None}
        self._replace_all(changes, erase=True)


_stores: dict[Path, Store] = {}
_live: weakref.WeakValueDictionary[Path, Store] = weakref.WeakValueDictionary()
"""The newest Store of each folder (Store._take_over); gone when nothing holds it."""
_stores_lock = threading.RLock()  # get_store holds it while Store.open takes it too


def get_store(
    data_dir: Path, *, on_commit: Callable[[], None] | None = None, clock: Clock | None = None
) -> Store:
    """The one Store for this folder in this process (arguments count on first call only)."""
    key = Path(data_dir).resolve()
    with _stores_lock:
        if key not in _stores or _stores[key]._batch.closed:
            _stores[key] = Store.open(key, on_commit=on_commit, clock=clock)
        return _stores[key]
