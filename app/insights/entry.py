"""What a person types into the diary and the follow-up (cups of caffeine, the day the
twitching was first noticed), checked before anything is stored, and which patterns
are worth showing. Pure, so every rule is unit-tested."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from app.errors import ValidationError
from app.formats import format_date
from app.insights.patterns import Insight
from app.records import MAX_CAFFEINE_CUPS

EARLIEST_DAY = date(1900, 1, 1)
EXAMPLE_DAY = date(2025, 3, 3)


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


_WORDS = re.compile(r"(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4})")


def parse_cups(text: str) -> int:
    """Cups of caffeine typed by the person: a whole number from 0 to 30."""
    value = text.strip()
    if not value:
        raise ValidationError("caffeine_cups", "Enter the number of cups (0 if none).")
    if not value.isascii() or not value.isdigit():
        raise ValidationError(
            "caffeine_cups", f"Enter a whole number from 0 to {MAX_CAFFEINE_CUPS}."
        )
    cups = int(value)
    if cups > MAX_CAFFEINE_CUPS:
        raise ValidationError(
            "caffeine_cups", f"Enter a whole number from 0 to {MAX_CAFFEINE_CUPS}."
        )
    return cups


def _month(word: str) -> int | None:
    for number, name in enumerate(_MONTHS, start=1):
        if word.startswith(name):
            return number
    return None


def parse_day(text: str, today: date) -> date:
    """A past or present date, as 3 Mar 2025 (the app's format) or 2025-03-03; never a
    future one."""
    value = text.strip().lower()
    example = format_date(EXAMPLE_DAY)
    if not value:
        raise ValidationError("first_noticed", f"Enter a date, for example {example}.")
    problem = f"Enter the date as day, month and year, for example {example}."
    iso, words = _ISO.fullmatch(value), _WORDS.fullmatch(value)
    month = _month(words[2]) if words else None
    if iso:
        year, month, day_no = int(iso[1]), int(iso[2]), int(iso[3])
    elif words and month is not None:
        year, day_no = int(words[3]), int(words[1])
    else:
        raise ValidationError("first_noticed", problem)
    try:
        day = date(year, month, day_no)
    except ValueError:
        raise ValidationError("first_noticed", "That date does not exist. " + problem) from None
    if day > today:
        raise ValidationError(
            "first_noticed", "That date is in the future. Enter the day you first noticed it."
        )
    if day < EARLIEST_DAY:
        raise ValidationError("first_noticed", "Enter a date after 1900.")
    return day


def known_water(totals: Mapping[date, int]) -> dict[date, int]:
    """Days with drinks logged; a day with nothing logged is unknown, not a dry day."""
    return {day: ml for day, ml in totals.items() if ml > 0}


def split_insights(insights: tuple[Insight, ...]) -> tuple[list[Insight], list[Insight]]:
    """(shown, hidden): only factors that went with more twitching are shown."""
    shown = [i for i in insights if i.counts.difference > 0]
    hidden = [i for i in insights if i.counts.difference <= 0]
    return shown, hidden
