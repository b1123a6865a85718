"""Plain words: every text of the self-check reads at or below US grade 6, in short sentences.

A worried person reads these texts, often on a phone and in a hurry. The grade is the
Flesch-Kincaid grade from textstat (pure Python, works offline). Short headings are left
out on purpose: category titles ("What to do next") and the titles of the non-tier
outcomes ("About your medicines") are a few words long, and a grade formula means
nothing on a heading. Tier titles are measured: the emergency title is the call to act.
"""

from __future__ import annotations

import re

import pytest
import textstat

from app.quiz import load_quiz
from app.quiz.conditions import leaves
from app.quiz.model import Quiz

MAX_GRADE = 6.0
MAX_SENTENCE_WORDS = 25
NUMBER = "911"  # what "{number}" becomes on screen; measured as the person reads it

QUIZ = load_quiz()


def quiz_texts(quiz: Quiz) -> list[tuple[str, str]]:
    """(where, text) for every text the person reads, "{number}" filled in."""
    out: list[tuple[str, str]] = [
        ("quiz intro", quiz.intro),
        ("quiz not_a_diagnosis", quiz.not_a_diagnosis),
        ("quiz time_frame_label", quiz.time_frame_label),
        ("quiz triggers_label", quiz.triggers_label),
    ]
    for q in quiz.questions:
        out.append((f"question {q.id} text", q.text))
        if q.help:
            out.append((f"question {q.id} help", q.help))
    for t in quiz.triggers:
        out += [(f"trigger {t.id} why", t.why), (f"trigger {t.id} tip", t.tip)]
    for c in quiz.categories:
        for o in c.outcomes:
            where = f"category {c.id} outcome {o.id}"
            if c.id == "tier":
                out += [
                    (f"{where} title", o.title),
                    (f"{where} text", o.text),
                    (f"{where} time_frame", o.time_frame),
                    (f"{where} attribution", o.attribution),
                ]
                out += [(f"{where} next_steps[{i}]", s) for i, s in enumerate(o.next_steps)]
                out += [(f"{where} if_worse[{i}]", s) for i, s in enumerate(o.if_worse)]
                out += [(f"{where} signs[{i}]", s) for i, s in enumerate(o.signs)]
            elif o.text:  # e.g. the medicine notes
                out.append((f"{where} text", o.text))
        for r in c.rules:
            where = f"category {c.id} rule {r.id}"
            if r.reason:
                out.append((f"{where} reason", r.reason))
            if r.when is not None:
                found = [leaf.reason for leaf in leaves(r.when) if leaf.reason]
                out += [(f"{where} leaf reason {i}", s) for i, s in enumerate(found)]
    return [(where, text.replace("{number}", NUMBER)) for where, text in out if text]


TEXTS = quiz_texts(QUIZ)


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def test_the_walk_finds_every_kind_of_text() -> None:
    """Guards the walk itself: if a field stops being read, this fails, not silently passes."""
    kinds = {re.sub(r"\[\d+\]| \d+$", "", where).split(" ")[-1] for where, _ in TEXTS}
    assert kinds >= {
        "intro",
        "not_a_diagnosis",
        "time_frame_label",
        "triggers_label",
        "text",
        "help",
        "why",
        "tip",
        "title",
        "time_frame",
        "attribution",
        "next_steps",
        "if_worse",
        "signs",
        "reason",
    }
    assert any("leaf reason" in where for where, _ in TEXTS)
    assert any(w.startswith("category medicine_note outcome ask_if_not_sure") for w, _ in TEXTS)
    assert not any("{" in text for _, text in TEXTS)
    assert len(TEXTS) > 100


def test_the_measure_tells_plain_from_hard() -> None:
    """The grade formula really separates the two, so a pass below means something."""
    plain = "Call 911 now. Do not wait to see if the signs pass."
    hard = (
        "Nutritional deficiencies, especially in minerals like potassium and magnesium, "
        "are linked to muscle twitching through dysregulated neuromuscular excitability."
    )
    assert textstat.flesch_kincaid_grade(plain) <= MAX_GRADE
    assert textstat.flesch_kincaid_grade(hard) > MAX_GRADE


@pytest.mark.parametrize(("where", "text"), TEXTS, ids=[where for where, _ in TEXTS])
def test_text_is_at_most_grade_6(where: str, text: str) -> None:
    grade = textstat.flesch_kincaid_grade(text)
    assert grade <= MAX_GRADE, f"{where}: grade {grade}: {text}"


@pytest.mark.parametrize(("where", "text"), TEXTS, ids=[where for where, _ in TEXTS])
def test_sentences_are_short(where: str, text: str) -> None:
    for sentence in sentences(text):
        count = len(sentence.split())
        assert count <= MAX_SENTENCE_WORDS, f"{where}: {count} words: {sentence}"
