"""Bad files are moved aside (never overwritten or dropped) and replaced from a backup.

Backups are rolling daily snapshots, `backups/YYYY-MM-DD/` with the same layout as
the data folder, the newest 7 kept. Only files that pass every check go in, so a
damaged file cannot push its last good copy out of the window (the snapshot keeps
that good copy instead). Only files changed since the previous snapshot are copied;
unchanged ones are hard links to the previous snapshot's copy. Restoring picks,
per file, the newest snapshot copy that passes every check.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from app.storage import layout
from app.storage.atomic import (
    Tables,
    atomic_write,
    ensure_dir,
    fsync_dir,
    make_private,
    write_private,
)
from app.storage.errors import StorageError

BACKUP_DIR = "backups"
KEEP_BACKUPS = 7
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class RecoveryNotice:
    """Something was wrong with a file; tells the user what and where the old file is."""

    file: Path
    moved_to: Path | None
    restored_from: Path | None
    reason: str
    rebuilt: bool = False
    """True when the file was rebuilt from the other files (the History index)."""

    @property
    def message(self) -> str:
        name = self.file.name
        if self.file.parent.name in layout.PARTITIONED:
            name = f"{self.file.parent.name}/{name}"
        parts = [f"The saved file {name} could not be used: {self.reason}."]
        if self.moved_to is not None:
            parts.append(f"The old file was kept as {self.moved_to}.")
        if self.rebuilt:
            parts.append("It was rebuilt from your other saved files.")
        elif self.restored_from is not None:
            parts.append(f"It was restored from the backup {self.restored_from}.")
        else:
            parts.append("No good backup of it was found, so it starts empty.")
        return " ".join(parts)


def stamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def move_aside(path: Path, now: datetime) -> Path:
    """Rename a bad file to `<name>.corrupt-<UTC stamp>` in the same folder."""
    base = f"{path.name}.corrupt-{stamp(now)}"
    target, n = path.with_name(base), 1
    while target.exists():
        n += 1
        target = path.with_name(f"{base}-{n}")
    try:
        os.replace(path, target)
    except OSError as exc:
        raise StorageError(f"Could not move the damaged file {path} aside: {exc}") from exc
    fsync_dir(path.parent)
    return target


class Backups:
    """The rolling daily snapshots of one data folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.dir = root / BACKUP_DIR

    def dated(self) -> list[Path]:
        """Snapshot folders, newest first."""
        if not self.dir.is_dir():
            return []
        days = [p for p in self.dir.iterdir() if p.is_dir() and _DAY.match(p.name)]
        return sorted(days, key=lambda p: p.name, reverse=True)

    def snapshot(self, day: date) -> dict[str, str] | None:
        """Take today's snapshot once; returns the files left out as damaged (rel ->
        reason), or None if no snapshot was made.

        Only files that pass every check are copied, so a damaged file never
        pushes its last good copy out of the rolling window: in its place the
        snapshot keeps the newest good copy from an older one (if any). Files unchanged
        since the previous snapshot are hard-linked to that snapshot's copy; the
        rest are copied. Live files are never linked, so a program that later
        edits a live file in place cannot reach the backups.
        """
        target = self.dir / day.isoformat()
        files = [rel for rel in layout.data_files(self.root) if rel != layout.META]
        if target.exists() or not files:
            return None
        previous = next((p for p in self.dated() if p.name < target.name), None)
        staging = self.dir / f".staging-{day.isoformat()}-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        bad: dict[str, str] = {}
        for rel in [layout.META, *files]:
            problem = self._take(rel, staging, previous)
            if problem is not None:
                bad[rel] = problem
        os.replace(staging, target)
        fsync_dir(self.dir)
        self.prune()
        make_private(self.dir)
        return bad

    def _take(self, rel: str, staging: Path, previous: Path | None) -> str | None:
        """Put a checked copy of `rel` into `staging`; returns why the live file was
        left out (its newest good backup copy, if any, is kept instead)."""
        copy = staging / rel
        ensure_dir(copy.parent)
        try:
            raw = (self.root / rel).read_bytes()
            layout.parse(raw, rel)
        except FileNotFoundError:
            return None  # deleted meanwhile: nothing to keep
        except (OSError, layout.BadFile) as exc:
            found = self.good_copy(rel)
            if found is not None and not _link(found[0], copy):
                write_private(copy, found[1])
            if isinstance(exc, layout.BadFile):
                return exc.reason
            return f"the file could not be read ({exc.strerror or exc})"
        if not (previous and _same(raw, previous / rel) and _link(previous / rel, copy)):
            write_private(copy, raw)
        return None

    def retake(self, day: date) -> dict[str, str] | None:
        """Today's snapshot again, now: an import replaces everything, so the backup
        must hold the data as it is right before, not as it was at the day's start."""
        target = self.dir / day.isoformat()
        old = self.dir / f".staging-old-{day.isoformat()}-{os.getpid()}"
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            os.replace(target, old)
        try:
            bad = self.snapshot(day)
        except BaseException:
            if old.exists() and not target.exists():
                os.replace(old, target)
            raise
        if bad is None and old.exists() and not target.exists():
            os.replace(old, target)  # nothing to back up: keep what there was
        shutil.rmtree(old, ignore_errors=True)
        return bad

    def prune(self) -> None:
        for old in self.dated()[KEEP_BACKUPS:]:
            shutil.rmtree(old, ignore_errors=True)
        if self.dir.is_dir():
            for stale in self.dir.glob(".staging-*"):
                shutil.rmtree(stale, ignore_errors=True)

    def good_copy(self, rel: str) -> tuple[Path, bytes, Tables] | None:
        """The newest snapshot copy of `rel` that passes every check."""
        for folder in self.dated():
            path = folder / rel
            try:
                raw = path.read_bytes()
                return path, raw, layout.parse(raw, rel)
            except (OSError, layout.BadFile):
                continue
        return None


def _same(raw: bytes, b: Path) -> bool:
    try:
        return b.stat().st_size == len(raw) and b.read_bytes() == raw
    except OSError:
        return False


def _link(source: Path, target: Path) -> bool:
    try:
        os.link(source, target)
    except OSError:
        return False
    return True


class Keeper:
    """Reads data files with full checks and recovers the bad ones."""

    def __init__(
        self,
        root: Path,
        clock: Callable[[], datetime],
        notices: list[RecoveryNotice],
        changed: Callable[[], None],
    ) -> None:
        self.root = root
        self.clock = clock
        self.notices = notices
        self.changed = changed
        self.backups = Backups(root)

    def load(self, rel: str, *, use_backup: bool = True) -> Tables | None:
        """The checked content of `rel`, None if it does not exist (or could not be saved)."""
        path = self.root / rel
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            reason = f"the file could not be read ({exc.strerror or exc})"
        else:
            try:
                return layout.parse(raw, rel)
            except layout.BadFile as exc:
                reason = exc.reason
        return self.recover(rel, reason, use_backup=use_backup)

    def recover(self, rel: str, reason: str, *, use_backup: bool = True) -> Tables | None:
        path = self.root / rel
        moved = move_aside(path, self.clock()) if path.exists() else None
        found = self.backups.good_copy(rel) if use_backup else None
        data: Tables | None = None
        source: Path | None = None
        if found is not None:
            source, raw, data = found
            atomic_write(path, raw)
        self.notices.append(RecoveryNotice(path, moved, source, reason))
        self.changed()
        return data

    def sweep_moved_aside(self) -> None:
        """Erase-all also removes moved-aside copies (they hold the user's data too)."""
        for folder in (self.root, *(self.root / k for k in layout.PARTITIONED)):
            if folder.is_dir():
                for entry in folder.iterdir():
                    if ".corrupt-" in entry.name and entry.is_file():
                        with suppress(OSError):
                            entry.unlink()


#: Where erase puts the old backups until its commit has worked.
ERASING = ".erasing-backups"


@contextmanager
def backups_set_aside(root: Path) -> Iterator[None]:
    """For erase: the old backups wait aside until the erase has committed, then go;
    if it fails they come back. One left by a crash goes at the next open."""
    backups, aside = root / BACKUP_DIR, root / ERASING
    shutil.rmtree(aside, ignore_errors=True)
    if backups.exists():
        os.replace(backups, aside)
    try:
        yield
    except BaseException:
        if aside.exists() and not backups.exists():
            os.replace(aside, backups)
        raise
    shutil.rmtree(aside, ignore_errors=True)
