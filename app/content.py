"""Learn content: Markdown sections with front matter, validated at start-up.

The app refuses to start on broken content, so every problem is raised as a
ContentError that names the file and the field.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from app.errors import ContentError

REQUIRED = ("id", "title", "order", "summary", "plain", "reviewed", "source")
_LINK = re.compile(r"\]\(learn:([^)\s]*)\)")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_MARKUP = re.compile(r"[*_#>`]|\]\(learn:[^)]*\)|\[")


DOCUMENT_FILE = "source.toml"


@dataclass(frozen=True)
class Document:
    """The source document the sections reproduce (content/source.toml)."""

    title: str
    file: str
    #: Empty when the document does not name one; the app never invents it.
    publisher: str = ""

    @property
    def credit(self) -> str:
        """ "Title", Publisher; or the title and file, saying no publisher is named."""
        if self.publisher:
            return f"\u201c{self.title}\u201d, {self.publisher}"
        return f"\u201c{self.title}\u201d ({self.file}; the document names no publisher)"


@dataclass(frozen=True)
class Section:
    """One Learn section; `body` is Markdown with `learn:<id>` links."""

    id: str
    title: str
    order: int
    summary: str
    #: "In plain words": the app's own short sentences, one point per item.
    plain: tuple[str, ...]
    reviewed: date
    source: str
    body: str
    file: str
    #: Set by load_sections; parse_section alone does not know it.
    document: Document | None = None

    @property
    def credit(self) -> str:
        """Which document and which part of it this section reproduces."""
        if self.document is None:
            return self.source
        return f"{self.document.credit}, {self.source}"

    @property
    def route(self) -> str:
        return f"/learn/{self.id}"

    @property
    def plain_text(self) -> str:
        """Body without Markdown markup, for search and fact checks."""
        return _MARKUP.sub("", self.body)

    def links(self) -> tuple[str, ...]:
        return tuple(_LINK.findall(self.body))


def _split_front_matter(name: str, text: str) -> tuple[dict[str, str], str]:
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise ContentError(name, "front matter", "file must start with a '---' line")
    try:
        end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == "---")
    except StopIteration:
        raise ContentError(name, "front matter", "closing '---' line is missing") from None
    meta: dict[str, str] = {}
    key = ""
    for number, line in enumerate(lines[1:end], 2):
        if not line.strip():
            continue
        if line[:1].isspace():
            # An indented line adds one more line (for `plain:`, one point) to the field above.
            if not key:
                raise ContentError(name, f"line {number}", "indented line belongs to no field")
            meta[key] = f"{meta[key]}\n{line.strip()}".strip()
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise ContentError(name, f"line {number}", "expected 'key: value'")
        key = key.strip()
        if key in meta:
            raise ContentError(name, key, "appears twice")
        meta[key] = value.strip()
    return meta, "\n".join(lines[end + 1 :]).strip()


def parse_section(name: str, text: str) -> Section:
    """Parse one file's text; `name` is only used in error messages."""
    meta, body = _split_front_matter(name, text)
    for key in REQUIRED:
        if key not in meta:
            raise ContentError(name, key, "is required")
        if not meta[key]:
            raise ContentError(name, key, "is empty")
    unknown = sorted(set(meta) - set(REQUIRED))
    if unknown:
        raise ContentError(name, unknown[0], "is not a known field")
    if not _ID.match(meta["id"]):
        raise ContentError(name, "id", "use lower-case words joined by hyphens")
    try:
        order = int(meta["order"])
    except ValueError:
        raise ContentError(name, "order", "must be a whole number") from None
    try:
        reviewed = date.fromisoformat(meta["reviewed"])
    except ValueError:
        raise ContentError(name, "reviewed", "must be a date like 2026-11-24") from None
    if not body:
        raise ContentError(name, "body", "is empty")
    plain = tuple(meta["plain"].splitlines())
    if any(_MARKUP.search(point) for point in plain):
        raise ContentError(name, "plain", "must be plain text, without Markdown")
    return Section(
        id=meta["id"],
        title=meta["title"],
        order=order,
        summary=meta["summary"],
        plain=plain,
        reviewed=reviewed,
        source=meta["source"],
        body=body,
        file=name,
    )


def validate(sections: list[Section]) -> tuple[Section, ...]:
    """Check what only the whole set can show: unique ids and orders, and links."""
    if not sections:
        raise ContentError("content/", "sections", "no Markdown sections found")
    seen: dict[str, str] = {}
    orders: dict[int, str] = {}
    for section in sections:
        if section.id in seen:
            raise ContentError(
                section.file, "id", f"{section.id!r} is also used by {seen[section.id]}"
            )
        if section.order in orders:
            raise ContentError(
                section.file, "order", f"{section.order} is also used by {orders[section.order]}"
            )
        seen[section.id] = section.file
        orders[section.order] = section.file
    for section in sections:
        for target in section.links():
            if target not in seen:
                raise ContentError(section.file, "body", f"links to unknown section {target!r}")
    return tuple(sorted(sections, key=lambda s: s.order))


def load_document(folder: Path) -> Document:
    """content/source.toml: the document's title, file name and (if known) publisher."""
    path = folder / DOCUMENT_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ContentError(DOCUMENT_FILE, "file", f"cannot be read: {exc}") from exc
    fields = {"title", "file", "publisher"}
    unknown = sorted(set(data) - fields)
    if unknown:
        raise ContentError(DOCUMENT_FILE, unknown[0], "is not a known field")
    for key in sorted(fields):
        if not isinstance(data.get(key), str):
            raise ContentError(DOCUMENT_FILE, key, "is required, as text")
    for key in ("title", "file"):
        if not data[key].strip():
            raise ContentError(DOCUMENT_FILE, key, "is empty")
    return Document(data["title"].strip(), data["file"].strip(), data["publisher"].strip())


def reviewed_on(sections: tuple[Section, ...]) -> date:
    """When the content was last reviewed: the newest `reviewed:` date of any section."""
    return max(s.reviewed for s in sections)


def load_sections(folder: Path) -> tuple[Section, ...]:
    """Load and validate every `*.md` file in `folder`, ordered for display, each
    carrying the source document from content/source.toml."""
    document = load_document(folder)
    parsed = []
    for path in sorted(folder.glob("*.md")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ContentError(path.name, "file", f"cannot be read: {exc}") from exc
        parsed.append(replace(parse_section(path.name, text), document=document))
    return validate(parsed)

