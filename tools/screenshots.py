"""Take the README's screenshots of the real app at phone size: `python -m tools.screenshots`.

Also the two the install dialog shows (assets/screenshots/, listed in
assets/manifest.json): Home on a phone ("narrow") and on a wide screen ("wide",
with the navigation rail). `--install` takes only those two.
Uses the same server, browser and quiz helpers as the e2e tests.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

from tests.e2e.browser import ROOT, Guard, Server, launch, new_context, open_app, wait_text
from tests.e2e.quiz_driver import LIFESTYLE, RESULT_MARK, start_check, take_check

OUT = ROOT / "docs" / "screenshots"
INSTALL_OUT = ROOT / "assets" / "screenshots"
# name, viewport (None: the e2e tests' phone): the manifest's "narrow" and "wide" shots
INSTALL_SHOTS: tuple[tuple[str, ViewportSize | None], ...] = (
    ("home-narrow", None),
    ("home-wide", {"width": 1280, "height": 800}),
)


def red_flag(page: Page) -> None:
    take_check(page, [["One side of my face droops"]])


def lifestyle(page: Page) -> None:
    take_check(page, LIFESTYLE)


def tab(name: str, marker: str) -> Callable[[Page], None]:
    def go(page: Page) -> None:
        page.get_by_role("tab", name=name).click()
        wait_text(page, marker)

    return go


# name, route, what to do first, text to wait for, dark theme
SHOTS: list[tuple[str, str, Callable[[Page], None] | None, str, bool]] = [
    ("home", "/", None, "Is your lip twitching?", False),
    ("learn", "/learn", None, "What lip twitching is", False),
    ("check-question", "/check", start_check, "Question 1 of", False),
    ("check-result", "/check", lifestyle, RESULT_MARK, False),
    ("emergency", "/check", red_flag, "Call 112 now", False),
    ("emergency-dark", "/check", red_flag, "Call 112 now", True),
    ("history", "/history", None, "Self-care", False),
    ("habits", "/habits", None, "Water", False),
    ("settings-dark", "/settings", None, "Where your data lives", True),
]


def settled_shot(page: Page, path: Path, tries: int = 20) -> None:
    """Save a frame only once two in a row match: a busy server paints a
    transient "Working..." overlay that must never reach the README."""
    last = b""
    for _ in range(tries):
        page.wait_for_timeout(700)
        frame = page.screenshot()
        if frame == last:
            path.write_bytes(frame)
            return
        last = frame
    raise RuntimeError(f"{path.name}: the screen never settled")


def shoot(browser: Browser, server: Server) -> int:
    for name, route, before, marker, dark in SHOTS:
        guard = Guard()
        context = new_context(browser, guard, dark=dark)
        page = context.new_page()
        open_app(page, server.url + route)
        if before is not None:
            wait_text(page, "Self-check")
            before(page)
        wait_text(page, marker, timeout=30)
        settled_shot(page, OUT / f"{name}.png")
        context.close()
        if guard.external:
            print(f"{name}: outside requests {guard.external}", file=sys.stderr)
            return 1
        print(f"wrote docs/screenshots/{name}.png")
    return 0


def shoot_install(browser: Browser, server: Server) -> int:
    INSTALL_OUT.mkdir(parents=True, exist_ok=True)
    for name, size in INSTALL_SHOTS:
        guard = Guard()
        context = new_context(browser, guard, viewport=size)
        page = context.new_page()
        open_app(page, server.url + "/")
        wait_text(page, "Is your lip twitching?", timeout=30)
        page.wait_for_timeout(2000)  # past Flet's transient "Working..." overlay
        wait_text(page, "Learn about lip twitching", timeout=30)
        settled_shot(page, INSTALL_OUT / f"{name}.png")
        context.close()
        if guard.external:
            print(f"{name}: outside requests {guard.external}", file=sys.stderr)
            return 1
        print(f"wrote assets/screenshots/{name}.png")
    return 0


def main(argv: list[str] | None = None) -> int:
    only_install = "--install" in (sys.argv[1:] if argv is None else argv)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        server = Server(data_dir=Path(tmp) / "data").start()
        browser = launch(pw)
        try:
            failed = shoot_install(browser, server)
            return failed or (0 if only_install else shoot(browser, server))
        finally:
            browser.close()
            server.stop()


if __name__ == "__main__":
    sys.exit(main())
