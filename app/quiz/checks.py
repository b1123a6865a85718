"""Run the test cases embedded in the quiz file (CovQuestions-style).

Returned as messages rather than raised so one run reports every failing case.
"""

from __future__ import annotations

from app.quiz.engine import QuizSession
from app.quiz.model import Quiz, TestCase


def run_case(quiz: Quiz, case: TestCase) -> tuple[str, ...]:
    """Problems with one case, each naming the case id; empty when it passes."""
    given = dict(case.answers)
    session = QuizSession.replay(quiz, given)
    problems = []
    unused = [qid for qid in given if qid not in dict(session.answers)]
    if unused:
        problems.append(f"answers questions that are not shown: {', '.join(unused)}")
    if not session.is_finished:
        missing = session.current.id if session.current else "?"
        problems.append(f"does not finish the quiz; next question would be {missing!r}")
        return tuple(f"{quiz.file}: test {case.id}: {p}" for p in problems)
    result = session.result()
    for category, expected in case.expect:
        got = result.outcome(category)
        if got != expected:
            problems.append(f"{category}: expected {expected!r}, got {got!r}")
    if case.expect_triggers is not None and result.trigger_ids != case.expect_triggers:
        problems.append(
            f"triggers: expected {list(case.expect_triggers)}, got {list(result.trigger_ids)}"
        )
    if case.expect_habits is not None and result.suggested_habits != case.expect_habits:
        problems.append(
            f"habits: expected {list(case.expect_habits)}, got {list(result.suggested_habits)}"
        )
    return tuple(f"{quiz.file}: test {case.id}: {p}" for p in problems)


def run_embedded_tests(quiz: Quiz) -> tuple[str, ...]:
    return tuple(p for case in quiz.tests for p in run_case(quiz, case))
