"""Which self-check answers the doctor summary lists, worded as the person saw them."""

from __future__ import annotations

from collections.abc import Callable

from app.insights.summary import AnswerSection
from app.quiz import Quiz, describe_answer
from app.records import AnswerValue

#: Quiz questions the doctor summary lists, by heading; ids missing from the quiz are skipped.
SUMMARY_QUESTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Warning signs asked about (latest check)",
        (
            "red_flags",
            "other_symptoms",
            "bells_signs",
            "symptoms_sudden",
            "symptoms_now",
            "spread",
            "pain",
            "daily_life",
        ),
    ),
    ("The twitching (latest check)", ("started", "frequency", "episode_length", "worsening")),
    ("Medicines (latest check)", ("medicines",)),
)


#: Summary labels that differ from the quiz's own. The Onset section already says
#: "First noticed" with the recorded date, so the check's coarse answer (relative to
#: the day of the check) must not read like a second, possibly different, date.
SUMMARY_LABELS: dict[str, str] = {"started": "Self-check answer, when it started"}


def summary_sections(quiz: Quiz) -> tuple[AnswerSection, ...]:
    """The doctor summary's answer sections, labelled with the quiz's own labels
    (except SUMMARY_LABELS)."""
    sections = []
    for title, ids in SUMMARY_QUESTIONS:
        questions = tuple(
            (qid, SUMMARY_LABELS.get(qid, q.label))
            for qid in ids
            if (q := quiz.question(qid)) is not None
        )
        if questions:
            sections.append(AnswerSection(title, questions))
    return tuple(sections)


def answer_formatter(quiz: Quiz) -> Callable[[str, AnswerValue], str]:
    """Answers worded as the person saw them (option labels, numbers with units)."""

    def fmt(question_id: str, value: AnswerValue) -> str:
        question = quiz.question(question_id)
        if question is None:
            return str(value)
        return describe_answer(question, value)

    return fmt
