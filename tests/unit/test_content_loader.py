"""The loader refuses broken content and names the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.content import (
    DOCUMENT_FILE,
    Document,
    load_document,
    load_sections,
    parse_section,
    reviewed_on,
)
from app.content_search import search
from app.errors import ContentError

ROOT = Path(__file__).resolve().parents[2]
GOOD = """---
id: {id}
title: A title
order: {order}
summary: One line.
plain:
  A first short point.
  A second point. It has two sentences.
reviewed: 2026-11-24
source: test
---
Body text about {word}. {link}
"""


DOCUMENT = 'title = "A guide"\nfile = "guide.txt"\npublisher = ""\n'


def write(folder: Path, name: str, **kw: object) -> None:
    values = {"id": "alpha", "order": 1, "word": "apples", "link": "", **kw}
    (folder / name).write_text(GOOD.format(**values), encoding="utf-8")
    if not (folder / DOCUMENT_FILE).exists():
        (folder / DOCUMENT_FILE).write_text(DOCUMENT, encoding="utf-8")


def test_loads_and_orders(tmp_path: Path) -> None:
    write(tmp_path, "b.md", id="beta", order=2)
    write(tmp_path, "a.md", id="alpha", order=1, link="[x](learn:beta)")
    assert [s.id for s in load_sections(tmp_path)] == ["alpha", "beta"]


FIELDS = ["id", "title", "order", "summary", "plain", "reviewed", "source"]


def without(field: str) -> str:
    """GOOD with `field` gone, together with its indented lines."""
    kept, dropping = [], False
    for line in GOOD.format(id="a", order=1, word="x", link="").splitlines():
        if not line[:1].isspace():
            dropping = line.startswith(f"{field}:")
        if not dropping:
            kept.append(line)
    return "\n".join(kept)


@pytest.mark.parametrize("field", FIELDS)
def test_missing_field_is_named(field: str) -> None:
    with pytest.raises(ContentError) as err:
        parse_section("broken.md", without(field))
    assert (err.value.file, err.value.field) == ("broken.md", field)
    assert str(err.value) == f"broken.md: {field}: is required"


@pytest.mark.parametrize("field", FIELDS)
def test_empty_field_is_named(field: str) -> None:
    text = without(field).replace("---\nBody", f"{field}:   \n---\nBody")
    with pytest.raises(ContentError) as err:
        parse_section("empty.md", text)
    assert str(err.value) == f"empty.md: {field}: is empty"


def test_plain_words_keep_one_point_per_indented_line() -> None:
    section = parse_section("ok.md", GOOD.format(id="a", order=1, word="x", link=""))
    assert section.plain == ("A first short point.", "A second point. It has two sentences.")
    assert "first short point" not in section.body


def test_plain_words_refuse_markdown_and_stray_indents() -> None:
    good = GOOD.format(id="a", order=1, word="x", link="")
    with pytest.raises(ContentError) as err:
        parse_section("md.md", good.replace("A first short point.", "A **bold** point."))
    assert (err.value.file, err.value.field) == ("md.md", "plain")
    with pytest.raises(ContentError) as err:
        parse_section("indent.md", good.replace("---\nid:", "---\n  stray\nid:", 1))
    assert (err.value.file, err.value.field) == ("indent.md", "line 2")


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("no front matter", "front matter"),
        ("---\nid: a\n", "front matter"),
        (GOOD.format(id="a", order="one", word="x", link=""), "order"),
        (GOOD.format(id="a", order=1, word="x", link="").replace("2026-11-24", "soon"), "reviewed"),
        (GOOD.format(id="Not An Id", order=1, word="x", link=""), "id"),
        (
            GOOD.format(id="a", order=1, word="x", link="").replace(
                "source:", "colour: red\nsource:"
            ),
            "colour",
        ),
    ],
)
def test_bad_values_are_named(text: str, field: str) -> None:
    with pytest.raises(ContentError) as err:
        parse_section("bad.md", text)
    assert err.value.field == field
    assert "bad.md" in str(err.value)


def test_duplicate_id_names_both_files(tmp_path: Path) -> None:
    write(tmp_path, "a.md", id="same", order=1)
    write(tmp_path, "b.md", id="same", order=2)
    with pytest.raises(ContentError) as err:
        load_sections(tmp_path)
    assert err.value.field == "id" and "a.md" in str(err.value) and err.value.file == "b.md"


def test_link_to_missing_section(tmp_path: Path) -> None:
    write(tmp_path, "a.md", link="[gone](learn:nowhere)")
    with pytest.raises(ContentError) as err:
        load_sections(tmp_path)
    assert (err.value.file, err.value.field) == ("a.md", "body")
    assert "nowhere" in str(err.value)


def test_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(ContentError):
        load_sections(tmp_path)


def test_search_finds_only_matching_sections(tmp_path: Path) -> None:
    write(tmp_path, "a.md", id="alpha", order=1, word="apples")
    write(tmp_path, "b.md", id="beta", order=2, word="bananas")
    sections = load_sections(tmp_path)
    assert [s.id for s in search(sections, "BANANAS")] == ["beta"]
    assert [s.id for s in search(sections, "body bananas")] == ["beta"]
    assert search(sections, "   ") == sections
    assert search(sections, "cherries") == ()


def test_search_also_reads_the_plain_words(tmp_path: Path) -> None:
    write(tmp_path, "a.md", id="alpha", order=1)
    (tmp_path / "b.md").write_text(
        GOOD.format(id="beta", order=2, word="x", link="").replace("second point", "tired point"),
        encoding="utf-8",
    )
    assert [s.id for s in search(load_sections(tmp_path), "tired")] == ["beta"]


@given(st.text(max_size=40))
def test_search_never_raises_and_returns_a_subset(query: str) -> None:
    sections = load_sections(ROOT / "content")
    found = search(sections, query)
    assert set(found) <= set(sections)


def test_every_section_names_the_document_by_title_and_never_invents_a_publisher() -> None:
    sections = load_sections(ROOT / "content")
    document = load_document(ROOT / "content")
    assert document.title and document.file == "lip-twitching.txt"
    # The file has no publisher line; the credit says so instead of making one up.
    assert document.publisher == ""
    for section in sections:
        assert section.document == document
        assert section.credit.startswith(f"\u201c{document.title}\u201d")
        assert "names no publisher" in section.credit
    assert "Acme Health, " in Document("T", "t.txt", "Acme Health").credit + ", "
    assert reviewed_on(sections) == max(s.reviewed for s in sections)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('file = "a.txt"\npublisher = ""\n', "title"),
        ('title = " "\nfile = "a.txt"\npublisher = ""\n', "title"),
        ('title = "A"\nfile = "a.txt"\npublisher = ""\nauthor = "x"\n', "author"),
        ("title = [", "file"),
    ],
)
def test_a_broken_source_file_is_named(tmp_path: Path, text: str, field: str) -> None:
    write(tmp_path, "a.md")
    (tmp_path / DOCUMENT_FILE).write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_sections(tmp_path)
    assert caught.value.file == DOCUMENT_FILE and caught.value.field == field
