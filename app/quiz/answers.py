"""Check one raw answer against its question and normalise it to an AnswerValue.

Shared by the engine (user input) and the validator (embedded test cases), so
both accept exactly the same answers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from app.quiz.conditions import format_number
from app.quiz.errors import AnswerOutOfRange, InvalidAnswer, UnknownOption
from app.quiz.model import Question
from app.records import AnswerValue

RawAnswer = str | int | float | Sequence[str]


def _number(question: Question, raw: RawAnswer) -> float:
    if isinstance(raw, str):
        try:
            raw = float(raw.strip().replace(",", "."))
        except ValueError:
            raise InvalidAnswer(question.id, "Enter a number, for example 7 or 7.5.") from None
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        raise InvalidAnswer(question.id, "Enter a number.")
    value = float(raw)
    if not math.isfinite(value):
        raise InvalidAnswer(question.id, "Enter a number.")
    low = question.min if question.min is not None else 0.0
    high = question.max if question.max is not None else low
    if not low <= value <= high:
        unit = f" {question.unit}" if question.unit else ""
        problem = f"Enter a number from {format_number(low)} to {format_number(high)}{unit}."
        raise AnswerOutOfRange(question.id, problem, low, high)
    if question.integer and not value.is_integer():
        raise InvalidAnswer(question.id, "Enter a whole number.")
    if question.step:
        steps = (value - low) / question.step
        if abs(steps - round(steps)) > 1e-9:
            raise InvalidAnswer(
                question.id, f"Use steps of {format_number(question.step)} (for example 6.5)."
            )
    return value


def _choice(question: Question, raw: object) -> str:
    if not isinstance(raw, str) or question.option(raw) is None:
        choices = ", ".join(o.label for o in question.options)
        raise UnknownOption(question.id, f"{raw!r} is not one of the choices: {choices}.")
    return raw


def check_answer(question: Question, raw: RawAnswer) -> AnswerValue:
    """Return the normalised answer or raise a typed InvalidAnswer with a clear message."""
    if question.type == "number":
        return _number(question, raw)
    if question.type in ("single", "yesno"):
        return _choice(question, raw)
    if isinstance(raw, str) or not isinstance(raw, Sequence):
        raise InvalidAnswer(question.id, "Choose one or more options.")
    picked = {_choice(question, item) for item in raw}
    if not picked:
        raise InvalidAnswer(question.id, "Choose at least one option.")
    exclusive = [o for o in question.options if o.exclusive and o.value in picked]
    if exclusive and len(picked) > 1:
        raise InvalidAnswer(
            question.id, f"{exclusive[0].label!r} cannot be combined with other choices."
        )
    return tuple(o.value for o in question.options if o.value in picked)
