"""The small condition language: evaluate it, explain it, and list what it reads.

Conditions are data (see content/quiz.toml) so a health reviewer can read every
branch without reading Python.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from app.quiz.model import AllOf, AnyOf, Condition, Leaf, Not, Question, Quiz
from app.records import AnswerValue

AnswerMap = Mapping[str, AnswerValue]


def _chosen(value: AnswerValue) -> tuple[str, ...]:
    if isinstance(value, tuple):
        return value
    if isinstance(value, str):
        return (value,)
    return ()


def leaf_holds(leaf: Leaf, answers: AnswerMap) -> bool:
    """False whenever the question is unanswered, so hidden questions never fire rules."""
    if leaf.op == "answered":
        return (leaf.question in answers) == bool(leaf.value)
    if leaf.question not in answers:
        return False
    value = answers[leaf.question]
    if leaf.op in ("gte", "lte", "gt", "lt"):
        if not isinstance(value, float) or isinstance(leaf.value, (str, bool, tuple)):
            return False
        bound = float(leaf.value)
        return {
            "gte": value >= bound,
            "lte": value <= bound,
            "gt": value > bound,
            "lt": value < bound,
        }[leaf.op]
    chosen = _chosen(value)
    if leaf.op == "one_of":
        wanted = leaf.value if isinstance(leaf.value, tuple) else ()
        return any(c in wanted for c in chosen)
    # equals (single/yesno) and includes (multi) both mean "this value was chosen".
    return isinstance(leaf.value, str) and leaf.value in chosen


def holds(cond: Condition, answers: AnswerMap) -> bool:
    if isinstance(cond, Leaf):
        return leaf_holds(cond, answers)
    if isinstance(cond, AllOf):
        return all(holds(c, answers) for c in cond.items)
    if isinstance(cond, AnyOf):
        return any(holds(c, answers) for c in cond.items)
    return not holds(cond.item, answers)


def leaves(cond: Condition) -> Iterator[Leaf]:
    if isinstance(cond, Leaf):
        yield cond
    elif isinstance(cond, Not):
        yield from leaves(cond.item)
    else:
        for item in cond.items:
            yield from leaves(item)


def references(cond: Condition | None) -> tuple[str, ...]:
    """Question ids a condition reads, in first-seen order."""
    if cond is None:
        return ()
    return tuple(dict.fromkeys(leaf.question for leaf in leaves(cond)))


def format_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def describe_answer(question: Question, value: AnswerValue) -> str:
    """The answer as the person saw it: option labels, or the number with its unit."""
    if isinstance(value, float):
        unit = f" {question.unit}" if question.unit else ""
        return f"{format_number(value)}{unit}"
    labels = []
    for chosen in _chosen(value):
        option = question.option(chosen)
        labels.append(option.label if option else chosen)
    return ", ".join(labels)


def _leaf_reason(quiz: Quiz, leaf: Leaf, answers: AnswerMap) -> str | None:
    if leaf.reason:
        return leaf.reason
    question = quiz.question(leaf.question)
    if question is None or leaf.question not in answers:
        return None
    value = answers[leaf.question]
    if leaf.op in ("one_of", "equals", "includes") and isinstance(value, tuple):
        wanted = leaf.value if isinstance(leaf.value, tuple) else (leaf.value,)
        value = tuple(v for v in value if v in wanted)
    return f"{question.label}: {describe_answer(question, value)}"


def explain(quiz: Quiz, cond: Condition, answers: AnswerMap) -> tuple[str, ...]:
    """Reasons from the parts of a condition that made it true (empty if it is false)."""
    if not holds(cond, answers):
        return ()
    if isinstance(cond, Leaf):
        reason = _leaf_reason(quiz, cond, answers)
        return (reason,) if reason else ()
    if isinstance(cond, Not):
        return ()
    found: list[str] = []
    for item in cond.items:
        found.extend(explain(quiz, item, answers))
    return tuple(dict.fromkeys(found))
