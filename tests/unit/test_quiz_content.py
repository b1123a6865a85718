"""The shipped quiz: embedded cases pass, every topic of the document is asked, wording is safe."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.quiz import QuizSession, run_embedded_tests
from app.quiz.conditions import leaves
from app.quiz.model import LEARN_SECTIONS, Question, Quiz

ROOT = Path(__file__).resolve().parents[2]


def words(q: Question) -> str:
    return " ".join([q.text, q.help or "", *(o.label for o in q.options)]).lower()


def test_quiz_has_id_and_version(quiz: Quiz) -> None:
    assert quiz.id == "lip-twitch-check" and re.fullmatch(r"\d+\.\d+\.\d+", quiz.version)


def test_every_embedded_case_passes(quiz: Quiz) -> None:
    assert len(quiz.tests) >= 15
    assert run_embedded_tests(quiz) == ()


def test_embedded_cases_reach_every_tier(quiz: Quiz) -> None:
    tiers = {dict(case.expect).get("tier") for case in quiz.tests}
    assert {"emergency", "doctor_soon", "doctor_if_persists", "self_care"} <= tiers


# topic from the document / issue -> (question id, words its text, help or options must contain)
COVERAGE = {
    "when it started": ("started", ["when", "notice"]),
    "how long it lasts": ("episode_length", ["how long"]),
    "how often": ("frequency", ["how often"]),
    "upper or lower lip": ("lip", ["upper lip", "lower lip"]),
    "one side": ("side", ["one side"]),
    "spread beyond the lip": (
        "spread",
        ["spread past your lip", "lots of muscles", "benign fasciculation syndrome"],
    ),
    "worsening": ("worsening", ["getting worse"]),
    "pain": ("pain", ["hurt", "feel bad"]),
    "eating or speaking": ("daily_life", ["eating", "talking"]),
    "warning signs": (
        "other_symptoms",
        [
            "weak muscles",
            "numbness",
            "face droops",
            "slurred or strange speech",
            "changes in how i see",
            "not sure",
        ],
    ),
    "sudden onset": ("symptoms_sudden", ["all of a sudden", "not sure"]),
    "still there now (standard emergency advice)": ("symptoms_now", ["still", "now", "gone away"]),
    "stress and anxiety": ("stress", ["stressed", "worried"]),
    "hours of sleep": ("sleep_hours", ["hours", "sleep"]),
    "fatigue": ("tired", ["tired"]),
    "caffeine": ("caffeine", ["caffeine", "coffee"]),
    "caffeine amount": ("caffeine_cups", ["a day"]),
    "energy drinks": ("energy_drinks", ["energy drinks"]),
    "nicotine": ("nicotine", ["nicotine"]),
    "other stimulants": ("other_stimulants", ["other stimulants"]),
    "water intake": ("water", ["water", "glasses"]),
    "potassium foods": ("foods", ["bananas", "avocados", "spinach", "broccoli", "potassium"]),
    "magnesium and balanced diet": ("diet", ["magnesium", "potassium", "balanced"]),
    "medicines": ("medicines", ["steroids", "estrogens", "antidepressants", "antipsychotics"]),
    "bell's palsy signs": (
        "bells_signs",
        [
            "one side of your face",
            "trouble moving my face",
            "drooping eyelid",
            "jaw or ear",
            "bell's palsy",
            "not sure",
        ],
    ),
    "lifestyle changes tried": (
        "tried_changes",
        ["tried changes", "less stress", "more sleep", "less caffeine", "more water"],
    ),
    "persists despite changes": ("since_changes", ["about the same", "worse"]),
}


@pytest.mark.parametrize("topic", sorted(COVERAGE))
def test_every_topic_of_the_document_is_asked(quiz: Quiz, topic: str) -> None:
    qid, needed = COVERAGE[topic]
    q = quiz.question(qid)
    assert q is not None, topic
    for word in needed:
        assert word in words(q), f"{qid}: {word!r}"


def test_sleep_hours_is_a_number_with_a_unit_and_range(quiz: Quiz) -> None:
    q = quiz.question("sleep_hours")
    assert q is not None and q.type == "number" and q.unit == "hours"
    assert (q.min, q.max) == (0, 24)


def test_the_red_flag_screen_comes_first(quiz: Quiz) -> None:
    first = quiz.questions[0]
    assert first.text == (
        "Did any of these start all of a sudden? Tick it even if it has gone away."
    )
    assert first.type == "multi" and first.enable_when is None
    labels = [o.label for o in first.options]
    # Only the FAST stroke signs (standard emergency advice), plus "none" and "not sure".
    assert labels == [
        "One side of my face droops",
        "One arm is weak",
        "My speech is slurred or strange",
        "None of these",
        "I'm not sure",
    ]
    assert [o.exclusive for o in first.options] == [False, False, False, True, True]
    assert "standard emergency advice" in (first.help or "")
    # Each FAST sign ends the check at once; "none" and "not sure" go on to the questions.
    for value in ("face_droop", "arm_weakness", "speech"):
        assert QuizSession.start(quiz).answer(first.id, [value]).is_finished, value
    for value in ("none", "not_sure"):
        after = QuizSession.start(quiz).answer(first.id, [value])
        assert not after.is_finished and after.current is not None, value
        assert after.current.id == "started", value


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.:;])\s+", text) if s]


def test_emergency_wording_names_only_the_fast_signs(quiz: Quiz) -> None:
    """Numbness and vision changes are the document's 'seek medical advice', never an emergency."""
    texts = [q.text + " " + (q.help or "") for q in quiz.questions]
    texts += [o.label for q in quiz.questions for o in q.options]
    texts += [
        " ".join(
            [o.title, o.badge, o.text, o.time_frame, o.attribution, *o.next_steps, *o.if_worse]
        )
        for c in quiz.categories
        for o in c.outcomes
    ]
    texts += [s for c in quiz.categories for o in c.outcomes for s in o.signs]
    texts += [r.reason or "" for c in quiz.categories for r in c.rules]
    texts += [
        leaf.reason or ""
        for c in quiz.categories
        for r in c.rules
        if r.when is not None
        for leaf in leaves(r.when)
    ]
    pattern = r"emergency|stroke|call \{number\}|call for help"
    emergency_sentences = [
        s for text in texts for s in _sentences(text) if re.search(pattern, s, re.I)
    ]
    assert len(emergency_sentences) >= 8
    for sentence in emergency_sentences:
        lowered = sentence.lower()
        assert not re.search(r"\bnumbness\b|\bvision\b|how (you|i) see", lowered), sentence
        assert "arm or leg" not in lowered, sentence
    red_flags = quiz.questions[0]
    assert red_flags.ends_quiz_when is not None
    # "Came on suddenly" no longer ends the check: "still there now" is asked after it,
    # and the check ends there whatever the answer (a sign that passed is an emergency too).
    sudden = quiz.question("symptoms_sudden")
    now = quiz.question("symptoms_now")
    assert sudden is not None and sudden.ends_quiz_when is None
    assert now is not None and now.ends_quiz_when is not None


def test_sudden_numbness_or_vision_changes_mean_a_doctor_soon(quiz: Quiz) -> None:
    base = dict(quiz.tests[0].answers)
    for symptoms in (("numbness",), ("vision",), ("numbness", "vision")):
        session = QuizSession.replay(quiz, {**base, "other_symptoms": symptoms})
        shown = [q.id for q in session.visible]
        assert "symptoms_sudden" not in shown, symptoms
        assert session.is_finished and session.result().tier == "doctor_soon", symptoms


# The why/tip lines are plain paraphrases of the document (grade 6), so each must keep
# the document's key terms: the cause it names and the remedy it gives, nothing else.
FROM_DOCUMENT = {
    "stress": ["stress", "fight or flight", "tight", "deep breath", "meditation", "yoga"],
    "sleep": ["too little sleep", "worn out", "spasm", "nerves", "rest", "recover"],
    "stimulants": [
        "caffeine",
        "stimulants",
        "nerves",
        "nicotine",
        "energy drinks",
        "talk to your doctor before you change it",
    ],
    "dehydration": ["water", "electrolytes", "balance", "spasm or cramp", "nerves and muscles"],
    "nutrition": [
        "potassium",
        "magnesium",
        "bananas",
        "avocados",
        "spinach",
        "broccoli",
        "multivitamin",
        "ask a doctor",
    ],
    "medication": [
        "steroids, estrogens, antidepressants and antipsychotics",
        "side effect",
        "do not stop a prescribed medicine on your own",
    ],
}


@pytest.mark.parametrize("trigger_id", sorted(FROM_DOCUMENT))
def test_trigger_wording_follows_the_document(quiz: Quiz, trigger_id: str) -> None:
    trigger = quiz.trigger(trigger_id)
    assert trigger is not None
    text = f"{trigger.why} {trigger.tip}".lower()
    for phrase in FROM_DOCUMENT[trigger_id]:
        assert phrase in text, phrase
    assert trigger.learn_section in LEARN_SECTIONS and trigger.tip_section in LEARN_SECTIONS


def test_learn_links_match_the_learn_content(quiz: Quiz) -> None:
    """The Learn pages use exactly these ids; the quiz must only link to them."""
    on_disk = {
        m.group(1)
        for p in (ROOT / "content").glob("*.md")
        if (m := re.search(r"^id:\s*(\S+)", p.read_text(encoding="utf-8"), re.M))
    }
    used = {quiz.always_learn}
    used |= {s for t in quiz.triggers for s in (t.learn_section, t.tip_section)}
    used |= {s for c in quiz.categories for r in c.rules for s in r.learn}
    assert used <= set(LEARN_SECTIONS)
    if on_disk:  # the Learn pages are another author's files; check them once they exist
        assert on_disk == set(LEARN_SECTIONS)


def test_tiers_read_differently_without_colour(quiz: Quiz) -> None:
    tier = quiz.category("tier")
    assert tier is not None
    titles = [o.title for o in tier.outcomes]
    badges = [o.badge for o in tier.outcomes]
    assert len(set(titles)) == len(set(badges)) == 4
    emergency = tier.outcome("emergency")
    assert emergency is not None
    assert emergency.title == "Call {number} now"
    assert "standard emergency advice" in emergency.attribution.lower()
    for word in ("Face", "Arm", "Speech", "Time"):
        assert word in emergency.attribution
    # The FAST signs are listed one by one, in order, each naming its letter.
    assert [s.split(":")[0] for s in emergency.signs] == ["Face", "Arm", "Speech", "Time"]
    assert "call {number}" in emergency.signs[-1].lower()
    for o in tier.outcomes:
        assert o.time_frame and o.if_worse, o.id
        if o.id == "emergency":
            continue
        calls = [step for step in o.if_worse if "call {number} now" in step]
        assert len(calls) == 1, o.id
        assert "standard emergency advice" in calls[0], o.id
    # The 2-week rule is stated on the two calm results.
    for oid in ("doctor_if_persists", "self_care"):
        outcome = tier.outcome(oid)
        assert outcome is not None and "2 weeks" in outcome.time_frame, oid


def test_no_wording_suggests_stopping_a_medicine(quiz: Quiz) -> None:
    texts = [q.text + " " + (q.help or "") for q in quiz.questions]
    texts += [t.tip + " " + t.why for t in quiz.triggers]
    texts += [
        " ".join([o.text, o.time_frame, *o.if_worse, *o.next_steps])
        for c in quiz.categories
        for o in c.outcomes
    ]
    texts += [r.reason or "" for c in quiz.categories for r in c.rules]
    checked = 0
    for text in texts:
        lowered = text.lower()
        if "stop" in lowered and "medicine" in lowered:
            assert "do not stop a prescribed medicine" in lowered, text
            checked += 1
        if re.search(r"\bchange\b", lowered) and "medicine" in lowered:
            # e.g. a stimulant taken "to feel more alert" may be a prescribed medicine
            assert "talk to your doctor" in lowered, text
            checked += 1
    assert checked >= 4


# The path the end-to-end test clicks through, by the labels a person sees.
LIFESTYLE_PATH = [
    ("red_flags", ["None of these"]),
    ("started", "In the last few days"),
    ("frequency", "Once or a few times a day"),
    ("episode_length", "A few seconds"),
    ("worsening", "About the same"),
    ("lip", "Upper lip"),
    ("side", "Both sides, or the middle"),
    ("spread", "No"),
    ("pain", "No"),
    ("daily_life", "No"),
    ("other_symptoms", ["None of these"]),
    ("bells_signs", ["None of these"]),
    ("stress", "A little"),
    ("sleep_hours", "5"),
    ("tired", "Yes"),
    ("caffeine", "Yes"),
    ("caffeine_cups", "6"),
    ("energy_drinks", "No"),
    ("nicotine", "No"),
    ("other_stimulants", "No"),
    ("water", "8 glasses or more"),
    ("foods", ["Bananas", "Spinach"]),
    ("diet", "Mostly yes"),
    ("medicines", ["None of these"]),
    ("tried_changes", "No"),
]


def by_label(q: Question, shown: str | list[str]) -> str | list[str]:
    if q.type == "number":
        return shown if isinstance(shown, str) else shown[0]
    values = {o.label: o.value for o in q.options}
    return [values[s] for s in shown] if isinstance(shown, list) else values[shown]


def test_lifestyle_profile_by_labels_gives_self_care_with_sleep_and_stimulants(quiz: Quiz) -> None:
    session = QuizSession.start(quiz)
    for qid, shown in LIFESTYLE_PATH:
        q = session.current
        assert q is not None and q.id == qid, f"expected {qid}, screen shows {q and q.id}"
        session = session.answer(qid, by_label(q, shown))
    assert session.is_finished
    result = session.result()
    assert result.tier == "self_care"
    assert result.tier_title == "Self-care is a good first step"
    assert result.trigger_ids[:2] == ("sleep", "stimulants")
    assert result.triggers[0].title == "Lack of sleep or tiredness"
    assert result.triggers[1].title == "Caffeine and other stimulants"
    assert result.suggested_habits == ("bedtime_reminder",)
    assert result.medicine_note is None
    assert "when-to-see-a-doctor" in result.learn_sections


def test_red_flag_path_by_label(quiz: Quiz) -> None:
    q = quiz.questions[0]
    session = QuizSession.start(quiz).answer(q.id, by_label(q, ["One side of my face droops"]))
    result = session.result()
    assert session.is_finished and result.tier == "emergency"
    assert result.tier_title == "Call {number} now"
    assert result.with_number("112").tier_title == "Call 112 now"
    assert result.reasons == ("Stroke signs that started suddenly: One side of my face droops",)
    assert result.triggers == ()
