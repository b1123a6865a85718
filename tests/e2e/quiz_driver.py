"""Take the self-check in the browser by the labels a person sees.

Shared by the self-check, History and PWA tests: `take_check(page, LIFESTYLE)`.
An answer is a label (single choice and yes/no), a list of labels (tick boxes)
or a number (typed into the number field).
"""

from __future__ import annotations

import re

from playwright.sync_api import Page

from tests.e2e.browser import type_into, wait_gone, wait_text

Answer = str | int | float | list[str]

# The lifestyle profile from the quiz author: little sleep, lots of coffee.
LIFESTYLE: list[Answer] = [
    ["None of these"],  # stroke signs that started suddenly
    "In the last few days",
    "Once or a few times a day",
    "A few seconds",
    "About the same",
    "Upper lip",
    "Both sides, or the middle",
    "No",  # spread
    "No",  # pain
    "No",  # gets in the way of eating or talking
    ["None of these"],  # other signs (symptoms_sudden and symptoms_now stay hidden)
    ["None of these"],  # one side of the face
    "A little",
    5,  # sleep hours
    "Yes",  # often tired
    "Yes",  # caffeine drinks
    6,  # cups a day
    "No",  # energy drinks
    "No",  # nicotine
    "No",  # other stimulants
    "8 glasses or more",
    ["Bananas", "Spinach"],
    "Mostly yes",
    ["None of these"],  # medicines
    "No",  # tried changes
]
RESULT_MARK = "Saved on this device"
_COUNTER = re.compile(r"Question (\d+) of (\d+)")


def question_number(page: Page) -> int:
    """The number of the question on screen (1-based); fails when no question is shown."""
    found = _COUNTER.search(wait_text(page, "Question "))
    assert found, "no question on screen"
    return int(found.group(1))


def click_next(page: Page) -> None:
    page.get_by_role("button", name="Next", exact=True).click()


def set_boxes(page: Page, labels: list[str]) -> None:
    """Tick exactly these boxes (a revisited question may have others ticked).

    One box at a time, re-reading all of them after each tap: ticking one can
    clear others (an exclusive "None of these"). The tap is the accessibility
    "click" on the box (what a screen reader sends): a mouse click there can
    reach Flutter twice, as a pointer tap and as a semantics tap, and a box
    toggled twice looks untouched.
    """
    boxes = page.get_by_role("checkbox")
    names = [boxes.nth(i).get_attribute("aria-label") or "" for i in range(boxes.count())]
    missing = [label for label in labels if label not in names]
    assert not missing, f"no such choice {missing}; the screen shows {names}"
    for _ in range(2 * len(names) + 1):
        states = [boxes.nth(i).get_attribute("aria-checked") == "true" for i in range(len(names))]
        wrong = [i for i, name in enumerate(names) if states[i] != (name in labels)]
        if not wrong:
            return
        box = boxes.nth(wrong[0])
        box.dispatch_event("click")
        page.wait_for_function(
            "([el, s]) => el.getAttribute('aria-checked') === s",
            arg=[box.element_handle(), "false" if states[wrong[0]] else "true"],
        )
    raise AssertionError(f"could not tick exactly {labels}")


def type_number(page: Page, value: int | float | str) -> None:
    box = page.get_by_role("textbox")
    label = box.get_attribute("aria-label") or ""
    type_into(page, label, str(value))


def give(page: Page, value: Answer) -> None:
    """Enter one answer on the current question and press Next where there is one."""
    if isinstance(value, list):
        set_boxes(page, value)
        click_next(page)
    elif isinstance(value, (int, float)):
        type_number(page, value)
        click_next(page)
    else:
        page.get_by_role("button", name=value, exact=True).click()


def answer(page: Page, value: Answer) -> str:
    """Answer the question on screen and wait for the next screen; returns its text."""
    number = question_number(page)
    give(page, value)
    return wait_gone(page, f"Question {number} of")


def start_check(page: Page) -> None:
    """Open the Self-check tab and start a fresh check, whatever state it was in."""
    page.get_by_role("tab", name="Self-check").click()
    wait_text(page, "It takes about three minutes")  # the start screen's own text
    # Wait for the button rather than testing for it once: clicking the tab while
    # already on this screen redraws it, and for a moment the button is not there.
    start = page.get_by_role("button", name=re.compile(r"^(Start|Start over|Start a new check)$"))
    start.first.wait_for(timeout=30_000)
    start.first.click()
    wait_text(page, "Question 1 of")


def take_check(page: Page, answers: list[Answer]) -> str:
    """Start a new check, give every answer in order; returns the result screen's text."""
    start_check(page)
    for value in answers:
        answer(page, value)
    return wait_text(page, RESULT_MARK)
