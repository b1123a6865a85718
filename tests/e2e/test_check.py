"""The self-check as a person on a phone takes it: questions, result, changes, saving."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page

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
)

SLEEP_QUESTION = "About how many hours do you sleep on a typical night?"


def saved_results(server: Server, tmp_path: Path) -> list[ResultSummary]:
    """Read what the app saved, from a copy so the running server's files stay untouched."""
    copy = tmp_path / f"copy{len(list(tmp_path.glob('copy*')))}"
    shutil.copytree(server.data_dir, copy)
    return Store.open(copy).results.list()


def test_lifestyle_profile_gets_self_care_with_sleep_then_stimulants(
    page: Page, server: Server, tmp_path: Path
) -> None:
    wait_text(page, "Start the self-check")
    page.get_by_role("button", name="Start the self-check").click()
    text = wait_text(page, "This is not a diagnosis")
    assert "about three minutes" in text
    text = take_check(page, LIFESTYLE)
    assert page.url.endswith("/check/result")
    assert "Self-care is a sensible first step" in text
    first = text.index("1. Lack of sleep or fatigue")
    second = text.index("2. Caffeine and other stimulants")
    assert first < second
    assert "3. " not in text[second : text.index("Why this result")]
    for part in (
        "What helps: Get enough sleep",
        "What helps: Cutting down on stimulants like caffeine, nicotine and energy drinks",
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
    assert "Question 1 of" in text and "Face drooping on one side" in text
    answer(page, ["Weakness in one arm"])
    text = wait_text(page, "Call your emergency number now")
    assert page.url.endswith("/check/result")
    assert "Emergency: call now" in text
    assert "standard emergency advice" in text
    assert "Question 2 of" not in text
    assert "Came on suddenly, right now: Weakness in one arm" in text
    assert "This is not a diagnosis." in text


def test_changing_an_answer_updates_the_result_and_the_saved_check(
    page: Page, server: Server, tmp_path: Path
) -> None:
    text = take_check(page, LIFESTYLE)
    assert "Self-care is a sensible first step" in text
    page.get_by_role("button", name=re.compile(r"^Other symptoms")).click()
    text = wait_text(page, "Along with the twitching, have you noticed any of these?")
    assert "After this you go straight back to your result." in text
    none = page.get_by_role("checkbox", name="None of these")
    assert none.get_attribute("aria-checked") == "true"  # the old answer is filled in
    set_boxes(page, ["Numbness"])
    click_next(page)
    text = wait_text(page, "Make an appointment with a doctor soon")
    assert "See a doctor soon" in text
    assert "Other symptoms: Numbness" in text
    assert "Call your emergency number now" not in text
    rows = saved_results(server, tmp_path)
    assert [r.tier for r in rows] == ["doctor_soon"], "one saved entry per check, replaced"
    # a change that shows a new question asks it before the result
    page.get_by_role("button", name=re.compile(r"^Caffeine drinks\b(?! a day)")).click()
    wait_text(page, "Do you drink coffee, tea, cola")
    page.get_by_role("button", name="No", exact=True).click()
    text = wait_text(page, RESULT_MARK)
    assert "Caffeine and other stimulants" not in text
    assert "Caffeine drinks a day" not in text  # the hidden follow-up is dropped
    assert len(saved_results(server, tmp_path)) == 1


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
    wait_text(page, "FAST check")
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
