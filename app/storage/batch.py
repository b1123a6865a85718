"""Batched, all-or-nothing writes: one flush per file and one on_commit per user action.

Every repository call runs inside `Batch.__call__()`. Nested calls join the
outermost one; only the outermost exit writes (through the journal when several
files changed) and then fires `on_commit` once. An exception escaping the
outermost level throws the whole batch away. An exception escaping an inner level
after that level had written anything marks the batch as failed, so the caller
cannot commit half of an action by catching the error.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.storage import journal, layout
from app.storage.atomic import AtomicJSONStorage
from app.storage.errors import BatchAbortedError, StorageError

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
        self.root = root
        self.expected = expected
        self.lock = threading.RLock()
        self.on_commit = on_commit
        self._on_rollback = on_rollback
        self._before_commit = before_commit
        self._depth = 0
        self._dirty: dict[Path, AtomicJSONStorage] = {}
        self._staged: journal.Changes = {}
        self._writes = 0
        self._failed = False
        self.fs_changed = False
        self.closed = False

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

    def stage(self, changes: journal.Changes) -> None:
        """Whole-file writes (import, erase) that replace all pending TinyDB writes."""
        self._dirty.clear()
        self._staged.update(changes)
        self._writes += 1

    @contextmanager
    def __call__(self) -> Iterator[None]:
        if self.closed:
            raise StorageError("This store was closed; open the data folder again.")
        with self.lock:
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
            if self._depth == 0:
                if self._failed:
                    self._rollback()
                    raise BatchAbortedError(
                        "A write in this action failed earlier, so none of it was saved."
                    )
                self._commit()

    def _commit(self) -> None:
        files: set[str] | None = None
        try:
            changes: journal.Changes = {}
            if self._dirty or self._staged:
                self._before_commit()
                for path, storage in self._dirty.items():
                    changes[path.relative_to(self.root).as_posix()] = storage.payload()
                changes.update(self._staged)
            files = self._files(changes)
            if files is not None:
                changes[layout.META] = layout.meta_bytes(files)
            journal.commit(self.root, changes)
        except OSError as exc:
            self._rollback()
            raise StorageError(f"Could not save your data: {exc}") from exc
        except BaseException:
            self._rollback()
            raise
        self._dirty.clear()
        self._staged.clear()
        if files is not None:
            self.expected.clear()
            self.expected.update(files)
        if changes or self.fs_changed:
            self.fire()

    def _files(self, changes: journal.Changes) -> set[str] | None:
        """meta.json's list of data files after `changes`, or None if it stays as is:
        a file is listed in the same commit that creates it, and unlisted in the one
        that deletes it, so a file missing later is known to be lost."""
        files = set(self.expected)
        for rel, data in changes.items():
            if layout.kind_of(rel) not in (None, "meta"):
                (files.discard if data is None else files.add)(rel)
        return files if files != self.expected or layout.META in changes else None

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
