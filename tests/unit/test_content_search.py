"""Learn search forgives how people type: stems, plurals, other spellings, everyday
words, and shows where each section matched."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.content import Section, load_sections
from app.content_search import SNIPPET_CHARS, VARIANTS, find, search, stem, terms

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = load_sections(ROOT / "content")
CONTENT_WORDS = sorted(
    {
        w
        for s in SECTIONS
        for w in re.findall(r"[a-z]+", s.plain_text.casefold())
        if len(w) >= 4
    }
)


def ids(query: str) -> list[str]:
    return [s.id for s in search(SECTIONS, query)]


@pytest.mark.parametrize(
    ("query", "section"),
    [
        ("coffee", "common-reasons"),
        ("tea", "ways-to-alleviate"),
        ("tumour", "other-causes"),
        ("tumours", "other-causes"),
        ("tumor", "other-causes"),
        ("Bell's palsy", "other-causes"),
        ("Bell\u2019s Palsy", "other-causes"),
        ("Bells palsy", "other-causes"),
        ("bells palsy", "other-causes"),
        ("twitches", "what-is-it"),
        ("spasming", "ways-to-alleviate"),
        ("stressed", "common-reasons"),
        ("medicines", "common-reasons"),
        ("tired", "common-reasons"),
        ("BANANA", "ways-to-alleviate"),
        ("caff", "common-reasons"),
    ],
)
def test_everyday_words_and_spellings_find_the_section(query: str, section: str) -> None:
    assert section in ids(query)


def test_variants_find_what_the_documents_word_finds() -> None:
    for word, document_word in VARIANTS.items():
        assert ids(word) == ids(document_word), word


def test_every_word_must_match_and_nonsense_finds_nothing() -> None:
    assert ids("bananas tumour") == []
    assert ids("zzzz") == []
    assert ids("   ") == [s.id for s in SECTIONS]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(CONTENT_WORDS))
def test_a_word_and_its_plural_and_ing_forms_find_the_same_sections(word: str) -> None:
    base = set(ids(word))
    assert base, word  # every word of the document finds its own section
    assert base <= set(ids(word.upper()))
    if not word.endswith("s"):
        plural = word + ("es" if word.endswith(("ch", "sh", "x")) else "s")
        assert base <= set(ids(plural)), plural
    if not word.endswith(("s", "e", "y", "ing", "ed", "ly")):
        assert base <= set(ids(word + "ing")), word + "ing"


@pytest.mark.parametrize(
    ("a", "b"),
    [("twitch", "twitching"), ("twitch", "twitches"), ("spasm", "spasms"), ("stress", "stressed"),
     ("palsy", "palsies"), ("muscle", "muscles"), ("stop", "stopping"), ("cause", "causes"),
     ("bell", "bells")],
)
def test_stems_join_inflected_forms(a: str, b: str) -> None:
    assert stem(a) == stem(b)


def test_apostrophes_and_accents_fold_away() -> None:
    assert terms("Bell\u2019s") == terms("bells") == terms("Bell's")
    assert terms("caf\u00e9") == terms("cafe")


def _check_hit(section: Section, snippet: str, marks: tuple[tuple[int, int], ...]) -> None:
    if not marks:  # no words to match: the section's summary stands in
        assert snippet == section.summary
        return
    assert len(snippet) <= SNIPPET_CHARS + 2  # two ellipses at most
    for start, end in marks:
        assert 0 <= start < end <= len(snippet)


def test_each_result_shows_the_matching_snippet_with_the_word_marked() -> None:
    (hit,) = find(SECTIONS, "coffee")[:1]
    assert "caffeine" in hit.snippet.casefold()
    assert [hit.snippet[a:b].casefold() for a, b in hit.marks] == ["caffeine"]
    (palsy,) = find(SECTIONS, "bells palsy")
    marked = [palsy.snippet[a:b] for a, b in palsy.marks]
    assert "Bell's" in marked and "palsy" in marked
    # The document's sentence, not a heading.
    assert palsy.snippet.startswith("Bell's palsy, a condition")


def test_snippet_prefers_the_sentence_with_most_query_words() -> None:
    (hit,) = find(SECTIONS, "magnesium bananas")
    marked = {hit.snippet[a:b].casefold() for a, b in hit.marks}
    assert {"magnesium", "bananas"} <= marked


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_find_never_raises_and_marks_stay_inside_the_snippet(query: str) -> None:
    hits = find(SECTIONS, query)
    assert [h.section for h in hits] == [s for s in SECTIONS if s in {h.section for h in hits}]
    for hit in hits:
        _check_hit(hit.section, hit.snippet, hit.marks)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(CONTENT_WORDS), min_size=1, max_size=3))
def test_more_words_never_find_more(words: list[str]) -> None:
    assert set(ids(" ".join(words))) <= set(ids(words[0]))
    for hit in find(SECTIONS, " ".join(words)):
        assert hit.marks, words
