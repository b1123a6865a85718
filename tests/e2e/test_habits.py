"""Habits as a person on a phone uses them: water goal and logging, refusals, sleep, the
reminder banner (snooze, come back, log), the calendar export and the self-check's
one-tap suggestion.

Reminder tests pin the app clock with LIPCHECK_NOW just before a reminder slot; the
clock then runs on in real time, so the banner falls due a few seconds later.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar
from playwright.sync_api import Page

from app.records import HydrationSettings, ReminderSettings, SleepSettings
from app.storage import Store
from tests.e2e.browser import Server, open_app, type_into, visible_text, wait_gone, wait_text
from tests.e2e.quiz_driver import LIFESTYLE, RESULT_MARK, answer, start_check, take_check

NEW_YORK = ZoneInfo("America/New_York")
# Tuesday 2025-03-04, 06:59:50 in New York: the first water slot (07:00) is ten seconds away.
BEFORE_SLOT = datetime(2025, 3, 4, 6, 59, 50, tzinfo=NEW_YORK)


def saved(server: Server, tmp_path: Path) -> Store:
    """What the app saved, read from a copy so the running server's files stay untouched."""
    copy = tmp_path / f"copy{len(list(tmp_path.glob('copy*')))}"
    shutil.copytree(server.data_dir, copy)
    return Store.open(copy)


def seed(folder: Path, settings: ReminderSettings) -> None:
    """Save settings before the server starts, as an earlier visit would have."""
    store = Store.open(folder)
    try:
        store.settings.save_reminders(settings)
    finally:
        store.close()  # the server that starts next needs the folder's lock


def today_ml(store: Store) -> int:
    day = datetime.now(UTC).date()
    return sum(store.drinks.total_ml(day + timedelta(days=d)) for d in (-1, 0, 1))


def test_set_a_goal_log_drinks_and_undo(
    server: Server, make_page: Callable[..., Page], tmp_path: Path
) -> None:
    page = make_page(server.url + "/habits/water")
    wait_text(page, "Daily goal")
    type_into(page, "Daily goal (ml)", "2500")
    page.get_by_role("button", name="Save goal").click()
    # The toast and the re-rendered card arrive separately: wait for each.
    wait_text(page, "Daily goal saved: 2,500 ml.")
    wait_text(page, "0 of 2,500 ml")
    assert saved(server, tmp_path).settings.get_reminders().hydration.goal_ml == 2500
    page.get_by_role("button", name="250 ml", exact=True).click()
    wait_text(page, "250 of 2,500 ml")
    page.get_by_role("button", name="500 ml", exact=True).click()
    text = wait_text(page, "750 of 2,500 ml")
    assert "1,750 ml left to reach your goal" in text
    assert today_ml(saved(server, tmp_path)) == 750
    page.get_by_role("button", name="Undo").click()
    text = wait_text(page, "250 of 2,500 ml")
    assert "2,250 ml left to reach your goal" in text
    assert today_ml(saved(server, tmp_path)) == 250


def test_bad_input_is_refused_and_nothing_is_stored(
    server: Server, make_page: Callable[..., Page], tmp_path: Path
) -> None:
    page = make_page(server.url + "/habits/water")
    wait_text(page, "Cup sizes")
    type_into(page, "Daily goal (ml)", "two litres")
    page.get_by_role("button", name="Save goal").click()
    wait_text(page, "Enter a number, like 2000.")
    type_into(page, "New cup size (ml)", "9000")
    page.get_by_role("button", name="Add cup").click()
    wait_text(page, "The cup size must be at most 5,000 ml.")
    for typed, message in (
        ("6000", "The amount must be at most 5,000 ml."),
        ("abc", "Enter a number, like 250."),
        ("-200", "The amount must be more than 0."),
    ):
        type_into(page, "Other amount (ml)", typed)
        page.get_by_role("button", name="Log", exact=True).click()
        wait_text(page, message)
    assert "0 of 2,000 ml" in visible_text(page)
    store = saved(server, tmp_path)
    assert today_ml(store) == 0
    kept = store.settings.get_reminders()
    assert (kept.hydration.goal_ml, kept.hydration.cup_sizes_ml) == (2000, (150, 250, 500))
    open_app(page, server.url + "/habits/reminders")
    wait_text(page, "Your time zone")
    type_into(page, "Or type a time zone name", "Mars/Base")
    page.get_by_role("button", name="Save typed time zone").click()
    wait_text(page, "Unknown time zone 'Mars/Base'.")
    assert saved(server, tmp_path).settings.get_reminders() == kept
    type_into(page, "Or type a time zone name", "Asia/Tokyo")
    page.get_by_role("button", name="Save typed time zone").click()
    wait_text(page, "Time zone saved: Asia/Tokyo.")
    assert saved(server, tmp_path).settings.get_reminders().timezone == "Asia/Tokyo"
    open_app(page, server.url + "/habits")
    type_into(page, "Other amount (ml)", "330")
    page.get_by_role("button", name="Log", exact=True).click()
    wait_text(page, "330 of 2,000 ml")
    assert today_ml(saved(server, tmp_path)) == 330


def test_sleep_wake_equal_to_bed_is_refused(
    server: Server, make_page: Callable[..., Page], tmp_path: Path
) -> None:
    page = make_page(server.url + "/habits/sleep")
    wait_text(page, "Last night")
    page.get_by_role("button", name="Bed and wake").click()
    type_into(page, "Went to bed at", "23:00")
    type_into(page, "Woke up at", "11pm")
    page.get_by_role("button", name="Save times").click()
    wait_text(page, "Wake time must differ from bedtime.")
    assert saved(server, tmp_path).sleep.range(date(2000, 1, 1), date(2100, 1, 1)) == []
    type_into(page, "Weekday wake time", "23:00")
    page.get_by_role("button", name="Save sleep plan").click()
    wait_text(page, "Wake time must differ from bedtime.")
    assert saved(server, tmp_path).settings.get_reminders().sleep == SleepSettings()
    type_into(page, "Woke up at", "6:30")
    page.get_by_role("button", name="Save times").click()
    wait_text(page, "Logged: 7 h 30 min (23:00 to 06:30)")
    logs = saved(server, tmp_path).sleep.range(date(2000, 1, 1), date(2100, 1, 1))
    assert [log.hours for log in logs] == [7.5]


def test_a_due_reminder_shows_on_any_screen_snoozes_and_comes_back(
    make_server: Callable[..., Server], make_page: Callable[..., Page], tmp_path: Path
) -> None:
    folder = tmp_path / "reminders"
    water = HydrationSettings(reminders_on=True, interval_min=90)
    seed(folder, ReminderSettings(hydration=water, timezone="America/New_York"))
    server = make_server(env={"LIPCHECK_NOW": BEFORE_SLOT.isoformat()}, data_dir=folder)
    page = make_page(server.url + "/learn")
    wait_text(page, "Water reminder, 07:00", timeout=40)
    page.get_by_role("button", name="Snooze 5 min").click()
    wait_gone(page, "Water reminder, 07:00")
    wait_text(page, "Snoozed for 5 min.")
    state = saved(server, tmp_path).settings.get_reminder_state()
    slot = datetime(2025, 3, 4, 7, 0, tzinfo=NEW_YORK)
    assert [(k, at.astimezone(UTC)) for k, at in state.dismissed] == [("hydration", slot)]
    [(kind, until)] = state.snoozed_until
    assert kind == "hydration"
    assert slot + timedelta(minutes=5) <= until <= slot + timedelta(minutes=7)
    # Start again just before the snooze ends: the saved snooze holds, then it comes back.
    server.env["LIPCHECK_NOW"] = (until - timedelta(seconds=3)).isoformat()
    server.restart()
    open_app(page, server.url + "/")
    wait_text(page, "Is your lip twitching?")
    text = wait_text(page, "Water reminder, " + until.astimezone(NEW_YORK).strftime("%H:%M"))
    assert "Time for a glass of water" in text
    page.get_by_role("button", name="Log 150 ml").click()
    wait_text(page, "Logged 150 ml.")
    wait_gone(page, "Water reminder,")
    store = saved(server, tmp_path)
    assert store.drinks.total_ml(date(2025, 3, 4)) == 150
    assert not store.settings.get_reminder_state().snoozed_until


def test_dismiss_shows_the_next_due_reminder_and_turning_it_off_takes_it_down(
    make_server: Callable[..., Server], make_page: Callable[..., Page], tmp_path: Path
) -> None:
    folder = tmp_path / "bedtime"
    plan = SleepSettings(bedtime_reminder_on=True)  # weekday bed 23:00, wind-down 30 min
    water = HydrationSettings(reminders_on=True, goal_ml=250)
    seed(folder, ReminderSettings(hydration=water, sleep=plan, timezone="America/New_York"))
    start = datetime(2025, 3, 4, 22, 31, tzinfo=NEW_YORK)
    server = make_server(env={"LIPCHECK_NOW": start.isoformat()}, data_dir=folder)
    page = make_page(server.url + "/habits/reminders")
    wait_text(page, "Water reminder, 22:00", timeout=40)  # the earlier of the two due
    page.get_by_role("button", name="Dismiss").click()
    wait_text(page, "Bedtime reminder, 22:30")
    wait_gone(page, "Water reminder, 22:00")
    with page.expect_download() as info:
        page.get_by_role("button", name="Export to calendar (.ics)").click()
    assert info.value.suggested_filename == "lip-twitch-check-reminders.ics"
    target = tmp_path / "reminders.ics"
    info.value.save_as(target)
    calendar = Calendar.from_ical(target.read_bytes())
    summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    assert summaries == {"Time for a glass of water", "Time to wind down for bed"}
    page.get_by_role("switch", name="Bedtime reminder").click()
    wait_text(page, "Bedtime reminder off.")
    wait_gone(page, "Bedtime reminder, 22:30")
    assert not saved(server, tmp_path).settings.get_reminders().sleep.bedtime_reminder_on


def test_a_suggested_habit_is_one_tap_from_the_result(
    server: Server, make_page: Callable[..., Page], tmp_path: Path
) -> None:
    page = make_page(server.url + "/")
    wait_text(page, "Start the self-check")
    page.get_by_role("button", name="Start the self-check").click()
    wait_text(page, "This is not a diagnosis")
    take_check(page, LIFESTYLE)
    page.get_by_role("button", name="Set a bedtime reminder").click()
    text = wait_text(page, "Bedtime reminder is on: 30 min before 23:00 on weekdays.")
    assert page.url.endswith("/check/result") and RESULT_MARK in text  # still on the result
    assert saved(server, tmp_path).settings.get_reminders().sleep.bedtime_reminder_on
    text = wait_gone(page, "Suggested: set a bedtime reminder")  # on already: not offered
    assert page.get_by_role("button", name="Set a bedtime reminder").count() == 0
    assert "Self-care is a good first step" in text
    page.get_by_role("button", name="Open Habits").first.click()  # the toast's action
    wait_text(page, "Bedtime reminder: on, 30 min before bedtime")  # the Habits screen
    assert page.url.endswith("/habits")


BANNER_WORDS = ("Water reminder,", "Log 150 ml", "Dismiss", "Snooze")


def no_banner(page: Page) -> str:
    text = visible_text(page)
    shown = [word for word in BANNER_WORDS if word in text]
    assert not shown, f"reminder banner during the check: {shown}\n{text}"
    return text


def test_no_reminder_banner_during_a_check_and_it_shows_once_you_leave(
    make_server: Callable[..., Server], make_page: Callable[..., Page], tmp_path: Path
) -> None:
    folder = tmp_path / "reminders"
    water = HydrationSettings(reminders_on=True, interval_min=90)
    seed(folder, ReminderSettings(hydration=water, timezone="America/New_York"))
    server = make_server(env={"LIPCHECK_NOW": BEFORE_SLOT.isoformat()}, data_dir=folder)
    up = time.monotonic()  # the app's clock started (pinned) before this
    page = make_page(server.url + "/")
    start_check(page)
    # Let the 07:00 slot (10 s after the pinned start) fall due on the first question,
    # with 3 s more for the banner task to wake: it wakes exactly when a slot is due.
    page.wait_for_timeout(max(0.0, 13 - (time.monotonic() - up)) * 1000)
    no_banner(page)
    for value in LIFESTYLE[:3]:
        answer(page, value)
        no_banner(page)
    for value in LIFESTYLE[3:]:
        answer(page, value)
    wait_text(page, RESULT_MARK)
    no_banner(page)
    state = saved(server, tmp_path).settings.get_reminder_state()
    assert not state.dismissed and not state.snoozed_until  # waiting, not dropped
    page.get_by_role("tab", name="Home").click()
    text = wait_text(page, "Water reminder, 07:00", timeout=40)
    assert "Time for a glass of water" in text
    page.get_by_role("button", name="Log 150 ml").click()
    wait_text(page, "Logged 150 ml.")
    assert saved(server, tmp_path).drinks.total_ml(date(2025, 3, 4)) == 150
