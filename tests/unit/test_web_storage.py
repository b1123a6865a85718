"""app/web.py: commits are copied to IndexedDB one sync at a time, and none is lost,
not even when a sync fails.

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

from app.web import BrowserStorage, active_storage, open_browser_storage

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


async def commit_in_bursts(storage: BrowserStorage, sync: SlowSync, bursts: list[int]) -> None:
    """Commit in bursts; after each odd-sized burst let the running sync finish.
    Returns once every sync is done."""
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
        await commit_in_bursts(storage, sync, bursts)
        return sync

    sync = run(scenario())
    assert not sync.overlapped
    assert all(populate is False for populate in sync.calls)
    if sync.commits:
        assert sync.commits_seen and sync.commits_seen[-1] == sync.commits
    assert len(sync.calls) <= sync.commits


class FlakySync(SlowSync):
    """A SlowSync that fails the calls marked True in `failures` (in call order)."""

    def __init__(self, failures: list[bool]) -> None:
        super().__init__()
        self.failures = list(failures)
        self.outcomes: list[bool] = []  # True = that call failed
        self.ok_seen: list[int] = []  # commits copied by each successful sync

    async def __call__(self, populate: bool) -> None:
        await super().__call__(populate)
        failed = bool(self.failures) and self.failures.pop(0)
        self.outcomes.append(failed)
        if failed:
            raise OSError("quota exceeded")
        self.ok_seen.append(self.commits_seen[-1])


NO_PAUSE = (0.0, 0.0, 0.0)


def test_a_commit_made_during_a_failing_sync_is_synced_right_after_it() -> None:
    async def scenario() -> tuple[BrowserStorage, FlakySync]:
        sync = FlakySync([True])
        storage = BrowserStorage(sync, retry_delays=NO_PAUSE)
        sync.commits += 1
        storage.schedule()
        await asyncio.sleep(0)  # the first sync is running ...
        sync.commits += 1
        storage.schedule()  # ... when the second commit arrives; then it fails
        sync.gate.set()
        await storage.flush()
        return storage, sync

    storage, sync = run(scenario())
    assert sync.outcomes == [True, False] and sync.ok_seen == [2]
    assert isinstance(storage.last_error, OSError)  # kept for the record ...
    assert not storage.saving_failed and storage.synced == 1  # ... but all is saved now


def test_a_failing_indexeddb_is_retried_a_few_times_then_the_next_commit_tries_again() -> None:
    async def scenario() -> tuple[BrowserStorage, FlakySync, list[bool]]:
        sync = FlakySync([True] * 10)
        sync.gate.set()
        storage = BrowserStorage(sync, retry_delays=NO_PAUSE)
        storage.schedule()
        await storage.flush()
        gave_up = list(sync.outcomes)
        assert storage.saving_failed and isinstance(storage.last_error, OSError)
        sync.failures.clear()  # e.g. the person freed some space
        storage.schedule()
        await storage.flush()
        return storage, sync, gave_up

    storage, sync, gave_up = run(scenario())
    assert gave_up == [True] * (len(NO_PAUSE) + 1)  # bounded: no tight loop
    assert sync.outcomes[-1] is False and not storage.saving_failed and storage.synced == 1


def test_retries_wait_between_attempts() -> None:
    async def scenario() -> float:
        sync = FlakySync([True])
        sync.gate.set()
        storage = BrowserStorage(sync, retry_delays=(0.2,))
        loop = asyncio.get_running_loop()
        start = loop.time()
        storage.schedule()
        await storage.flush()
        assert sync.outcomes == [True, False]
        return loop.time() - start

    assert run(scenario()) >= 0.2


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=12),
    st.lists(st.booleans(), max_size=10),
)
def test_with_failing_syncs_every_commit_is_still_covered_by_a_later_sync(
    bursts: list[int], failures: list[bool]
) -> None:
    """Whatever fails: once IndexedDB works again, the last successful sync started
    after the last commit, and syncs never overlapped."""

    async def scenario() -> tuple[BrowserStorage, FlakySync]:
        sync = FlakySync(failures)
        storage = BrowserStorage(sync, retry_delays=NO_PAUSE)
        await commit_in_bursts(storage, sync, bursts)
        if storage.saving_failed:  # the retries ran out: the next commit tries again
            sync.failures.clear()
            storage.schedule()
            await storage.flush()
        return storage, sync

    storage, sync = run(scenario())
    assert not sync.overlapped
    assert not storage.saving_failed
    if sync.commits:
        assert sync.ok_seen and sync.ok_seen[-1] == sync.commits
    assert all(populate is False for populate in sync.calls)


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
    assert storage.in_memory_only and active_storage() is storage


def test_a_sync_that_never_finishes_counts_as_failed_and_is_retried() -> None:
    """IndexedDB can block forever (another tab holds an old version open); the
    app must then say saving failed and keep trying, not wait silently."""

    async def scenario() -> tuple[bool, int, int, bool]:
        calls = 0
        hang = asyncio.Event()

        async def sync(populate: bool) -> None:
            nonlocal calls
            calls += 1
            if calls == 1:
                await hang.wait()  # never set: this sync never returns

        storage = BrowserStorage(sync, retry_delays=(0.01,), timeout_s=0.05)
        storage.schedule()
        await asyncio.sleep(0.03)
        failed_meanwhile = storage.saving_failed  # still waiting, not yet judged
        await storage.flush()
        return failed_meanwhile, calls, storage.synced, storage.saving_failed

    failed_meanwhile, calls, synced, failed_after = run(scenario())
    assert not failed_meanwhile
    assert calls == 2 and synced == 1 and not failed_after
