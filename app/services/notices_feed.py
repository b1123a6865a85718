"""Messages from the Python app to the browser page about system notifications.

The page shows a notification, or asks the browser for permission, only when the app
says so. In the offline build Python runs in the page's own worker and posts these
messages straight to the page (app/ui/habits/notify.py). In server mode Python runs
in the server, and Flet 1.0.5 has no way to run page JavaScript, so the page asks for
them: the server's guard answers `GET /_lipcheck/notices` (a long poll, same
origin, behind the same Host/Origin/key checks as every other request) from this feed.

Each message goes to one page, once; `keep` (the tags still due) goes with every answer,
so a page can close notifications that are no longer due.
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from typing import Any

MAX_QUEUED = 50
POLL_WAIT_S = 25.0


class Feed:
    """A small queue of messages for the pages; safe to publish from any thread or loop.

    A message may be addressed to one Flet session (its page polls with that id, read
    from the sessionStorage key the Flet client keeps it under), so the permission
    prompt opens in the tab that asked; an unaddressed message goes to any page."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queue: deque[tuple[str | None, dict[str, Any]]] = deque(maxlen=MAX_QUEUED)
        self._keep: list[str] = []
        self._waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = []
        self._closed = False

    def publish(
        self, messages: list[dict[str, Any]], keep: list[str] | None = None, to: str | None = None
    ) -> None:
        """Queue ``messages`` (and replace the kept tags) and wake every waiting poll."""
        with self._lock:
            self._queue.extend((to, message) for message in messages)
            if keep is not None:
                self._keep = list(keep)
            waiters, self._waiters = self._waiters, []
        for loop, event in waiters:
            if not loop.is_closed():
                loop.call_soon_threadsafe(event.set)

    def close(self) -> None:
        """The server is stopping: every waiting poll answers now, and later ones at once."""
        with self._lock:
            self._closed = True
        self.publish([])

    def _ready(self, session: str | None) -> bool:
        return self._closed or any(to is None or to == session for to, _ in self._queue)

    def take(self, session: str | None = None) -> dict[str, Any]:
        """The messages for this page (now delivered, so never again) and the kept tags."""
        with self._lock:
            mine = [(to, m) for to, m in self._queue if to is None or to == session]
            rest = [(to, m) for to, m in self._queue if not (to is None or to == session)]
            self._queue.clear()
            self._queue.extend(rest)
            return {"messages": [m for _, m in mine], "keep": list(self._keep)}

    async def poll(self, session: str | None = None, wait_s: float = POLL_WAIT_S) -> dict[str, Any]:
        """What `take` gives, waiting up to ``wait_s`` for a publish if nothing is ready."""
        with self._lock:
            ready = self._ready(session)
            if not ready:
                event = asyncio.Event()
                self._waiters.append((asyncio.get_running_loop(), event))
        if not ready:
            try:
                await asyncio.wait_for(event.wait(), timeout=wait_s)
            except TimeoutError:
                pass
            finally:  # timed out or cancelled (a closed tab, shutdown): forget the waiter
                with self._lock:
                    self._waiters = [w for w in self._waiters if w[1] is not event]
        return self.take(session)

    def waiting(self) -> int:
        """How many polls are waiting (a test checks that none are left behind)."""
        with self._lock:
            return len(self._waiters)


FEED = Feed()
"""The server's one feed (one person's app, one data folder per server)."""
