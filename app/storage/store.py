"""The Store: opens a data folder (repair, migrate, back up) and hands out repositories.

    store = get_store(resolve_data_dir(os.environ))
    store.drinks.add(DrinkLog(...))            # one commit, on_commit fires once
    with store.transaction():                  # several writes, one commit
        store.sleep.upsert(...); store.diary.upsert(...)

All public calls hold one re-entrant lock, so several sessions in one process can
share the store (TinyDB itself is not thread-safe). Do not `await` inside a
transaction: the lock is per thread, so another coroutine on the same event loop
would join the open batch.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from app.errors import LipCheckError
from app.storage import codec, exchange, journal, layout, lock, opening
from app.storage.atomic import clean_temp_files, ensure_dir
from app.storage.backups import ERASED, backups_set_aside, finish_erase
from app.storage.batch import Batch
from app.storage.errors import StorageError
from app.storage.exchange import ImportSummary, Snapshot
from app.storage.layout import KINDS, SETTINGS_KINDS
from app.storage.repair import NOTICES, Keeper, RecoveryNotice
from app.storage.repos import Diary, Drinks, Registry, Results, Settings, Sleep

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
R = TypeVar("R")


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Store:
    """One data folder. Use `Store.open()` or, to share per process, `get_store()`."""

    def __init__(self, data_dir: Path, on_commit: Callable[[], None] | None, clock: Clock | None):
        self.data_dir = Path(data_dir).absolute()
        self._clock = clock or _utc_now
        self._release: Callable[[], object] = lambda: None
        self._backup_day: date | None = None
        self._keeper = Keeper(self.data_dir, self._now, self._changed)
        self._notices = self._keeper.notices
        self._batch = Batch(
            self.data_dir, on_commit, self._forget, self._daily_backup, self._keeper.expected
        )
        self._registry = Registry(self.data_dir, self._keeper, self._batch)
        self.results = Results(self._batch, self._registry)
        self.drinks = Drinks(self._batch, self._registry)
        self.sleep = Sleep(self._batch, self._registry)
        self.diary = Diary(self._batch, self._registry)
        self.settings = Settings(self._batch, self._registry)

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
        except LipCheckError:
            store.close()
            raise
        except Exception as exc:  # noqa: BLE001  # whatever it is, say so; never a traceback
            store.close()
            problem = f"{type(exc).__name__}: {exc}" if not isinstance(exc, OSError) else exc
            raise StorageError(f"Could not open the data folder {data_dir}: {problem}") from exc
        return store

    # --- state --------------------------------------------------------------------------

    @property
    def notices(self) -> tuple[RecoveryNotice, ...]:
        """Every file repaired since open, oldest first (the UI tells the user)."""
        with self._batch.lock:
            return tuple(self._notices.items)

    def close(self) -> None:
        """Let the folder go (another process may open it then); this Store is done."""
        self._release()
        self._batch.closed = True

    def mark_notices_seen(self) -> None:
        """A screen has told the user: later starts need not tell them again."""
        with self._batch.lock:
            if self._notices.mark_seen():
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

    batch = transaction

    def _now(self) -> datetime:
        now = self._clock()
        return now if now.tzinfo is not None else now.replace(tzinfo=UTC)

    def _changed(self) -> None:
        self._batch.fs_changed = True

    def _forget(self) -> None:
        """Drop every cached file (after rollback, import or erase); reread on next use."""
        self._registry.parts.clear()

    # --- opening ------------------------------------------------------------------------

    def _open(self) -> None:
        root = self.data_dir
        with self._batch.lock:
            ensure_dir(root)
            lock.claim(root)
            self._release = weakref.finalize(self, lock.release, root)
            opening.refuse_newer(root)
            for folder in (root, *(root / kind for kind in layout.PARTITIONED)):
                clean_temp_files(folder)
            self._notices.load()
            if opening.replay_journal(root, self._notices, self._now()):
                self._changed()
            finish_erase(root)
            opening.fix_folders(root, self._keeper)
            if opening.load_meta(root, self._keeper, self._now()):
                self._changed()
            opening.restore_missing(root, self._keeper)
            with self._batch():
                self.settings.get_app()
                today = self._now().date()
                for day in {today - timedelta(days=1), today, today + timedelta(days=1)}:
                    self.drinks.total_ml(day)
                self._daily_backup()

    def _daily_backup(self) -> None:
        """Once a day (at open or the first commit): a checked copy of every file."""
        day = self._now().date()
        if self._backup_day == day:
            return
        self._after_backup(day, self._keeper.backups.snapshot)

    def _after_backup(
        self, day: date, take: Callable[[date, set[str]], dict[str, str] | None]
    ) -> None:
        try:
            bad = take(day, set(self._keeper.expected))
        except OSError:
            self._backup_day = day  # not again today; the data itself is unaffected
            log.exception("daily backup failed; the data itself is unaffected")
            return
        if bad is None:
            # Nothing was taken: either today's exists, or there is nothing yet to
            # back up (a new folder), in which case a later commit tries again.
            if (self._keeper.backups.dir / day.isoformat()).is_dir():
                self._backup_day = day
            return
        self._backup_day = day
        self._changed()
        for rel, reason in bad.items():
            self._recover_unread(rel, reason)

    def _recover_unread(self, rel: str, reason: str) -> None:
        """A damaged file the backup found is handled now, as reading it would handle it,
        so the user hears of it while a good copy is still kept. Loaded files are left
        alone (their next change rewrites them from memory)."""
        if layout.kind_of(rel) not in layout.PARTITIONED or rel in self._registry.parts:
            return
        try:
            self._keeper.recover(rel, reason)
        except (OSError, StorageError):
            log.exception("could not repair %s; it is repaired when next read", rel)

    # --- whole-store operations ---------------------------------------------------------

    def snapshot(self) -> Snapshot:
        """Every record in the store (checked), sorted by time."""
        with self._batch():
            parts: dict[str, Any] = {n: self.settings.get(n) for n in SETTINGS_KINDS}
            for kind in KINDS.values():
                files = [self._registry.get(rel) for rel in self._registry.on_disk(kind.name)]
                found: list[Any] = [
                    codec.decode(kind.cls, d) for p in files for d in p.docs().values()
                ]
                parts[kind.name] = tuple(sorted(found, key=kind.sort_key))
            return Snapshot(**parts)

    def export_json(self) -> str:
        """Everything as one versioned JSON backup that import_json() accepts."""
        return exchange.export_json(self.snapshot(), self._now())

    def export_csv(self) -> dict[str, str]:
        """results.csv, drinks.csv, sleep.csv, diary.csv (file name -> CSV text)."""
        return exchange.export_csv(self.snapshot())

    def _replace_all(self, changes: journal.Changes, *, erase: bool) -> None:
        if self._batch.active:
            raise StorageError("Import and erase cannot run inside a transaction.")
        backup_day = self._backup_day
        today = self._now().date()
        try:
            with backups_set_aside(self.data_dir) if erase else nullcontext(), self._batch():
                if erase:
                    self._backup_day = today  # erased data must not reach today's backup
                else:
                    # Today's backup, retaken now, keeps the data the import replaces.
                    self._after_backup(today, self._keeper.backups.retake)
                gone = {rel: None for rel in layout.data_files(self.data_dir)}
                self._batch.stage({**gone, **changes})
        except BaseException:
            self._backup_day = backup_day  # nothing was erased: back up as usual
            raise
        if erase:
            self._keeper.sweep_moved_aside()
            self._notices.clear()
        self._forget()

    def import_json(self, text: str) -> ImportSummary:
        """Check the whole backup, then REPLACE all data with it (all or nothing).
        Raises ImportFileError (nothing changed) if any part of the file is wrong.
        Today's backup, if not yet taken, still holds the replaced data."""
        snap = exchange.parse_backup(text)
        self._replace_all(exchange.snapshot_files(snap), erase=False)
        return ImportSummary(len(snap.results), len(snap.drinks), len(snap.sleep), len(snap.diary))

    def erase_all(self) -> None:
        """Delete all data, its backups and moved-aside copies (the UI confirms first);
        no copy of the erased data is left anywhere in the data folder."""
        changes = {layout.META: layout.meta_bytes([]), ERASED: b"erased\n", NOTICES: None}
        self._replace_all(changes, erase=True)


_stores: dict[Path, Store] = {}
_stores_lock = threading.Lock()


def get_store(
    data_dir: Path,
    *,
    on_commit: Callable[[], None] | None = None,
    clock: Clock | None = None,
) -> Store:
    """The one Store for this folder in this process (arguments count on first call only)."""
    key = Path(data_dir).resolve()
    with _stores_lock:
        store = _stores.get(key)
        if store is None:
            store = _stores[key] = Store.open(key, on_commit=on_commit, clock=clock)
        return store
