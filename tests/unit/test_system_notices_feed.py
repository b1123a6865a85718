"""The server-mode feed of notification messages (app/services/notices_feed.py) and the
guard's long poll that serves it, on a real event loop and the real guard."""

from __future__ import annotations

import asyncio
import json
import threading
from typing import Any

from app.server.access import Access
from app.server.client import FEED_PATH, SCRIPT_TAG, notify_files, with_script
from app.server.guard import Guard
from app.services.notices_feed import FEED, Feed
from tests.unit.aio import run_async


def test_each_message_goes_to_one_poll_once_and_keep_goes_with_every_answer() -> None:
    async def run() -> None:
        feed = Feed()
        waiting = asyncio.ensure_future(feed.poll(wait_s=10))
        await asyncio.sleep(0)
        feed.publish([{"type": "show", "notice": {"tag": "lipcheck-a"}}], keep=["lipcheck-a"])
        first = await waiting
        assert first == {"messages": [{"type": "show", "notice": {"tag": "lipcheck-a"}}],
                         "keep": ["lipcheck-a"]}
        again = await feed.poll(wait_s=0.05)  # nothing new: an empty answer, same keep
        assert again == {"messages": [], "keep": ["lipcheck-a"]}

    run_async(run())


def test_a_publish_from_another_thread_wakes_the_poll() -> None:
    async def run() -> dict[str, Any]:
        feed = Feed()
        waiting = asyncio.ensure_future(feed.poll(wait_s=10))
        await asyncio.sleep(0)
        thread = threading.Thread(target=feed.publish, args=([{"type": "ask"}],))
        thread.start()
        found = await waiting
        thread.join()
        return found

    assert run_async(run())["messages"] == [{"type": "ask"}]


async def _never(scope: Any, receive: Any, send: Any) -> None:
    raise AssertionError("the poll must be answered by the guard, not by Flet")


def _get(
    guard: Guard, headers: list[tuple[bytes, bytes]], method: str = "GET"
) -> tuple[int, bytes]:
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": method, "path": FEED_PATH, "headers": headers,
             "query_string": b"", "server": ("127.0.0.1", 8550)}
    run_async(guard(scope, receive, send))
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


def test_the_poll_is_same_origin_and_keyed_like_everything_else() -> None:
    guard = Guard(_never, Access(port=8550, token="s3cret"), notify_files())
    host = (b"host", b"127.0.0.1:8550")
    assert _get(guard, [(b"host", b"evil.example:8550")])[0] == 403
    assert _get(guard, [host, (b"origin", b"http://evil.example")])[0] == 403
    assert _get(guard, [host])[0] == 401  # no key cookie
    cookie = (b"cookie", f"lipcheck_key={guard.access.cookie_value}".encode())
    FEED.publish([{"type": "check"}])
    status, body = _get(guard, [host, cookie])
    assert status == 200 and json.loads(body)["messages"] == [{"type": "check"}]


def test_the_page_gets_the_script_once() -> None:
    page = b"<html><head><title>x</title></head><body></body></html>"
    once = with_script(page)
    assert once.count(SCRIPT_TAG.encode()) == 1 and with_script(once) == once
    assert set(notify_files()) == {"/_lipcheck/notify.js", "/_lipcheck/notify-sw.js"}


def test_a_message_for_one_session_goes_only_to_that_page() -> None:
    async def run() -> None:
        feed = Feed()
        feed.publish([{"type": "ask"}], to="tabA")
        feed.publish([{"type": "show"}])  # any page
        other = await feed.poll("tabB", wait_s=0.05)
        assert other["messages"] == [{"type": "show"}]
        assert (await feed.poll(None, wait_s=0.05))["messages"] == []
        assert (await feed.poll("tabA", wait_s=0.05))["messages"] == [{"type": "ask"}]

    run_async(run())


def test_only_the_pages_own_fetch_takes_messages_and_the_answer_is_never_cached() -> None:
    """Each message is handed out once, so a HEAD, a link opened from another site, or
    another local site's no-cors request must not take it (they would get an opaque
    answer, but the page would lose its notification)."""
    guard = Guard(_never, Access(port=8550, token=None), notify_files())
    host = (b"host", b"127.0.0.1:8550")
    FEED.publish([{"type": "check"}])
    assert _get(guard, [host], method="HEAD")[0] == 403
    navigate = [host, (b"sec-fetch-site", b"cross-site"), (b"sec-fetch-mode", b"navigate")]
    assert _get(guard, navigate)[0] == 403
    no_cors = [host, (b"sec-fetch-site", b"same-site"), (b"sec-fetch-mode", b"no-cors")]
    assert _get(guard, no_cors)[0] == 403
    page = [host, (b"sec-fetch-site", b"same-origin"), (b"sec-fetch-mode", b"cors")]
    status, body = _get(guard, page)
    assert status == 200 and json.loads(body)["messages"] == [{"type": "check"}]


def test_the_feed_answer_says_no_store() -> None:
    guard = Guard(_never, Access(port=8550, token=None), notify_files())
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    FEED.publish([{"type": "check"}])
    scope = {"type": "http", "method": "GET", "path": FEED_PATH,
             "headers": [(b"host", b"127.0.0.1:8550")], "query_string": b"",
             "server": ("127.0.0.1", 8550)}
    run_async(guard(scope, receive, send))
    assert (b"cache-control", b"no-store") in sent[0]["headers"]


def test_a_cancelled_poll_leaves_no_waiter_behind() -> None:
    async def run() -> int:
        feed = Feed()
        polls = [asyncio.ensure_future(feed.poll(wait_s=30)) for _ in range(50)]
        await asyncio.sleep(0)
        assert feed.waiting() == 50
        for poll in polls:
            poll.cancel()
        await asyncio.gather(*polls, return_exceptions=True)
        return feed.waiting()

    assert run_async(run()) == 0


def test_closing_the_feed_answers_the_waiting_poll_and_every_later_one() -> None:
    async def run() -> None:
        feed = Feed()
        waiting = asyncio.ensure_future(feed.poll(wait_s=30))
        await asyncio.sleep(0)
        feed.close()  # the server is stopping
        assert await waiting == {"messages": [], "keep": []}
        assert await asyncio.wait_for(feed.poll(wait_s=30), timeout=10) == {
            "messages": [],
            "keep": [],
        }
        assert feed.waiting() == 0

    run_async(run())
