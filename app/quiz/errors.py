"""Typed quiz errors, so the UI can show `problem` next to the question it belongs to."""

from __future__ import annotations

from app.errors import LipCheckError, ValidationError


class InvalidAnswer(ValidationError):
    """The answer does not fit the question; `field` is the question id."""


class AnswerOutOfRange(InvalidAnswer):
    """A number outside the question's min..max (kept so the UI can show the range)."""

    def __init__(self, field: str, problem: str, minimum: float, maximum: float) -> None:
        super().__init__(field, problem)
        self.minimum = minimum
        self.maximum = maximum


class UnknownOption(InvalidAnswer):
    """A choice that is not one of the question's options."""


class QuestionNotAvailable(LipCheckError):
    """The question does not exist or is hidden by the answers so far."""

    def __init__(self, question_id: str, problem: str) -> None:
        self.question_id = question_id
        self.problem = problem
        super().__init__(f"{question_id}: {problem}")


class QuizNotFinished(LipCheckError):
    """A result was asked for before every shown question was answered."""
