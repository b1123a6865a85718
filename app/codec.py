"""Records <-> plain JSON dicts, driven by each record's own type hints.

Generic over the dataclasses in app/records.py (no files, no storage format): the
data files and the backup format (app/storage) both use it. One reader per field
type, built once from the annotations, so a new record or field needs no code here.
Decoding ends in the record's constructor, so a stored or imported value is checked
like a new one, and every error names the field. Encoding decodes its own output
again, so nothing is written that would read back changed.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from datetime import date, datetime, time
from functools import cache
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

from app.errors import ValidationError
from app.records import AppSettings, ReminderState, ResultRecord

R = TypeVar("R")
Doc = dict[str, Any]
Reader = Callable[[Any, str], Any]
ADDED: dict[type, Doc] = {
    ResultRecord: {"changed_from": None},
    AppSettings: {"emergency_number": "", "system_notifications": False},
    ReminderState: {"notified": []},  # issue 16: system notifications
}
"""Fields added after schema 2 shipped, with the value a file written before them means."""
_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}
_ISO = {datetime: "a date and time", date: "a date (YYYY-MM-DD)", time: "a time (HH:MM)"}


class DuplicateKeyError(ValueError):
    """One JSON object names a key twice (json.loads would keep only the last)."""

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(f"it names {key!r} twice in one place, so part of it would be lost")


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKeyError(key)
            seen.add(key)
    return found


def loads(text: str) -> Any:
    """json.loads that refuses a key twice in one object: a data file or backup with
    a table or a doc id twice would otherwise lose the first one's records unseen."""
    return json.loads(text, object_pairs_hook=_unique)


def _json_type(tp: Any) -> Callable[[Any], bool]:
    """Whether a JSON value has the shape a field of type `tp` is stored as."""
    if tp is float:
        return lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)
    if tp in (int, str):
        return lambda v: isinstance(v, tp) and not isinstance(v, bool)
    if tp in _ISO or get_origin(tp) is Literal:
        return lambda v: isinstance(v, str)
    if get_origin(tp) is tuple:
        return lambda v: isinstance(v, list)
    if dataclasses.is_dataclass(tp):
        return lambda v: isinstance(v, dict)
    return lambda v: isinstance(v, bool)


def _scalar(tp: type) -> Reader:
    ok, problem = _json_type(tp), f"must be {_NAMES[tp]}"

    def scalar(value: Any, name: str) -> Any:
        if not ok(value):
            raise ValidationError(name, problem)
        return value

    return scalar


def _iso(tp: Any) -> Reader:
    def iso(value: Any, name: str) -> Any:
        if not isinstance(value, str):
            raise ValidationError(name, "must be text")
        try:
            return tp.fromisoformat(value)
        except ValueError:
            raise ValidationError(name, f"{value!r} is not {_ISO[tp]}") from None

    return iso


def _union(args: tuple[Any, ...]) -> Reader:
    nullable = type(None) in args
    options = [(_json_type(a), reader(a)) for a in args if a is not type(None)]

    def union(value: Any, name: str) -> Any:
        if value is None and nullable:
            return None
        if len(options) == 1:
            return options[0][1](value, name)
        for ok, read in options:  # an answer: text, a number, or a list of text
            if ok(value):
                return read(value, name)
        raise ValidationError(name, "is not an answer (text, a number or a list of text)")

    return union


def _tuple(args: tuple[Any, ...]) -> Reader:
    reads = [reader(a) for a in args if a is not Ellipsis]
    many = len(args) == 2 and args[1] is Ellipsis

    def items(value: Any, name: str) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise ValidationError(name, "must be a list")
        if many:
            read = reads[0]
            return tuple([read(item, name) for item in value])
        if len(value) != len(reads):
            raise ValidationError(name, f"must be a list of {len(reads)} values")
        return tuple([read(v, name) for read, v in zip(reads, value, strict=True)])

    return items


def _nested(cls: type) -> Reader:
    def nested(value: Any, name: str) -> Any:
        try:
            return decode(cls, value)
        except ValidationError as exc:  # name the enclosing field: "hydration.goal_ml"
            raise ValidationError(f"{name}.{exc.field}", exc.problem) from exc

    return nested


@cache
def reader(tp: Any) -> Reader:
    """The reader for a field of type `tp` (built once per type)."""
    origin = get_origin(tp)
    if tp in _NAMES or origin is Literal:  # the constructor checks which literal
        return _scalar(str if origin is Literal else tp)
    if tp in _ISO:
        return _iso(tp)
    if origin in (Union, types.UnionType):
        return _union(get_args(tp))
    if origin is tuple:
        return _tuple(get_args(tp))
    if dataclasses.is_dataclass(tp):
        return _nested(tp)  # type: ignore[arg-type]
    raise TypeError(f"no reader for {tp!r}")  # a record field type this module lacks


@cache
def _plan(cls: type) -> tuple[frozenset[str], Doc, tuple[tuple[str, Reader], ...]]:
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    added = ADDED.get(cls, {})
    required = frozenset(n for n in names if n not in added)
    return required, added, tuple((n, reader(hints[n])) for n in names)


def decode(cls: type[R], doc: Any) -> R:
    """A record from its stored or imported dict; ValidationError names what is wrong."""
    required, added, reads = _plan(cls)  # type: ignore[arg-type]  # a class is hashable
    if not isinstance(doc, dict):
        raise ValidationError("record", "must be a JSON object")
    if len(doc) != len(required) or not required.issubset(doc):
        for key, _read in reads:
            if key in required and key not in doc:
                raise ValidationError(key, "is missing")
        for key in doc:
            if key not in required and key not in added:
                raise ValidationError(str(key), "is not a known field")
    if added:
        doc = {**added, **doc}
    return cls(**{n: read(doc[n], n) for n, read in reads})


def plain(value: Any) -> Any:
    """The JSON form of a record or field value (the inverse of `decode`)."""
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
    # An aware datetime in a ZoneInfo zone comes back with a fixed offset: same
    # instant and wall clock, not ==, so the stored forms are compared too.
    if again != record and plain(again) != doc:
        for f in dataclasses.fields(record):
            if getattr(again, f.name) != getattr(record, f.name):
                raise ValidationError(f.name, "has a value that cannot be saved as given")
        raise ValidationError("record", "cannot be saved as given")
    return doc


def require(record: object, cls: type[R], name: str) -> R:
    """Repositories accept only their own record type, checked again at the door (a
    record built around its constructor by buggy code must still never be written)."""
    if not isinstance(record, cls):
        raise ValidationError(name, f"expected a {cls.__name__}, got {type(record).__name__}")
    try:
        getattr(record, "__post_init__", lambda: None)()
    except ValidationError:
        raise
    except Exception as exc:  # wrong types fail in odd ways; refuse them all the same
        raise ValidationError("record", f"{name} is malformed ({exc})") from exc
    return record
