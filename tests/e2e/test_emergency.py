"""The emergency result as a person on a phone meets it: the number they chose, the call
button, the FAST signs, nothing that reads as "wait and see", and a changed emergency
result that stays in History."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from playwright.sync_api import Page

from app.storage import Store
from tests.e2e.browser import Server, choose_in_dropdown, visible_text, wait_gone, wait_text
from tests.e2e.quiz_driver import (
    LIFESTYLE,
    RESULT_MARK,
    Answer,
    answer,
    click_next,
    set_boxes,
    start_check,
)

UK = "999 (UK, Ireland, HK)"
US = "911 (North America)"
# Not sure about a stroke sign on the first screen, slurred speech later, not sure it
# came on suddenly and gone now: still an emergency.
NOT_SURE_PATH: list[tuple[str, Answer]] = [
    ("Did any of these start all of a sudden?", ["I'm not sure"]),
    ("When did you first notice the twitch?", "Today"),
    ("How often does your lip twitch?", "Only once or twice so far"),
    ("When it twitches, how long does it last?", "A few minutes"),
    ("Since it started, is the twitch getting better or worse?", "About the same"),
    ("Which lip twitches?", "Lower lip"),
    ("Is the twitch on one side of your mouth?", "One side only"),
    ("Has the twitch spread past your lip?", "No"),
    ("Does the twitch hurt", "No"),
    ("Does the twitch get in the way of eating", "No"),
    ("Along with the twitch, have you noticed any of these?", ["Slurred or strange speech"]),
    ("Do you have any of these on one side of your face?", ["None of these"]),
    ("Did the weakness, drooping or speech problem start all of a sudden?", "Not sure"),
    ("Do you still have it now?", "No"),
]
FAST = [
    "Face: one side of the face droops.",
    "Arm: one arm is weak.",
    "Speech: speech is slurred or strange.",
]


def saved(server: Server, tmp_path: Path) -> Store:
    """What the app saved, read from a copy so the running server's files stay untouched."""
    copy = tmp_path / f"copy{len(list(tmp_path.glob('copy*')))}"
    shutil.copytree(server.data_dir, copy)
    return Store.open(copy)


def test_not_sure_and_gone_still_calls_the_chosen_number(
    page: Page, server: Server, tmp_path: Path
) -> None:
    wait_text(page, "Is your lip twitching?")
    page.get_by_label("Settings", exact=True).click()
    wait_text(page, "The self-check's emergency result has a button that calls this number.")
    choose_in_dropdown(page, UK)
    assert saved(server, tmp_path).settings.get_app().emergency_number == "999"
    page.get_by_label("Back", exact=True).click()
    start_check(page)
    for question, value in NOT_SURE_PATH:
        assert question in wait_text(page, question)
        answer(page, value)
    text = wait_text(page, "Call 999 now")
    assert page.url.endswith("/check/result")
    assert page.get_by_role("button", name="Call 999", exact=True).count() == 1
    assert "Call 112" not in text  # the time zone's default is not used
    assert "The FAST signs of a stroke" in text
    for sign in [*FAST, "Time: call 999 right away."]:
        assert sign in text, sign
    assert "Note the time the signs started. Tell the call taker." in text
    assert "You weren't sure if it started all of a sudden." in text
    assert "You said it has gone away. Call even so." in text
    # nothing that reads as "read up first" or "wait and see"
    assert page.get_by_role("button", name=re.compile(r"^Read:")).count() == 0
    assert "Read:" not in text and "If you are worried" not in text
    assert [r.tier for r in saved(server, tmp_path).results.list()] == ["emergency"]
    # the result's own picker changes the number everywhere
    choose_in_dropdown(page, US)
    text = wait_text(page, "Call 911 now")
    assert page.get_by_role("button", name="Call 911", exact=True).count() == 1
    assert "Call 999" not in text and "Time: call 911 right away." in text
    assert saved(server, tmp_path).settings.get_app().emergency_number == "911"


def test_a_changed_emergency_result_stays_in_history(
    page: Page, server: Server, tmp_path: Path
) -> None:
    start_check(page)
    answer(page, ["One side of my face droops"])
    wait_text(page, "Call 112 now")
    page.get_by_role("button", name=re.compile(r"^Stroke signs that started suddenly")).click()
    wait_text(page, "After this you go back to your result.")
    set_boxes(page, ["None of these"])
    click_next(page)
    wait_gone(page, "Question 1 of")
    for value in LIFESTYLE[1:]:  # the new answer needs the rest of the questions
        answer(page, value)
    text = wait_text(page, RESULT_MARK)
    assert "Self-care is a good first step" in text and "Call 112 now" not in text
    rows = saved(server, tmp_path).results.list()
    assert [r.tier for r in rows] == ["self_care", "emergency"]
    page.get_by_role("tab", name="History").click()
    text = wait_text(page, "2 results")
    assert "Emergency: call now" in text and "Self-care" in text
    page.get_by_role("button", name=re.compile("Self-care")).click()
    wait_text(page, "Taken on")
    earlier = page.get_by_role("button", name=re.compile(r"^Changed from the result of "))
    earlier.click()
    text = wait_text(page, "Call 112 now")
    assert page.url.endswith(f"/history/{rows[1].id}")
    assert "Changed from the result of" not in text
    assert page.get_by_role("button", name="Call 112", exact=True).count() == 1
    assert [r.id for r in saved(server, tmp_path).results.list()] == [r.id for r in rows]
    assert "Self-care is a good first step" not in visible_text(page)
