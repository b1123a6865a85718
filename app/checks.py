"""Checks shared by the records: type, bounds and valid text, each naming the field.

A value that passes can be stored, read back and shown: text holds no lone
surrogates (they crash rendering and zip files), datetimes carry a zone and stay
far from datetime's limits (arithmetic near year 1 or 9999 overflows).
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time

from app.errors import ValidationError

MAX_ID = 64  # ids the app makes are 32 hex digits
MAX_NAME = 64  # quiz, question, trigger and habit ids; answer choices; time zones
MAX_SENTENCE = 500  # one reason shown with a result
MAX_NOTES = 1000
MAX_ITEMS = 50  # triggers, reasons, habits, answers, choices in one answer
MIN_YEAR, MAX_YEAR = 2000, 2100  # far from datetime's limits, so arithmetic never overflows
_BROKEN = re.compile("[\ud800-\udfff]")  # a lone surrogate: not text, cannot be shown


def check_text(name: str, value: object, limit: int, *, empty: bool = False) -> None:
    """Text that can be shown and saved: a str, not empty unless allowed, bounded."""
    if not isinstance(value, str):
        raise ValidationError(name, "must be text")
    if not value and not empty:
        raise ValidationError(name, "must not be empty")
    if len(value) > limit:
        raise ValidationError(name, f"must be at most {limit} characters")
    if not value.isascii() and _BROKEN.search(value):
        raise ValidationError(name, "holds a broken character (not valid Unicode)")


def check_texts(name: str, value: object, limit: int = MAX_NAME, items: int = MAX_ITEMS) -> None:
    if not isinstance(value, tuple):
        raise ValidationError(name, "must be a list of text")
    if len(value) > items:
        raise ValidationError(name, f"must hold at most {items} entries")
    for item in value:
        check_text(name, item, limit)


def check_moment(name: str, value: object) -> None:
    """A datetime with a time zone, between MIN_YEAR and MAX_YEAR."""
    if not isinstance(value, datetime):
        raise ValidationError(name, "must be a date and time")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(name, "must carry a time zone")
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValidationError(name, f"must be between the years {MIN_YEAR} and {MAX_YEAR}")


def check_day(name: str, value: object) -> None:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise ValidationError(name, "must be a date")
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValidationError(name, f"must be between the years {MIN_YEAR} and {MAX_YEAR}")


def check_time(name: str, value: object) -> None:
    if not isinstance(value, time):
        raise ValidationError(name, "must be a time of day")


def check_whole(name: str, value: object, problem: str = "must be a whole number") -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(name, problem)
    return value


def check_number(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValidationError(name, "must be a number")
    if not math.isfinite(value):
        raise ValidationError(name, "must be a finite number")
    return value


def check_flag(name: str, value: object) -> None:
    if not isinstance(value, bool):
        raise ValidationError(name, "must be true or false")


def check_answer_value(qid: str, value: object) -> None:
    """Only what a quiz answer can be: a choice, a finite number, or a tuple of
    choices. Anything else would not read back as it was stored."""
    if isinstance(value, str):
        check_text("answers", value, MAX_NAME * 4, empty=True)
        return
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value) or abs(value) > 1e9:
            raise ValidationError("answers", f"{qid}: number must be finite and at most 1e9")
        return
    if isinstance(value, tuple):
        check_texts("answers", value, MAX_NAME * 4)
        return
    raise ValidationError("answers", f"{qid}: {type(value).__name__} is not an answer")


def check_answers(answers: object) -> None:
    if not isinstance(answers, tuple) or len(answers) > MAX_ITEMS * 2:
        raise ValidationError("answers", f"must be a list of at most {MAX_ITEMS * 2} answers")
    for pair in answers:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise ValidationError("answers", "each answer must be a (question, value) pair")
        check_text("answers", pair[0], MAX_NAME)
        check_answer_value(pair[0], pair[1])
