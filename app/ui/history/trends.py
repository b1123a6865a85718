"""Trends: twitch days per week and result tiers over time, drawn from core controls.

The prebuilt web client has no chart package, so bars are Containers. Every
bar carries its value in words (semantics label and tooltip), and tiers also
get their icon, so nothing depends on colour alone.
"""

from __future__ import annotations

import flet as ft

from app.errors import LipCheckError
from app.formats import format_date
from app.insights import TIER_LEVEL, tier_history, twitch_days_per_week
from app.records import Tier
from app.services import history
from app.services.history import gather
from app.ui.check.tier_banner import TIER_STYLES
from app.ui.frame.context import Ctx, Screen, card, heading, para
from app.ui.history.model import Bar, stacked_date, tier_badge, week_bar

ROUTE = "/history/trends"
WEEKS = 8
RESULTS_SHOWN = 8
CHART_HEIGHT = 140
LEVELS = len(TIER_LEVEL)


def _small(text: str) -> ft.Text:
    return ft.Text(
        text,
        theme_style=ft.TextThemeStyle.LABEL_SMALL,
        text_align=ft.TextAlign.CENTER,
        no_wrap=True,
    )


def _bar(bar: Bar, color: str, top: ft.Control, width: int | None = None) -> ft.Control:
    """One column: what it shows on top, the bar in its track, the label underneath.

    Without a `width` the columns share the row; the label is said in words for
    screen readers (the drawn value and label are only for the eye).
    """
    fill = ft.Container(
        height=round(CHART_HEIGHT * bar.fraction) if bar.fraction > 0 else 0,
        bgcolor=color,
        border_radius=ft.BorderRadius.only(top_left=4, top_right=4),
    )
    track = ft.Container(
        fill,
        height=CHART_HEIGHT,
        bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
        border_radius=6,
        alignment=ft.Alignment.BOTTOM_CENTER,
    )
    column = ft.Column(
        [top, track, _small(bar.label)],
        spacing=4,
        horizontal_alignment=ft.CrossAxisAlignment.CENTER,
        tight=True,
    )
    return ft.Semantics(
        label=bar.description,
        container=True,
        content=ft.Container(column, width=width),
        expand=width is None,
    )


def _chart(columns: list[ft.Control]) -> ft.Control:
    return ft.Row(columns, spacing=6, vertical_alignment=ft.CrossAxisAlignment.END)


TIER_BAR_WIDTH = 30


def _weeks(ctx: Ctx) -> list[ft.Control]:
    inputs = gather(ctx.services, habits=False)
    weeks = twitch_days_per_week(inputs.diary, inputs.today, weeks=WEEKS)
    logged = sum(w.logged_days for w in weeks)
    twitched = sum(w.twitch_days for w in weeks)
    out: list[ft.Control] = [heading("Twitch days per week")]
    if logged == 0:
        return out + [
            para(f"No diary entries in the last {WEEKS} weeks."),
            ft.FilledButton(
                "Open the diary",
                icon=ft.Icons.EDIT_NOTE,
                height=52,
                on_click=lambda _e: ctx.go("/history/diary"),
            ),
        ]
    bars = [week_bar(w) for w in weeks]
    return out + [
        para(
            f"Last {WEEKS} weeks: twitching on {twitched} of {logged} logged days. "
            "Each bar is one week (out of 7 days), labelled by its Monday; above it, "
            "twitch days / days logged."
        ),
        _chart([_bar(b, ft.Colors.PRIMARY, _small(b.value)) for b in bars]),
    ]


def _tier_bar(ctx: Ctx, day_text: str, when: str, tier: Tier) -> ft.Control:
    style = TIER_STYLES[tier]
    bar = Bar(
        (TIER_LEVEL[tier] + 1) / LEVELS,
        "",
        day_text,
        f"{when}: {tier_badge(ctx.services.quiz, tier)}",
    )
    icon = ft.Icon(style.icon, size=18, color=ft.Colors.ON_SURFACE)
    return _bar(bar, style.edge, icon, width=TIER_BAR_WIDTH)


def _legend(ctx: Ctx) -> ft.Control:
    rows = []
    for tier, level in sorted(TIER_LEVEL.items(), key=lambda item: -item[1]):
        style = TIER_STYLES[tier]
        rows.append(
            ft.Row(
                [
                    ft.Container(width=14, height=14, bgcolor=style.edge, border_radius=3),
                    ft.Icon(style.icon, size=18),
                    ft.Text(
                        f"{level + 1}: {tier_badge(ctx.services.quiz, tier)}",
                        theme_style=ft.TextThemeStyle.BODY_MEDIUM,
                        expand=True,
                    ),
                ],
                spacing=8,
            )
        )
    return ft.Column(
        [
            ft.Text(
                "Bar height (higher is more urgent):", theme_style=ft.TextThemeStyle.BODY_MEDIUM
            ),
            *rows,
        ],
        spacing=4,
    )


def _tiers(ctx: Ctx) -> list[ft.Control]:
    records = history.latest_results(ctx.services, RESULTS_SHOWN)
    out: list[ft.Control] = [heading("Results over time")]
    if not records:
        return out + [
            para("No self-check results yet."),
            ft.FilledButton(
                "Take the self-check",
                icon=ft.Icons.FACT_CHECK_OUTLINED,
                height=52,
                on_click=lambda _e: ctx.go("/check"),
            ),
        ]
    timeline = tier_history(records)
    latest_day, latest_tier = timeline[-1]
    bars = [_tier_bar(ctx, stacked_date(day), format_date(day), tier) for day, tier in timeline]
    return out + [
        para(
            f"Your last {len(timeline)} result{'s' if len(timeline) != 1 else ''}, oldest first. "
            f"Latest: {tier_badge(ctx.services.quiz, latest_tier)} "
            f"({format_date(latest_day)})."
        ),
        _chart(bars),
        _legend(ctx),
    ]


def build(ctx: Ctx, params: list[str]) -> Screen:
    try:
        body = [card(*_weeks(ctx)), card(*_tiers(ctx))]
    except LipCheckError as exc:
        body = [para(f"Your history could not be read: {exc}")]
    body.append(ft.Container(height=8))
    return Screen(title="Trends", back="/history", body=body)
