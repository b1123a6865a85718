"""History as a person on a phone uses it: past results, the diary, patterns, trends,
the follow-up card and the doctor summary.

The clock is pinned (LIPCHECK_NOW) so "today" is 20 Mar 2025 (UTC, the default
time zone). Diary, sleep and water are written by tests/e2e/seed.py while the
server is stopped; expected numbers are counted here from that same data.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from pathlib import Path

from playwright.sync_api import Page

from app.formats import format_amount
from app.insights import DOCTOR_ADVICE
from tests.e2e.browser import Server, open_app, type_into, visible_text, wait_gone, wait_text
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.pixels import mean_brightness
from tests.e2e.pwa_browser import StaticServer
from tests.e2e.quiz_driver import LIFESTYLE, Answer, take_check
from tests.e2e.seed import (
    DOCTOR_SOON_ANSWERS,
    EMERGENCY_ANSWERS,
    QUIZ,
    SELF_CARE_ANSWERS,
    Day,
    read_copy,
    result_record,
    seed,
    seed_days,
)

NOW = "2025-03-20T10:00:00+00:00"
TODAY = date(2025, 3, 20)
ENV = {"LIPCHECK_NOW": NOW}
# Two weeks, oldest first: short nights go with twitching, caffeine a little,
# water not at all (same rate either way), and stress is never high.
DAYS = [
    Day("none", 1, "low", 7.5, 1500),
    Day("none", 1, "medium", 7.5, 1500),
    Day("none", 4, "low", 7.5, 2500),
    Day("none", 1, "low", 5.0, 2500),
    Day("none", 1, "medium", 7.5, 2500),
    Day("mild", 1, "low", 7.5, 2500),
    Day("none", 2, "low", 7.5, 2500),
    Day("none", 1, "medium", 7.5, 2500),
    Day("strong", 4, "low", 5.0, 1500),
    Day("mild", 1, "medium", 5.5, 1500),
    Day("strong", 3, "low", 5.0, 2500),
    Day("strong", 5, "medium", 4.5, 2500),
    Day("mild", 2, "low", 5.0, 2500),
    Day("mild", 1, "low", 8.0, 2500),
]
GOAL_ML = 2000  # the default water goal
# LIFESTYLE, but with numbness and an antidepressant: "see a doctor soon".
DOCTOR_SOON: list[Answer] = [*LIFESTYLE]
DOCTOR_SOON[10] = ["Numbness"]
DOCTOR_SOON[23] = ["Antidepressants"]


# --- what the seeded data says, counted here ----------------------------------------------


def day_of(index: int, days: list[Day] = DAYS) -> date:
    return TODAY - timedelta(days=len(days) - 1 - index)


def twitch_counts(test: Callable[[Day], bool]) -> tuple[int, int, int, int]:
    """(twitch days with, days with, twitch days without, days without)."""
    with_ = [d for d in DAYS if test(d)]
    without = [d for d in DAYS if not test(d)]
    return (
        sum(d.twitch != "none" for d in with_),
        len(with_),
        sum(d.twitch != "none" for d in without),
        len(without),
    )


def pattern_line(days_words: str, counts: tuple[int, int, int, int]) -> str:
    tw, dw, tn, dn = counts
    return (
        f"On days {days_words} you logged twitching on {tw} of {dw} days, "
        f"against {tn} of {dn} otherwise."
    )


def severity(days: list[Day]) -> Fraction:
    score = {"none": 0, "mild": 1, "strong": 2}
    return Fraction(sum(score[d.twitch] for d in days), len(days))


# --- helpers ------------------------------------------------------------------------------


def open_history(page: Page, server: Server, path: str = "/history", mark: str = "") -> str:
    open_app(page, server.url + path)
    return wait_text(page, mark or "Past results")


def listed(text: str) -> str:
    """The results part of the History screen."""
    return text.split("Newest first.", 1)[1]


def type_notes(page: Page, text: str) -> None:
    """Like type_into, for the multi-line notes box (a textarea)."""
    box = page.get_by_role("textbox", name="Notes (optional)")
    for _ in range(2):
        box.click()
        page.wait_for_timeout(250)
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.tagName === 'TEXTAREA'"
    )
    page.keyboard.type(text, delay=20)


def type_date(page: Page, text: str) -> None:
    """Scroll the date field above the navigation bar (as a person would), then type."""
    box = page.get_by_role("textbox", name="Date first noticed")
    for _ in range(10):
        where = box.bounding_box()
        if where and where["y"] > 80 and where["y"] + where["height"] < 844 - 100:
            break
        page.mouse.move(195, 400)
        page.mouse.wheel(0, 250 if not where or where["y"] > 400 else -250)
        page.wait_for_timeout(300)
    type_into(page, "Date first noticed", text)


def selected(page: Page, name: str) -> bool:
    return page.get_by_role("button", name=name, exact=True).get_attribute("aria-current") == "true"


# --- tests --------------------------------------------------------------------------------


def clipboard_text(page: Page, folder: Path) -> str:
    """Read the clipboard from a plain loopback page: the app's own Permissions-Policy
    forbids clipboard-read (the app only ever writes to it)."""
    (folder / "clip").mkdir(exist_ok=True)
    (folder / "clip" / "index.html").write_text("<!doctype html><title>clipboard</title>")
    host = StaticServer(folder / "clip").start()
    reader = page.context.new_page()
    try:
        reader.goto(host.url)
        page.context.grant_permissions(["clipboard-read"], origin=host.url.rstrip("/"))
        reader.bring_to_front()
        return str(reader.evaluate("navigator.clipboard.readText()"))
    finally:
        reader.close()
        host.stop()


def test_two_checks_are_kept_newest_first_with_detail_filter_delete_and_summary(
    make_server: Callable[..., Server], make_page: Callable[..., Page], tmp_path: Path
) -> None:
    server = make_server(env=ENV)
    page = make_page(server.url + "/")
    take_check(page, LIFESTYLE)
    take_check(page, DOCTOR_SOON)
    server.stop()
    seed_days(server.data_dir, TODAY, DAYS)
    server.start()

    # both results, newest first, each with date, tier words and top triggers
    rows = listed(open_history(page, server))
    assert rows.index("See a doctor soon") < rows.index("Self-care")
    assert len(re.findall(r"^20 Mar 2025, 10:\d\d$", rows, re.MULTILINE)) == 2
    assert "Top triggers: Lack of sleep or tiredness, Caffeine and other stimulants" in rows
    assert "2 results" in visible_text(page)

    # the detail shows the whole result, why, and the questions' version
    page.get_by_role("button", name=re.compile("See a doctor soon")).click()
    text = wait_text(page, "Why this result")
    assert f"Questions version {QUIZ.version}" in text
    assert "Book a visit with a doctor or nurse." in text
    assert "Within a week. Book a visit with a doctor today." in text  # How soon
    assert "Other signs: Numbness" in text
    assert "Medicines" in text and "Antidepressants" in text
    assert re.search(r"/history/[0-9a-f]{32}$", page.url)
    page.get_by_label("Back").click()

    # filter by tier
    wait_text(page, "Past results")
    page.get_by_role("checkbox", name="Self-care").click()
    rows = listed(wait_text(page, "1 of 2 results"))
    assert "Self-care" in rows and "See a doctor soon" not in rows
    page.get_by_role("checkbox", name="All").click()
    wait_text(page, "2 results")

    # delete with undo, then delete for good from the detail screen
    ids = [r.id for r in read_copy(server.data_dir, tmp_path).results.list()]
    page.get_by_label(re.compile("^Delete the result from")).nth(1).click()
    rows = listed(wait_text(page, "Deleted the result from"))
    assert "Self-care" not in rows and "1 result" in visible_text(page)
    assert [r.id for r in read_copy(server.data_dir, tmp_path).results.list()] == ids[:1]
    page.get_by_role("button", name="Undo").click()
    wait_text(page, "Result restored.")
    assert [r.id for r in read_copy(server.data_dir, tmp_path).results.list()] == ids
    wait_text(page, "2 results")
    page.get_by_role("button", name=re.compile("Self-care")).click()
    wait_text(page, "Taken on")
    page.get_by_label("Delete this result").click()
    rows = listed(wait_text(page, "1 result."))
    assert page.url.endswith("/history") and "Self-care" not in rows
    assert [r.id for r in read_copy(server.data_dir, tmp_path).results.list()] == ids[:1]

    # first noticed: a future date is refused, a past one kept
    page.get_by_role("button", name="Edit today's entry").click()
    wait_text(page, "When did it start?")
    type_date(page, "2025-04-01")
    page.get_by_role("button", name="Save date").click()
    wait_text(page, "That date is in the future")
    assert read_copy(server.data_dir, tmp_path).settings.get_app().first_noticed is None
    type_date(page, "2025-02-20")
    page.get_by_role("button", name="Save date").click()
    wait_text(page, "Saved: you first noticed it on 20 Feb 2025.")
    stored = read_copy(server.data_dir, tmp_path).settings.get_app().first_noticed
    assert stored == date(2025, 2, 20)

    # the summary carries what was entered
    trend = "worse" if severity(DAYS[7:]) > severity(DAYS[:7]) else "not worse"
    assert trend == "worse"
    strong = sum(d.twitch == "strong" for d in DAYS)
    mild = sum(d.twitch == "mild" for d in DAYS)
    page.get_by_label("Back").click()
    wait_text(page, "Past results")
    page.get_by_role("button", name="Summary for a doctor").click()
    text = wait_text(page, "Lip twitching: summary for a doctor")
    facts = [
        "First noticed: 20 Feb 2025 (28 days ago)",
        "Medicines: Antidepressants",
        "Other signs: Numbness",
        "Trend: getting worse",
        f"Twitching on {strong + mild} of {len(DAYS)} logged days (strong {strong}, mild {mild})",
        f"Water: {format_amount(DAYS[-1].water_ml, 'ml')} so far today",
        "This summary is not a diagnosis.",
    ]
    for fact in facts:
        assert fact in text, fact
    with page.expect_download() as info:
        page.get_by_role("button", name="Download (.txt)").click()
    assert info.value.suggested_filename == "lip-twitch-summary-2025-03-20.txt"
    target = tmp_path / "summary.txt"
    info.value.save_as(target)
    saved = target.read_text(encoding="utf-8")
    assert all(fact in saved for fact in facts)
    # Plain text a phone opens: headings underlined, no Markdown marks.
    assert saved.startswith("Lip twitching: summary for a doctor\n=====")
    assert "\n#" not in saved
    page.context.grant_permissions(["clipboard-write"], origin=server.url)
    page.get_by_role("button", name="Copy").click()
    wait_text(page, "Summary copied.")
    assert clipboard_text(page, tmp_path) == saved


def test_first_noticed_refuses_the_future_and_two_weeks_bring_the_follow_up(
    make_server: Callable[..., Server], make_page: Callable[..., Page], tmp_path: Path
) -> None:
    server = make_server(env=ENV)
    page = make_page(server.url + "/history/diary")
    wait_text(page, "When did it start?")
    type_date(page, "2025-03-21")
    page.get_by_role("button", name="Save date").click()
    wait_text(page, "That date is in the future")
    assert read_copy(server.data_dir, tmp_path).settings.get_app().first_noticed is None
    # exactly 14 days is not "more than two weeks"
    type_date(page, "6 Mar 2025")
    page.get_by_role("button", name="Save date").click()
    text = wait_text(page, "First noticed: 6 Mar 2025 (14 days ago).")
    assert "It has been more than two weeks" not in text
    type_date(page, "2025-02-28")
    page.get_by_role("button", name="Save date").click()
    wait_text(page, "First noticed: 28 Feb 2025 (20 days ago).")
    text = open_history(page, server, mark="It has been more than two weeks")
    assert "You first noticed the twitching 20 days ago, more than two weeks." in text
    # The guide's advice starts folded, so the card leaves room on History's first screen.
    assert "When to consult a doctor (from the guide)" not in text
    page.get_by_role("button", name="Show when to see a doctor").click()
    text = wait_text(page, "When to consult a doctor (from the guide)")
    for advice in DOCTOR_ADVICE:
        assert advice in text
    assert "Standard emergency advice (not from the guide)" in text
    page.get_by_role("button", name="Hide the advice").click()
    wait_gone(page, "When to consult a doctor (from the guide)")
    page.get_by_role("button", name="Show when to see a doctor").click()
    wait_text(page, "When to consult a doctor (from the guide)")
    page.get_by_role("button", name="Read: When to consult a doctor").click()
    page.wait_for_url("**/learn/when-to-see-a-doctor")
    open_history(page, server, mark="It has been more than two weeks")
    page.get_by_role("button", name="Take the check again").click()
    wait_text(page, "It takes about three minutes")
    assert page.url.endswith("/check")


def test_patterns_appear_after_14_diary_days_with_the_right_numbers(
    make_server: Callable[..., Server], make_page: Callable[..., Page], tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    seed_days(folder, TODAY, DAYS[1:])
    server = make_server(env=ENV, data_dir=folder)
    page = make_page(server.url + "/history/insights")
    text = wait_text(page, "Log 1 more day to see patterns (13 of 14 days so far).")
    assert "On days" not in text
    shoot(page, "insights-need-more", "light")
    dark = make_page(server.url + "/history/insights", dark=True)
    wait_text(dark, "Log 1 more day to see patterns")
    shoot(dark, "insights-need-more", "dark")
    server.stop()
    seed_days(folder, day_of(0), DAYS[:1])
    server.start()
    text = open_history(page, server, "/history/insights", "From 14 diary days.")
    sleep = twitch_counts(lambda d: d.sleep_hours is not None and d.sleep_hours < 6)
    caffeine = twitch_counts(lambda d: d.cups >= 3)
    water = twitch_counts(lambda d: d.water_ml is not None and d.water_ml < GOAL_ML)
    assert (
        Fraction(sleep[0], sleep[1]) - Fraction(sleep[2], sleep[3])
        > Fraction(caffeine[0], caffeine[1]) - Fraction(caffeine[2], caffeine[3])
        > 0
    )
    assert Fraction(water[0], water[1]) == Fraction(water[2], water[3])
    sleep_line = pattern_line("after less than 6 h sleep", sleep)
    caffeine_line = pattern_line("with 3 or more cups of caffeine", caffeine)
    assert sleep_line in text and caffeine_line in text
    assert text.index(sleep_line) < text.index(caffeine_line)  # the bigger difference first
    assert "when you drank less than your water goal" not in text  # no difference: no finding
    assert "No clear pattern for: less water than your goal." in text
    assert "high stress" not in text.lower()  # never logged, so nothing to compare
    assert "not what led to what" in text  # patterns, never causes
    page.get_by_role("button", name="Read: Ways to alleviate lip twitching").first.click()
    page.wait_for_url("**/learn/ways-to-alleviate")


def test_a_diary_entry_saved_in_the_app_is_there_after_a_reload(
    make_server: Callable[..., Server], make_page: Callable[..., Page], tmp_path: Path
) -> None:
    server = make_server(env=ENV)
    page = make_page(server.url + "/history/diary")
    wait_text(page, "Today, 20 Mar 2025. Nothing saved for this day yet.")
    page.get_by_role("button", name="Save today's entry").click()
    for problem in (
        "Choose none, mild or strong.",
        "Choose low, medium or high.",
        "Enter the number of cups (0 if none).",
    ):
        wait_text(page, problem)
    page.get_by_role("button", name="Mild", exact=True).click()
    page.get_by_role("button", name="High", exact=True).click()
    type_into(page, "Cups of caffeine", "45")
    page.get_by_role("button", name="Save today's entry").click()
    text = wait_text(page, "Enter a whole number from 0 to 30.")
    shoot(page, "diary-error", "light", pages=1)
    assert "Choose none, mild or strong." not in text
    assert read_copy(server.data_dir, tmp_path).diary.get(TODAY) is None  # nothing stored
    type_into(page, "Cups of caffeine", "2")
    type_notes(page, "Long day at work")
    page.get_by_role("button", name="Save today's entry").click()
    wait_text(page, "Diary saved for today (20 Mar 2025).")
    entry = read_copy(server.data_dir, tmp_path).diary.get(TODAY)
    assert entry is not None
    assert (entry.twitch, entry.caffeine_cups, entry.stress, entry.notes) == (
        "mild",
        2,
        "high",
        "Long day at work",
    )
    page.reload()
    open_app(page, server.url + "/history/diary")
    wait_text(page, "You saved an entry for this day")
    assert selected(page, "Mild") and selected(page, "High") and not selected(page, "None")
    page.get_by_role("button", name="Yesterday", exact=True).click()
    wait_text(page, "Yesterday, 19 Mar 2025. Nothing saved for this day yet.")
    page.get_by_role("button", name="None", exact=True).click()
    page.get_by_role("button", name="Low", exact=True).click()
    type_into(page, "Cups of caffeine", "0")
    page.get_by_role("button", name="Save yesterday's entry").click()
    wait_text(page, "Diary saved for yesterday (19 Mar 2025).")
    yesterday = TODAY - timedelta(days=1)
    entries = read_copy(server.data_dir, tmp_path).diary.range(yesterday, TODAY)
    assert [(e.day, e.twitch, e.caffeine_cups) for e in entries] == [
        (yesterday, "none", 0),
        (TODAY, "mild", 2),
    ]
    text = open_history(page, server)
    assert "Today: twitching mild, 2 cups of caffeine, high stress." in text


def test_empty_history_offers_the_self_check(
    server: Server, make_page: Callable[..., Page]
) -> None:
    page = make_page(server.url + "/")
    page.get_by_role("tab", name="History").click()
    text = wait_text(page, "No self-check results yet")
    assert "Today: not logged yet." in text and "First noticed: not recorded yet." in text
    shoot(page, "empty", "light")
    dark = make_page(server.url + "/history", dark=True)
    wait_text(dark, "No self-check results yet")
    shoot(dark, "empty", "dark")
    page.get_by_role("button", name="Take the self-check").click()
    wait_text(page, "It takes about three minutes")
    assert page.url.endswith("/check")


SEEDED_RESULTS = [
    result_record(SELF_CARE_ANSWERS, datetime(2025, 3, 1, 9, tzinfo=UTC), "seed-self-care"),
    result_record(DOCTOR_SOON_ANSWERS, datetime(2025, 3, 10, 9, tzinfo=UTC), "seed-doctor"),
    result_record(EMERGENCY_ANSWERS, datetime(2025, 3, 12, 9, tzinfo=UTC), "seed-emergency"),
]


def seeded_server(make_server: Callable[..., Server], folder: Path) -> Server:
    seed_days(folder, TODAY, DAYS)
    seed(folder, results=SEEDED_RESULTS, first_noticed=date(2025, 2, 20))
    return make_server(env=ENV, data_dir=folder)


def test_trends_say_each_bar_in_words(
    make_server: Callable[..., Server], make_page: Callable[..., Page], tmp_path: Path
) -> None:
    server = seeded_server(make_server, tmp_path / "data")
    page = make_page(server.url + "/history/trends")
    text = wait_text(page, "Twitch days per week")
    weeks: dict[date, list[Day]] = {}
    for index, day in enumerate(DAYS):
        when = day_of(index)
        weeks.setdefault(when - timedelta(days=when.weekday()), []).append(day)
    for monday, days in weeks.items():
        twitched = sum(d.twitch != "none" for d in days)
        label = f"Week of {monday.day} Mar 2025: twitching on {twitched} of {len(days)} logged"
        assert label in text, label
    assert "Week of 24 Feb 2025: nothing logged" in text
    words = [
        "1 Mar 2025: Self-care",
        "10 Mar 2025: See a doctor soon",
        "12 Mar 2025: Emergency: call now",
    ]
    positions = [text.index(w) for w in words]
    assert positions == sorted(positions)  # oldest first


# --- screenshots of every screen, light and dark --------------------------------------------

SHOTS = ARTIFACTS / "history"


def shoot(page: Page, name: str, theme: str, pages: int = 4) -> list[Path]:
    """Screenshots down the screen (Flutter draws only what is in view)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    # Wait for two identical frames in a row: a busy machine can paint Flet's
    # transient "Working..." overlay first, which says nothing about the theme.
    last = b""
    for _ in range(30):
        page.wait_for_timeout(600)
        frame = page.screenshot()
        if frame == last:
            break
        last = frame
    paths: list[Path] = []
    previous = b""
    for n in range(pages):
        path = SHOTS / f"{name}-{theme}-{n}.png"
        page.screenshot(path=str(path))
        data = path.read_bytes()
        if data == previous:
            path.unlink()
            break
        paths.append(path)
        previous = data
        if n == pages - 1:
            break
        page.mouse.move(195, 420)
        page.mouse.wheel(0, 640)
        page.wait_for_timeout(500)
    return paths


def test_every_screen_in_light_and_dark(
    make_server: Callable[..., Server], make_page: Callable[..., Page], tmp_path: Path
) -> None:
    server = seeded_server(make_server, tmp_path / "data")
    screens = {
        "history": ("/history", "Past results"),
        "detail": ("/history/seed-doctor", "Why this result"),
        "diary": ("/history/diary", "When did it start?"),
        "insights": ("/history/insights", "From 14 diary days."),
        "trends": ("/history/trends", "Results over time"),
        "summary": ("/history/summary", "Lip twitching: summary for a doctor"),
    }
    for theme in ("light", "dark"):
        page = make_page(server.url + "/history", dark=theme == "dark")
        for name, (path, mark) in screens.items():
            open_app(page, server.url + path)
            wait_text(page, mark)
            shots = shoot(page, name, theme)
            brightness = mean_brightness(shots[0])
            assert (brightness < 80) if theme == "dark" else (brightness > 150), name
