"""Fixtures that run the real server and drive it in headless Chromium.

Every non-loopback request is blocked and recorded; a test that caused one
fails. A failing test leaves a screenshot in test-artifacts/.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from tests.e2e.browser import ROOT, Guard, Server, launch, new_context, open_app

ARTIFACTS = ROOT / "test-artifacts"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = launch(playwright)
    yield browser
    browser.close()


@pytest.fixture
def make_server(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """Start `python main.py` with its own data folder; stopped after the test."""
    started: list[Server] = []

    def start(
        env: dict[str, str] | None = None,
        data_dir: Path | None = None,
        host: str = "127.0.0.1",
        args: tuple[str, ...] = (),
    ) -> Server:
        folder = data_dir or tmp_path / f"data{len(started)}"
        server = Server(data_dir=folder, env=env or {}, host=host, args=args).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def server(make_server: Callable[..., Server]) -> Server:
    return make_server()


@pytest.fixture
def guard() -> Guard:
    return Guard()


@pytest.fixture
def make_page(
    browser: Browser, guard: Guard, request: pytest.FixtureRequest
) -> Iterator[Callable[..., Page]]:
    """Open a phone-sized page (light or dark); checks for outside requests afterwards."""
    contexts = []
    pages: list[Page] = []

    def make(url: str, dark: bool = False) -> Page:
        context = new_context(browser, guard, dark=dark)
        contexts.append(context)
        page = context.new_page()
        pages.append(page)
        open_app(page, url)
        return page

    yield make
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        for index, page in enumerate(pages):
            # A screenshot must never hide the real failure.
            with contextlib.suppress(Exception):
                page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{index}.png"))
    for context in contexts:
        context.close()
    assert not guard.external, f"the app made non-loopback requests: {guard.external}"


@pytest.fixture
def page(server: Server, make_page: Callable[..., Page]) -> Page:
    return make_page(server.url + "/")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.e2e)
            # One retry, in a fresh context, for a hung or crashed headless renderer.
            # A real bug fails both tries; the retry is reported in the summary (-ra).
            item.add_marker(pytest.mark.flaky(reruns=1))
