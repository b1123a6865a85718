"""The session as the UI drives it: answer, back, change, progress, typed errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.errors import ValidationError
from app.quiz import (
    AnswerOutOfRange,
    InvalidAnswer,
    QuestionNotAvailable,
    QuizNotFinished,
    QuizSession,
    UnknownOption,
    evaluate,
    explain_record,
    load_quiz,
)
from app.quiz.model import Quiz

MINI = Path(__file__).parent / "quiz_fixtures" / "valid_minimal.toml"


@pytest.fixture(scope="module")
def mini() -> Quiz:
    return load_quiz(MINI)


def ids(session: QuizSession) -> list[str]:
    return [q.id for q in session.visible]


def test_start_shows_the_red_flag_screen_first(quiz: Quiz) -> None:
    session = QuizSession.start(quiz)
    assert session.current is not None and session.current.id == "red_flags"
    assert not session.can_go_back
    assert session.progress.answered == 0
    assert not session.is_finished


def test_progress_counts_only_visible_questions(mini: Quiz) -> None:
    s = QuizSession.start(mini).answer("flags", ["none"])
    assert (s.progress.answered, s.progress.total) == (1, 3)
    s = s.answer("hours", 7).answer("tired", "yes")  # the follow-up appears
    assert (s.progress.answered, s.progress.total) == (3, 4)
    assert s.progress.fraction == pytest.approx(0.75)
    s = s.answer("follow", "no")
    assert s.progress.fraction == 1.0 and s.is_finished and s.current is None


def test_back_walks_through_visible_questions_and_keeps_answers(mini: Quiz) -> None:
    s = QuizSession.start(mini).answer("flags", ["none"]).answer("hours", 6).answer("tired", "no")
    assert s.is_finished
    s = s.back()
    assert s.current is not None and s.current.id == "tired"
    assert not s.is_finished and s.answer_for("tired") == "no"
    s = s.back().back()
    assert s.current is not None and s.current.id == "flags"
    assert s.back() == s  # nothing before the first question
    assert s.answer_for("hours") == 6.0


def test_changing_an_answer_drops_answers_that_become_hidden(mini: Quiz) -> None:
    s = QuizSession.replay(mini, {"flags": ["none"], "hours": 8, "tired": "yes", "follow": "yes"})
    assert s.is_finished and s.result().tier == "doctor_soon"
    s = s.go_to("tired").answer("tired", "no")
    assert "follow" not in dict(s.answers)
    assert ids(s) == ["flags", "hours", "tired"]
    assert s.is_finished and s.result().tier == "self_care"


def test_changing_an_early_answer_walks_on_through_saved_answers(mini: Quiz) -> None:
    s = QuizSession.replay(mini, {"flags": ["none"], "hours": 8, "tired": "no"})
    s = s.go_to("hours").answer("hours", 5)
    assert s.current is not None and s.current.id == "tired"
    assert s.answer_for("tired") == "no" and s.is_complete and not s.is_finished
    assert s.answer("tired", "no").is_finished


def test_a_red_flag_ends_the_quiz_after_the_first_screen(quiz: Quiz) -> None:
    s = QuizSession.start(quiz).answer("red_flags", ["speech"])
    assert s.is_finished and ids(s) == ["red_flags"]
    result = s.result()
    assert result.tier == "emergency" and result.ended_early
    assert result.attribution.startswith("This is standard emergency advice")
    assert "not from the lip twitching guide" in result.attribution
    assert result.tier_title == "Call {number} now"
    assert result.with_number("999").tier_title == "Call 999 now"
    assert [sign.split(":")[0] for sign in result.signs] == ["Face", "Arm", "Speech", "Time"]
    with pytest.raises(QuestionNotAvailable):
        s.answer("started", "today")


def test_changing_a_red_flag_back_to_none_resumes_the_quiz(quiz: Quiz) -> None:
    s = QuizSession.start(quiz).answer("red_flags", ["speech"]).back()
    s = s.answer("red_flags", ["none"])
    assert s.current is not None and s.current.id == "started"
    assert not s.is_finished


@pytest.mark.parametrize(
    ("value", "problem"),
    [(25, "Enter a number from 0 to 24 hours."), (-1, "Enter a number from 0 to 24 hours.")],
)
def test_number_outside_range_is_a_typed_error(quiz: Quiz, value: float, problem: str) -> None:
    s = QuizSession.replay(quiz, {"red_flags": ["none"]})
    with pytest.raises(AnswerOutOfRange) as caught:
        _at(s, "sleep_hours").answer("sleep_hours", value)
    err = caught.value
    assert isinstance(err, ValidationError) and err.field == "sleep_hours"
    assert err.problem == problem and (err.minimum, err.maximum) == (0, 24)


def _at(session: QuizSession, qid: str) -> QuizSession:
    answers = {
        "started": "days",
        "frequency": "daily",
        "episode_length": "seconds",
        "worsening": "same",
        "lip": "upper",
        "side": "both",
        "spread": "no",
        "pain": "no",
        "daily_life": "no",
        "other_symptoms": ["none"],
        "bells_signs": ["none"],
        "stress": "low",
    }
    while session.current is not None and session.current.id != qid:
        session = session.answer(session.current.id, answers[session.current.id])
    return session


def test_number_steps_whole_numbers_and_text_input(quiz: Quiz) -> None:
    s = _at(QuizSession.replay(quiz, {"red_flags": ["none"]}), "sleep_hours")
    assert s.answer("sleep_hours", "6.5").answer_for("sleep_hours") == 6.5
    assert s.answer("sleep_hours", "6,5").answer_for("sleep_hours") == 6.5
    with pytest.raises(InvalidAnswer, match="steps of 0.5"):
        s.answer("sleep_hours", 6.2)
    with pytest.raises(InvalidAnswer, match="Enter a number"):
        s.answer("sleep_hours", "lots")
    with pytest.raises(InvalidAnswer):
        s.answer("sleep_hours", float("nan"))
    s = s.answer("sleep_hours", 6).answer("tired", "no").answer("caffeine", "yes")
    with pytest.raises(InvalidAnswer, match="whole number"):
        s.answer("caffeine_cups", 2.5)


def test_invalid_options_are_typed_errors(quiz: Quiz) -> None:
    s = QuizSession.start(quiz)
    with pytest.raises(UnknownOption, match="not one of the choices"):
        s.answer("red_flags", ["headache"])
    with pytest.raises(InvalidAnswer, match="cannot be combined"):
        s.answer("red_flags", ["none", "speech"])
    with pytest.raises(InvalidAnswer, match="at least one"):
        s.answer("red_flags", [])
    with pytest.raises(InvalidAnswer):
        s.answer("red_flags", "none")  # a multi question needs a list
    s = s.answer("red_flags", ["none"])
    with pytest.raises(UnknownOption):
        s.answer("started", "yesterday")
    with pytest.raises(QuestionNotAvailable, match="no such question"):
        s.answer("mood", "fine")


def test_hidden_follow_up_cannot_be_answered(quiz: Quiz) -> None:
    s = QuizSession.replay(quiz, {"red_flags": ["none"]})
    with pytest.raises(QuestionNotAvailable, match="not shown"):
        s.answer("since_changes", "same")


def test_result_before_the_end_is_refused(mini: Quiz) -> None:
    with pytest.raises(QuizNotFinished):
        QuizSession.start(mini).answer("flags", ["none"]).result()


def test_sessions_are_values(mini: Quiz) -> None:
    start = QuizSession.start(mini)
    after = start.answer("flags", ["none"])
    assert start.answers == () and after.answers == (("flags", ("none",)),)
    assert QuizSession.start(mini).answer("flags", ["none"]) == after


def test_multi_answers_are_stored_in_option_order(quiz: Quiz) -> None:
    s = QuizSession.start(quiz).answer("red_flags", ["speech", "face_droop", "speech"])
    assert s.answer_for("red_flags") == ("face_droop", "speech")


def test_result_round_trips_through_a_record(quiz: Quiz) -> None:
    answers = dict(quiz.tests[0].answers) | {"water": "low", "medicines": ("steroids",)}
    result = QuizSession.replay(quiz, answers).result()
    taken = datetime(2026, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    record = result.to_record("r1", taken)
    assert record.quiz_id == "lip-twitch-check" and record.quiz_version == quiz.version
    assert record.tier == result.tier and record.triggers == result.trigger_ids
    assert record.suggested_habits == ("hydration_reminder", "bedtime_reminder")
    again = explain_record(quiz, record)
    assert again == result
    assert (
        again.medicine_note == "Talk to your doctor. Do not stop a prescribed medicine on your own."
    )


def test_a_record_from_an_older_quiz_keeps_what_the_person_was_told(quiz: Quiz) -> None:
    result = QuizSession.replay(quiz, dict(quiz.tests[0].answers)).result()
    record = result.to_record("r2", datetime(2025, 1, 1, tzinfo=UTC))
    old = type(record)(
        **{
            **record.__dict__,
            "quiz_version": "0.9",
            "triggers": ("stress", "gone_trigger"),
            "answers": (*record.answers, ("removed_question", "x"), ("stress", "unknown")),
        },
    )
    shown = explain_record(quiz, old)
    assert not shown.same_quiz_version
    assert shown.tier == "self_care" and shown.trigger_ids == ("stress",)
    assert shown.reasons == record.reasons
    assert shown.tier_title == "Self-care is a good first step"


def test_evaluate_ignores_answers_to_hidden_questions(quiz: Quiz) -> None:
    answers = dict(quiz.tests[0].answers) | {"since_changes": "worse"}
    assert evaluate(quiz, answers).tier == "self_care"
    assert "since_changes" not in dict(evaluate(quiz, answers).answers)
