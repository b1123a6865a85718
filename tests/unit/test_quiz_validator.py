"""Each broken fixture must fail at load with a message naming the file and the id."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import ContentError
from app.quiz import load_quiz, run_embedded_tests

FIXTURES = Path(__file__).parent / "quiz_fixtures"

# fixture name -> (text expected in the field, text expected in the problem)
BROKEN = {
    "bad_toml": ("toml", "not valid TOML"),
    "unknown_key": ("question follow", "enable_wen"),
    "unknown_condition_id": ("question follow.enable_when", "unknown question 'nope'"),
    "unknown_option_in_condition": ("question follow.enable_when", "no option 'maybe'"),
    "cycle": ("question", "cycle"),
    "unreachable_later_question": ("question hours.enable_when", "asked later"),
    "unreachable_never_true": ("question follow.enable_when", "can never be true"),
    "unreachable_after_red_flag": ("question follow.enable_when", "can never be true"),
    "no_default": ("category tier rule default", "no default"),
    "default_not_last": ("category tier rule red_flag", "only the last rule"),
    "duplicate_option": ("question flags option droop", "used 2 times"),
    "duplicate_question_id": ("question tired", "used 2 times"),
    "number_min_over_max": ("question hours", "min 30 is more than max 24"),
    "condition_impossible_number": ("category tier rule tired_follow_up", "impossible"),
    "unknown_score_dimension": ("score rule short_sleep", "'coffee'"),
    "unknown_outcome_in_rule": ("category tier rule tired_follow_up", "'see_someone'"),
    "missing_tier_outcome": ("category tier", "doctor_if_persists"),
    "red_flags_not_first": ("question flags", "red-flag"),
    "unknown_learn_section": ("trigger sleep", "'faq'"),
    "test_unknown_question": ("test basic", "'mood'"),
    "test_unknown_value": ("test basic.answers.tired", "'maybe'"),
    "test_number_out_of_range": ("test basic.answers.hours", "0 to 24"),
    "test_unknown_outcome": ("test basic.expect.tier", "'relax'"),
    "wrong_test_for_type": ("question follow.enable_when", "'equals' cannot test number"),
    "missing_time_frame": ("category tier outcome self_care", "time_frame is required"),
    "emergency_title_without_number": ("category tier outcome emergency", "{number}"),
    "unknown_placeholder": ("category tier outcome doctor_soon", "'Call {numbr}'"),
}


def test_every_broken_fixture_is_listed() -> None:
    on_disk = {p.stem for p in FIXTURES.glob("*.toml")}
    assert set(BROKEN) == on_disk - {
        "valid_minimal",
        "failing_embedded_test",
        "hidden_answer_embedded_test",
    }


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_quiz_names_file_and_id(name: str) -> None:
    path = FIXTURES / f"{name}.toml"
    field, problem = BROKEN[name]
    with pytest.raises(ContentError) as caught:
        load_quiz(path)
    err = caught.value
    assert err.file == str(path)
    assert f"{name}.toml" in str(err)
    assert field in err.field, err
    assert problem in err.problem, err


def test_the_valid_base_loads_and_its_case_passes() -> None:
    quiz = load_quiz(FIXTURES / "valid_minimal.toml")
    assert [q.id for q in quiz.questions] == ["flags", "hours", "tired", "follow"]
    assert run_embedded_tests(quiz) == ()


def test_a_wrong_expectation_is_reported_with_file_and_case() -> None:
    problems = run_embedded_tests(load_quiz(FIXTURES / "failing_embedded_test.toml"))
    assert len(problems) == 1
    assert "failing_embedded_test.toml" in problems[0]
    assert "test basic" in problems[0]
    assert "expected 'doctor_soon', got 'self_care'" in problems[0]


def test_a_case_answering_a_hidden_question_fails() -> None:
    problems = run_embedded_tests(load_quiz(FIXTURES / "hidden_answer_embedded_test.toml"))
    assert problems and "not shown: follow" in problems[0]


def test_a_missing_file_is_a_content_error(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        load_quiz(tmp_path / "quiz.toml")
    assert "quiz.toml" in str(caught.value)
