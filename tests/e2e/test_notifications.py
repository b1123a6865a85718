"""System notifications for due reminders in server mode (issue 16), in Chromium with
the notification permission granted (or not) to the page's origin.

The app clock is pinned with LIPCHECK_NOW a minute after the 07:00 water slot (New
York), so a water reminder is due as soon as the app opens. Reading and pressing
notifications: tests/e2e/notify_driver.py (how a press is simulated is said there).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from app.habits import dismiss, due_reminders
from app.records import AppSettings, DrinkLog, HydrationSettings, ReminderSettings, SleepSettings
from app.storage import Store
from app.ui.habits.notify import REASONS
from tests.e2e.browser import PHONE, Guard, Server, open_app, wait_gone, wait_text
from tests.e2e.notify_driver import notifications, press, wait_notifications

NEW_YORK = ZoneInfo("America/New_York")
AFTER_SLOT = datetime(2025, 3, 4, 7, 1, tzinfo=NEW_YORK)  # Tuesday; the 07:00 slot is due
TOGGLE = "Also show system notifications"
WATER = HydrationSettings(reminders_on=True, interval_min=90)


def seed(folder: Path, settings: ReminderSettings, *, notify: bool = False,
         drinks: int = 0, dismissed_at: datetime | None = None) -> None:
    """What an earlier visit would have saved, written before the server starts."""
    store = Store.open(folder)
    try:
        store.settings.save_reminders(settings)
        store.settings.save_app(AppSettings(system_notifications=notify))
        for i in range(drinks):
            store.drinks.add(DrinkLog(id=f"d{i}", at=AFTER_SLOT - timedelta(minutes=30), ml=500))
        if dismissed_at is not None:
            state = store.settings.get_reminder_state()
            (water,) = [r for r in due_reminders(settings, state, dismissed_at, 0)
                        if r.kind == "hydration"]
            store.settings.save_reminder_state(dismiss(state, water, dismissed_at))
    finally:
        store.close()


def saved(server: Server, tmp_path: Path) -> Store:
    copy = tmp_path / f"copy{len(list(tmp_path.glob('copy*')))}"
    shutil.copytree(server.data_dir, copy)
    return Store.open(copy)


@pytest.fixture
def make_context(browser: Browser) -> Iterator[Callable[..., tuple[BrowserContext, Guard]]]:
    """A phone-sized context with service workers allowed (the notifications need one)."""
    made: list[tuple[BrowserContext, Guard]] = []

    def make(origin: str, grant: bool) -> tuple[BrowserContext, Guard]:
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                      service_workers="allow")
        guard = Guard()
        guard.attach(context)
        if grant:
            context.grant_permissions(["notifications"], origin=origin)
        made.append((context, guard))
        return context, guard

    yield make
    for context, guard in made:
        context.close()
        assert not guard.external, f"the app made non-loopback requests: {guard.external}"


def open_page(context: BrowserContext, url: str) -> Page:
    page = context.new_page()
    open_app(page, url)
    return page


def test_a_due_reminder_notifies_once_and_its_log_button_logs_the_drink(
    make_server: Callable[..., Server], make_context: Callable[..., tuple[BrowserContext, Guard]],
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    seed(folder, ReminderSettings(hydration=WATER, timezone="America/New_York"))
    server = make_server(env={"LIPCHECK_NOW": AFTER_SLOT.isoformat()}, data_dir=folder)
    context, _guard = make_context(server.url, grant=True)
    page = open_page(context, server.url + "/habits/reminders")
    wait_text(page, "Water reminder, 07:00", timeout=40)
    assert notifications(page) == []  # opt-in: nothing before the toggle
    page.get_by_role("switch", name=TOGGLE).click()
    wait_text(page, "System notifications on.")
    (shown,) = wait_notifications(page, 1)
    assert shown["title"] == "Water reminder, 07:00"
    assert shown["body"] == "Time for a glass of water"
    assert shown["actions"] == ["Log 150 ml", "Snooze 15 min"]
    assert shown["tag"] == "lipcheck-hydration-20250304T120000Z-20250304T120000Z"
    store = saved(server, tmp_path)
    assert store.settings.get_app().system_notifications
    assert [t for t, _ in store.settings.get_reminder_state().notified] == [shown["tag"]]
    open_app(page, server.url + "/learn")  # any screen; the press brings the app to Habits
    wait_text(page, "Water reminder, 07:00", timeout=40)
    press(context, "notify-sw.js", shown["tag"], "log")
    text = wait_text(page, "Logged 150 ml.")
    assert "150 of 2,000 ml" in wait_text(page, "150 of 2,000 ml")
    wait_gone(page, "Water reminder, 07:00")
    assert notifications(page) == []
    store = saved(server, tmp_path)
    assert store.drinks.total_ml(date(2025, 3, 4)) == 150
    assert len(store.settings.get_reminder_state().dismissed) == 1
    assert "Water today" in text


def test_once_only_after_a_reload_none_for_dismissed_or_met_and_the_other_buttons(
    make_server: Callable[..., Server], make_context: Callable[..., tuple[BrowserContext, Guard]],
    tmp_path: Path,
) -> None:
    # 22:35: water slot 22:00 (dismissed, or goal met) and the 22:30 bedtime reminder.
    # Dismissed: a tap on the notification opens Habits; a reload notifies nothing.
    # Met: the bedtime notification's Snooze snoozes it.
    at = datetime(2025, 3, 4, 22, 35, tzinfo=NEW_YORK)
    settings = ReminderSettings(hydration=HydrationSettings(reminders_on=True, goal_ml=1000),
                                sleep=SleepSettings(bedtime_reminder_on=True),
                                timezone="America/New_York")
    for name, extra in (("dismissed", {"dismissed_at": at}), ("met", {"drinks": 2})):
        folder = tmp_path / name
        seed(folder, settings, notify=True, **extra)  # type: ignore[arg-type]
        server = make_server(env={"LIPCHECK_NOW": at.isoformat()}, data_dir=folder)
        context, _guard = make_context(server.url, grant=True)
        page = open_page(context, server.url + "/")
        text = wait_text(page, "Bedtime reminder, 22:30", timeout=40)
        assert "Water reminder" not in text
        (shown,) = wait_notifications(page, 1)  # the bedtime reminder only
        assert shown["tag"].startswith("lipcheck-bedtime-"), name
        assert shown["actions"] == ["Snooze 15 min"]
        if name == "met":  # its Snooze button snoozes it, as the banner's does
            press(context, "notify-sw.js", shown["tag"], "snooze")
            wait_text(page, "Snoozed for 15 min.")
            wait_gone(page, "Bedtime reminder, 22:30")
            state = saved(server, tmp_path).settings.get_reminder_state()
            assert [k for k, _ in state.snoozed_until] == ["bedtime"]
            assert notifications(page) == []
            server.stop()
            context.close()
            continue
        press(context, "notify-sw.js", shown["tag"], "")  # a tap on the notification itself
        wait_text(page, "Water today")  # opens Habits, and does nothing else
        wait_text(page, "Bedtime reminder, 22:30")
        assert notifications(page) == []
        page.reload()
        open_app(page, server.url + "/")
        wait_text(page, "Bedtime reminder, 22:30", timeout=40)
        page.wait_for_timeout(1500)  # let a (wrong) second notification arrive
        assert notifications(page) == [], f"{name}: notified again after a reload"
        state = saved(server, tmp_path).settings.get_reminder_state()
        assert [t for t, _ in state.notified] == [shown["tag"]], name
        server.stop()
        context.close()


def test_permission_denied_the_toggle_explains_and_the_banner_still_works(
    make_server: Callable[..., Server], make_context: Callable[..., tuple[BrowserContext, Guard]],
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    seed(folder, ReminderSettings(hydration=WATER, timezone="America/New_York"))
    server = make_server(env={"LIPCHECK_NOW": AFTER_SLOT.isoformat()}, data_dir=folder)
    context, _guard = make_context(server.url, grant=False)
    page = open_page(context, server.url + "/habits/reminders")
    assert page.evaluate("Notification.permission") != "granted"
    page.get_by_role("switch", name=TOGGLE).click()
    text = wait_text(page, "Reminders still show in the app.")
    assert REASONS["denied"] in text or REASONS["default"] in text, text
    assert not saved(server, tmp_path).settings.get_app().system_notifications
    wait_text(page, "Water reminder, 07:00", timeout=40)  # the banner works either way
    page.get_by_role("button", name="Log 150 ml").click()
    wait_text(page, "Logged 150 ml.")
    assert notifications(page) == []
    assert saved(server, tmp_path).drinks.total_ml(date(2025, 3, 4)) == 150
