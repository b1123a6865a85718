"""Records <-> plain JSON dicts, driven by each record's own type hints.

One reader per field type (text, whole number, date, a tuple of ..., a nested
record, ...), chosen from the dataclass's annotations, so a new record or field
needs no code here. Decoding always ends in the record's constructor, so a stored
or imported value is checked exactly like a new one; every error names the field.
Encoding decodes its own output again and compares, so nothing is stored that
could not be read back unchanged (say, a record built around its constructor).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from functools import cache
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

from app.errors import ValidationError
from app.records import AppSettings, ReminderState, ResultRecord

R = TypeVar("R")
Doc = dict[str, Any]
ADDED: dict[type, Doc] = {
    ResultRecord: {"changed_from": None},
    AppSettings: {"emergency_number": "", "system_notifications": False},
    ReminderState: {"notified": []},  # issue 16: system notifications
}
"""Fields added after schema 2 shipped, with the value a file written before them means."""
_TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}


@contextmanager
def prefixed(prefix: str) -> Iterator[None]:
    """Name the enclosing field in nested errors ("hydration.goal_ml: ...")."""
    try:
        yield
    except ValidationError as exc:
        raise ValidationError(f"{prefix}.{exc.field}", exc.problem) from exc


def fields_of(doc: Any, required: tuple[str, ...], optional: Doc) -> Doc:
    """The document's fields: all `required` present, nothing unknown."""
    if not isinstance(doc, dict):
        raise ValidationError("record", "must be a JSON object")
    if len(doc) != len(required) or not all(key in doc for key in required):
        for key in required:
            if key not in doc:
                raise ValidationError(key, "is missing")
        for key in doc:
            if key not in required and key not in optional:
                raise ValidationError(str(key), "is not a known field")
    return {**optional, **doc} if optional else doc


Reader = Callable[[Any, str], Any]


def _scalar(tp: type) -> Reader:
    problem = f"must be {_TYPE_NAMES[tp]}"
    kinds: tuple[type, ...] = (int, float) if tp is float else (tp,)

    def scalar(value: Any, name: str) -> Any:
        if not isinstance(value, kinds) or (tp is not bool and isinstance(value, bool)):
            raise ValidationError(name, problem)
        return value

    return scalar


def _iso(tp: Any) -> Reader:
    what = {datetime: "a date and time", date: "a date (YYYY-MM-DD)", time: "a time (HH:MM)"}[tp]
    text = _scalar(str)

    def iso(value: Any, name: str) -> Any:
        try:
            return tp.fromisoformat(text(value, name))
        except ValueError:
            raise ValidationError(name, f"{value!r} is not {what}") from None

    return iso


def _union(args: tuple[Any, ...]) -> Reader:
    nullable = type(None) in args
    options = [(get_origin(a) is tuple, reader(a)) for a in args if a is not type(None)]

    def union(value: Any, name: str) -> Any:
        if value is None and nullable:
            return None
        if len(options) == 1:
            return options[0][1](value, name)
        for is_list, read in options:  # an answer: text, a number, or a list of text
            if isinstance(value, list) == is_list:
                try:
                    return read(value, name)
                except ValidationError:
                    continue
        raise ValidationError(name, "is not an answer (text, a number or a list of text)")

    return union


def _tuple(args: tuple[Any, ...]) -> Reader:
    reads = [reader(a) for a in args if a is not Ellipsis]
    many = len(args) == 2 and args[1] is Ellipsis

    def items(value: Any, name: str) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise ValidationError(name, "must be a list")
        if many:
            return tuple(reads[0](item, name) for item in value)
        if len(value) != len(reads):
            raise ValidationError(name, f"must be a list of {len(reads)} values")
        return tuple(read(v, name) for read, v in zip(reads, value, strict=True))

    return items


def _nested(cls: type) -> Reader:
    def nested(value: Any, name: str) -> Any:
        with prefixed(name):
            return decode(cls, value)

    return nested


@cache
def reader(tp: Any) -> Reader:
    """The reader for a field of type `tp` (built once per type)."""
    origin, args = get_origin(tp), get_args(tp)
    if tp in _TYPE_NAMES:
        return _scalar(tp)
    if tp in (datetime, date, time):
        return _iso(tp)
    if origin is Literal:
        return _scalar(str)  # the constructor checks which
    if origin in (Union, types.UnionType):
        return _union(args)
    if origin is tuple:
        return _tuple(args)
    if dataclasses.is_dataclass(tp):
        return _nested(tp)  # type: ignore[arg-type]
    raise TypeError(f"no reader for {tp!r}")  # a record field type this module lacks


@cache
def _plan(cls: type) -> tuple[tuple[str, ...], Doc, tuple[tuple[str, Reader], ...]]:
    hints = typing.get_type_hints(cls)
    names = tuple(f.name for f in dataclasses.fields(cls))
    added = ADDED.get(cls, {})
    required = tuple(n for n in names if n not in added)
    return required, added, tuple((n, reader(hints[n])) for n in names)


def decode(cls: type[R], doc: Any) -> R:
    """A record from its stored or imported dict; ValidationError names what is wrong."""
    required, added, reads = _plan(cls)  # type: ignore[arg-type]  # a class is hashable
    d = fields_of(doc, required, added)
    return cls(**{n: read(d[n], n) for n, read in reads})


def plain(value: Any) -> Any:
    """The JSON form of a record or field value (the inverse of `read`)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (date, time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    return value


def encode(record: Any) -> Doc:
    """Encode, then prove the dict decodes to an equal record (names the first bad field)."""
    try:
        doc: Doc = plain(record)
    except (AttributeError, TypeError, ValueError) as exc:
        raise ValidationError("record", f"cannot be saved ({exc})") from None
    again = decode(type(record), doc)
    # Equal records, or at least the same stored form (an aware datetime in a ZoneInfo
    # zone comes back with a fixed offset: same instant and wall clock, not ==).
    if again != record and plain(again) != doc:
        for f in dataclasses.fields(record):
            if getattr(again, f.name) != getattr(record, f.name):
                raise ValidationError(f.name, "has a value that cannot be saved as given")
        raise ValidationError("record", "cannot be saved as given")
    return doc


def decoder(cls: type[R]) -> Callable[[Any], R]:
    return lambda doc: decode(cls, doc)


def require(record: object, cls: type[R], name: str) -> R:
    """Repositories accept only their own record type (a dict or str is a bug, said clearly)."""
    if not isinstance(record, cls):
        raise ValidationError(name, f"expected a {cls.__name__}, got {type(record).__name__}")
    # Check again at the door: a record built around its constructor (by buggy
    # code) must still never be written.
    check = getattr(record, "__post_init__", None)
    if check is not None:
        try:
            check()
        except ValidationError:
            raise
        except Exception as exc:  # wrong types fail in odd ways; refuse them all the same
            raise ValidationError("record", f"{name} is malformed ({exc})") from exc
    return record
