""" "In plain words": each Learn section's own summary is easy to read and says
no more than its part of the source document.

Grades come from textstat 0.7.8 (test extra; it needs no download), the US
Flesch-Kincaid grade. The body check in test_content_facts stays as it is: the
plain words live in the front matter, never in the body, and the Learn screen
labels them as the app's summary.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import textstat

from app.content import Section, load_sections
from tests.unit.test_content_facts import SOURCE, norm, source_sentences

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = load_sections(ROOT / "content")
MAX_GRADE = 6.0
MAX_SENTENCE_GRADE = 8.0
# The source's own names, which have no plainer word: the reader needs the name itself.
# In the per-sentence check each counts as one short word; the whole-text grade counts them.
NAMES = (
    "benign fasciculation syndrome",
    "fasciculation",
    "antidepressants",
    "antipsychotics",
    "estrogens",
    "steroids",
    "electrolytes",
    "potassium",
    "magnesium",
    "stimulants",
    "caffeine",
    "nicotine",
    "meditation",
    "avocados",
    "broccoli",
    "bananas",
    "spinach",
    "multivitamin",
    "supplements",
)
# Words that claim more certainty than a hedge ("often", "can", "may"): allowed only
# where that section of the source uses them itself.
STRONGER = (
    "usually",
    "always",
    "never",
    "must",
    "will",
    "definitely",
    "certainly",
    "surely",
    "all",
    "every",
    "only",
    "nothing",
    "safe",
    "cure",
    "cures",
    "normal",
    "guaranteed",
)
# Every point of the source section, in the words the summary uses for it.
POINTS = {
    "what-is-it": [
        "do not control",
        "upper or lower lip",
        "fasciculation",
        "lip muscle",
        "often",
        "brief",
        "sometimes",
        "annoying or worrying",
        "nerve",
        "mix up",
    ],
    "common-reasons": [
        "common",
        "typically harmless",
        "stress and anxiety",
        "fight or flight",
        "sleep",
        "tired",
        "caffeine",
        "stimulants",
        "water",
        "electrolytes",
        "spasm or cramp",
        "potassium",
        "low levels",
        "magnesium",
        "side effect",
        "steroids",
        "estrogens",
        "antidepressants",
        "antipsychotics",
    ],
    "other-causes": [
        "often harmless",
        "less common",
        "pressed, irritated or damaged",
        "misfire",
        "blood vessel",
        "rarely, a tumor",
        "bell's palsy",
        "for a time",
        "start with",
        "one side of the face",
        "eyelid",
        "move your face",
        "jaw or ear",
        "benign fasciculation syndrome (bfs)",
        "in general, it is harmless",
        "rarely",
        "other symptoms",
        "more serious",
    ],
    "when-to-see-a-doctor": [
        "often harmless",
        "keeps going or gets worse",
        "daily habits",
        "weak muscles",
        "numbness",
        "drooping face",
        "slurred speech",
        "how you see",
        "hurts",
        "uncomfortable",
        "eating or speaking",
        "early",
    ],
    "ways-to-alleviate": [
        "harmless",
        "deep breathing",
        "meditation",
        "yoga",
        "sleep",
        "recover",
        "caffeine",
        "nicotine",
        "energy drinks",
        "water",
        "balanced diet",
        "magnesium",
        "potassium",
        "bananas",
        "avocados",
        "spinach",
        "broccoli",
        "ask a doctor about supplements",
        "multivitamin",
        "warm compress",
        "gently rubbing",
    ],
}


def text_of(section: Section) -> str:
    return " ".join(section.plain)


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


def source_of(section_id: str) -> str:
    return norm(" ".join(s for sid, s in source_sentences() if sid == section_id))


def test_every_section_has_points_to_check() -> None:
    assert set(POINTS) == {s.id for s in SECTIONS}


@pytest.mark.parametrize("section", SECTIONS, ids=[s.id for s in SECTIONS])
def test_plain_words_are_grade_six_or_below(section: Section) -> None:
    grade = textstat.flesch_kincaid_grade(text_of(section))
    assert grade <= MAX_GRADE, f"{section.file}: plain is grade {grade}"


def test_kept_names_are_the_source_documents_own() -> None:
    source = norm(SOURCE.read_text(encoding="utf-8"))
    assert [name for name in NAMES if name not in source] == []


@pytest.mark.parametrize("sentence", [s for sec in SECTIONS for s in sentences(text_of(sec))])
def test_every_plain_sentence_is_short_and_easy(sentence: str) -> None:
    words = sentence
    for name in NAMES:
        words = re.sub(name, "name", words, flags=re.IGNORECASE)
    assert len(sentence.split()) <= 20
    assert textstat.flesch_kincaid_grade(words) <= MAX_SENTENCE_GRADE, sentence


@pytest.mark.parametrize("section", SECTIONS, ids=[s.id for s in SECTIONS])
def test_plain_words_claim_no_more_certainty_than_the_source(section: Section) -> None:
    source = set(re.findall(r"[a-z']+", source_of(section.id)))
    used = set(re.findall(r"[a-z']+", norm(text_of(section))))
    assert sorted((used & set(STRONGER)) - source) == []
    assert not re.search(r"\d", text_of(section)), "no numbers, doses or time frames"


@pytest.mark.parametrize(
    ("section_id", "point"), [(sid, p) for sid, points in POINTS.items() for p in points]
)
def test_plain_words_keep_every_point(section_id: str, point: str) -> None:
    section = next(s for s in SECTIONS if s.id == section_id)
    assert point in norm(text_of(section))


@pytest.mark.parametrize("section", SECTIONS, ids=[s.id for s in SECTIONS])
def test_plain_words_stay_out_of_the_documents_words(section: Section) -> None:
    """The body keeps only the document's words (checked sentence by sentence in
    test_content_facts); the summary must not slip into it unlabelled."""
    body = norm(section.plain_text)
    assert [p for p in section.plain if norm(p) in body] == []
