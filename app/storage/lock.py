"""One process per data folder: an OS lock on `<folder>/.lock` while any Store of this
process uses the folder.

Two processes on one folder would replay and delete each other's journal, so the
second is refused (FolderInUseError). The Stores of one process share the lock. The
kernel drops it when the process dies, so a crash never leaves the folder locked.
Where no OS lock exists (Pyodide: one process by construction) the store runs unlocked.
"""

from __future__ import annotations

import errno
import logging
import os
import sys
import threading
from pathlib import Path

from app.storage.errors import FolderInUseError

log = logging.getLogger(__name__)
LOCK_NAME = ".lock"
_BUSY = {errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, errno.EDEADLK}
_held: dict[Path, tuple[int, int]] = {}  # folder -> (fd, number of users in this process)
_guard = threading.RLock()  # re-entrant: a Store collected mid-claim releases in here


def _lock(fd: int) -> None:
    """Take the lock without waiting; OSError with a _BUSY errno if someone has it."""
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def claim(folder: Path) -> None:
    """Hold the folder's lock for one more user; FolderInUseError if another process has it."""
    key = folder.resolve()
    with _guard:
        fd, users = _held.get(key, (-1, 0))
        if users or sys.platform == "emscripten":
            _held[key] = (fd, users + 1)
            return
        fd = os.open(key / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
        except (ImportError, OSError) as exc:
            if isinstance(exc, OSError) and exc.errno in _BUSY:
                os.close(fd)
                raise FolderInUseError(key) from None
            log.warning("no OS lock for %s (%s); running unlocked", key, exc)
        _held[key] = (fd, 1)


def release(folder: Path) -> None:
    """One user fewer; the last one lets the lock go (closing the only descriptor)."""
    key = folder.resolve()
    with _guard:
        fd, users = _held.pop(key, (-1, 0))
        if users > 1:
            _held[key] = (fd, users - 1)
        elif fd >= 0:
            os.close(fd)


def _forget_in_child() -> None:
    """A forked child must claim the folder itself, and must not unlock the parent's."""
    for fd, _users in _held.values():
        if fd >= 0:
            os.close(fd)
    _held.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_in_child)
