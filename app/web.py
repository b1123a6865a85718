"""Keep the data folder in the browser's IndexedDB when the app runs in Pyodide.

Pyodide's file system lives in memory and is gone on reload. Mounting IDBFS on
the data folder and syncing it (Emscripten's `FS.syncfs`) keeps the TinyDB
files: one sync from IndexedDB before anything reads them, then one sync to
IndexedDB after every committed user action (the Store's on_commit hook).

The syncs are asynchronous, so a commit never waits for IndexedDB; they are
serialised (Emscripten must not run two at once) and coalesced: commits that
arrive while a sync runs are covered by one more sync right after it, also
when that sync fails (then after a pause: a failing IndexedDB is not hammered).
Nothing here imports flet or tinydb, and `pyodide` is imported only when used,
so the module is importable (and testable) outside the browser.

Also the app's few words with the page around it (tools/web_prewarm.py adds the
worker's side): `mark` names a start-up step (the loading line and
bench/web.py's breakdown), `signal` tells the page the first screen was sent
(the loading screen waits for it), and `offline_ready` reads the service
worker's caches: a cache holds the READY entry only once every file is in.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from pathlib import PurePosixPath

log = logging.getLogger(__name__)

DATA_DIR = PurePosixPath("/lipcheck-data")
SyncFn = Callable[[bool], Awaitable[None]]
RETRY_DELAYS_S = (2.0, 10.0, 60.0)
"""Pauses before retrying a failed sync; after the last, the next commit tries again."""
SYNC_TIMEOUT_S = 30.0
"""A sync not finished by then counts as failed (IndexedDB can block forever)."""

# Runs in the Python worker. Emscripten's FS object is handed in by Python.
_MOUNT_JS = """
(FS, path) => {
  FS.mkdirTree(path);
  FS.mount(FS.filesystems.IDBFS, {}, path);
}
"""
_SYNC_JS = """
(FS, populate) => new Promise((resolve, reject) => {
  FS.syncfs(populate, (err) => err ? reject(new Error(String(err))) : resolve());
})
"""


def pyodide_fs_sync(folder: PurePosixPath = DATA_DIR) -> SyncFn:
    """Mount IDBFS on `folder` and return a `sync(populate)` coroutine function."""
    import pyodide_js  # only exists in Pyodide
    from pyodide.code import run_js

    fs = pyodide_js.FS
    run_js(_MOUNT_JS)(fs, str(folder))
    sync_js = run_js(_SYNC_JS)

    async def sync(populate: bool) -> None:
        await sync_js(fs, populate)

    return sync


class BrowserStorage:
    """Owns the IndexedDB copy of the data folder for one Python worker."""

    def __init__(
        self,
        sync: SyncFn,
        retry_delays: tuple[float, ...] = RETRY_DELAYS_S,
        timeout_s: float = SYNC_TIMEOUT_S,
    ) -> None:
        self._sync = sync
        self._retry_delays = retry_delays
        self._timeout_s = timeout_s
        self._pending = False
        self._task: asyncio.Task[None] | None = None
        self.synced = 0
        self.last_error: BaseException | None = None
        self.saving_failed = False
        """True while the newest changes are not in IndexedDB (the last sync failed)."""
        self.in_memory_only = False
        """True when IndexedDB could not be opened at all: nothing survives a reload."""

    async def load(self) -> None:
        """Copy IndexedDB into the folder; call once, before the Store opens it."""
        await self._sync(True)

    def schedule(self) -> None:
        """The Store's on_commit hook: returns at once; the sync runs on the event loop."""
        self._pending = True
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._drain())

    async def flush(self) -> None:
        """Wait until every commit so far is in IndexedDB (or its retries gave up)."""
        while self._task is not None and not self._task.done():
            await self._task

    async def _drain(self) -> None:
        """Sync until no commit waits. A failed sync leaves the commits it carried
        pending and is retried after a growing pause (never a tight loop); when the
        retries run out, the next commit starts over. One sync copies the whole
        folder, so any later success covers every earlier commit."""
        failures = 0
        while self._pending:
            self._pending = False
            try:
                await asyncio.wait_for(self._sync(False), self._timeout_s)
            except Exception as exc:  # keep the app running; the data is still in memory
                self._pending = True
                self.last_error = exc
                self.saving_failed = True
                log.exception("saving to the browser's storage failed")
                if failures >= len(self._retry_delays):
                    return
                await asyncio.sleep(self._retry_delays[failures])
                failures += 1
                continue
            self.synced += 1
            self.saving_failed = False
            failures = 0


def _in_browser() -> bool:
    return sys.platform == "emscripten"


def mark(name: str) -> None:
    """Tell the page a start-up step was reached; nothing outside the browser."""
    if _in_browser():
        try:
            import js

            js.fletMark(name)
        except Exception:  # an older worker without marks: timings only
            log.debug("no start-up marks in this worker")


def signal(name: str) -> None:
    """Post "flet-signal:<name>" to the page, after the UI messages sent so far."""
    if _in_browser():
        try:
            import js

            js.postMessage(f"flet-signal:{name}")
        except Exception:  # the page then removes its loading screen on a timer
            log.debug("could not signal the page")


READY_URL = "lipcheck-ready.json"
_READY_JS = """
async (url) => {
  if (!self.caches) return 'no-caches';
  const key = new URL(url, self.location.href).href;
  for (const name of await caches.keys()) {
    if (!name.startsWith('lipcheck-')) continue;
    const cache = await caches.open(name);
    if (await cache.match(key)) return 'ready';
  }
  return 'not-ready';
}
"""


async def offline_ready() -> bool | None:
    """Whether a complete offline copy is on this device: True or False in the
    browser (False also while it is still downloading), None elsewhere or when
    the browser cannot tell (no Cache API, e.g. some private modes)."""
    if not _in_browser():
        return None
    try:
        from pyodide.code import run_js

        found = str(await run_js(_READY_JS)(READY_URL))
    except Exception:
        log.exception("could not read the offline copy's state")
        return None
    return {"ready": True, "not-ready": False}.get(found)


_active: BrowserStorage | None = None


def active_storage() -> BrowserStorage | None:
    """This worker's browser storage (None outside the browser build), for Settings."""
    return _active


async def open_browser_storage(make_sync: Callable[[], SyncFn] = pyodide_fs_sync) -> BrowserStorage:
    """Mount and load; if IndexedDB is unusable (e.g. some private modes), the app
    still runs, but only in memory, and `last_error` says why."""
    global _active
    try:
        storage = BrowserStorage(make_sync())
        await storage.load()
    except Exception as exc:
        log.exception("browser storage unavailable; data will not survive a reload")

        async def no_sync(populate: bool) -> None:
            return None

        storage = BrowserStorage(no_sync)
        storage.last_error = exc
        storage.in_memory_only = True
    _active = storage
    return storage


__all__: list[str] = [
    "DATA_DIR",
    "BrowserStorage",
    "active_storage",
    "mark",
    "offline_ready",
    "open_browser_storage",
    "signal",
    "pyodide_fs_sync",
]
