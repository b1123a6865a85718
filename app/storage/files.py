"""Crash-safe writes: one file atomically, several files all or nothing (the journal).

TinyDB's JSONStorage rewrites its file in place, so a crash mid-write leaves a broken
file (tinydb issues #301, #383). Here a write goes to a fsynced temp file that is
renamed over the old one, then the folder is fsynced: a reader sees the old file or
the new one. A commit of several files first writes them all into one journal file
(itself atomic), applies them, then deletes it; the next open replays a journal a
crash left behind, so the files never disagree with each other.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path, PurePosixPath
from typing import Any

from tinydb.storages import Storage

Tables = dict[str, dict[str, Any]]
Changes = dict[str, bytes | None]
"""Relative posix path -> new content, or None to delete the file."""
TEMP_RE = re.compile(r"^\..+\.tmp$")
PRIVATE_FILE, PRIVATE_DIR = 0o600, 0o700  # only the user's own account may read the data
JOURNAL_NAME = "journal.bin"
MAGIC = b"LIPCHECK-JOURNAL 1\n"


def fsync_dir(folder: Path) -> None:
    """Make a rename durable; a no-op where folders cannot be opened (Windows, Pyodide)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    with suppress(OSError):
        os.fsync(fd)
    os.close(fd)


def ensure_dir(folder: Path) -> None:
    """Create a folder (and parents, private: 0700) so that the new entry survives a crash."""
    if not folder.is_dir():
        ensure_dir(folder.parent)
        with suppress(FileExistsError):
            folder.mkdir(mode=PRIVATE_DIR)
        fsync_dir(folder.parent)


def write_temp(path: Path, data: bytes) -> Path:
    """Write `data` to a fresh, fsynced temp file beside `path`; returns the temp path."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        with os.fdopen(os.open(tmp, flags, PRIVATE_FILE), "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def atomic_write(path: Path, data: bytes, *, sync_dir: bool = True) -> None:
    """Replace `path` with `data` all at once."""
    ensure_dir(path.parent)
    tmp = write_temp(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise
    if sync_dir:
        fsync_dir(path.parent)


def write_private(path: Path, data: bytes) -> None:
    """Write a new file (a backup copy) that only this account can read, whatever the umask."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    with os.fdopen(os.open(path, flags, PRIVATE_FILE), "wb") as handle:
        handle.write(data)
    with suppress(OSError):  # a file made by an older version keeps its mode otherwise
        os.chmod(path, PRIVATE_FILE)


def link(source: Path, target: Path) -> bool:
    """A hard link (False where the folder has none)."""
    try:
        os.link(source, target)
    except OSError:
        return False
    return True


def make_private(path: Path) -> None:
    """Tighten a file, or a folder we own and everything in it (backups an older version
    left 0644/0755, a damaged copy moved aside); a no-op where the OS has no such modes."""
    for entry in [path, *path.rglob("*")] if path.is_dir() else [path]:
        with suppress(OSError):
            if not entry.is_symlink():
                os.chmod(entry, PRIVATE_DIR if entry.is_dir() else PRIVATE_FILE)


def clean_temp_files(folder: Path) -> int:
    """Delete temp files a killed writer left behind (never a finished file)."""
    removed = 0
    for entry in folder.iterdir() if folder.is_dir() else ():
        if entry.is_file() and TEMP_RE.match(entry.name):
            with suppress(OSError):
                entry.unlink()
                removed += 1
    return removed


class AtomicJSONStorage(Storage):
    """TinyDB storage that keeps the data in memory and writes the file atomically.

    `defer`, asked on every write, returns True while a batch is open: the write is
    then only recorded and the batch calls `flush()` once at commit. `preloaded`
    hands over data already read and checked by the caller.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        defer: Callable[[AtomicJSONStorage], bool] | None = None,
        preloaded: Tables | None = None,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self._defer = defer
        self._data: Tables | None = preloaded
        self._loaded = preloaded is not None

    def read(self) -> Tables | None:
        if not self._loaded:
            self._loaded = True
            if self.path.exists():
                raw = self.path.read_bytes()
                self._data = json.loads(raw) if raw else None
        return self._data

    def write(self, data: Tables) -> None:
        self._data, self._loaded = data, True
        if self._defer is None or not self._defer(self):
            try:
                self.flush()
            except BaseException:
                self._loaded, self._data = False, None  # reread the file, it is unchanged
                raise

    def payload(self) -> bytes:
        """Serialise now, before any file is touched, so a bad value cannot half-write."""
        return json.dumps(self._data or {}, separators=(",", ":"), allow_nan=False).encode()

    def flush(self) -> None:
        atomic_write(self.path, self.payload())


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
        changes[rel] = None if size == -1 else body[pos : pos + size]
        pos += max(size, 0)
    if pos != len(body):
        raise JournalError("journal body length does not match its header")
    return changes


def apply(root: Path, changes: Changes) -> None:
    """Write/delete every file, syncing each touched folder once at the end."""
    for rel, data in changes.items():
        path = root / safe_relpath(rel)
        if data is not None:
            atomic_write(path, data, sync_dir=False)
        elif path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)  # a folder where a data file belongs: junk
        else:
            with suppress(FileNotFoundError):
                path.unlink()
    for folder in {(root / rel).parent for rel in changes}:
        if folder.is_dir():
            fsync_dir(folder)


def commit(root: Path, changes: Changes) -> None:
    """Apply `changes` so that after a crash either all or none of them are visible."""
    if len(changes) == 1 and None not in changes.values():
        ((rel, data),) = changes.items()
        atomic_write(root / safe_relpath(rel), data or b"")
    elif changes:
        journal = root / JOURNAL_NAME
        atomic_write(journal, encode(changes))
        apply(root, changes)
        journal.unlink()
        fsync_dir(root)


def replay(root: Path) -> bool:
    """Finish a commit that a crash interrupted; True if there was one. Raises
    JournalError if the journal is unreadable (the caller moves it aside)."""
    journal = root / JOURNAL_NAME
    if not os.path.lexists(journal):
        return False
    try:
        raw = journal.read_bytes()
    except OSError as exc:
        raise JournalError(f"the journal could not be read ({exc.strerror or exc})") from exc
    apply(root, decode(raw))
    journal.unlink()
    fsync_dir(root)
    return True
