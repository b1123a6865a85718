"""Health-rule properties over random answers to the real quiz (content/quiz.toml)."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from app.quiz import (
    InvalidAnswer,
    QuestionNotAvailable,
    QuizResult,
    QuizSession,
    check_answer,
    evaluate,
    explain_record,
    load_quiz,
)
from app.quiz.model import Question
from app.records import TIERS, AnswerValue
from tests.unit.quiz_strategies import finished_sessions, value_for

QUIZ = load_quiz()
RED_FLAGS = tuple(o.value for o in QUIZ.questions[0].options if not o.exclusive)
WARNING_SYMPTOMS = ("weakness", "numbness", "drooping", "slurred", "vision")
FAST_SYMPTOMS = ("weakness", "drooping", "slurred")  # standard emergency advice when sudden
FAST_BELLS = ("weakness", "eyelid")  # one-sided facial weakness on the Bell's palsy screen
SUDDEN_OR_MAYBE = ("yes", "not_sure")  # "not sure" if it was sudden counts as sudden
LISTED_MEDICINES = ("steroids", "estrogens", "antidepressants", "antipsychotics")
NO_TIMING = settings(deadline=None)


@st.composite
def any_answers(draw: st.DrawFn) -> dict[str, AnswerValue]:
    """Valid values for a random subset of questions, visible or not."""
    picked = draw(st.lists(st.sampled_from(QUIZ.questions), unique_by=lambda q: q.id))
    return {q.id: draw(value_for(q)) for q in picked}


@NO_TIMING
@given(finished_sessions())
def test_every_complete_answer_set_has_one_outcome_per_category(session: QuizSession) -> None:
    assert session.is_finished
    result = session.result()
    assert [c for c, _ in result.outcomes] == [c.id for c in QUIZ.categories]
    for cid, oid in result.outcomes:
        category = QUIZ.category(cid)
        assert category is not None and category.outcome(oid) is not None
    assert result.tier in TIERS and result.outcome("tier") == result.tier
    assert result.tier_title and result.tier_badge and result.next_steps and result.if_worse
    assert result.not_a_diagnosis.startswith("This is not a diagnosis.")
    assert result.learn_sections[0] == "when-to-see-a-doctor"
    assert result.reasons, "every result says why"
    record = result.to_record("id", datetime(2026, 1, 1, tzinfo=UTC))
    assert record.tier == result.tier


@NO_TIMING
@given(st.lists(st.sampled_from(RED_FLAGS), min_size=1, unique=True), any_answers())
def test_any_red_flag_means_emergency_and_ends_the_quiz(
    flags: list[str], others: dict[str, AnswerValue]
) -> None:
    session = QuizSession.start(QUIZ).answer("red_flags", flags)
    assert session.is_finished and session.current is None
    assert [q.id for q in session.visible] == ["red_flags"]
    assert session.result().tier == "emergency"
    # whatever else was answered, a red flag decides
    result = evaluate(QUIZ, {**others, "red_flags": tuple(flags)})
    assert result.tier == "emergency" and result.ended_early
    assert [qid for qid, _ in result.answers] == ["red_flags"]


@NO_TIMING
@given(any_answers())
def test_no_answer_set_raises(answers: dict[str, AnswerValue]) -> None:
    result = evaluate(QUIZ, answers)
    assert result.tier in TIERS
    assert len(result.outcomes) == len(QUIZ.categories)


@NO_TIMING
@given(finished_sessions())
def test_warning_signs_never_get_self_care(session: QuizSession) -> None:
    given_answers = dict(session.answers)
    result = session.result()
    symptoms = given_answers.get("other_symptoms", ())
    if any(s in WARNING_SYMPTOMS for s in symptoms) or given_answers.get("pain") == "yes":
        assert result.tier in ("emergency", "doctor_soon")
    if given_answers.get("symptoms_sudden") in SUDDEN_OR_MAYBE:
        assert result.tier == "emergency"
    bells = given_answers.get("bells_signs", ())
    if any(s in FAST_SYMPTOMS for s in symptoms) or any(s in FAST_BELLS for s in bells):
        # Each FAST sign on its own, on either screen, leads to "did it come on suddenly".
        assert "symptoms_sudden" in [q.id for q in session.visible]
    if given_answers.get("symptoms_sudden") in SUDDEN_OR_MAYBE:
        # ... and then to "is it still there now", which ends the check.
        assert [q.id for q in session.visible][-1] == "symptoms_now"


@NO_TIMING
@given(finished_sessions())
def test_emergency_only_for_the_fast_signs(session: QuizSession) -> None:
    """Emergency iff a FAST flag on the first screen, or a FAST sign on a later screen
    (weakness, drooping or slurred speech; one-sided face weakness or a drooping eyelid)
    that came on suddenly or may have: nothing else, and whether or not it has passed."""
    given_answers = dict(session.answers)
    result = session.result()
    flagged = any(f in RED_FLAGS for f in given_answers.get("red_flags", ()))
    symptoms = given_answers.get("other_symptoms", ())
    bells = given_answers.get("bells_signs", ())
    fast_later = any(s in FAST_SYMPTOMS for s in symptoms) or any(s in FAST_BELLS for s in bells)
    sudden = given_answers.get("symptoms_sudden") in SUDDEN_OR_MAYBE
    assert (result.tier == "emergency") == (flagged or (fast_later and sudden))
    if sudden:
        assert fast_later
    only_document_signs = isinstance(symptoms, tuple) and set(symptoms) <= {"numbness", "vision"}
    no_bells_fast = not any(s in FAST_BELLS for s in bells)
    if not flagged and symptoms and only_document_signs and no_bells_fast:
        assert result.tier == "doctor_soon"
        assert "symptoms_sudden" not in given_answers


@NO_TIMING
@given(finished_sessions())
def test_medicine_note_exactly_when_a_listed_medicine_is_taken(session: QuizSession) -> None:
    medicines = session.answer_for("medicines") or ()
    taken = any(m in LISTED_MEDICINES for m in medicines)
    unsure = medicines == ("not_sure",)
    result = session.result()
    note = result.medicine_note
    assert (note == "Talk to your doctor. Do not stop a prescribed medicine on your own.") == taken
    assert (result.outcome("medicine_note") == "talk_to_doctor") == taken
    assert (result.outcome("medicine_note") == "ask_if_not_sure") == unsure
    if unsure:
        assert note is not None and "pharmacist or your doctor" in note
        assert note.endswith("Do not stop a prescribed medicine on your own.")
    if not taken and not unsure:
        assert note is None and result.outcome("medicine_note") == "none"


@NO_TIMING
@given(finished_sessions())
def test_a_stored_result_explains_itself_the_same_way(session: QuizSession) -> None:
    result = session.result()
    record = result.to_record("id", datetime(2026, 1, 1, tzinfo=UTC))
    assert explain_record(QUIZ, record) == result


STEPS = st.lists(
    st.one_of(
        st.just(("back", None)),
        st.tuples(st.just("goto"), st.sampled_from([q.id for q in QUIZ.questions])),
        st.tuples(st.just("answer"), st.sampled_from([q.id for q in QUIZ.questions])),
    ),
    max_size=40,
)


@NO_TIMING
@given(STEPS, st.data())
def test_random_navigation_keeps_the_session_consistent(
    steps: list[tuple[str, str | None]], data: st.DataObject
) -> None:
    session = QuizSession.start(QUIZ)
    for action, qid in steps:
        try:
            if action == "back":
                session = session.back()
            elif action == "goto" and qid:
                session = session.go_to(qid)
            elif qid:
                q = QUIZ.question(qid)
                assert q is not None
                session = session.answer(qid, data.draw(value_for(q)))
        except QuestionNotAvailable:
            continue  # hidden or unknown question: a typed error, session unchanged
        visible = [q.id for q in session.visible]
        assert all(a in visible for a, _ in session.answers)
        assert session.cursor is None or session.cursor in visible
        assert 0 <= session.progress.answered <= session.progress.total
        if session.cursor is None:
            assert session.is_complete


@NO_TIMING
@given(
    st.sampled_from(QUIZ.questions),
    st.one_of(st.text(max_size=5), st.integers(), st.floats(), st.lists(st.text(max_size=3))),
)
def test_bad_input_only_raises_typed_errors(question: Question, raw: object) -> None:
    try:
        value = check_answer(question, raw)  # type: ignore[arg-type]
    except InvalidAnswer as exc:
        assert exc.field == question.id and exc.problem
    else:
        assert evaluate(QUIZ, {question.id: value}).tier in TIERS


EMERGENCY_STEPS = (
    "Call {number} now.",
    "Do not wait to see if the signs pass.",
    "Note the time the signs started. Tell the call taker.",
)
FAST_LETTERS = ["Face", "Arm", "Speech", "Time"]


def _emergency_wording_is_intact(result: QuizResult) -> None:
    """Pinned here, not read from the quiz file, so editing the file cannot soften it."""
    assert result.tier_title == "Call {number} now"
    assert tuple(result.next_steps[:3]) == EMERGENCY_STEPS
    assert "Call even if the signs go away." in result.if_worse
    assert result.time_frame.startswith("Now.")
    assert [sign.split(":")[0] for sign in result.signs] == FAST_LETTERS
    filled = result.with_number("999")
    assert filled.tier_title == "Call 999 now"
    assert filled.next_steps[0] == "Call 999 now."
    assert filled.signs[-1] == "Time: call 999 right away."
    shown = (filled.tier_title, filled.tier_text, filled.time_frame, *filled.next_steps)
    assert not any("{" in text for text in (*shown, *filled.if_worse, *filled.signs))


@NO_TIMING
@given(st.lists(st.sampled_from(["face_droop", "arm_weakness", "speech"]), min_size=1, unique=True))
def test_each_fast_red_flag_gives_the_pinned_emergency_advice(flags: list[str]) -> None:
    result = QuizSession.start(QUIZ).answer("red_flags", flags).result()
    assert result.tier == "emergency"
    _emergency_wording_is_intact(result)


def _signs_on(screen: str, options: tuple[str, ...]) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(options), min_size=1, unique=True).map(
        lambda picked: tuple(o.value for o in _q(screen).options if o.value in picked)
    )


def _q(qid: str) -> Question:
    q = QUIZ.question(qid)
    assert q is not None
    return q


@NO_TIMING
@given(
    st.one_of(
        st.tuples(_signs_on("other_symptoms", FAST_SYMPTOMS), st.just(("none",))),
        st.tuples(st.just(("none",)), _signs_on("bells_signs", FAST_BELLS)),
    ),
    st.sampled_from(SUDDEN_OR_MAYBE),
    st.sampled_from(["yes", "no", "not_sure"]),
)
def test_any_sudden_fast_sign_alone_is_an_emergency(
    screens: tuple[tuple[str, ...], tuple[str, ...]], sudden: str, still_there: str
) -> None:
    """On either screen, sudden or maybe sudden, still there, gone or unsure: call now."""
    other, bells = screens
    base = {q: v for q, v in QUIZ.tests[0].answers if q not in ("symptoms_sudden", "symptoms_now")}
    answers = {**base, "red_flags": ("none",), "other_symptoms": other, "bells_signs": bells}
    session = QuizSession.replay(QUIZ, answers)
    assert session.current is not None and session.current.id == "symptoms_sudden"
    session = session.answer("symptoms_sudden", sudden)
    assert session.current is not None and session.current.id == "symptoms_now"
    session = session.answer("symptoms_now", still_there)
    assert session.is_finished
    result = session.result()
    assert result.tier == "emergency"
    assert result.ended_early and result.triggers == ()
    _emergency_wording_is_intact(result)
