"""A doctor-visit summary: a short page of facts, to show, copy or download.

The text comes from the application layer (app.services.history.doctor_summary_text,
which picks the quiz answers and words them as the person saw them); this screen
only lays it out.
"""

from __future__ import annotations

import flet as ft

from app.errors import LipCheckError
from app.insights import summary_as_text
from app.services import Services, history
from app.ui.frame.context import Ctx, Screen, para
from app.ui.history.model import markdown_blocks

ROUTE = "/history/summary"


def summary_markdown(services: Services) -> tuple[str, str]:
    """(file name, Markdown) for today's summary: the layer's text, as Markdown blocks."""
    name, text = history.doctor_summary_text(services)
    return name, markdown_blocks(text)


def build(ctx: Ctx, params: list[str]) -> Screen:
    try:
        name, text = summary_markdown(ctx.services)
    except LipCheckError as exc:
        return Screen(
            title="Summary for a doctor",
            back="/history",
            body=[para(f"The summary could not be made: {exc}")],
        )
    plain = summary_as_text(text)

    async def download(_e: ft.Event[ft.Button]) -> None:
        await ft.FilePicker().save_file(file_name=name, src_bytes=plain.encode("utf-8"))
        ctx.toast(f"Saved {name}.")

    async def copy(_e: ft.Event[ft.OutlinedButton]) -> None:
        await ft.Clipboard().set(plain)
        ctx.toast("Summary copied. Paste it into a message or a note.")

    body: list[ft.Control] = [
        para("Show this to your doctor, or download or copy it to take along."),
        ft.Row(
            [
                ft.FilledButton(
                    "Download (.txt)", icon=ft.Icons.DOWNLOAD, height=48, on_click=download
                ),
                ft.OutlinedButton("Copy", icon=ft.Icons.COPY, height=48, on_click=copy),
            ],
            wrap=True,
            spacing=8,
            run_spacing=8,
        ),
        ft.Container(
            ft.Markdown(
                text,
                selectable=False,
                extension_set=ft.MarkdownExtensionSet.GITHUB_WEB,
                md_style_sheet=ft.MarkdownStyleSheet(
                    h1_text_style=ft.TextStyle(size=22, weight=ft.FontWeight.BOLD),
                    h2_text_style=ft.TextStyle(size=18, weight=ft.FontWeight.W_600),
                    p_text_style=ft.TextStyle(size=15),
                ),
            ),
            bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
            border_radius=12,
            padding=ft.Padding.all(16),
        ),
        ft.Container(height=8),
    ]
    return Screen(title="Summary for a doctor", back="/history", body=body)
