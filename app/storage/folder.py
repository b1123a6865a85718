"""The data folder: where it is on each platform, and one process at a time in it.

One process per folder: an OS lock on `<folder>/.lock` while any Store of this
process uses the folder. Two processes on one folder would replay and delete each
other's journal, so the second is refused (FolderInUseError). The Stores of one
process share the lock. The kernel drops it when the process dies, so a crash never
leaves the folder locked. Where no OS lock exists (Pyodide: one process by
construction) the store runs unlocked.
"""

from __future__ import annotations

import errno
import logging
import os
import sys
import threading
from collections.abc import Mapping
from pathlib import Path

from app.storage.errors import FolderInUseError
from app.storage.files import ensure_dir

log = logging.getLogger(__name__)
APP_DIR_NAME = "lip-twitch-check"
LOCK_NAME = ".lock"
_BUSY = {errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, errno.EDEADLK}
_held: dict[Path, tuple[int, int]] = {}  # folder -> (fd, number of users in this process)
_guard = threading.RLock()  # re-entrant: a Store collected mid-claim releases in here


def user_data_dir(dirs_class: type | None = None) -> Path:
    """The OS's per-user data folder (`~/.local/share/lip-twitch-check`, `%APPDATA%\\...`,
    roaming, no author folder: where earlier versions kept it). Imported here: the
    offline build never needs it. `dirs_class` lets tests ask another platform's rules."""
    import platformdirs

    cls = dirs_class or platformdirs.PlatformDirs
    return Path(cls(appname=APP_DIR_NAME, appauthor=False, roaming=True).user_data_dir)


def resolve_data_dir(env: Mapping[str, str], *, dirs_class: type | None = None) -> Path:
    """LIPCHECK_DATA_DIR, else FLET_APP_STORAGE_DATA (set by packaged Flet apps), else the
    platform's user data folder (HOME, XDG_DATA_HOME and APPDATA are read by platformdirs
    from the process environment). The folder is created if missing.
    """
    if env.get("LIPCHECK_DATA_DIR"):
        folder = Path(env["LIPCHECK_DATA_DIR"])
    elif env.get("FLET_APP_STORAGE_DATA"):
        folder = Path(env["FLET_APP_STORAGE_DATA"])
    else:
        folder = user_data_dir(dirs_class)
    folder = folder.expanduser()
    ensure_dir(folder)
    return folder


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
