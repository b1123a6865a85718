"""Batched, all-or-nothing writes: one flush per file and one on_commit per user action.

Every repository call runs inside `Batch.__call__()`. Nested calls join the outermost
one; only its exit writes (through the journal when several files changed) and then
fires `on_commit` once. An exception escaping the outermost level throws the whole
batch away; one escaping an inner level that had written marks the batch as failed,
so a caller cannot commit half of an action by catching the error.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.storage import files, layout
from app.storage.errors import BatchAbortedError, StorageError
from app.storage.files import AtomicJSONStorage, Changes

log = logging.getLogger(__name__)


class Batch:
    """The store's lock, its pending writes, and the commit that writes them."""

    def __init__(
        self,
        root: Path,
        on_commit: Callable[[], None] | None,
        on_rollback: Callable[[], None],
        before_commit: Callable[[], None],
        expected: set[str],
    ) -> None:
        self.root, self.on_commit, self.expected = root, on_commit, expected
        self._on_rollback, self._before_commit = on_rollback, before_commit
        self.lock = threading.RLock()
        self._depth = self._writes = 0
        self._dirty: dict[Path, AtomicJSONStorage] = {}
        self._staged: Changes = {}
        self._failed = self.fs_changed = self.closed = False
        self.retired = False  # a newer Store of the folder saves instead (Store._take_over)

    @property
    def active(self) -> bool:
        return self._depth > 0

    def defer(self, storage: AtomicJSONStorage) -> bool:
        """AtomicJSONStorage asks this on each write; True = hold it until commit."""
        if self._depth == 0:
            self.fs_changed = True
            return False
        self._dirty[storage.path] = storage
        self._writes += 1
        return True

    def stage(self, changes: Changes) -> None:
        """Whole-file writes (import, erase) that replace all pending TinyDB writes."""
        self._dirty.clear()
        self._staged.update(changes)
        self._writes += 1

    @contextmanager
    def __call__(self) -> Iterator[None]:
        if self.closed:
            raise StorageError("This store was closed; open the data folder again.")
        with self.lock:
            if self.retired and self._depth == 0:
                self._on_rollback()  # read what the newer Store saved, never a stale copy
            self._depth += 1
            start = self._writes
            try:
                yield
            except BaseException:
                self._depth -= 1
                if self._depth == 0:
                    self._rollback()
                elif self._writes != start:
                    self._failed = True
                raise
            self._depth -= 1
            if self._depth == 0 and self._failed:
                self._rollback()
                raise BatchAbortedError(
                    "A write in this action failed earlier, so none of it was saved."
                )
            if self._depth == 0:
                self._commit()

    def _commit(self) -> None:
        """Write everything pending. meta.json's list of data files changes in the same
        commit that creates or deletes one, so a file missing later is known to be lost."""
        changes: Changes = {}
        try:
            if self.retired and (self._dirty or self._staged):
                raise StorageError(
                    "This data folder was opened again since, so this copy cannot save; "
                    "nothing was changed. Use the newer one."
                )
            if self._dirty or self._staged:
                self._before_commit()
                for path, storage in self._dirty.items():
                    changes[path.relative_to(self.root).as_posix()] = storage.payload()
                changes.update(self._staged)
            listed = layout.listed_after(self.expected, changes)
            if listed != self.expected or layout.META in changes:
                changes[layout.META] = layout.meta_bytes(listed)
            files.commit(self.root, changes)  # files.: a test makes the disk full
        except BaseException as exc:
            self._rollback()
            if isinstance(exc, OSError):
                raise StorageError(f"Could not save your data: {exc}") from exc
            raise
        self._dirty.clear()
        self._staged.clear()
        self.expected.clear()
        self.expected.update(listed)
        if changes or self.fs_changed:
            self.fire()

    def _rollback(self) -> None:
        self._dirty.clear()
        self._staged.clear()
        self._failed = False
        self._on_rollback()
        if self.fs_changed:
            self.fire()

    def fire(self) -> None:
        """Call on_commit once; a failing hook is logged, the data is already safe."""
        self.fs_changed = False
        try:
            if self.on_commit is not None:
                self.on_commit()
        except Exception:  # the hook belongs to the caller; never lose the commit
            log.exception("on_commit hook failed")
