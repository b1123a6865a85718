"""Serve a static build and open it in a Chromium profile that keeps its data.

Shared by tests/e2e/test_pwa.py and bench/web.py. The server is a plain
http.server (what any static host does) that counts the bytes it sends; the
browser is a persistent context, because installability and storage behave as
for a real user only there, with service workers allowed and every
non-loopback request blocked and recorded as in tests/e2e/browser.py.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, Playwright, Request

from tests.e2e.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PHONE,
    Guard,
    enable_semantics,
    on_device,
)


class _CountingWriter:
    def __init__(self, raw: Any, server: StaticServer) -> None:
        self._raw, self._server = raw, server

    def write(self, data: bytes) -> int:
        self._server.add_sent(len(data))
        return int(self._raw.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".gz": "application/gzip",
    }
    static: StaticServer

    def setup(self) -> None:
        super().setup()
        self.wfile = _CountingWriter(self.wfile, self.static)  # type: ignore[assignment]

    def do_GET(self) -> None:
        self.static.add_request(self.path)
        super().do_GET()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
        pass


@dataclass
class StaticServer:
    """`python -m http.server` in a thread, on a free loopback port."""

    root: Path
    sent: int = 0
    requests: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _httpd: ThreadingHTTPServer | None = None

    def add_sent(self, n: int) -> None:
        with self._lock:
            self.sent += n

    def add_request(self, path: str) -> None:
        with self._lock:
            self.requests.append(path)

    def reset(self) -> None:
        with self._lock:
            self.sent, self.requests = 0, []

    def start(self) -> StaticServer:
        handler = type("Handler", (_Handler,), {"static": self})
        self._httpd = ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(self.root))
        )
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    @property
    def url(self) -> str:
        assert self._httpd is not None
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/"

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None


@dataclass
class Outside:
    """Every non-loopback URL the page or its workers asked for, even ones the
    service worker answered itself (those never reach the Guard's route)."""

    urls: list[str] = field(default_factory=list)

    def on_request(self, request: Request) -> None:
        if not on_device(request.url):
            self.urls.append(request.url)


@contextmanager
def profile(
    pw: Playwright, user_data_dir: Path, *, dark: bool = False, timezone_id: str | None = None
) -> Iterator[tuple[BrowserContext, Guard, Outside]]:
    """A phone-sized Chromium profile kept in `user_data_dir` (reuse it to 'restart')."""
    guard, outside = Guard(), Outside()
    context = pw.chromium.launch_persistent_context(
        str(user_data_dir),
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        headless=True,
        viewport={"width": PHONE["width"], "height": PHONE["height"]},
        is_mobile=True,
        has_touch=True,
        color_scheme="dark" if dark else "light",
        service_workers="allow",
        timezone_id=timezone_id,
    )
    guard.attach(context)
    context.on("request", outside.on_request)
    try:
        yield context, guard, outside
    finally:
        context.close()


def first_page(context: BrowserContext) -> Page:
    return context.pages[0] if context.pages else context.new_page()


def open_static(page: Page, url: str, timeout: float = 120_000) -> None:
    """Open the app and switch semantics on (the first visit downloads everything)."""
    page.goto(url)
    enable_semantics(page, timeout=timeout)


def controlled(page: Page) -> bool:
    return bool(page.evaluate("!!(navigator.serviceWorker && navigator.serviceWorker.controller)"))
