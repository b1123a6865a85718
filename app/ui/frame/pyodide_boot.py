"""Start the app inside the browser (Pyodide), where there is no server and no disk.

The data folder must be loaded from IndexedDB before the Store reads it, and
that load is asynchronous, so the app is built in a task started before
ft.run, and the session's (async) main waits for it. There is one session per
browser tab, so this happens once per page load.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

import flet as ft

from app.config import AppConfig
from app.device import device_zone
from app.ui.frame.app import create_app
from app.ui.frame.shell import SCREENS, screen
from app.web import DATA_DIR, BrowserStorage, open_browser_storage

log = logging.getLogger(__name__)
SessionMain = Callable[[ft.Page], None]


async def prepare(config: AppConfig) -> tuple[SessionMain, BrowserStorage]:
    """Load IndexedDB into the data folder, then build the app on it.

    The device's zone is asked for here, while IndexedDB loads and the browser side
    is still connecting: a fresh worker's first Intl call costs tens of milliseconds
    (bench/web_zone.py), which the first screen would otherwise wait for.
    """
    loading = asyncio.ensure_future(open_browser_storage())
    await asyncio.sleep(0)  # let the IndexedDB load start before the synchronous call
    device_zone()
    storage = await loading
    # Every committed action is copied to IndexedDB. Opening the store may already
    # have repaired or migrated files, so copy once now too.
    session, problem = create_app(config, on_commit=storage.schedule)
    if problem:
        log.error("start-up checks failed: %s", problem)
    else:
        storage.schedule()
    return session, storage


_background: set[asyncio.Task[None]] = set()  # held so the tasks are not collected


async def _warm_screens() -> None:
    """The other screens, imported one at a time once the first is on screen, so a
    first tap on a tab does not wait for an import (and the start did not either)."""
    await asyncio.sleep(1.0)
    for module in SCREENS:
        screen(module)
        await asyncio.sleep(0)


def browser_main(config: AppConfig) -> Callable[[ft.Page], Awaitable[None]]:
    """An async main whose preparation starts at once, while the browser side is
    still connecting, and is awaited by the (single) session."""
    task = asyncio.get_running_loop().create_task(prepare(config))

    async def main(page: ft.Page) -> None:
        session, _storage = await task
        session(page)
        _background.add(asyncio.get_running_loop().create_task(_warm_screens()))

    return main


def run_in_browser() -> None:
    """Entry point used by main.py when sys.platform is 'emscripten'."""
    ft.run(browser_main(AppConfig(data_dir=Path(str(DATA_DIR)))))
