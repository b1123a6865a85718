"""The self-check quiz: data in content/quiz.toml, a pure engine, a frozen result.

Typical UI use::

    quiz = load_quiz(config.quiz_path)
    session = QuizSession.start(quiz)
    session = session.answer(session.current.id, value)   # repeat; back() / go_to()
    if session.is_finished:
        result = session.result()
        record = result.to_record(id=new_id, taken_at=now)
    later: explain_record(quiz, record)
"""

from app.quiz.answers import check_answer
from app.quiz.checks import run_embedded_tests
from app.quiz.conditions import describe_answer
from app.quiz.engine import Progress, QuizSession
from app.quiz.errors import (
    AnswerOutOfRange,
    InvalidAnswer,
    QuestionNotAvailable,
    QuizNotFinished,
    UnknownOption,
)
from app.quiz.evaluate import evaluate, explain_record
from app.quiz.flow import visible_questions
from app.quiz.loader import DEFAULT_QUIZ_PATH, load_quiz, parse_quiz
from app.quiz.model import Option, Question, Quiz
from app.quiz.result import QuizResult, TriggerResult

__all__ = [
    "DEFAULT_QUIZ_PATH",
    "AnswerOutOfRange",
    "InvalidAnswer",
    "Option",
    "Progress",
    "Question",
    "QuestionNotAvailable",
    "Quiz",
    "QuizNotFinished",
    "QuizResult",
    "QuizSession",
    "TriggerResult",
    "UnknownOption",
    "check_answer",
    "describe_answer",
    "evaluate",
    "explain_record",
    "load_quiz",
    "parse_quiz",
    "run_embedded_tests",
    "visible_questions",
]
