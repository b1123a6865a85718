"""The condition language on its own: every operator, combinators, and the reasons it gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.quiz import load_quiz
from app.quiz.conditions import describe_answer, explain, holds, references
from app.quiz.model import AllOf, AnyOf, Leaf, Not, Quiz
from app.records import AnswerValue

ANSWERS: dict[str, AnswerValue] = {"flags": ("none",), "hours": 6.5, "tired": "yes"}


@pytest.fixture(scope="module")
def mini() -> Quiz:
    return load_quiz(Path(__file__).parent / "quiz_fixtures" / "valid_minimal.toml")


@pytest.mark.parametrize(
    ("leaf", "expected"),
    [
        (Leaf("tired", "equals", "yes"), True),
        (Leaf("tired", "equals", "no"), False),
        (Leaf("tired", "one_of", ("no", "yes")), True),
        (Leaf("flags", "includes", "none"), True),
        (Leaf("flags", "includes", "droop"), False),
        (Leaf("flags", "one_of", ("droop",)), False),
        (Leaf("hours", "gte", 6.5), True),
        (Leaf("hours", "gt", 6.5), False),
        (Leaf("hours", "lte", 6.5), True),
        (Leaf("hours", "lt", 6.5), False),
        (Leaf("follow", "answered", True), False),
        (Leaf("follow", "answered", False), True),
        (Leaf("tired", "answered", True), True),
        (Leaf("follow", "equals", "no"), False),  # unanswered never matches
        (Leaf("follow", "lt", 100.0), False),
    ],
)
def test_each_operator(leaf: Leaf, expected: bool) -> None:
    assert holds(leaf, ANSWERS) is expected


def test_combinators() -> None:
    yes, no = Leaf("tired", "equals", "yes"), Leaf("tired", "equals", "no")
    assert holds(AnyOf((no, yes)), ANSWERS) and not holds(AllOf((no, yes)), ANSWERS)
    assert holds(Not(no), ANSWERS) and not holds(Not(yes), ANSWERS)
    assert references(AllOf((yes, Not(Leaf("hours", "lt", 7.0)), no))) == ("tired", "hours")


def test_reasons_name_the_answers_that_made_it_true(mini: Quiz) -> None:
    cond = AnyOf(
        (
            Leaf("tired", "equals", "yes"),
            Leaf("hours", "lt", 7.0),
            Leaf("tired", "equals", "no"),
            Leaf("flags", "includes", "none", reason="No sudden symptoms"),
        )
    )
    assert explain(mini, cond, ANSWERS) == (
        "Often tired?: Yes",
        "Hours of sleep?: 6.5 hours",
        "No sudden symptoms",
    )
    assert explain(mini, Leaf("tired", "equals", "no"), ANSWERS) == ()


def test_describe_answer_uses_labels_and_units(mini: Quiz) -> None:
    flags, hours = mini.questions[0], mini.questions[1]
    assert describe_answer(flags, ("droop", "none")) == "Face drooping, None of these"
    assert describe_answer(hours, 8.0) == "8 hours"
    assert describe_answer(flags, ("gone",)) == "gone"  # an old record's unknown option
