"""Learn search: forgiving matching (stems, spellings, everyday words) and a snippet.

People type what they would say ("coffee", "tumour", "Bells palsy", "twitches"),
while the document says "caffeine", "tumor" and "Bell's Palsy". Both sides go
through the same light stemmer and variant table, so a word matches its plural,
its -ing and -ed forms, its other spelling and the document's word for it. The
variants only widen the search; they never add words to what is shown.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from app.content import Section

SNIPPET_CHARS = 160
_WORD = re.compile(r"[a-z0-9]+")
_APOSTROPHES = str.maketrans({"\u2019": "", "'": "", "\u2018": "", "`": ""})
_TEXT_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

#: Everyday words and other spellings, mapped to the document's own word.
VARIANTS: dict[str, str] = {
    "coffee": "caffeine",
    "coffees": "caffeine",
    "espresso": "caffeine",
    "tea": "caffeine",
    "cola": "caffeine",
    "caffeinated": "caffeine",
    "tumour": "tumor",
    "oestrogen": "estrogen",
    "anxious": "anxiety",
    "worry": "anxiety",
    "tired": "fatigue",
    "tiredness": "fatigue",
    "exhausted": "fatigue",
    "slept": "sleep",
    "insomnia": "sleep",
    "dehydrated": "dehydration",
    "thirsty": "dehydration",
    "fibre": "fiber",
    "smoking": "nicotine",
    "cigarette": "nicotine",
    "spasming": "spasm",
}


def _fold(text: str) -> str:
    """Lower case, accents and apostrophes dropped ("Bell\u2019s" -> "bells")."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return plain.translate(_APOSTROPHES)


def _strip_plural(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("sses"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us")):
        return word[:-1]
    return word


def stem(word: str) -> str:
    """A rough stem, the same for a word and its plural, -ing, -ed and -ness forms."""
    w = _strip_plural(word)
    for suffix in ("ingly", "edly", "ness", "ing", "ful", "ed", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
        w = w[:-1]  # stopping -> stopp -> stop
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 3 and w.endswith("y"):
        w = w[:-1] + "i"  # palsy and palsies alike
    return w


_VARIANT_STEMS = {stem(k): stem(v) for k, v in VARIANTS.items()}


@lru_cache(maxsize=4096)
def term(word: str) -> str:
    """The search term of one folded word: stemmed, with its variant mapped."""
    key = VARIANTS.get(word)
    base = stem(key) if key else stem(word)
    return _VARIANT_STEMS.get(base, base)


def terms(text: str) -> list[str]:
    """The search terms of `text`, one per word."""
    return [term(word) for word in _WORD.findall(_fold(text))]


Word = tuple[str, str]  # (folded word, its term)


def _words(text: str) -> list[Word]:
    return [(raw, term(raw)) for raw in _WORD.findall(_fold(text))]


def _matches(query: Word, word: Word) -> bool:
    """One query word against one text word: the same term, or (while typing, from
    three letters on) the start of the word or of its term."""
    (q_raw, q_term), (raw, t) = query, word
    if t == q_term:
        return True
    return len(q_raw) >= 3 and (raw.startswith(q_raw) or t.startswith(q_term))


@dataclass(frozen=True)
class Hit:
    """A matching section and where it matched: `snippet` with `marks` as (start, end)."""

    section: Section
    snippet: str
    marks: tuple[tuple[int, int], ...]


def _texts(section: Section) -> list[str]:
    """Where a snippet may come from, the document's own words first."""
    # plain_text keeps the body's lines (markup never spans one), so they pair up.
    pairs = zip(section.body.splitlines(), section.plain_text.splitlines(), strict=True)
    sentences, headings = [], []
    for marked, line in pairs:
        text = " ".join(line.split())
        if marked.lstrip().startswith("#"):
            headings.append(text)
        elif text:
            sentences.extend(_SENTENCE_END.split(text))
    return [*sentences, *section.plain, section.summary, section.title, *headings]


def _marks(text: str, query: list[Word]) -> list[tuple[int, int]]:
    """Where the query's words are in `text`, as (start, end) offsets into `text` itself
    (words are found before folding, so "Bell\u2019s" is one word)."""
    found = []
    for m in _TEXT_WORD.finditer(text):
        raw = _fold(m.group())
        if raw.isalnum() and any(_matches(q, (raw, term(raw))) for q in query):
            found.append((m.start(), m.end()))
    return found


def _window(text: str, marks: list[tuple[int, int]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """At most SNIPPET_CHARS around the first mark, cut at spaces, with ellipses."""
    if len(text) <= SNIPPET_CHARS:
        return text, tuple(marks)
    first = marks[0][0]
    start = max(0, first - SNIPPET_CHARS // 3)
    if start:
        start = text.find(" ", start, first) + 1 or start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        end = text.rfind(" ", marks[0][1], end) if " " in text[marks[0][1] : end] else end
    lead = "\u2026" if start else ""
    tail = "\u2026" if end < len(text) else ""
    shift = len(lead) - start
    kept = tuple((a + shift, b + shift) for a, b in marks if a >= start and b <= end)
    return lead + text[start:end] + tail, kept


def _snippet(section: Section, words: list[Word]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The sentence that matches the most different query words (the first of equals)."""
    best: tuple[int, str, list[tuple[int, int]]] = (0, section.summary, [])
    for text in _texts(section):
        marks = _marks(text, words)
        covered = sum(any(m for m in _marks(text, [w])) for w in words) if marks else 0
        if covered > best[0]:
            best = (covered, text, marks)
    if not best[2]:
        return section.summary, ()
    return _window(best[1], best[2])


@lru_cache(maxsize=64)
def _section_words(section: Section) -> frozenset[Word]:
    """Every distinct word a section can be found by (worked out once per section)."""
    haystack = " ".join((section.title, section.summary, *section.plain, section.plain_text))
    return frozenset(_words(haystack))


def find(sections: tuple[Section, ...], query: str) -> tuple[Hit, ...]:
    """Sections where every word of `query` matches, each with its snippet.

    An empty query lists every section with its summary and no marks."""
    words = _words(query)
    if not words:
        return tuple(Hit(s, s.summary, ()) for s in sections)
    hits = []
    for section in sections:
        pairs = _section_words(section)
        if all(any(_matches(w, pair) for pair in pairs) for w in words):
            hits.append(Hit(section, *_snippet(section, words)))
    return tuple(hits)


def search(sections: tuple[Section, ...], query: str) -> tuple[Section, ...]:
    """The sections `find` returns, without snippets."""
    return tuple(hit.section for hit in find(sections, query))
