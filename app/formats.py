"""One way to write dates and amounts, used by every screen, the summary and exports.

A person reads "1,170 ml left" beside "1,150 of 2,000 ml" and "3 Mar 2025" on every
screen, in the date field and in the doctor summary; two spellings of the same kind
of value look like two different things. Pure and locale-free, so tests pin it.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

Unit = Literal["ml", "oz"]
ML_PER_OZ = 29.5735

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def format_date(day: date) -> str:
    """Day month-name year (3 Mar 2025): unambiguous in every country, and locale-free."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    """3 Mar: for chart labels and lists where the year is plain from the context."""
    return f"{day.day} {_MONTHS[day.month - 1]}"


def weekday_date(day: date) -> str:
    """Mon 3 Mar: a chart bar's day, read out by a screen reader."""
    return f"{_DAYS[day.weekday()]} {short_date(day)}"


def weekday(day: date) -> str:
    """Mon: a bar's label in a week chart."""
    return _DAYS[day.weekday()]


def format_number(value: float) -> str:
    """A whole number with thousands separators: 1,170."""
    return f"{round(value):,}"


def format_oz(oz: float) -> str:
    """ "8.5 oz", "12 oz": ounces to one decimal, a trailing .0 dropped."""
    return f"{round(oz, 1):,.1f}".removesuffix(".0") + " oz"


def format_amount(ml: float, unit: Unit) -> str:
    """ "1,250 ml" or "8.5 oz": the only way the app writes an amount of water
    (tests/unit/test_formats.py checks that no other code formats one)."""
    if unit == "oz":
        return format_oz(ml / ML_PER_OZ)
    return f"{format_number(ml)} ml"


def entry_amount(ml: float, unit: Unit) -> str:
    """The number as it is typed into a field ("2000", "67.6"): no thousands separator,
    because a typed comma is read as a decimal comma."""
    return format_amount(ml, unit).rsplit(" ", 1)[0].replace(",", "")


def amount_number(ml: float, unit: Unit) -> str:
    """The number part of format_amount ("1,250"), for "1,250 of 2,000 ml"."""
    return format_amount(ml, unit).rsplit(" ", 1)[0]
