"""Checks of conditions: known ids and options, sane numbers, and satisfiability.

Split from the validator so each part stays small; the validator builds on it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from app.errors import ContentError
from app.quiz.conditions import format_number, holds, references
from app.quiz.model import LEARN_SECTIONS, NUMERIC_OPS, AnyOf, Condition, Leaf, Not, Quiz


class ConditionChecks:
    """Shared state (quiz, question order, trigger ids) and condition-level checks."""

    def __init__(self, quiz: Quiz) -> None:
        self.quiz = quiz
        self.order = {q.id: i for i, q in enumerate(quiz.questions)}
        self.dims = {t.id for t in quiz.triggers}

    def fail(self, field: str, problem: str) -> ContentError:
        return ContentError(self.quiz.file, field, problem)

    def unique(self, kind: str, ids: Iterable[str]) -> None:
        for value, count in Counter(ids).items():
            if count > 1:
                raise self.fail(f"{kind} {value}", f"id {value!r} is used {count} times")

    def section(self, field: str, section: str) -> None:
        if section not in LEARN_SECTIONS:
            raise self.fail(field, f"unknown Learn section {section!r}")

    def scores(self, field: str, scores: Iterable[tuple[str, int]]) -> None:
        for dim, _ in scores:
            if dim not in self.dims:
                raise self.fail(field, f"scores unknown trigger dimension {dim!r}")

    def leaf(self, field: str, leaf: Leaf) -> None:
        q = self.quiz.question(leaf.question)
        if q is None:
            raise self.fail(field, f"condition names unknown question {leaf.question!r}")
        allowed = {
            "number": ("answered", *NUMERIC_OPS),
            "multi": ("answered", "includes", "one_of"),
        }.get(q.type, ("answered", "equals", "one_of"))
        if leaf.op not in allowed:
            raise self.fail(field, f"{leaf.op!r} cannot test {q.type} question {q.id!r}")
        values = leaf.value if isinstance(leaf.value, tuple) else (leaf.value,)
        if leaf.op in ("equals", "includes", "one_of"):
            for v in values:
                if not isinstance(v, str) or q.option(v) is None:
                    raise self.fail(field, f"question {q.id!r} has no option {v!r}")
        if leaf.op in NUMERIC_OPS and isinstance(leaf.value, float):
            low, high, bound = q.min or 0.0, q.max or 0.0, leaf.value
            never = (leaf.op == "gt" and bound >= high) or (leaf.op == "lt" and bound <= low)
            if not low <= bound <= high or never:
                raise self.fail(
                    field,
                    f"compares {q.id!r} with {format_number(bound)}, which is "
                    f"impossible for its range {format_number(low)}..{format_number(high)}",
                )

    def condition(self, field: str, cond: Condition) -> None:
        if isinstance(cond, Leaf):
            self.leaf(field, cond)
        elif isinstance(cond, Not):
            self.condition(field, cond.item)
        else:
            for item in cond.items:
                self.condition(field, item)

    def satisfiable(self, cond: Condition, reachable: set[str], later: bool = False) -> bool:
        """Conservative: False only when the condition can surely never be true.

        `later` means the condition is read by a later question, so answers
        that end the quiz can never be seen by it.
        """
        if isinstance(cond, Leaf):
            if cond.op == "answered" and cond.value is False:
                return True
            return cond.question in reachable and (not later or self._live(cond))
        if isinstance(cond, Not):
            return True
        if isinstance(cond, AnyOf):
            return any(self.satisfiable(c, reachable, later) for c in cond.items)
        if not all(self.satisfiable(c, reachable, later) for c in cond.items):
            return False
        return not self._contradicts([c for c in cond.items if isinstance(c, Leaf)])

    def _live(self, leaf: Leaf) -> bool:
        """False when every value the leaf wants would already have ended the quiz."""
        q = self.quiz.question(leaf.question)
        if q is None or q.ends_quiz_when is None or leaf.op not in ("equals", "includes", "one_of"):
            return True
        if references(q.ends_quiz_when) != (q.id,):
            return True
        wanted = leaf.value if isinstance(leaf.value, tuple) else (str(leaf.value),)
        as_answer = (lambda v: (v,)) if q.type == "multi" else (lambda v: v)
        return any(not holds(q.ends_quiz_when, {q.id: as_answer(v)}) for v in wanted)

    def _contradicts(self, parts: list[Leaf]) -> bool:
        for qid in {p.question for p in parts}:
            q = self.quiz.question(qid)
            mine = [p for p in parts if p.question == qid]
            if q is None or any(p.op == "answered" for p in mine):
                continue
            if q.type in ("single", "yesno"):
                allowed = {o.value for o in q.options}
                for p in mine:
                    allowed &= set(p.value) if isinstance(p.value, tuple) else {str(p.value)}
                if not allowed:
                    return True
            if q.type == "number":
                low, high = q.min or 0.0, q.max or 0.0
                for p in mine:
                    b = float(p.value) if isinstance(p.value, float) else 0.0
                    if p.op in ("gte", "gt"):
                        low = max(low, b + (1e-9 if p.op == "gt" else 0.0))
                    else:
                        high = min(high, b - (1e-9 if p.op == "lt" else 0.0))
                if low > high:
                    return True
        return False
