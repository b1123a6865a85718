"""Which questions are shown for a set of answers.

Visibility depends only on earlier answers (the validator enforces it), so one
pass in question order is enough and the result never depends on answer order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from app.quiz.conditions import holds, references
from app.quiz.model import Answers, Question, Quiz
from app.records import AnswerValue


def _walk(quiz: Quiz, answers: Mapping[str, AnswerValue]) -> tuple[list[Question], Answers]:
    shown: list[Question] = []
    kept: dict[str, AnswerValue] = {}
    for q in quiz.questions:
        if q.enable_when is not None and not holds(q.enable_when, kept):
            continue
        shown.append(q)
        if q.id in answers:
            kept[q.id] = answers[q.id]
            if q.ends_quiz_when is not None and holds(q.ends_quiz_when, kept):
                break
    return shown, tuple(kept.items())


def as_map(
    answers: Mapping[str, AnswerValue] | Iterable[tuple[str, AnswerValue]],
) -> dict[str, AnswerValue]:
    return dict(answers.items()) if isinstance(answers, Mapping) else dict(answers)


def visible_questions(quiz: Quiz, answers: Mapping[str, AnswerValue]) -> tuple[Question, ...]:
    """Questions shown for these answers; nothing after a question that ends the quiz."""
    return tuple(_walk(quiz, answers)[0])


def prune(quiz: Quiz, answers: Mapping[str, AnswerValue]) -> Answers:
    """Only the answers to shown questions, in question order (hidden ones are dropped)."""
    return _walk(quiz, answers)[1]


def ended_early(quiz: Quiz, answers: Mapping[str, AnswerValue]) -> bool:
    """True when an answer (a red flag) stopped the quiz before its natural end."""
    shown = visible_questions(quiz, answers)
    last = shown[-1] if shown else None
    return bool(
        last
        and last.ends_quiz_when
        and last.id in answers
        and holds(last.ends_quiz_when, dict(prune(quiz, answers)))
    )


def follow_ups(quiz: Quiz, question_id: str) -> tuple[str, ...]:
    """Questions whose showing depends on this answer, directly or through another."""
    found: list[str] = []
    reads = {question_id}
    for q in quiz.questions:
        if q.enable_when is not None and reads & set(references(q.enable_when)):
            found.append(q.id)
            reads.add(q.id)
    return tuple(found)
