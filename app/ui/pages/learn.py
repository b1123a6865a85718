"""Learn: every section of the source document, searchable, each with its own URL."""

from __future__ import annotations

import flet as ft

from app.content import Section
from app.content_search import Hit, find
from app.formats import format_date
from app.ui.frame.context import Ctx, Screen, para
from app.ui.frame.theme import LINK_STYLE
from app.ui.pages.home import section_tile

EMERGENCY_HEADING = "## Emergency"
PLAIN_HEADING = "In plain words"
PLAIN_LABEL = "Our summary of the text below, not the document's words."
SOURCE_HEADING = "What the document says"


def _markdown(ctx: Ctx, text: str) -> ft.Markdown:
    def on_link(e: ft.Event[ft.Markdown]) -> None:
        target = str(e.data or "")
        if target.startswith("learn:"):
            ctx.go(f"/learn/{target.removeprefix('learn:')}")

    return ft.Markdown(
        text,
        selectable=False,
        extension_set=ft.MarkdownExtensionSet.GITHUB_WEB,
        on_tap_link=on_link,
        md_style_sheet=ft.MarkdownStyleSheet(a_text_style=LINK_STYLE),
    )


def _body(ctx: Ctx, section: Section) -> list[ft.Control]:
    """The text, with any emergency part set apart so it cannot be skimmed past."""
    main, marker, emergency = section.body.partition(EMERGENCY_HEADING)
    controls: list[ft.Control] = [_markdown(ctx, main)]
    if marker:
        controls.append(
            ft.Container(
                _markdown(ctx, marker + emergency),
                bgcolor=ft.Colors.ERROR_CONTAINER,
                padding=ft.Padding.all(16),
                border_radius=12,
            )
        )
    return controls


def _plain_words(section: Section) -> ft.Control:
    """The app's own short summary, set apart and labelled so nobody takes it
    for the document's words (those follow, unchanged)."""
    on = ft.Colors.ON_SECONDARY_CONTAINER
    points: list[ft.Control] = [
        ft.Row(
            [ft.Text("\u2022", color=on), ft.Text(point, color=on, expand=True)],
            vertical_alignment=ft.CrossAxisAlignment.START,
        )
        for point in section.plain
    ]
    return ft.Container(
        ft.Column(
            [
                ft.Text(
                    PLAIN_HEADING,
                    theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
                    weight=ft.FontWeight.W_600,
                    color=on,
                ),
                ft.Text(PLAIN_LABEL, theme_style=ft.TextThemeStyle.BODY_SMALL, color=on),
                *points,
            ],
            spacing=8,
            tight=True,
        ),
        bgcolor=ft.Colors.SECONDARY_CONTAINER,
        padding=ft.Padding.all(16),
        border_radius=12,
    )


def _section_screen(ctx: Ctx, section: Section) -> Screen:
    sections = ctx.services.sections
    position = sections.index(section)
    nav: list[ft.Control] = []
    if position + 1 < len(sections):
        nxt = sections[position + 1]
        nav.append(
            ft.Button(
                f"Next: {nxt.title}",
                icon=ft.Icons.ARROW_FORWARD,
                on_click=lambda _e: ctx.go(nxt.route),
            )
        )
    return Screen(
        title=section.title,
        back="/learn",
        body=[
            _plain_words(section),
            ft.Text(
                SOURCE_HEADING,
                theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
                weight=ft.FontWeight.W_600,
            ),
            *_body(ctx, section),
            *nav,
            ft.Text(
                f"Source: {section.credit}. Reviewed {format_date(section.reviewed)}.",
                theme_style=ft.TextThemeStyle.BODY_SMALL,
            ),
        ],
    )


def snippet_spans(hit: Hit) -> list[ft.TextSpan]:
    """The snippet with the matching words in bold, so a reader sees why it matched."""
    spans, at = [], 0
    for start, end in hit.marks:
        spans.append(ft.TextSpan(hit.snippet[at:start]))
        spans.append(ft.TextSpan(hit.snippet[start:end], ft.TextStyle(weight=ft.FontWeight.BOLD)))
        at = end
    spans.append(ft.TextSpan(hit.snippet[at:]))
    return [span for span in spans if span.text]


def _hit_tile(ctx: Ctx, hit: Hit) -> ft.Control:
    if not hit.marks:
        return section_tile(ctx, hit.section.id, hit.section.title, hit.section.summary)
    text = ft.Text(spans=snippet_spans(hit), semantics_label=hit.snippet)
    return section_tile(ctx, hit.section.id, hit.section.title, text)


def _list_screen(ctx: Ctx) -> Screen:
    query = ctx.state.learn.query
    results = ft.Column(spacing=0)

    def fill(text: str) -> None:
        found = find(ctx.services.sections, text)
        results.controls = [_hit_tile(ctx, hit) for hit in found]
        if not found:
            results.controls = [para(f"No section mentions \u201c{text.strip()}\u201d.")]

    def on_change(e: ft.Event[ft.TextField]) -> None:
        ctx.state.learn.query = e.control.value or ""
        fill(ctx.state.learn.query)
        results.update()

    fill(query)
    box = ft.TextField(
        value=query,
        label="Search all sections",
        prefix_icon=ft.Icons.SEARCH,
        on_change=on_change,
        autofocus=False,
    )
    return Screen(title="Learn", body=[box, results])


def build(ctx: Ctx, params: list[str]) -> Screen:
    if params:
        section = ctx.services.section(params[0])
        if section is not None:
            return _section_screen(ctx, section)
        return Screen(
            title="Section not found",
            back="/learn",
            body=[para(f"There is no section called \u201c{params[0]}\u201d.")],
        )
    return _list_screen(ctx)
