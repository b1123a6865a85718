"""app/web.py: commits are copied to IndexedDB one sync at a time, and none is lost.

The real sync (Emscripten's FS.syncfs) only exists in the browser; there it is
covered by tests/e2e/test_pwa.py. Here a stand-in with the same contract (an
awaitable that finishes later) checks the scheduling rules.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from hypothesis import given, settings
from hypothesis import strategies as st

from app.web import BrowserStorage, open_browser_storage

T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T]) -> T:
    """asyncio.run in its own thread: the e2e tests' Playwright keeps a loop running
    in the main thread for the whole pytest session."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


class SlowSync:
    """Records syncs, fails if two overlap, and finishes each one only when told."""

    def __init__(self) -> None:
        self.calls: list[bool] = []
        self.running = 0
        self.overlapped = False
        self.gate = asyncio.Event()
        self.commits_seen: list[int] = []
        self.commits = 0

    async def __call__(self, populate: bool) -> None:
        self.running += 1
        self.overlapped |= self.running > 1
        self.calls.append(populate)
        self.commits_seen.append(self.commits)  # what this sync copies
        await self.gate.wait()
        self.running -= 1


def test_load_reads_from_indexeddb_once() -> None:
    async def scenario() -> list[bool]:
        sync = SlowSync()
        sync.gate.set()
        storage = BrowserStorage(sync)
        await storage.load()
        return sync.calls

    assert run(scenario()) == [True]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=12))
def test_every_commit_is_covered_by_a_later_sync_and_syncs_never_overlap(
    bursts: list[int],
) -> None:
    """Commits arrive in bursts (with event-loop turns between them); after
    flush(), the last sync started after the last commit, and none overlapped."""

    async def scenario() -> SlowSync:
        sync = SlowSync()
        storage = BrowserStorage(sync)
        for size in bursts:
            for _ in range(size):
                sync.commits += 1
                storage.schedule()
            await asyncio.sleep(0)
            if size % 2:
                sync.gate.set()
                await asyncio.sleep(0)
                sync.gate.clear()
        sync.gate.set()
        await storage.flush()
        return sync

    sync = run(scenario())
    assert not sync.overlapped
    assert all(populate is False for populate in sync.calls)
    if sync.commits:
        assert sync.commits_seen and sync.commits_seen[-1] == sync.commits
    assert len(sync.calls) <= sync.commits


def test_a_failing_sync_is_recorded_and_the_next_commit_tries_again() -> None:
    async def scenario() -> tuple[BrowserStorage, int]:
        attempts = 0

        async def flaky(populate: bool) -> None:
            nonlocal attempts
            attempts += 1
            if attempts == 1:
                raise OSError("quota exceeded")

        storage = BrowserStorage(flaky)
        storage.schedule()
        await storage.flush()
        assert isinstance(storage.last_error, OSError)
        storage.schedule()
        await storage.flush()
        return storage, attempts

    storage, attempts = run(scenario())
    assert attempts == 2 and storage.synced == 1


def test_without_indexeddb_the_app_still_starts_in_memory() -> None:
    def unavailable() -> object:
        raise RuntimeError("IndexedDB is disabled in this private window")

    async def scenario() -> BrowserStorage:
        storage = await open_browser_storage(unavailable)  # type: ignore[arg-type]
        storage.schedule()
        await storage.flush()
        return storage

    storage = run(scenario())
    assert isinstance(storage.last_error, RuntimeError)
