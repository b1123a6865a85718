"""Parsers: good inputs give the right value, anything else a clear ValidationError."""

from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.errors import ValidationError
from app.formats import format_amount
from app.habits import (
    goal_from_entry,
    parse_amount,
    parse_clock,
    parse_cup_size,
    parse_goal,
    parse_hours,
)
from app.records import MAX_DRINK_ML, Unit


@pytest.mark.parametrize(
    ("text", "unit", "ml"),
    [
        ("250", "ml", 250),
        (" 250 ", "ml", 250),
        ("250ml", "oz", 250),
        ("250 ML", "ml", 250),
        ("0.5 l", "ml", 500),
        ("1,5 l", "ml", 1500),
        ("8", "oz", 237),
        ("8 oz", "ml", 237),
        ("8 fl oz", "ml", 237),
        ("8.5", "oz", 251),
        ("8,5", "oz", 251),
        (".5 l", "ml", 500),
        ("5000", "ml", 5000),
        ("1", "ml", 1),
    ],
)
def test_parse_amount_accepts(text: str, unit: str, ml: int) -> None:
    assert parse_amount(text, unit) == ml  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "unit", "problem"),
    [
        ("", "ml", "enter a value"),
        ("   ", "ml", "enter a value"),
        ("abc", "ml", "enter a number"),
        ("250 cups", "ml", "enter a number"),
        ("-250", "ml", "more than 0"),
        ("0", "ml", "more than 0"),
        ("0.0", "oz", "more than 0"),
        ("5001", "ml", "at most 5,000 ml"),
        ("170", "oz", "at most 169 oz"),
        ("6 l", "ml", "at most 5,000 ml"),
        ("1,000", "ml", "thousands separator"),
        ("nan", "ml", "enter a number"),
        ("inf", "ml", "enter a number"),
        ("1e3", "ml", "enter a number"),
        ("9" * 30, "ml", "too long"),
        ("0.2", "ml", "at least 1 ml"),
    ],
)
def test_parse_amount_refuses_with_clear_message(text: str, unit: str, problem: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_amount(text, unit)  # type: ignore[arg-type]
    assert info.value.field == "amount"
    assert problem in info.value.problem


def test_parse_amount_refuses_unknown_unit() -> None:
    with pytest.raises(ValidationError):
        parse_amount("250", "cups")  # type: ignore[arg-type]


def test_parse_goal_uses_the_settings_bounds() -> None:
    assert parse_goal("2000", "ml") == 2000
    assert parse_goal("64", "oz") == 1893
    assert parse_goal("2.5 l", "ml") == 2500
    with pytest.raises(ValidationError, match="at least 250 ml"):
        parse_goal("200", "ml")
    with pytest.raises(ValidationError, match="at least 8.5 oz"):
        parse_goal("8", "oz")
    with pytest.raises(ValidationError, match="at most 10,000 ml"):
        parse_goal("12000", "ml")


def test_parse_cup_size() -> None:
    assert parse_cup_size("330", "ml") == 330
    assert parse_cup_size("12", "oz") == 355
    with pytest.raises(ValidationError) as info:
        parse_cup_size("0", "ml")
    assert info.value.field == "cup size"
    with pytest.raises(ValidationError):
        parse_cup_size(str(MAX_DRINK_ML + 1), "ml")


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("7", 7.0),
        ("7.5", 7.5),
        ("7,5", 7.5),
        ("7 h", 7.0),
        ("7 hours", 7.0),
        ("7h30", 7.5),
        ("7h 30m", 7.5),
        ("7:45", 7.75),
        ("24", 24.0),
        ("0.5", 0.5),
    ],
)
def test_parse_hours_accepts(text: str, hours: float) -> None:
    assert parse_hours(text) == pytest.approx(hours)


@pytest.mark.parametrize("text", ["", "0", "-3", "24.5", "25", "7:75", "seven", "7 days", "0:00"])
def test_parse_hours_refuses(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_hours(text)
    assert info.value.field == "hours"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23:00", time(23, 0)),
        ("7:30", time(7, 30)),
        ("07:30", time(7, 30)),
        ("7.30", time(7, 30)),
        ("0730", time(7, 30)),
        ("7", time(7, 0)),
        ("0:00", time(0, 0)),
        ("11pm", time(23, 0)),
        ("11 PM", time(23, 0)),
        ("7:30 am", time(7, 30)),
        ("7:30am", time(7, 30)),
        ("7:30 a.m.", time(7, 30)),
        ("12am", time(0, 0)),
        ("12:15 am", time(0, 15)),
        ("12pm", time(12, 0)),
        ("12:30 p.m.", time(12, 30)),
        ("noon", time(12, 0)),
        ("Midnight", time(0, 0)),
    ],
)
def test_parse_clock_accepts(text: str, expected: time) -> None:
    assert parse_clock(text) == expected


@pytest.mark.parametrize(
    "text", ["", "24:00", "25:00", "7:60", "13pm", "0am", "7:5", "seven", "7:30 xm", "12345"]
)
def test_parse_clock_refuses(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_clock(text)
    assert info.value.field == "time"


# Any text at all: a value or a ValidationError, never another exception.

texts = st.one_of(
    st.text(max_size=40),
    st.from_regex(r"\s*-?[0-9.,:]{0,12}\s*(ml|oz|l|h|am|pm|fl oz|a\.m\.)?\s*", fullmatch=True),
)


@settings(max_examples=400, deadline=None)
@given(texts, st.sampled_from(["ml", "oz"]))
def test_volume_parsers_only_raise_validation_error(text: str, unit: str) -> None:
    for parser, low, high in ((parse_amount, 1, 5000), (parse_goal, 250, 10000)):
        try:
            ml = parser(text, unit)  # type: ignore[arg-type]
        except ValidationError:
            continue
        assert isinstance(ml, int)
        assert low <= ml <= high


@settings(max_examples=400, deadline=None)
@given(texts)
def test_hours_parser_only_raises_validation_error(text: str) -> None:
    try:
        hours = parse_hours(text)
    except ValidationError:
        return
    assert 0 < hours <= 24


@settings(max_examples=400, deadline=None)
@given(texts)
def test_clock_parser_only_raises_validation_error(text: str) -> None:
    try:
        parsed = parse_clock(text)
    except ValidationError:
        return
    assert isinstance(parsed, time)
    assert parsed.second == 0


@given(st.integers(1, 5000))
def test_parse_amount_round_trips_whole_ml(ml: int) -> None:
    assert parse_amount(str(ml), "ml") == ml
    assert parse_amount(f"{ml} ml", "oz") == ml


@given(st.times().map(lambda t: t.replace(second=0, microsecond=0)))
def test_parse_clock_round_trips_24h_and_12h_text(t: time) -> None:
    assert parse_clock(t.strftime("%H:%M")) == t
    assert parse_clock(t.strftime("%I:%M %p")) == t


@given(st.integers(250, 10_000), st.sampled_from(["ml", "oz"]))
def test_a_goal_saved_as_shown_keeps_its_exact_ml(current: int, unit: Unit) -> None:
    """The goal field shows the goal rounded (2000 ml is "67.6" oz); saving it
    unchanged must not turn 2000 ml into 1999 ml."""
    shown = format_amount(current, unit).rsplit(" ", 1)[0]
    assert goal_from_entry(shown, shown, current, unit) == current
    assert goal_from_entry(f" {shown} ", shown, current, unit) == current


def test_a_typed_goal_is_taken_as_entered_even_when_it_looks_the_same() -> None:
    assert goal_from_entry("70", "67.6", 2000, "oz") == 2070
    assert goal_from_entry("2001", "2000", 2000, "ml") == 2001
    # In oz, 1999 ml shows as 67.6 too; typed in ml it is still what was asked for.
    assert goal_from_entry("1999 ml", "67.6", 2000, "oz") == 1999
