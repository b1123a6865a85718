"""Patterns: which everyday factors went with twitch days in the person's own diary.

Worded as what happened on the same days, never as a cause, and shown only
after 14 diary days; factors that did not go with more twitching are not shown
as findings.
"""

from __future__ import annotations

import flet as ft

from app.errors import LipCheckError
from app.insights import NeedMoreDays, NoPattern, Patterns, find_patterns
from app.insights.entry import split_insights
from app.services.history import gather
from app.ui.frame.context import Ctx, Screen, card, heading, learn_button, link_button, para
from app.ui.history.model import FACTOR_TITLES, more_days_text

ROUTE = "/history/insights"


def _need_more(ctx: Ctx, need: NeedMoreDays) -> list[ft.Control]:
    return [
        card(
            heading("Not enough diary days yet"),
            para(more_days_text(need)),
            ft.ProgressBar(
                value=need.days_logged / need.days_needed,
                semantics_label=f"{need.days_logged} of {need.days_needed} days logged",
            ),
            para("Patterns need at least two weeks of entries, so a few odd days do not count."),
            ft.FilledButton(
                "Open the diary",
                icon=ft.Icons.EDIT_NOTE,
                height=52,
                on_click=lambda _e: ctx.go("/history/diary"),
            ),
        )
    ]


def _patterns(ctx: Ctx, found: Patterns) -> list[ft.Control]:
    shown, hidden = split_insights(found.insights)
    out: list[ft.Control] = [
        para(f"From {found.days_logged} diary days."),
        card(
            ft.Row(
                [
                    ft.Icon(ft.Icons.INFO_OUTLINE, semantics_label="Note"),
                    para(found.caveat, expand=True),
                ],
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
            color=ft.Colors.SURFACE_CONTAINER_HIGHEST,
        ),
    ]
    if not shown:
        out.append(
            card(
                heading("No clear pattern"),
                para(
                    "None of sleep, caffeine, water or stress went with more twitching in "
                    "your diary so far."
                ),
            )
        )
    for insight in shown:
        out.append(
            card(
                heading(FACTOR_TITLES[insight.factor]),
                para(insight.text),
                para(f"What the guide says may help: {insight.tip}"),
                ft.Column([learn_button(ctx, s) for s in insight.learn_links], spacing=0),
            )
        )
    if hidden:
        names = ", ".join(FACTOR_TITLES[i.factor].lower() for i in hidden)
        out.append(para(f"No clear pattern for: {names}."))
    return out


def _sources(ctx: Ctx) -> ft.Control:
    return card(
        ft.Text(
            "Where this comes from",
            theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
            weight=ft.FontWeight.W_600,
        ),
        para(
            "Twitching, caffeine and stress come from your diary; sleep and water from your "
            "Habits logs. Days without a sleep or water log are left out of those comparisons, "
            "and so is today's water until you reach your goal."
        ),
        ft.Row(
            [
                link_button(ctx, "Open the diary", "/history/diary", ft.Icons.EDIT_NOTE),
                link_button(ctx, "Open Habits", "/habits", ft.Icons.ALARM),
            ],
            wrap=True,
        ),
    )


def build(ctx: Ctx, params: list[str]) -> Screen:
    try:
        inputs = gather(ctx.services)
    except LipCheckError as exc:
        return Screen(
            title="Patterns", back="/history", body=[para(f"Your diary could not be read: {exc}")]
        )
    found = find_patterns(
        inputs.diary, inputs.sleep, inputs.water_ml, inputs.goal_ml, today=inputs.today
    )
    body: list[ft.Control]
    if isinstance(found, NeedMoreDays):
        body = _need_more(ctx, found)
    elif isinstance(found, NoPattern):
        body = [card(heading("No pattern to show"), para(found.text))]
    else:
        body = _patterns(ctx, found)
    body += [_sources(ctx), ft.Container(height=8)]
    return Screen(title="Patterns", back="/history", body=body)
