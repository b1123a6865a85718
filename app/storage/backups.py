"""Rolling daily snapshots of the data folder (the newest 7), and undoing an erase cut short.

`backups/YYYY-MM-DD/` has the data folder's layout. Only files that pass every check
go in (a damaged one is replaced by its newest good copy), so damage never pushes the
last good copy out of the window. Files unchanged since the previous snapshot are
hard links to its copy. Restoring picks, per file, the newest copy that passes.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator, Set
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime
from pathlib import Path

from app.storage import layout
from app.storage.errors import NewerDataError
from app.storage.files import Tables, ensure_dir, fsync_dir, link, make_private, write_private

BACKUP_DIR = "backups"
KEEP_BACKUPS = 7
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def stamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


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

    def snapshot(
        self, day: date, expected: Set[str] = frozenset(), *, replace: bool = False
    ) -> dict[str, str] | None:
        """Take today's snapshot once (`replace`: again, now, as an import needs it to
        hold the data right before); returns the files left out as damaged (rel ->
        reason), or None if no snapshot was made. Live files are never linked, so a
        program that later edits a live file in place cannot reach the backups."""
        target = self.dir / day.isoformat()
        present = set(layout.data_files(self.root)) | expected
        files = sorted(present - {layout.META})
        if (target.exists() and not replace) or not files:
            return None
        previous = next((p for p in self.dated() if p.name < target.name), None)
        staging, old = (self.dir / f".staging-{n}{day}-{os.getpid()}" for n in ("", "old-"))
        shutil.rmtree(staging, ignore_errors=True)
        found = {rel: self._take(rel, staging, previous) for rel in [layout.META, *files]}
        bad = {rel: problem for rel, problem in found.items() if problem is not None}
        if target.exists():  # the old copy goes only once the new one is complete
            shutil.rmtree(old, ignore_errors=True)
            os.replace(target, old)
        os.replace(staging, target)
        fsync_dir(self.dir)
        self.prune()  # also removes `old`
        make_private(self.dir)  # also tightens backups an older version left 0644/0755
        return bad

    def _take(self, rel: str, staging: Path, previous: Path | None) -> str | None:
        """Put a checked copy of `rel` into `staging`; returns why the live file was
        left out (its newest good backup copy, if any, is kept instead)."""
        copy = staging / rel
        ensure_dir(copy.parent)
        try:
            raw = (self.root / rel).read_bytes()
            layout.parse(raw, rel)
        except (OSError, layout.BadFile) as exc:
            found = self.good_copy(rel)
            if found is not None and not link(found[0], copy):
                write_private(copy, found[1])
            return reason_of(exc)
        if not (previous and _same(raw, previous / rel) and link(previous / rel, copy)):
            write_private(copy, raw)
        return None

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
            except (OSError, layout.BadFile, NewerDataError):
                continue
        return None


def reason_of(exc: OSError | layout.BadFile) -> str:
    """What to tell the user about a file that could not be used."""
    if isinstance(exc, layout.BadFile):
        return exc.reason
    if isinstance(exc, FileNotFoundError):
        return "the file was missing"
    if isinstance(exc, IsADirectoryError):
        return "a folder is where the file should be"
    return f"the file could not be read ({exc.strerror or exc})"


def _same(raw: bytes, b: Path) -> bool:
    with suppress(OSError):
        return b.stat().st_size == len(raw) and b.read_bytes() == raw
    return False


ERASING = ".erasing-backups"  # where erase puts the old backups until its commit worked
ERASED = ".erase-committed"  # written in the erase's own commit: it went through


def finish_erase(root: Path) -> None:
    """At open, after the journal: backups an erase set aside go if its commit went
    through (the marker), and come back if it did not (the erase never happened)."""
    aside, marker, backups = root / ERASING, root / ERASED, root / BACKUP_DIR
    if aside.is_dir() and marker.exists():
        shutil.rmtree(aside, ignore_errors=True)
    elif aside.is_dir():
        if not backups.exists():
            os.replace(aside, backups)
        else:
            for folder in aside.iterdir():
                if not (backups / folder.name).exists():
                    os.replace(folder, backups / folder.name)
            shutil.rmtree(aside, ignore_errors=True)
        fsync_dir(root)
    with suppress(FileNotFoundError):
        marker.unlink()


@contextmanager
def backups_set_aside(root: Path) -> Iterator[None]:
    """For erase: the old backups wait aside until the erase has committed, then go;
    if it fails they come back (a crash: see `finish_erase`)."""
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
    with suppress(FileNotFoundError):
        (root / ERASED).unlink()
