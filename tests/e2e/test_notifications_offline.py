"""System notifications on the offline build (issue 16): Python runs in the page's
worker, posts the due reminder to the page through the build's python.js patch, and
the site's own service worker (which imports notify-sw.js) shows it.

The browser's time zone is chosen so that it is mid-afternoon there whenever the test
runs: with the default wake time (07:00) and water every 90 minutes, a water reminder
is due as soon as water reminders are turned on. Reading and pressing notifications:
tests/e2e/notify_driver.py (how a press is simulated is said there).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page, Playwright

from app.ui.habits.notify import REASONS
from tests.e2e.browser import enable_semantics, wait_gone, wait_text
from tests.e2e.notify_driver import notifications, press, wait_notifications
from tests.e2e.pwa_browser import StaticServer, first_page, open_static, profile
from tests.e2e.test_pwa import IDB_FILES, assert_private
from tools import build_web

TOGGLE = "Also show system notifications"


def afternoon_zone() -> str:
    """An Etc/GMT zone where it is 14:xx now (Etc/GMT-N is N hours east of UTC)."""
    east = 14 - datetime.now(UTC).hour  # -9 .. +14
    return "Etc/UTC" if east == 0 else f"Etc/GMT{'-' if east > 0 else '+'}{abs(east)}"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> build_web.Site:
    return build_web.build(tmp_path_factory.mktemp("site") / "dist")


@pytest.fixture
def host(site: build_web.Site) -> Iterator[StaticServer]:
    server = StaticServer(site.out).start()
    yield server
    server.stop()


def drinks_stored(page: Page) -> list[str]:
    files: dict[str, str] = page.evaluate(IDB_FILES)
    return [t for k, t in files.items() if "drink" in k and "backup" not in k and '"ml"' in t]


def water_on(page: Page, url: str) -> str:
    """Open Reminder settings, turn water reminders on; returns the banner's title."""
    page.goto(url + "#/habits/reminders")
    wait_text(page, TOGGLE, timeout=60)
    page.get_by_role("switch", name="Water reminders").click()
    text = wait_text(page, "Water reminder, ", timeout=30)
    line = next(x for x in text.splitlines() if x.startswith("Water reminder, "))
    return line[: len("Water reminder, 00:00")]


def test_offline_a_due_reminder_notifies_once_and_log_logs_the_drink(
    playwright: Playwright, host: StaticServer, tmp_path: Path
) -> None:
    with profile(playwright, tmp_path / "profile", timezone_id=afternoon_zone()) as (
        context, guard, outside,
    ):
        context.grant_permissions(["notifications"], origin=host.url)
        page = first_page(context)
        open_static(page, host.url)
        title = water_on(page, host.url)
        assert notifications(page) == []  # opt-in: nothing before the toggle
        page.get_by_role("switch", name=TOGGLE).click()
        wait_text(page, "System notifications on.")
        (shown,) = wait_notifications(page, 1, timeout=30)
        assert shown["title"] == title
        assert shown["actions"] == ["Log 150 ml", "Snooze 15 min"]
        assert shown["tag"].startswith("lipcheck-hydration-")
        assert shown["scope"] == host.url.rstrip("/") + "/"  # the site's own worker
        press(context, "sw.js", shown["tag"], "log")
        wait_text(page, "Logged 150 ml.")
        wait_text(page, "150 of 2,000 ml")  # the press opened Habits
        wait_gone(page, title)
        assert notifications(page) == []
        deadline = 100
        while not drinks_stored(page) and deadline:
            page.wait_for_timeout(100)
            deadline -= 1
        assert any('"ml": 150' in t or '"ml":150' in t for t in drinks_stored(page))
        # Reload: the reminder was logged (dismissed), so no banner and no notification.
        page.reload()
        enable_semantics(page, timeout=120_000)
        wait_text(page, "150 of 2,000 ml", timeout=60)
        page.wait_for_timeout(1500)  # let a (wrong) notification arrive
        assert notifications(page) == []
        assert title not in wait_text(page, "150 of 2,000 ml")
        assert_private(guard.external, outside.urls)


def test_offline_permission_refused_the_toggle_explains_and_the_banner_works(
    playwright: Playwright, host: StaticServer, tmp_path: Path
) -> None:
    with profile(playwright, tmp_path / "profile", timezone_id=afternoon_zone()) as (
        context, guard, outside,
    ):
        page = first_page(context)
        open_static(page, host.url)
        title = water_on(page, host.url)
        page.get_by_role("switch", name=TOGGLE).click()
        text = wait_text(page, "Reminders still show in the app.")
        assert REASONS["denied"] in text or REASONS["default"] in text, text
        page.get_by_role("button", name="Log 150 ml").click()
        wait_text(page, "Logged 150 ml.")
        wait_gone(page, title)
        assert notifications(page) == []
        assert_private(guard.external, outside.urls)
