"""The self-check as a person on a phone takes it: questions, result, changes, saving."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page

from app.records import ResultRecord
from app.storage import ResultSummary, Store
from tests.e2e.browser import Server, type_into, visible_text, wait_gone, wait_text
from tests.e2e.quiz_driver import (
    LIFESTYLE,
    RESULT_MARK,
    answer,
    click_next,
    set_boxes,
    start_check,
    take_check,
    type_number,
)

SLEEP_QUESTION = "About how many hours do you sleep on a normal night?"
CHANGE_NOTE = "After this you go back to your result."


def saved_results(server: Server, tmp_path: Path) -> list[ResultSummary]:
    """Read what the app saved, from a copy so the running server's files stay untouched."""
    copy = tmp_path / f"copy{len(list(tmp_path.glob('copy*')))}"
    shutil.copytree(server.data_dir, copy)
    return Store.open(copy).results.list()


def record(server: Server, tmp_path: Path, result_id: str) -> ResultRecord:
    """One saved result in full, read from a copy."""
    copy = tmp_path / f"copy{len(list(tmp_path.glob('copy*')))}"
    shutil.copytree(server.data_dir, copy)
    found = Store.open(copy).results.get(result_id)
    assert found is not None, result_id
    return found


def test_lifestyle_profile_gets_self_care_with_sleep_then_stimulants(
    page: Page, server: Server, tmp_path: Path
) -> None:
    wait_text(page, "Start the self-check")
    page.get_by_role("button", name="Start the self-check").click()
    text = wait_text(page, "This is not a diagnosis")
    assert "about three minutes" in text
    text = take_check(page, LIFESTYLE)
    assert page.url.endswith("/check/result")
    assert "Self-care is a good first step" in text
    first = text.index("1. Lack of sleep or tiredness")
    second = text.index("2. Caffeine and other stimulants")
    assert first < second
    assert "3. " not in text[second : text.index("Why this result")]
    for part in (
        "What helps: Get enough sleep",
        "What helps: Cut down on caffeine, nicotine and energy drinks.",
        "How soon",
        "Check again in 1 week, or sooner if anything changes.",
        "How soon is the app's own guide.",
        "The app puts these in order from your answers.",  # the ranking is labelled
        "Why this result",
        "If it gets worse",
        "This is not a diagnosis.",
        "Suggested: set a bedtime reminder",
        "Your answers",
        "Your answers: Sleep per night:",  # what ranked each trigger
        "Your answers: Caffeine drinks a day:",
        "Read: Ways to alleviate lip twitching",
    ):
        assert part in text, part
    assert "Talk to your doctor" not in text  # no medicine was named
    rows = saved_results(server, tmp_path)
    assert [r.tier for r in rows] == ["self_care"]
    page.get_by_role("button", name="Read: Common reasons for lip twitching").first.click()
    page.wait_for_url("**/learn/common-reasons")
    wait_gone(page, RESULT_MARK)


def test_a_red_flag_goes_straight_to_the_emergency_result(page: Page) -> None:
    start_check(page)
    text = visible_text(page)
    assert "Question 1 of" in text
    assert "Did any of these start all of a sudden? Tick it even if it has gone away." in text
    for choice in ("One side of my face droops", "My speech is slurred or strange", "I'm not sure"):
        assert choice in text, choice
    answer(page, ["One arm is weak"])
    text = wait_text(page, "Call 112 now")  # UTC, the default time zone: 112
    assert page.url.endswith("/check/result")
    assert "Emergency: call now" in text
    assert page.get_by_role("button", name="Call 112", exact=True).count() == 1
    assert "standard emergency advice" in text
    assert "Now. Call even if the signs have gone away." in text
    assert "Question 2 of" not in text
    assert "Stroke signs that started suddenly: One arm is weak" in text
    assert "This is not a diagnosis." in text


def test_changing_an_answer_saves_a_new_result_and_keeps_the_old(
    page: Page, server: Server, tmp_path: Path
) -> None:
    text = take_check(page, LIFESTYLE)
    assert "Self-care is a good first step" in text
    first = saved_results(server, tmp_path)
    assert [r.tier for r in first] == ["self_care"]
    page.get_by_role("button", name=re.compile(r"^Other signs")).click()
    text = wait_text(page, "Along with the twitch, have you noticed any of these?")
    assert CHANGE_NOTE in text
    none = page.get_by_role("checkbox", name="None of these")
    assert none.get_attribute("aria-checked") == "true"  # the old answer is filled in
    set_boxes(page, ["Numbness"])
    click_next(page)
    text = wait_text(page, "Book a visit with a doctor or nurse.")
    assert "See a doctor soon" in text
    assert "Within a week. Book a visit with a doctor today." in text  # its How soon
    assert "Other signs: Numbness" in text
    assert "Call 112 now" not in text
    rows = saved_results(server, tmp_path)
    assert [r.tier for r in rows] == ["doctor_soon", "self_care"], "a new result; the old stays"
    assert record(server, tmp_path, rows[0].id).changed_from == first[0].id
    # a change that needs no new question goes straight back to the result
    page.get_by_role("button", name=re.compile(r"^Caffeine drinks\b(?! a day)")).click()
    text = wait_text(page, "Do you drink coffee, tea, cola")
    assert CHANGE_NOTE in text and "Not sure" in text  # yes/no questions offer Not sure
    page.get_by_role("button", name="No", exact=True).click()
    text = wait_text(page, RESULT_MARK)
    assert "Caffeine and other stimulants" not in text
    assert "Caffeine drinks a day" not in text  # the hidden follow-up is dropped
    # a change that shows a new question asks it first, without the note
    page.get_by_role("button", name=re.compile(r"^Caffeine drinks\b(?! a day)")).click()
    wait_text(page, "Do you drink coffee, tea, cola")
    page.get_by_role("button", name="Yes", exact=True).click()
    text = wait_text(page, "About how many cups, mugs or cans")
    assert CHANGE_NOTE not in text
    type_number(page, 6)
    click_next(page)
    text = wait_text(page, RESULT_MARK)
    assert "Caffeine and other stimulants" in text
    assert "Caffeine drinks a day" in text
    rows = saved_results(server, tmp_path)
    assert len(rows) == 4 and rows[-1].id == first[0].id
    chain = [record(server, tmp_path, r.id).changed_from for r in rows]
    assert chain == [rows[1].id, rows[2].id, rows[3].id, None]


def test_a_number_outside_its_range_is_refused_inline(page: Page) -> None:
    start_check(page)
    for value in LIFESTYLE[:13]:
        answer(page, value)
    wait_text(page, SLEEP_QUESTION)
    assert "Question 14 of" in visible_text(page)
    type_into(page, "Sleep per night", "25")
    click_next(page)
    text = wait_text(page, "Enter a number from 0 to 24 hours.")
    assert SLEEP_QUESTION in text and "Question 14 of" in text
    type_into(page, "Sleep per night", "lots")
    click_next(page)
    text = wait_text(page, "Enter a number, for example 7 or 7.5.")
    assert SLEEP_QUESTION in text
    type_into(page, "Sleep per night", "6.5")
    click_next(page)
    text = wait_text(page, "Do you often feel tired")
    assert "Question 15 of" in text


def test_back_keeps_answers_and_the_check_can_be_continued(page: Page) -> None:
    start_check(page)
    page.get_by_role("button", name="What does this mean?").click()
    wait_text(page, "It is called FAST: Face, Arm, Speech, Time to call.")
    answer(page, ["None of these"])
    answer(page, "In the last few days")
    text = wait_text(page, "How often does your lip twitch?")
    page.get_by_role("button", name="Back", exact=True).click()
    text = wait_gone(page, "How often does your lip twitch?")
    assert "Question 2 of" in text and "When did you first notice" in text
    chosen = page.get_by_role("button", name="In the last few days", exact=True)
    assert chosen.get_attribute("aria-current") == "true"
    other = page.get_by_role("button", name="Today", exact=True)
    assert other.get_attribute("aria-current") != "true"
    page.get_by_role("button", name="Back", exact=True).click()
    wait_text(page, "Question 1 of")
    box = page.get_by_role("checkbox", name="None of these")
    assert box.get_attribute("aria-checked") == "true"
    # leaving and coming back offers to continue where the person was
    page.get_by_role("tab", name="Home").click()
    wait_text(page, "Start the self-check")
    page.get_by_role("tab", name="Self-check").click()
    text = wait_text(page, "Start over")
    assert "You have answered 2 of" in text
    page.get_by_role("button", name="Continue", exact=True).click()
    wait_text(page, "Question 1 of")
    click_next(page)
    wait_text(page, "When did you first notice")


def test_question_and_result_screens_in_dark_theme(
    server: Server, make_page: Callable[..., Page], tmp_path: Path
) -> None:
    """Dark theme reaches every self-check screen, not just the app frame."""
    from tests.e2e.pixels import mean_brightness

    page = make_page(server.url + "/", dark=True)
    wait_text(page, "Is your lip twitching?")
    start_check(page)
    shots = []
    for name in ("question", "result"):
        if name == "result":
            take_check(page, LIFESTYLE)
        page.wait_for_timeout(600)
        shot = tmp_path / f"{name}-dark.png"
        page.screenshot(path=str(shot))
        shots.append((name, mean_brightness(shot)))
    for name, brightness in shots:
        assert brightness < 80, (name, brightness)
