"""All-or-nothing commits that touch more than one file.

One atomic rename protects one file. A commit that changes several (a result plus
the history index, an import, a migration) first writes every new file into one
journal file (itself written atomically), then applies them, then deletes the
journal. If the process dies part-way, the next open replays the journal, so the
files never disagree with each other.
"""

from __future__ import annotations

import json
import os
import shutil
from contextlib import suppress
from pathlib import Path, PurePosixPath

from app.storage.atomic import atomic_write, fsync_dir

JOURNAL_NAME = "journal.bin"
MAGIC = b"LIPCHECK-JOURNAL 1\n"

Changes = dict[str, bytes | None]
"""Relative posix path -> new content, or None to delete the file."""


class JournalError(Exception):
    """The journal file is not one this code wrote."""


def safe_relpath(rel: str) -> str:
    """Refuse paths that could escape the data folder."""
    parts = PurePosixPath(rel).parts
    if not parts or rel.startswith("/") or any(p in ("", ".", "..") or "\\" in p for p in parts):
        raise JournalError(f"unsafe path {rel!r}")
    return rel


def encode(changes: Changes) -> bytes:
    header = [[rel, -1 if data is None else len(data)] for rel, data in changes.items()]
    body = b"".join(data for data in changes.values() if data is not None)
    return MAGIC + json.dumps(header).encode("utf-8") + b"\n" + body


def decode(raw: bytes) -> Changes:
    if not raw.startswith(MAGIC):
        raise JournalError("not a journal file")
    head, sep, body = raw[len(MAGIC) :].partition(b"\n")
    if not sep:
        raise JournalError("journal header is cut off")
    try:
        header = json.loads(head)
    except (ValueError, RecursionError, MemoryError, OverflowError) as exc:
        raise JournalError(f"journal header is not JSON ({exc})") from exc
    if not isinstance(header, list):
        raise JournalError("journal header is not a list")
    changes: Changes = {}
    pos = 0
    for item in header:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)):
            raise JournalError("journal entry has the wrong shape")
        rel, size = safe_relpath(item[0]), item[1]
        if not isinstance(size, int) or isinstance(size, bool) or size < -1:
            raise JournalError(f"journal entry {rel!r} has a bad size")
        if size == -1:
            changes[rel] = None
            continue
        changes[rel] = body[pos : pos + size]
        pos += size
    if pos != len(body):
        raise JournalError("journal body length does not match its header")
    return changes


def apply(root: Path, changes: Changes) -> None:
    """Write/delete every file, syncing each touched folder once at the end."""
    folders: set[Path] = set()
    for rel, data in changes.items():
        path = root / safe_relpath(rel)
        if data is None:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)  # a folder where a data file belongs: junk
            with suppress(FileNotFoundError):
                path.unlink()
        else:
            atomic_write(path, data, sync_dir=False)
        folders.add(path.parent)
    for folder in folders:
        if folder.is_dir():
            fsync_dir(folder)


def commit(root: Path, changes: Changes) -> None:
    """Apply `changes` so that after a crash either all or none of them are visible."""
    if not changes:
        return
    if len(changes) == 1:
        ((rel, data),) = changes.items()
        if data is not None:
            atomic_write(root / safe_relpath(rel), data)
            return
    journal = root / JOURNAL_NAME
    atomic_write(journal, encode(changes))
    apply(root, changes)
    journal.unlink()
    fsync_dir(root)


def replay(root: Path) -> bool:
    """Finish a commit that a crash interrupted; True if there was one.

    Raises JournalError if the journal is unreadable (the caller moves it aside).
    """
    journal = root / JOURNAL_NAME
    if not os.path.lexists(journal):
        return False
    try:
        raw = journal.read_bytes()
    except OSError as exc:
        raise JournalError(f"the journal could not be read ({exc.strerror or exc})") from exc
    changes = decode(raw)
    apply(root, changes)
    journal.unlink()
    fsync_dir(root)
    return True
