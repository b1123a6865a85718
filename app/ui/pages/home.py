"""Home: what the app is for, and a way into every section."""

from __future__ import annotations

import flet as ft

from app.ui.frame.context import Ctx, Screen, card, heading, para
from app.ui.pages.about import DISCLAIMER


def section_tile(ctx: Ctx, section_id: str, title: str, subtitle: str | ft.Text) -> ft.Control:
    return ft.ListTile(
        title=ft.Text(title, weight=ft.FontWeight.W_600),
        subtitle=ft.Text(subtitle) if isinstance(subtitle, str) else subtitle,
        trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT, semantics_label="Open"),
        on_click=lambda _e: ctx.go(f"/learn/{section_id}"),
        min_height=56,
    )


def build(ctx: Ctx, params: list[str]) -> Screen:
    sections = ctx.services.sections
    body: list[ft.Control] = [
        card(
            heading("Is your lip twitching?"),
            para(
                "Lip twitching is often harmless and linked to everyday things like stress, "
                "sleep or caffeine. This app helps you learn what can cause it, check whether "
                "you should see a doctor and how soon, and build the habits that help."
            ),
            ft.FilledButton(
                "Start the self-check",
                icon=ft.Icons.FACT_CHECK_OUTLINED,
                height=52,
                on_click=lambda _e: ctx.go("/check"),
            ),
        ),
    ]
    body.append(ft.Text("Learn about lip twitching", theme_style=ft.TextThemeStyle.TITLE_MEDIUM))
    body.extend(section_tile(ctx, s.id, s.title, s.summary) for s in sections)
    body.append(
        ft.Container(
            ft.Text(DISCLAIMER, theme_style=ft.TextThemeStyle.BODY_SMALL),
            padding=ft.Padding.symmetric(vertical=16),
        )
    )
    return Screen(title="Lip Twitch Check", body=body)
