"""Nothing of the source document may be lost on its way into content/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.content import Section, load_sections

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "tests" / "fixtures" / "lip-twitching.txt"
HEADINGS = {
    "Common Reasons for Lip Twitching": "common-reasons",
    "Other Potential Causes": "other-causes",
    "When to Consult a Doctor": "when-to-see-a-doctor",
    "Ways to Alleviate Lip Twitching": "ways-to-alleviate",
}
# Facts the issue names explicitly, by the section that must carry them.
FACTS = {
    "what-is-it": ["fasciculation", "upper or lower lip", "muscle fibers", "miscommunication"],
    "common-reasons": [
        "stress",
        "anxiety",
        "fight or flight",
        "lack of sleep",
        "fatigue",
        "caffeine",
        "stimulants",
        "dehydration",
        "electrolyte",
        "potassium",
        "magnesium",
        "steroids",
        "estrogens",
        "antidepressants",
        "antipsychotics",
    ],
    "other-causes": [
        "nerve compression",
        "blood vessel",
        "tumor",
        "bell's palsy",
        "one side of the face",
        "drooping eyelids",
        "jaw or ear",
        "benign fasciculation syndrome",
        "bfs",
    ],
    "when-to-see-a-doctor": [
        "persists or worsens despite lifestyle adjustments",
        "muscle weakness",
        "numbness",
        "facial drooping",
        "slurred speech",
        "vision changes",
        "pain",
        "discomfort",
        "eating or speaking",
        "early detection",
    ],
    "ways-to-alleviate": [
        "deep breathing",
        "meditation",
        "yoga",
        "adequate sleep",
        "caffeine",
        "nicotine",
        "energy drinks",
        "hydrated",
        "bananas",
        "avocados",
        "spinach",
        "broccoli",
        "supplements",
        "multivitamin",
        "warm compress",
        "massaging",
    ],
}


def norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).casefold()


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z']+", norm(text)) if len(w) > 3}


def source_sentences() -> list[tuple[str, str]]:
    """(section id, sentence) for every sentence of the source document."""
    section = "what-is-it"
    found = []
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        if line in HEADINGS:
            section = HEADINGS[line]
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", line):
            found.append((section, sentence))
    return found


@pytest.fixture(scope="module")
def sections() -> dict[str, Section]:
    return {s.id: s for s in load_sections(ROOT / "content")}


def test_every_section_of_the_document_exists(sections: dict[str, Section]) -> None:
    assert set(sections) == {"what-is-it", *HEADINGS.values()}


@pytest.mark.parametrize(("section_id", "sentence"), source_sentences())
def test_every_sentence_keeps_its_words(
    sections: dict[str, Section], section_id: str, sentence: str
) -> None:
    text = norm(sections[section_id].plain_text)
    missing = sorted(w for w in words(sentence) if w not in text)
    assert not missing, f"{section_id} lost {missing} from: {sentence}"


@pytest.mark.parametrize(
    ("section_id", "fact"), [(sid, fact) for sid, facts in FACTS.items() for fact in facts]
)
def test_named_facts_are_present(sections: dict[str, Section], section_id: str, fact: str) -> None:
    assert fact in norm(sections[section_id].plain_text)


def test_emergency_advice_is_labelled(sections: dict[str, Section]) -> None:
    text = norm(sections["when-to-see-a-doctor"].plain_text)
    assert "standard emergency advice, not from the source document" in text
    assert "call your emergency number" in text


LABELS = ("standard emergency advice, not from the source document", "app safety note, not from")


def _body_claims(section: Section) -> list[str]:
    """Sentences of prose that must come from the source: not headings, not
    'read on' links, and not what a label marks as an addition. A label covers its
    own paragraph, and the next one too when the label stands alone."""
    claims: list[str] = []
    paragraphs = [p.splitlines() for p in re.split(r"\n\s*\n", section.body)]
    covered = False
    for lines in paragraphs:
        prose = [ln.strip() for ln in lines if ln.strip() and not ln.strip().startswith("#")]
        labels = [ln for ln in prose if any(label in norm(ln) for label in LABELS)]
        if labels or covered:
            # A label line with nothing else covers the paragraph after it as well.
            covered = bool(labels) and all(len(re.sub(r"[*_]", "", ln)) < 70 for ln in labels)
            continue
        for line in prose:
            if "](learn:" in line:
                continue
            plain = re.sub(r"[*_`]", "", line).lstrip("-> ").strip()
            claims += [s for s in re.split(r"(?<=[.!?:;])\s+", plain) if s]
    return claims


def test_nothing_is_added_except_labelled_advice(sections: dict[str, Section]) -> None:
    """The other direction: every unlabelled sentence appears in the source."""
    source = re.sub(r"[^a-z0-9]+", " ", norm(SOURCE.read_text(encoding="utf-8")))
    added = [
        (sid, sentence)
        for sid, section in sections.items()
        for sentence in _body_claims(section)
        if re.sub(r"[^a-z0-9]+", " ", norm(sentence)).strip() not in source
    ]
    assert not added, added


def test_the_medicine_safety_note_is_labelled(sections: dict[str, Section]) -> None:
    text = norm(sections["common-reasons"].plain_text)
    assert "app safety note, not from the source document: never stop a prescribed medicine" in text
    assert "talk to your doctor" in text
