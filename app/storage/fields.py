"""Typed readers for one field of a stored or imported document.

Each names the field in its error, so a bad backup file is refused with a
message that says exactly what is wrong and where.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from typing import Any, TypeVar

from app.errors import ValidationError
from app.records import AnswerValue

R = TypeVar("R")
Doc = dict[str, Any]


@contextmanager
def prefixed(prefix: str) -> Iterator[None]:
    """Name the enclosing field in nested errors ("hydration.goal_ml: ...")."""
    try:
        yield
    except ValidationError as exc:
        raise ValidationError(f"{prefix}.{exc.field}", exc.problem) from exc


def fields_of(doc: Any, required: tuple[str, ...], optional: Doc | None = None) -> Doc:
    """The document's fields, all `required` present and nothing unknown.

    `optional` names fields added after schema 2 shipped, with the value a file
    written before them means, so older files read unchanged.
    """
    if not isinstance(doc, dict):
        raise ValidationError("record", "must be a JSON object")
    for key in required:
        if key not in doc:
            raise ValidationError(key, "is missing")
    extra = optional or {}
    for key in doc:
        if key not in required and key not in extra:
            raise ValidationError(str(key), "is not a known field")
    return {**extra, **doc}


def text(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise ValidationError(name, "must be text")
    return value


def texts(value: Any, name: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ValidationError(name, "must be a list of text")
    return tuple(text(item, name) for item in value)


def whole(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(name, "must be a whole number")
    return value


def number(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValidationError(name, "must be a number")
    return value


def flag(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(name, "must be true or false")
    return value


def parse_datetime(value: Any, name: str) -> datetime:
    try:
        return datetime.fromisoformat(text(value, name))
    except ValueError:
        raise ValidationError(name, f"{value!r} is not a date and time") from None


def parse_date(value: Any, name: str) -> date:
    try:
        return date.fromisoformat(text(value, name))
    except ValueError:
        raise ValidationError(name, f"{value!r} is not a date (YYYY-MM-DD)") from None


def parse_time(value: Any, name: str) -> time:
    try:
        return time.fromisoformat(text(value, name))
    except ValueError:
        raise ValidationError(name, f"{value!r} is not a time (HH:MM)") from None


def optional(value: Any, parse: Callable[[Any, str], R], name: str) -> R | None:
    return None if value is None else parse(value, name)


def iso(value: date | time | None) -> str | None:
    return None if value is None else value.isoformat()


def answer(value: Any, name: str) -> AnswerValue:
    if isinstance(value, list):
        return texts(value, name)
    if isinstance(value, str):
        return value
    return number(value, name)


def pairs(value: Any, name: str) -> list[tuple[str, Any]]:
    if not isinstance(value, list):
        raise ValidationError(name, "must be a list of [name, value] pairs")
    for item in value:
        if not (isinstance(item, list) and len(item) == 2):
            raise ValidationError(name, "must be a list of [name, value] pairs")
    return [(text(k, name), v) for k, v in value]
