"""The shell and Learn, as a person on a phone uses them."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page

from app.content import load_sections, reviewed_on
from app.formats import format_date
from app.ui.pages.learn import PLAIN_HEADING, PLAIN_LABEL, SOURCE_HEADING
from tests.e2e.browser import ROOT, Server, type_into, visible_text, wait_gone, wait_text

SECTIONS = load_sections(ROOT / "content")


def test_home_loads_and_links_every_section(page: Page) -> None:
    text = wait_text(page, "Is your lip twitching?")
    for section in SECTIONS:
        assert section.title in text
    assert "not medical advice" in text


def test_every_tab_opens(page: Page) -> None:
    wait_text(page, "Is your lip twitching?")
    tabs = page.get_by_role("tab")
    names = [tabs.nth(i).get_attribute("aria-label") or "" for i in range(tabs.count())]
    assert "Home" in names and "Learn" in names
    for name in names:
        page.get_by_role("tab", name=name).click()
        page.wait_for_url(re.compile(r".*"))
        wait_text(page, name)
    page.get_by_role("tab", name="Learn").click()
    page.get_by_role("textbox", name="Search all sections").wait_for()
    assert page.url.endswith("/learn")


@pytest.mark.parametrize("section", SECTIONS, ids=[s.id for s in SECTIONS])
def test_each_section_opens_and_shows_its_text(page: Page, section: object) -> None:
    from app.content import Section

    assert isinstance(section, Section)
    wait_text(page, section.title)
    page.get_by_role("button", name=re.compile("^" + re.escape(section.title))).first.click()
    first_line = section.plain_text.splitlines()[0].strip()
    text = wait_text(page, first_line[:60])
    assert page.url.endswith(section.route)
    # The app's plain summary comes first, headed and labelled as ours; then the document.
    for point in section.plain:
        assert point in text
    assert text.index(PLAIN_HEADING) < text.index(PLAIN_LABEL) < text.index(section.plain[0])
    assert text.index(section.plain[-1]) < text.index(SOURCE_HEADING) < text.index(first_line)
    # The section names its document by title, and the part of it.
    assert f"Source: {section.credit}." in text


def test_about_is_reachable_from_a_section(page: Page) -> None:
    page.get_by_label("About and not medical advice").click()
    text = wait_text(page, "Not medical advice")
    assert "does not diagnose" in text
    # Where the content comes from, and when it was last reviewed.
    document = SECTIONS[0].document
    assert document is not None
    assert f"reproduce the document \u201c{document.title}\u201d" in text
    assert f"last reviewed on {format_date(reviewed_on(SECTIONS))}" in text


def test_search_finds_a_section_by_a_word_only_it_has(page: Page) -> None:
    page.get_by_role("tab", name="Learn").click()
    page.get_by_role("textbox", name="Search all sections").wait_for()
    type_into(page, "Search all sections", "avocados")
    text = wait_gone(page, "What lip twitching is")
    assert "Ways to alleviate lip twitching" in text
    for other in SECTIONS:
        if other.id != "ways-to-alleviate":
            assert other.title not in text
    type_into(page, "Search all sections", "zzzz")
    wait_text(page, "No section mentions")


def test_search_forgives_spelling_and_shows_the_matching_sentence(page: Page) -> None:
    page.get_by_role("tab", name="Learn").click()
    page.get_by_role("textbox", name="Search all sections").wait_for()
    type_into(page, "Search all sections", "Bells palsy")
    text = wait_text(page, "Bell's palsy, a condition causing temporary facial muscle weakness")
    assert "Other potential causes" in text and "What lip twitching is" not in text
    type_into(page, "Search all sections", "coffee")
    text = wait_text(page, "Excessive caffeine or other stimulants")
    assert "Ways to alleviate lip twitching" in text


def test_deep_link_survives_reload(server: Server, make_page: Callable[..., Page]) -> None:
    page = make_page(server.url + "/learn/other-causes")
    wait_text(page, "Benign fasciculation syndrome")
    page.reload()
    page.wait_for_selector("flt-semantics-placeholder", state="attached", timeout=60_000)
    page.evaluate("document.querySelector('flt-semantics-placeholder').click()")
    text = wait_text(page, "Benign fasciculation syndrome")
    assert "Other potential causes" in text
    assert page.url.endswith("/learn/other-causes")


def test_unknown_address_says_so(server: Server, make_page: Callable[..., Page]) -> None:
    page = make_page(server.url + "/nowhere")
    wait_text(page, "There is nothing at this address.")


def test_dark_theme_follows_the_system(
    server: Server, make_page: Callable[..., Page], tmp_path: Path
) -> None:
    page = make_page(server.url + "/", dark=True)
    wait_text(page, "Is your lip twitching?")
    page.wait_for_timeout(800)
    shot = tmp_path / "dark.png"
    page.screenshot(path=str(shot))
    from tests.e2e.pixels import mean_brightness

    assert mean_brightness(shot) < 80
    assert visible_text(page)


def test_settings_sits_over_the_tabs_and_back_returns(
    server: Server, make_page: Callable[..., Page]
) -> None:
    page = make_page(server.url + "/habits")
    wait_text(page, "Water today")
    assert page.get_by_role("tab").count() == 5
    page.get_by_label("Settings", exact=True).click()
    wait_text(page, "Where your data lives")
    # No tab is marked as if it were Settings: the bottom bar steps aside.
    assert page.get_by_role("tab").count() == 0
    assert page.get_by_label("Settings", exact=True).count() == 0
    assert page.get_by_label("About and not medical advice", exact=True).count() == 1
    page.get_by_label("Back", exact=True).click()
    wait_text(page, "Water today")
    assert page.url.endswith("/habits")
    assert page.get_by_role("tab", name="Habits").count() == 1
