"""Run a coroutine to the end from a plain test.

The browser tests drive Playwright's sync API, which keeps an event loop running in
the main thread for the whole session; `asyncio.run` refuses to start inside it, so
a unit test run after them in the same session gets a loop of its own in a thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run(coro)` on a fresh loop in its own thread; returns its result."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()
