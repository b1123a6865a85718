"""Hypothesis strategies over the real quiz, shared by the property tests."""

from __future__ import annotations

from hypothesis import strategies as st

from app.quiz import QuizSession, load_quiz
from app.quiz.model import Question
from app.records import AnswerValue

QUIZ = load_quiz()


def value_for(q: Question) -> st.SearchStrategy[AnswerValue]:
    """Any valid answer to one question, as the UI could send it."""
    if q.type == "number":
        low, high = q.min or 0.0, q.max or 0.0
        if q.integer:
            return st.integers(int(low), int(high)).map(float)
        if q.step:
            return st.integers(0, int((high - low) / q.step)).map(lambda k: low + k * (q.step or 1))
        return st.floats(low, high)
    values = [o.value for o in q.options]
    if q.type != "multi":
        return st.sampled_from(values)
    alone = [o.value for o in q.options if o.exclusive]
    rest = [o.value for o in q.options if not o.exclusive]
    together = st.lists(st.sampled_from(rest), min_size=1, unique=True).map(tuple)
    return st.one_of(st.sampled_from(alone).map(lambda v: (v,)), together)


@st.composite
def finished_sessions(draw: st.DrawFn) -> QuizSession:
    """A check answered to the end, as a person could."""
    session = QuizSession.start(QUIZ)
    while session.current is not None:
        q = session.current
        session = session.answer(q.id, draw(value_for(q)))
    return session
