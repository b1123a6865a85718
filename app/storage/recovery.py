"""Bad files are moved aside (never overwritten or dropped) and replaced from a backup.

A repair writes its notice to disk first, then the restored copy, then swaps it in
(see `swap_in`), so a crash at any step loses nothing and hides nothing.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from pathlib import Path

from app.storage import layout
from app.storage.atomic import Tables, ensure_dir, fsync_dir, write_temp
from app.storage.backups import Backups, link, reason_of, stamp
from app.storage.errors import StorageError
from app.storage.notices import NoticeLog, RecoveryNotice


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


class Keeper:
    """Reads data files with full checks and recovers the bad ones."""

    def __init__(
        self,
        root: Path,
        clock: Callable[[], datetime],
        notices: NoticeLog,
        changed: Callable[[], None],
    ) -> None:
        self.root = root
        self.clock = clock
        self.notices = notices
        self.changed = changed
        self.backups = Backups(root)
        self.expected: set[str] = set()
        """The data files meta.json lists: one of them missing is damage, not "no data"."""

    def load(self, rel: str, *, use_backup: bool = True) -> Tables | None:
        """The checked content of `rel`, None if it does not exist (or could not be saved)."""
        path = self.root / rel
        try:
            raw = path.read_bytes()
            return layout.parse(raw, rel)
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
        notice = RecoveryNotice(path, aside, source, reason, rebuilt=rel == layout.INDEX)
        try:
            self.notices.add(notice)
            if present or raw is not None:
                swap_in(path, raw, aside)
        except OSError as exc:
            raise StorageError(f"Could not repair the damaged file {path}: {exc}") from exc
        self.changed()
        return data

    def sweep_moved_aside(self) -> None:
        """Erase-all also removes moved-aside copies (they hold the user's data too)."""
        for folder in (self.root, *(self.root / k for k in layout.PARTITIONED)):
            if folder.is_dir():
                for entry in folder.iterdir():
                    if ".corrupt-" in entry.name:
                        if entry.is_dir() and not entry.is_symlink():
                            shutil.rmtree(entry, ignore_errors=True)
                        else:
                            with suppress(OSError):
                                entry.unlink()
