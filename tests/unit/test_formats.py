"""One number format and one date format, and no other code that writes either."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.formats import (
    amount_number,
    entry_amount,
    format_amount,
    format_date,
    format_number,
    short_date,
    weekday_date,
)

APP = Path(__file__).resolve().parents[2] / "app"
HELPER = APP / "formats.py"
UNIT_AFTER = re.compile(r"^\s*(ml|oz|millilit)", re.I)
BARE_THOUSANDS = re.compile(r"\b\d{4,}\s*ml\b")
DATE_CALLS = {"strftime", "isoformat"}


def test_amounts_use_thousands_separators_and_one_decimal_ounce() -> None:
    assert format_amount(1170, "ml") == "1,170 ml"
    assert format_amount(1150, "ml") == "1,150 ml"
    assert format_amount(250, "ml") == "250 ml"
    assert format_amount(1250.4, "ml") == "1,250 ml"
    assert format_amount(250, "oz") == "8.5 oz"
    assert format_amount(237, "oz") == "8 oz"
    assert format_amount(40000, "oz") == "1,352.6 oz"
    assert amount_number(2000, "ml") == "2,000"
    assert entry_amount(2000, "ml") == "2000" and entry_amount(40000, "oz") == "1352.6"
    assert format_number(12345) == "12,345"


@given(st.integers(0, 10**7))
def test_every_ml_amount_reads_back_as_the_same_number(ml: int) -> None:
    text = format_amount(ml, "ml")
    assert re.fullmatch(r"\d{1,3}(,\d{3})* ml", text)
    assert int(text.removesuffix(" ml").replace(",", "")) == ml


def test_dates_are_day_month_year_everywhere() -> None:
    day = date(2025, 3, 3)
    assert format_date(day) == "3 Mar 2025"
    assert short_date(day) == "3 Mar"
    assert weekday_date(day) == "Mon 3 Mar"


def _f_string_amounts(tree: ast.AST) -> list[int]:
    """Lines where an f-string puts a value straight before "ml"/"oz"."""
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.JoinedStr):
            continue
        parts = node.values
        for before, after in zip(parts, parts[1:], strict=False):
            if (
                isinstance(before, ast.FormattedValue)
                and isinstance(after, ast.Constant)
                and isinstance(after.value, str)
                and UNIT_AFTER.match(after.value)
            ):
                lines.append(node.lineno)
    return lines


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            ids.add(id(first.value))
    return ids


def _literal_amounts(tree: ast.AST) -> list[int]:
    """Lines of string literals (not docstrings) with "10000 ml" written without a separator."""
    docs = _docstrings(tree)
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docs
        and BARE_THOUSANDS.search(node.value)
    ]


def _date_calls(tree: ast.AST) -> list[int]:
    """Lines that format a date themselves (strftime / isoformat called on something)."""
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in DATE_CALLS
    ]


SCREENS = sorted(p for p in APP.rglob("*.py") if p != HELPER and "storage" not in p.parts)


@pytest.mark.parametrize("path", SCREENS, ids=lambda p: p.relative_to(APP).as_posix())
def test_no_other_code_formats_an_amount(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert not _f_string_amounts(tree), f"{path.name}: use app.formats.format_amount"
    assert not _literal_amounts(tree), f"{path.name}: write amounts with app.formats"


#: Machine formats, not shown as dates to a person: file names, ids, .ics, the clock.
DATE_CALL_ALLOWED = {
    "codec.py",  # records stored as JSON: ISO 8601
    "habits/ics.py",  # iCalendar wants its own format
    "habits/notify.py",  # a notification's tag (UTC stamp) and its due time, "07:30"
    "habits/reminders.py",  # a reminder's id
    "services/data.py",  # backup file names (2025-03-03)
    "services/history.py",  # the summary's file name
    "spreadsheet.py",  # CSV cells: ISO 8601, which spreadsheets read as dates
    "ui/habits/model.py",  # clock_text: "07:30" is a time, not a date
}


@pytest.mark.parametrize("path", SCREENS, ids=lambda p: p.relative_to(APP).as_posix())
def test_no_other_code_writes_a_date_for_people(path: Path) -> None:
    if path.relative_to(APP).as_posix() in DATE_CALL_ALLOWED:
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert not _date_calls(tree), f"{path.name}: use app.formats.format_date"


def test_the_checks_can_fail() -> None:
    bad = ast.parse('x = f"{ml} ml"\ny = "must be at most 10000 ml"\nz = day.strftime("%d")')
    assert _f_string_amounts(bad) == [1]
    assert _literal_amounts(bad) == [2]
    assert _date_calls(bad) == [3]
