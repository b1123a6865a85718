"""Every touch target is at least 48 px and every button has a name, on the main screens,
at phone size and on a small (320x640) phone: measured on Flutter's semantics tree (the
elements with role=button, tab, checkbox, ...), where a screen reader and a tap land."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from playwright.sync_api import Browser, Page

from tests.e2e.browser import Guard, Server, new_context, open_app, wait_text
from tests.e2e.seed import Day, seed_days
from tests.e2e.targets import Target, targets, too_small, unnamed

SCREENS = [
    ("/", "Is your lip twitching?"),
    ("/learn", "Search all sections"),
    ("/learn/common-reasons", "What the document says"),
    ("/check", "It takes about three minutes"),
    ("/history", "Past results"),
    ("/history/diary", "When did it start?"),
    ("/habits", "Water today"),
    ("/habits/water", "Water goal met"),
    ("/settings", "Where your data lives"),
    ("/about", "Not medical advice"),
]
SMALL_PHONE = {"width": 320, "height": 640}
TODAY = date(2025, 3, 20)
ENV = {"LIPCHECK_NOW": "2025-03-20T10:00:00+00:00"}


def _on_screen(page: Page, found: list[Target]) -> list[Target]:
    """Targets wholly inside the viewport: one cut by its edge is measured once scrolled."""
    height = page.viewport_size["height"] if page.viewport_size else 844
    width = page.viewport_size["width"] if page.viewport_size else 390
    return [
        t for t in found if t.y >= 0 and t.x >= 0 and t.y + t.height <= height + 0.5
        and t.x + t.width <= width + 0.5
    ]


def _scan(page: Page) -> tuple[list[str], list[str], int]:
    """Scroll the screen top to bottom and measure each target at its largest: the
    semantics tree clips a box at the app bar and the navigation bar, so a button
    half under them looks small until it scrolls fully into view."""
    largest: dict[tuple[str, str], Target] = {}
    size = page.viewport_size or {"width": 390, "height": 844}
    page.mouse.move(size["width"] / 2, size["height"] / 2)
    last = ""
    for _ in range(15):
        found = _on_screen(page, targets(page))
        for t in found:
            key = (t.role, t.name)
            best = largest.get(key)
            if best is None or t.width * t.height > best.width * best.height:
                largest[key] = t
        now = ",".join(sorted(f"{t.name}@{t.y:.0f}" for t in found))
        if now == last:
            break
        last = now
        page.mouse.wheel(0, size["height"] * 0.5)
        page.wait_for_timeout(400)
    measured = list(largest.values())
    return sorted(map(str, too_small(measured))), sorted(map(str, unnamed(measured))), len(measured)


@pytest.fixture
def seeded(make_server: Callable[..., Server], tmp_path: object) -> Server:
    from pathlib import Path

    folder = Path(str(tmp_path)) / "data"
    days = [Day("mild", 1, "low", 7.0, 1500) for _ in range(16)]
    seed_days(folder, TODAY, days)
    return make_server(env=ENV, data_dir=folder)


@pytest.mark.parametrize("viewport", [None, SMALL_PHONE], ids=["390x844", "320x640"])
def test_every_target_is_48px_and_named(
    seeded: Server, browser: Browser, guard: Guard, viewport: dict[str, int] | None
) -> None:
    context = new_context(browser, guard, viewport=viewport)  # type: ignore[arg-type]
    page = context.new_page()
    problems: list[str] = []
    measured = 0
    try:
        for route, mark in SCREENS:
            open_app(page, seeded.url + route)
            wait_text(page, mark)
            page.wait_for_timeout(500)
            small, nameless, seen = _scan(page)
            measured += seen
            problems += [f"{route}: under 48 px: {t}" for t in small]
            problems += [f"{route}: no name: {t}" for t in nameless]
    finally:
        context.close()
    assert measured > 40  # the scan really met the screens' buttons
    assert not problems, "\n".join(problems)
    assert not guard.external
