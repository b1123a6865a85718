"""The doctor summary built from the real quiz: one onset date, and a length a phone can take."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from app.config import ROOT
from app.insights import doctor_summary
from app.insights.summary import MAX_PATTERNS
from app.insights.summary_answers import SUMMARY_QUESTIONS, answer_formatter, summary_sections
from app.quiz import Question, Quiz, load_quiz
from app.records import AnswerValue, DiaryEntry, ResultRecord, SleepLog
from tests.unit.test_insights_summary import PHONE_CHARS, PHONE_LINE_CHARS, PHONE_LINES

QUIZ = load_quiz(ROOT / "content" / "quiz.toml")
TODAY = date(2025, 3, 20)


def longest_answer(question: Question) -> AnswerValue:
    """The answer that makes the longest summary line (every option of a multi-choice)."""
    if question.type == "multi":
        return tuple(o.value for o in question.options if not o.exclusive)
    if question.type == "yesno":
        return "not_sure"  # the longest of yes, no and not sure
    if question.type == "number":
        return 23.5
    return max(question.options, key=lambda o: len(o.label)).value


def every_summary_answer() -> tuple[tuple[str, AnswerValue], ...]:
    """Longest answers to every summary question of a check that ran to the end (a red
    flag or a sudden symptom ends the check, so those were answered "none" or "no")."""
    answers: list[tuple[str, AnswerValue]] = []
    for _title, ids in SUMMARY_QUESTIONS:
        for qid in ids:
            question = QUIZ.question(qid)
            assert question is not None, qid
            answers.append((qid, longest_answer(question)))
    ends = {"red_flags": ("none",), "symptoms_sudden": "no"}
    return tuple((qid, ends.get(qid, value)) for qid, value in answers)


def full_summary(first_noticed: date | None) -> str:
    """As long as the summary gets: a year of diary where every factor goes with
    twitching, every summary question answered at length, more checks than are shown."""
    answers = every_summary_answer()
    results = [
        ResultRecord(
            str(k),
            datetime(2025, 3, 20 - k, 9, tzinfo=UTC),
            "q",
            "1",
            "doctor_soon",
            (),
            (),
            answers,
        )
        for k in range(5)
    ]
    days = [TODAY - timedelta(days=k) for k in range(365)]
    diary = [
        DiaryEntry(d, "strong", 4, "high") if k % 2 else DiaryEntry(d, "none", 0, "low")
        for k, d in enumerate(days)
    ]
    sleep = [SleepLog(d, 4.5 if k % 2 else 8.0) for k, d in enumerate(days)]
    water = {d: 1000 if k % 2 else 2500 for k, d in enumerate(days)}
    return doctor_summary(
        today=TODAY,
        first_noticed=first_noticed,
        diary=diary,
        sleep=sleep,
        water_ml=water,
        goal_ml=2000,
        results=results,
        answer_sections=summary_sections(QUIZ),
        format_answer=answer_formatter(QUIZ),
    )


def test_only_the_onset_section_reads_as_a_first_noticed_date() -> None:
    text = full_summary(date(2025, 2, 20))
    noticed = [line for line in text.splitlines() if "first noticed" in line.lower()]
    assert noticed == ["- First noticed: 20 Feb 2025 (28 days ago)"]
    assert "- Self-check answer, when it started: " in text


def test_the_longest_summary_from_the_real_quiz_fits_the_phone_limits(quiz: Quiz) -> None:
    text = full_summary(date(2024, 1, 2))
    lines = text.splitlines()
    assert len(lines) <= PHONE_LINES
    assert len(text) <= PHONE_CHARS
    assert all(len(line) <= PHONE_LINE_CHARS for line in lines)
    # The worst case really is in there: every question, and the most patterns shown.
    for _qid, label in (q for s in summary_sections(quiz) for q in s.questions):
        assert f"- {label}: " in text
    assert sum(line.startswith("- On days ") for line in lines) == MAX_PATTERNS
    assert len(lines) > PHONE_LINES - 5  # the limits are not slack enough to hide growth
