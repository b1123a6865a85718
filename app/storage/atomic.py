"""Crash-safe file writes and the TinyDB storage built on them.

TinyDB's JSONStorage rewrites its file in place, so a crash mid-write leaves a
broken file (tinydb issues #301, #383). Here every write serialises first, writes
a temp file in the same folder, fsyncs it, renames it over the old file and then
fsyncs the folder: a reader sees the old file or the new one, never a mix.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

Tables = dict[str, dict[str, Any]]
TEMP_RE = re.compile(r"^\..+\.tmp$")
PRIVATE_FILE = 0o600
"""Data files, backups and journals: only the user's own account may read them."""
PRIVATE_DIR = 0o700


def fsync_dir(folder: Path) -> None:
    """Make a rename durable; a no-op where folders cannot be opened (Windows, Pyodide)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def ensure_dir(folder: Path) -> None:
    """Create a folder (and parents, private: 0700) so that the new entry survives a crash."""
    if folder.is_dir():
        return
    ensure_dir(folder.parent)
    with suppress(FileExistsError):
        folder.mkdir(mode=PRIVATE_DIR)
    fsync_dir(folder.parent)


def write_temp(path: Path, data: bytes) -> Path:
    """Write `data` to a fresh, fsynced temp file beside `path`; returns the temp path."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags, PRIVATE_FILE)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def atomic_write(path: Path, data: bytes, *, sync_dir: bool = True) -> None:
    """Replace `path` with `data` all at once (see the module docstring)."""
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


def make_private(folder: Path) -> None:
    """Tighten a folder we own and everything in it (backups an older version left
    0644/0755); a no-op where the OS has no such modes."""
    if not folder.is_dir():
        return
    with suppress(OSError):
        os.chmod(folder, PRIVATE_DIR)
    for entry in folder.rglob("*"):
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

    `defer`, when given, is asked on every write whether a batch is open; if it
    returns True the write is only recorded and the batch owner calls `flush()`
    once at commit, so several writes in one user action rewrite the file once.
    `preloaded` hands over data already read and validated by the caller.
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
        self.revision = 0

    def read(self) -> Tables | None:
        if not self._loaded:
            self._loaded = True
            if self.path.exists():
                raw = self.path.read_bytes()
                self._data = json.loads(raw) if raw else None
        return self._data

    def write(self, data: Tables) -> None:
        self._data = data
        self._loaded = True
        self.revision += 1
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
