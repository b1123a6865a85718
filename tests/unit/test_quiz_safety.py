"""The self-check's safety rules, over every answer path of the real quiz.

The rules are written here, not read from content/quiz.toml, so an edit to the
quiz that breaks one fails this file:
1. a FAST sign (face drooping on one side, one-sided arm or face weakness, slurred
   or strange speech) that came on suddenly, or may have ("not sure"), is an
   emergency, whichever screen it was entered on and even if it has passed;
2. "not sure" about a sign the guide says needs medical advice never gives
   self-care, and self-care needs a clear "no" to every one of them;
3. "why this result" states only what was answered: a "not sure" reads as
   "you weren't sure", never as a "no".
"""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from app.quiz import Quiz, QuizSession, evaluate
from app.records import AnswerValue
from tests.unit.quiz_paths import TierOf, all_paths
from tests.unit.quiz_strategies import finished_sessions, value_for

FAST_FIRST_SCREEN = ("face_droop", "arm_weakness", "speech")
FAST_LATER = {
    "other_symptoms": ("weakness", "drooping", "slurred"),
    "bells_signs": ("weakness", "eyelid"),
}
# Signs the guide says need medical advice, and the answer that says "unsure" to each.
UNSURE = {
    "red_flags": "not_sure",
    "other_symptoms": "not_sure",
    "bells_signs": "not_sure",
    "pain": "not_sure",
    "daily_life": "not_sure",
    "spread": "not_sure",
    "worsening": "not_sure",
    "started": "not_sure",
    "since_changes": "not_sure",
    "tried_changes": "not_sure",
}
CLEAR = {
    "red_flags": {("none",)},
    "other_symptoms": {("none",)},
    "bells_signs": {("none",)},
    "pain": {"no"},
    "daily_life": {"no"},
    "spread": {"no"},
    "worsening": {"better", "same"},
    "started": {"today", "days", "weeks"},
    "tried_changes": {"yes", "no"},
}
FILLER: dict[str, AnswerValue] = {
    "lip": "upper",
    "side": "both",
    "stress": "low",
    "sleep_hours": 8.0,
    "tired": "no",
    "caffeine": "no",
    "caffeine_cups": 0.0,
    "energy_drinks": "no",
    "nicotine": "no",
    "other_stimulants": "no",
    "water": "plenty",
    "foods": ("none",),
    "diet": "yes",
    "medicines": ("none",),
    "tried_changes": "no",
}
NO_TIMING = settings(deadline=None, max_examples=300)


def _chosen(value: AnswerValue | None) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,) if isinstance(value, str) else ()


def fast_sign_later(answers: dict[str, AnswerValue]) -> bool:
    return any(v in signs for q, signs in FAST_LATER.items() for v in _chosen(answers.get(q)))


def must_be_emergency(answers: dict[str, AnswerValue]) -> bool:
    if any(v in FAST_FIRST_SCREEN for v in _chosen(answers.get("red_flags"))):
        return True
    return fast_sign_later(answers) and answers.get("symptoms_sudden") in ("yes", "not_sure")


def unsure_of_a_sign(answers: dict[str, AnswerValue]) -> list[str]:
    return [q for q, v in UNSURE.items() if v in _chosen(answers.get(q))]


def all_clear(answers: dict[str, AnswerValue]) -> bool:
    if answers.get("since_changes") in ("same", "worse", "not_sure"):
        return False
    return all(answers.get(q) in ok for q, ok in CLEAR.items())


def check_rules(answers: dict[str, AnswerValue], tier: str) -> None:
    if must_be_emergency(answers):
        assert tier == "emergency", answers
    if unsure_of_a_sign(answers):
        assert tier != "self_care", answers
    if tier == "self_care":
        assert all_clear(answers), answers


@NO_TIMING
@given(finished_sessions())
def test_rules_hold_for_random_sessions_through_the_real_engine(session: QuizSession) -> None:
    answers = dict(session.answers)
    result = session.result()
    check_rules(answers, result.tier)
    if fast_sign_later(answers):
        shown = [q.id for q in session.visible]
        assert "symptoms_sudden" in shown, "every FAST sign leads to 'did it start suddenly'"
    if answers.get("symptoms_sudden") in ("yes", "not_sure"):
        assert "symptoms_now" in dict(session.answers), "sudden and still there: two questions"


@NO_TIMING
@given(finished_sessions())
def test_why_this_result_never_turns_unsure_into_no(session: QuizSession) -> None:
    answers = dict(session.answers)
    result = session.result()
    text = " ".join(result.reasons).lower()
    if unsure_of_a_sign(answers) and result.tier == "doctor_if_persists":
        assert "weren't sure" in text, result.reasons
    if unsure_of_a_sign(answers):
        assert "you said no" not in text
    if answers.get("worsening") not in ("better", "same"):
        assert "not getting worse" not in text


@NO_TIMING
@given(finished_sessions())
def test_every_result_says_how_soon_and_what_to_do_if_worse(session: QuizSession) -> None:
    result = session.result().with_number("999")
    assert result.time_frame and result.time_frame_label
    assert "not from the lip twitching guide" in result.time_frame_label
    assert result.not_a_diagnosis.startswith("This is not a diagnosis.")
    assert len(result.if_worse) >= 2, "a short list of steps, not one paragraph"
    for line in (result.tier_title, *result.next_steps, *result.if_worse, *result.signs):
        assert "{" not in line
    if result.tier == "emergency":
        assert "999" in result.tier_title
        assert any("time" in s.lower() and "started" in s.lower() for s in result.next_steps)
        assert [s.split(":")[0] for s in result.signs] == ["Face", "Arm", "Speech", "Time"]
        assert not any("worried" in s.lower() for s in (*result.next_steps, result.tier_text))


def test_not_sure_on_the_first_screen_goes_on_to_the_questions(quiz: Quiz) -> None:
    session = QuizSession.start(quiz).answer("red_flags", ["not_sure"])
    assert session.current is not None and not session.is_finished
    assert evaluate(quiz, {"red_flags": ("not_sure",)}).tier != "self_care"


def test_every_path_through_the_tier_questions_keeps_the_rules(quiz: Quiz) -> None:
    """The full enumeration: every distinct path, each checked against the rules."""
    tier_of = TierOf(quiz)
    reached: Counter[str] = Counter()
    for answers in all_paths(quiz, FILLER):
        tier = tier_of(answers)
        check_rules(answers, tier)
        reached[tier] += 1
    assert set(reached) == {"emergency", "doctor_soon", "doctor_if_persists", "self_care"}
    assert sum(reached.values()) > 100_000, reached
    print(f"paths={sum(reached.values())} tiers={dict(reached)}")


def test_the_fast_path_tiers_match_the_engine_on_samples(quiz: Quiz) -> None:
    """TierOf is only a faster way of asking the engine; prove it on a spread of paths."""
    tier_of = TierOf(quiz)
    for i, answers in enumerate(all_paths(quiz, FILLER)):
        if i % 997 == 0:
            assert tier_of(answers) == evaluate(quiz, answers).tier, answers


@NO_TIMING
@given(finished_sessions(), st.data())
def test_rules_hold_after_changing_any_answer_from_the_result(
    session: QuizSession, data: st.DataObject
) -> None:
    """A changed answer must not ride on follow-ups answered for the old one (ticking a
    new FAST sign asks again whether it started suddenly)."""
    for _ in range(data.draw(st.integers(1, 3))):
        q = data.draw(st.sampled_from(session.visible))
        session = session.go_to(q.id).answer(q.id, data.draw(value_for(q))).fast_forward()
        while session.current is not None:
            current = session.current
            session = session.answer(current.id, data.draw(value_for(current)))
        answers = dict(session.answers)
        check_rules(answers, session.result().tier)
        if fast_sign_later(answers):
            assert "symptoms_sudden" in answers


def test_ticking_a_new_fast_sign_asks_again_whether_it_was_sudden(quiz: Quiz) -> None:
    done = QuizSession.replay(
        quiz,
        {
            "red_flags": ("none",),
            "started": "days",
            "frequency": "daily",
            "episode_length": "seconds",
            "worsening": "same",
            "lip": "upper",
            "side": "both",
            "spread": "no",
            "pain": "no",
            "daily_life": "no",
            "other_symptoms": ("numbness",),
            "bells_signs": ("none",),
        },
    )
    assert "symptoms_sudden" not in dict(done.answers)
    weak = done.go_to("other_symptoms").answer("other_symptoms", ["weakness"])
    weak = weak.answer("bells_signs", ["none"]).answer("symptoms_sudden", "no")
    changed = weak.go_to("other_symptoms").answer("other_symptoms", ["slurred"]).fast_forward()
    assert changed.current is not None and changed.current.id == "symptoms_sudden"
    assert changed.answer_for("symptoms_sudden") is None
