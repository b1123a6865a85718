"""Strict, typed access to TOML tables, and parsing of the condition language.

Every error is a ContentError naming the file and where in it, so a content
author can find the problem without reading Python.
"""

from __future__ import annotations

from typing import Any, cast

from app.errors import ContentError
from app.quiz.model import OPS, AllOf, AnyOf, Condition, Leaf, Not, Op


class TableReader:
    """Typed access to one TOML table; every error names the file and `where`."""

    def __init__(self, file: str, where: str, table: Any) -> None:
        if not isinstance(table, dict):
            raise ContentError(file, where, "must be a table")
        self.file, self.where, self.table = file, where, cast(dict[str, Any], table)

    def fail(self, problem: str, key: str | None = None) -> ContentError:
        field = f"{self.where}.{key}" if key else self.where
        return ContentError(self.file, field, problem)

    def only(self, *allowed: str) -> None:
        extra = sorted(set(self.table) - set(allowed))
        if extra:
            raise self.fail(f"unknown key(s) {', '.join(extra)}")

    def text(self, key: str, default: str | None = None) -> str:
        value = self.table.get(key, default)
        if not isinstance(value, str) or (default is None and not value.strip()):
            raise self.fail(
                "must be a non-empty string" if default is None else "must be a string", key
            )
        return value

    def opt_text(self, key: str) -> str | None:
        return self.text(key) if key in self.table else None

    def number(self, key: str) -> float | None:
        value = self.table.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail("must be a number", key)
        return float(value)

    def flag(self, key: str) -> bool:
        value = self.table.get(key, False)
        if not isinstance(value, bool):
            raise self.fail("must be true or false", key)
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail("must be a list of non-empty strings", key)
        return tuple(value)

    def tables(self, key: str, required: bool = False) -> list[Any]:
        value = self.table.get(key, None if required else [])
        if not isinstance(value, list) or (required and not value):
            raise self.fail(
                "must be a non-empty list of tables" if required else "must be a list", key
            )
        return value

    def scores(self, key: str) -> tuple[tuple[str, int], ...]:
        value = self.table.get(key, {})
        if not isinstance(value, dict):
            raise self.fail("must be a table of dimension = whole number", key)
        for dim, score in value.items():
            if isinstance(score, bool) or not isinstance(score, int):
                raise self.fail(f"score for {dim!r} must be a whole number", key)
        return tuple((str(k), int(v)) for k, v in value.items())


def parse_condition(file: str, where: str, raw: Any) -> Condition:
    r = TableReader(file, where, raw)
    combinators = [k for k in ("any_of", "all_of", "not") if k in r.table]
    if combinators:
        if len(r.table) != 1:
            raise r.fail("a combinator (any_of / all_of / not) must stand alone in its table")
        key = combinators[0]
        if key == "not":
            return Not(parse_condition(file, f"{where}.not", r.table["not"]))
        items = r.tables(key, required=True)
        parsed = tuple(
            parse_condition(file, f"{where}.{key}[{i}]", it) for i, it in enumerate(items)
        )
        return AnyOf(parsed) if key == "any_of" else AllOf(parsed)
    r.only("question", "reason", *OPS)
    question = r.text("question")
    ops = [k for k in OPS if k in r.table]
    if len(ops) != 1:
        raise r.fail(f"needs exactly one test out of {', '.join(OPS)}")
    op: Op = ops[0]
    raw_value = r.table[op]
    value: str | float | bool | tuple[str, ...]
    if op in ("equals", "includes"):
        value = r.text(op)
    elif op == "one_of":
        value = r.texts(op)
        if not value:
            raise r.fail("must list at least one value", op)
    elif op == "answered":
        value = r.flag(op)
    else:
        if isinstance(raw_value, bool) or not isinstance(raw_value, (int, float)):
            raise r.fail("must be a number", op)
        value = float(raw_value)
    return Leaf(question, op, value, r.opt_text("reason"))


def opt_condition(file: str, where: str, r: TableReader, key: str) -> Condition | None:
    return parse_condition(file, f"{where}.{key}", r.table[key]) if key in r.table else None
