"""Bad files are moved aside (never overwritten or dropped) and replaced from a backup,
and the user is told by a notice kept on disk, so a crash cannot hide a repair.

A repair writes its notice first, then the restored copy, then swaps it in (see
`swap_in`). A notice whose moved-aside copy never came to exist describes a repair
that did not happen (it is redone, with a new notice, so the stale one is dropped).
Notices stay until a screen has shown them, the newest MAX_KEPT at most.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.storage import layout
from app.storage.backups import Backups, reason_of, stamp
from app.storage.errors import StorageError
from app.storage.files import (
    Tables,
    atomic_write,
    ensure_dir,
    fsync_dir,
    link,
    make_private,
    write_temp,
)

log = logging.getLogger(__name__)
NOTICES = "notices.json"
MAX_KEPT = 50
_PATHS = ("file", "moved_to", "restored_from")


@dataclass(frozen=True)
class RecoveryNotice:
    """Something was wrong with a file; tells the user what and where the old file is."""

    file: Path
    moved_to: Path | None
    restored_from: Path | None
    reason: str

    @property
    def message(self) -> str:
        name = self.file.name
        if self.file.parent.name in layout.PARTITIONED:
            name = f"{self.file.parent.name}/{name}"
        parts = [f"The saved file {name} could not be used: {self.reason}."]
        if self.moved_to is not None:
            parts.append(f"The old file was kept as {self.moved_to}.")
        if self.restored_from is not None:
            parts.append(f"It was restored from the backup {self.restored_from}.")
        else:
            parts.append("No good backup of it was found, so it starts empty.")
        return " ".join(parts)


def _rel(root: Path, path: Path | None) -> str | None:
    if path is None or not path.is_relative_to(root):
        return None if path is None else str(path)
    return path.relative_to(root).as_posix()


class NoticeLog:
    """The notices of one data folder: those not yet shown (on disk), plus this run's."""

    def __init__(self, root: Path) -> None:
        self.root, self.path = root, root / NOTICES
        self.items: list[RecoveryNotice] = []
        self._unseen: list[RecoveryNotice] = []

    def load(self) -> None:
        """Read what earlier runs left unseen; anything this code did not write is dropped
        (the notices are only a courtesy), as is one whose repair never happened."""
        try:
            docs = json.loads(self.path.read_bytes())
        except FileNotFoundError:
            docs = []
        except Exception:  # noqa: BLE001  # any damage at all
            log.warning("the notices file could not be read; dropped")
            docs = []
        for doc in docs[:MAX_KEPT] if isinstance(docs, list) else []:
            paths = [doc.get(k) for k in _PATHS] if isinstance(doc, dict) else [None]
            if not isinstance(paths[0], str) or not isinstance(doc.get("reason"), str):
                continue
            if not all(p is None or isinstance(p, str) for p in paths):
                continue
            file, moved, restored = (None if p is None else self.root / p for p in paths)
            if file is not None and (moved is None or os.path.lexists(moved)):
                self._unseen.append(RecoveryNotice(file, moved, restored, doc["reason"][:1000]))
        self.items[:0] = self._unseen

    def add(self, notice: RecoveryNotice) -> None:
        """Record a repair on disk first; raises OSError if even that cannot be written."""
        unseen = [*self._unseen, notice][-MAX_KEPT:]
        docs = [{k: _rel(self.root, getattr(n, k)) for k in _PATHS} for n in unseen]
        reasons = [{**d, "reason": n.reason} for d, n in zip(docs, unseen, strict=True)]
        atomic_write(self.path, layout.dumps(reasons))
        self._unseen = unseen
        self.items.append(notice)

    def mark_seen(self) -> bool:
        """The user was told: later runs need not tell again. True if the file changed."""
        had, self._unseen = bool(self._unseen), []
        try:
            self.path.unlink()
        except OSError:
            return False
        return had

    def clear(self) -> None:
        self.items.clear()
        self._unseen = []


def aside_name(path: Path, now: datetime) -> Path:
    """A free `<name>.corrupt-<UTC stamp>` name beside `path`."""
    base = f"{path.name}.corrupt-{stamp(now)}"
    target, n = path.with_name(base), 1
    while os.path.lexists(target):
        n += 1
        target = path.with_name(f"{base}-{n}")
    return target


def move_aside(path: Path, now: datetime) -> Path:
    """Rename a bad file (or directory) to `<name>.corrupt-<UTC stamp>`, same folder."""
    target = aside_name(path, now)
    try:
        os.replace(path, target)
    except OSError as exc:
        raise StorageError(f"Could not move the damaged file {path} aside: {exc}") from exc
    fsync_dir(path.parent)
    return target


def swap_in(path: Path, raw: bytes | None, aside: Path | None) -> None:
    """Put `raw` at `path`, keeping what was there as `aside`, so that a crash at any
    step leaves the damaged file or the restored one in place, never neither: the
    restored copy is written first, the damaged file gets its second name by a hard
    link, and one rename swaps the copy in. (A directory, or a folder without hard
    links, is renamed instead; for that short moment the file is missing, which the
    next open sees from meta.json's list and restores from the same backup.)"""
    ensure_dir(path.parent)
    tmp = write_temp(path, raw) if raw is not None else None
    try:
        renamed = raw is None or path.is_dir() or path.is_symlink()
        if aside is not None and (renamed or not link(path, aside)):
            os.replace(path, aside)
        if tmp is not None:
            os.replace(tmp, path)
    except BaseException:
        if tmp is not None:
            with suppress(OSError):
                tmp.unlink()
        raise
    fsync_dir(path.parent)
    if aside is not None:  # it holds the user's data too, whatever mode its writer gave it
        make_private(aside)


class Keeper:
    """Reads data files with full checks and recovers the bad ones."""

    def __init__(self, root: Path, clock: Callable[[], datetime], changed: Callable[[], None]):
        self.root = root
        self.clock = clock
        self.changed = changed
        self.notices = NoticeLog(root)
        self.backups = Backups(root)
        self.expected: set[str] = set()
        """The data files meta.json lists: one of them missing is damage, not "no data"."""

    def load(self, rel: str, *, use_backup: bool = True, full: bool = True) -> Tables | None:
        """The checked content of `rel`, None if it does not exist (or could not be saved)."""
        try:
            return layout.parse((self.root / rel).read_bytes(), rel, full=full)
        except FileNotFoundError as exc:
            if rel not in self.expected:
                return None
            reason = reason_of(exc)
        except (OSError, layout.BadFile) as exc:
            reason = reason_of(exc)
        return self.recover(rel, reason, use_backup=use_backup)

    def recover(self, rel: str, reason: str, *, use_backup: bool = True) -> Tables | None:
        """Move the bad file aside and put the newest good backup copy in its place
        (crash-safe, see `swap_in`); the notice is on disk before anything moves."""
        path = self.root / rel
        found = self.backups.good_copy(rel) if use_backup else None
        present = os.path.lexists(path)
        aside = aside_name(path, self.clock()) if present else None
        source, raw, data = found if found is not None else (None, None, None)
        try:
            self.notices.add(RecoveryNotice(path, aside, source, reason))
            if present or raw is not None:
                swap_in(path, raw, aside)
        except OSError as exc:
            raise StorageError(f"Could not repair the damaged file {path}: {exc}") from exc
        self.changed()
        return data

    def sweep_moved_aside(self) -> None:
        """Erase-all also removes moved-aside copies (they hold the user's data too)."""
        for folder in (self.root, *(self.root / k for k in layout.PARTITIONED)):
            for entry in folder.iterdir() if folder.is_dir() else ():
                if ".corrupt-" not in entry.name:
                    continue
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    with suppress(OSError):
                        entry.unlink()
