"""Text and link colours reach WCAG AA (4.5:1) on their backgrounds, light and dark."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.palette import AA_TEXT, LINK, LINK_ON, SCHEMES, TEXT_ON, Mode, contrast

MODES: tuple[Mode, ...] = ("light", "dark")


def test_the_contrast_formula_matches_known_values() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    # The case: Flutter's default link blue on the light surface.
    assert contrast("#2196F3", "#F4FBF8") == pytest.approx(2.98, abs=0.01)


hex_colour = st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06X}")


@given(hex_colour, hex_colour)
def test_contrast_is_symmetric_and_bounded(a: str, b: str) -> None:
    assert contrast(a, b) == pytest.approx(contrast(b, a))
    assert 1.0 <= contrast(a, b) <= 21.0 + 1e-9


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("text", "background"), TEXT_ON)
def test_text_colours_reach_aa(mode: Mode, text: str, background: str) -> None:
    scheme = SCHEMES[mode]
    ratio = contrast(scheme[text], scheme[background])
    assert ratio >= AA_TEXT, f"{mode}: {text} on {background} is {ratio:.2f}:1"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("background", LINK_ON)
def test_links_reach_aa(mode: Mode, background: str) -> None:
    ratio = contrast(LINK[mode], SCHEMES[mode][background])
    assert ratio >= AA_TEXT, f"{mode}: link on {background} is {ratio:.2f}:1"


def test_both_modes_pin_the_same_roles() -> None:
    assert SCHEMES["light"].keys() == SCHEMES["dark"].keys()
