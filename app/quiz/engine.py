"""A quiz in progress, as an immutable value: every step returns a new session.

Immutability lets the UI keep the previous session for "Back" without any
bookkeeping, and makes property tests replay sessions cheaply.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from app.quiz.answers import RawAnswer, check_answer
from app.quiz.errors import QuestionNotAvailable, QuizNotFinished
from app.quiz.evaluate import evaluate
from app.quiz.flow import follow_ups, prune, visible_questions
from app.quiz.model import Answers, Question, Quiz
from app.quiz.result import QuizResult
from app.records import AnswerValue


@dataclass(frozen=True)
class Progress:
    answered: int
    total: int

    @property
    def fraction(self) -> float:
        return self.answered / self.total if self.total else 0.0


@dataclass(frozen=True)
class QuizSession:
    """`cursor` is the id of the question on screen; None means past the last question."""

    quiz: Quiz
    answers: Answers = ()
    cursor: str | None = None

    @classmethod
    def start(cls, quiz: Quiz) -> QuizSession:
        return cls(quiz, (), quiz.questions[0].id)

    @classmethod
    def replay(cls, quiz: Quiz, answers: Mapping[str, RawAnswer]) -> QuizSession:
        """Answer question after question from `answers` until one is missing."""
        session = cls.start(quiz)
        while session.current is not None and session.current.id in answers:
            session = session.answer(session.current.id, answers[session.current.id])
        return session

    @property
    def visible(self) -> tuple[Question, ...]:
        return visible_questions(self.quiz, dict(self.answers))

    @property
    def current(self) -> Question | None:
        return self.quiz.question(self.cursor) if self.cursor is not None else None

    def answer_for(self, question_id: str) -> AnswerValue | None:
        """The saved answer, so a revisited question can show it pre-filled."""
        return dict(self.answers).get(question_id)

    @property
    def progress(self) -> Progress:
        shown = self.visible
        given = dict(self.answers)
        return Progress(sum(1 for q in shown if q.id in given), len(shown))

    @property
    def is_complete(self) -> bool:
        given = dict(self.answers)
        return all(q.id in given for q in self.visible)

    @property
    def is_finished(self) -> bool:
        """True once the person has gone past the last shown question with all answered."""
        return self.cursor is None and self.is_complete

    @property
    def can_go_back(self) -> bool:
        shown = self.visible
        return bool(shown) and (self.cursor is None or shown[0].id != self.cursor)

    def _visible_question(self, question_id: str) -> Question:
        q = self.quiz.question(question_id)
        if q is None:
            raise QuestionNotAvailable(question_id, "there is no such question")
        if q not in self.visible:
            raise QuestionNotAvailable(question_id, "this question is not shown for your answers")
        return q

    def answer(self, question_id: str, value: RawAnswer) -> QuizSession:
        """Save (or change) an answer and move to the next shown question.

        Answers to questions the change hides are dropped. Raises InvalidAnswer
        (a ValidationError) with a message fit for the screen.
        """
        q = self._visible_question(question_id)
        checked = check_answer(q, value)
        before = dict(self.answers)
        if question_id in before and before[question_id] != checked:
            # A follow-up answered for the old answer must be asked again: "did it start
            # suddenly?" answered for one sign says nothing about a newly ticked one.
            for dependent in follow_ups(self.quiz, question_id):
                before.pop(dependent, None)
        merged = {**before, question_id: checked}
        kept = prune(self.quiz, merged)
        shown = visible_questions(self.quiz, dict(kept))
        ids = [s.id for s in shown]
        after = ids[ids.index(question_id) + 1 :]
        given = dict(kept)
        nxt = after[0] if after else next((i for i in ids if i not in given), None)
        return replace(self, answers=kept, cursor=nxt)

    def fast_forward(self) -> QuizSession:
        """After a change from the result: walk past questions that still have answers,
        to the next gap (a follow-up the change made, or one it reset) or the end."""
        session = self
        while session.current is not None:
            kept = session.answer_for(session.current.id)
            if kept is None:
                break
            session = session.answer(session.current.id, kept)
        return session

    def back(self) -> QuizSession:
        """Go to the previous shown question; at the first question nothing changes."""
        ids = [q.id for q in self.visible]
        if self.cursor is None:
            return replace(self, cursor=ids[-1])
        at = ids.index(self.cursor)
        return replace(self, cursor=ids[at - 1]) if at > 0 else self

    def go_to(self, question_id: str) -> QuizSession:
        """Jump to a shown question, e.g. from a 'change this answer' link."""
        return replace(self, cursor=self._visible_question(question_id).id)

    def result(self) -> QuizResult:
        if not self.is_complete:
            raise QuizNotFinished("answer every question first")
        return evaluate(self.quiz, self.answers)
