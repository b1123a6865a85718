"""Every answer path through the tier-deciding questions of the real quiz.

Two answers that every tier rule tests in exactly the same way cannot lead to
different tiers (a rule only compares an answer with the values it names), so
one value per such class covers every path. The classes are worked out from the
quiz's own rules, so the enumeration stays complete when the quiz changes; the
safety rules it is checked against (test_quiz_safety.py) do not read the quiz.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

from app.quiz.conditions import holds, leaves
from app.quiz.model import Question, Quiz
from app.records import AnswerValue

Path = dict[str, AnswerValue]


def deciding_questions(quiz: Quiz) -> set[str]:
    """Questions the tier rules read, and those that decide whether those are shown."""
    tier = quiz.category("tier")
    assert tier is not None
    wanted = {leaf.question for r in tier.rules if r.when for leaf in leaves(r.when)}
    for q in quiz.questions:
        for cond in (q.enable_when, q.ends_quiz_when):
            if cond is not None and q.id in wanted:
                wanted |= {leaf.question for leaf in leaves(cond)}
    return wanted


def _value_classes(quiz: Quiz, q: Question) -> list[str]:
    """One option per group of options that every condition treats alike."""
    conds = [r.when for c in quiz.categories if c.id == "tier" for r in c.rules if r.when]
    conds += [x.enable_when for x in quiz.questions if x.enable_when]
    conds += [x.ends_quiz_when for x in quiz.questions if x.ends_quiz_when]
    seen: dict[tuple[bool, ...], str] = {}
    for o in q.options:
        key = tuple(
            o.value == leaf.value or (isinstance(leaf.value, tuple) and o.value in leaf.value)
            for cond in conds
            for leaf in leaves(cond)
            if leaf.question == q.id
        ) + (o.exclusive,)
        seen.setdefault(key, o.value)
    return list(seen.values())


def answers_for(quiz: Quiz, q: Question) -> list[AnswerValue]:
    """Every distinct answer to a deciding question (multi: every set of classes)."""
    classes = _value_classes(quiz, q)
    if q.type != "multi":
        return list(classes)
    alone = [v for v in classes if (o := q.option(v)) is not None and o.exclusive]
    rest = [v for v in classes if v not in alone]
    sets: list[AnswerValue] = [(v,) for v in alone]
    for size in range(1, len(rest) + 1):
        sets += [tuple(c) for c in combinations(rest, size)]
    return sets


def all_paths(quiz: Quiz, filler: Path) -> Iterator[Path]:
    """Depth first, in question order, as the person would answer; other questions get
    the `filler` answer. A path ends where the quiz ends."""
    deciding = deciding_questions(quiz)
    options = {q.id: answers_for(quiz, q) for q in quiz.questions if q.id in deciding}

    def walk(index: int, given: Path) -> Iterator[Path]:
        if index == len(quiz.questions):
            yield dict(given)
            return
        q = quiz.questions[index]
        if q.enable_when is not None and not holds(q.enable_when, given):
            yield from walk(index + 1, given)
            return
        for value in options[q.id] if q.id in options else [filler[q.id]]:
            given[q.id] = value
            if q.ends_quiz_when is not None and holds(q.ends_quiz_when, given):
                yield dict(given)
            else:
                yield from walk(index + 1, given)
            del given[q.id]

    yield from walk(0, {})


class TierOf:
    """The real tier rules, first match wins, with each rule's answer memoised on just the
    answers it reads: the same `holds` the engine uses, fast enough for every path."""

    def __init__(self, quiz: Quiz) -> None:
        tier = quiz.category("tier")
        assert tier is not None
        self._rules = [
            (r.outcome, r.when, tuple(dict.fromkeys(leaf.question for leaf in leaves(r.when))))
            if r.when is not None
            else (r.outcome, None, ())
            for r in tier.rules
        ]
        self._memo: list[dict[tuple[object, ...], bool]] = [{} for _ in self._rules]

    def __call__(self, answers: Path) -> str:
        for (outcome, when, reads), memo in zip(self._rules, self._memo, strict=True):
            if when is None:
                return outcome
            key = tuple(answers.get(q) for q in reads)
            hit = memo.get(key)
            if hit is None:
                hit = memo[key] = holds(when, answers)
            if hit:
                return outcome
        raise AssertionError("the validator guarantees a default rule")
