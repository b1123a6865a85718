"""History: past results (newest first, filterable by tier), the diary and its tools.

Deeper routes under /history are the diary, patterns, trends, the doctor
summary and one saved result (/history/<id>); this module routes to them.
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.errors import LipCheckError
from app.records import TIERS, DiaryEntry, Tier
from app.services import history
from app.services.history import Inputs, ResultRow, gather
from app.ui.check.tier_banner import TIER_STYLES
from app.ui.frame.context import Ctx, Screen, card, heading, icon_button, para
from app.ui.frame.state import HISTORY_PAGE
from app.ui.history import detail, diary, patterns, summary, trends
from app.ui.history.followup import followup_card, noticed_text
from app.ui.history.model import tier_badge

ROUTE = "/history"
PAGE = HISTORY_PAGE
SUBSCREENS: dict[str, Callable[[Ctx, list[str]], Screen]] = {
    "diary": diary.build,
    "insights": patterns.build,
    "trends": trends.build,
    "summary": summary.build,
}


def _entry_text(entry: DiaryEntry | None) -> str:
    if entry is None:
        return "Today: not logged yet."
    cups = "cup" if entry.caffeine_cups == 1 else "cups"
    return (
        f"Today: twitching {entry.twitch}, {entry.caffeine_cups} {cups} of caffeine, "
        f"{entry.stress} stress."
    )


def _diary_card(ctx: Ctx, inputs: Inputs) -> ft.Control:
    today = next((e for e in inputs.diary if e.day == inputs.today), None)

    def open_diary(_e: object) -> None:
        ctx.state.history.diary_day = "today"
        ctx.go(diary.ROUTE)

    return card(
        heading("Twitch diary"),
        para(_entry_text(today)),
        para(noticed_text(inputs.app.first_noticed, inputs.today)),
        ft.FilledButton(
            "Edit today's entry" if today else "Log today",
            icon=ft.Icons.EDIT_NOTE,
            height=52,
            on_click=open_diary,
        ),
    )


def _tools(ctx: Ctx) -> ft.Control:
    def tool(label: str, icon: ft.IconData, route: str) -> ft.Control:
        return ft.OutlinedButton(label, icon=icon, height=48, on_click=lambda _e: ctx.go(route))

    return ft.Row(
        [
            tool("Patterns", ft.Icons.INSIGHTS, "/history/insights"),
            tool("Trends", ft.Icons.BAR_CHART, "/history/trends"),
            tool("Summary for a doctor", ft.Icons.DESCRIPTION_OUTLINED, "/history/summary"),
        ],
        wrap=True,
        spacing=8,
        run_spacing=8,
    )


def _row(ctx: Ctx, row: ResultRow) -> ft.Control:
    """One past result: tier in words and colour (as on the result banner), date, triggers."""
    quiz = ctx.services.quiz
    style = TIER_STYLES[row.tier]
    when = detail.when_text(row.taken_at)
    titles = [t.title for tid in row.top_triggers if (t := quiz.trigger(tid)) is not None]
    triggers = "Top triggers: " + ", ".join(titles) if titles else "No likely trigger listed"
    tile = ft.ListTile(
        leading=ft.Icon(style.icon, color=style.color, semantics_label="Result"),
        title=ft.Text(
            tier_badge(quiz, row.tier),
            color=style.color,
            weight=ft.FontWeight.BOLD,
            theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
        ),
        subtitle=ft.Column(
            [ft.Text(when, color=style.color), ft.Text(triggers, color=style.color)],
            spacing=2,
            tight=True,
        ),
        on_click=lambda _e: ctx.go(f"{ROUTE}/{row.id}"),
        min_height=64,
        content_padding=ft.Padding.only(left=8, right=0),
        expand=True,
    )
    delete = icon_button(
        ft.Icons.DELETE_OUTLINE,
        f"Delete the result from {when}",
        lambda _e: detail.delete_with_undo(ctx, row.id),
        color=ft.Colors.ERROR,  # destructive (undo is offered)
    )
    return ft.Container(
        ft.Row([tile, delete], spacing=0, vertical_alignment=ft.CrossAxisAlignment.CENTER),
        bgcolor=style.bgcolor,
        border=ft.Border.only(left=ft.BorderSide(6, style.edge)),
        border_radius=12,
    )


def _filter(ctx: Ctx, chosen: Tier | None, rows: list[ResultRow]) -> ft.Control:
    def pick(value: Tier | None) -> Callable[[ft.Event[ft.Chip]], None]:
        def on_select(_e: ft.Event[ft.Chip]) -> None:
            ctx.state.history.tier = value
            ctx.rerender()

        return on_select

    present = {r.tier for r in rows}
    chips: list[ft.Control] = [
        ft.Chip(label=ft.Text("All"), selected=chosen is None, on_select=pick(None))
    ]
    chips += [
        ft.Chip(
            label=ft.Text(tier_badge(ctx.services.quiz, tier)),
            selected=chosen == tier,
            on_select=pick(tier),
        )
        for tier in TIERS
        if tier in present or tier == chosen
    ]
    return ft.Row(chips, wrap=True, spacing=8, run_spacing=4)


def _results(ctx: Ctx) -> list[ft.Control]:
    rows = history.results(ctx.services)
    out: list[ft.Control] = [heading("Past results")]
    if not rows:
        return out + [
            card(
                ft.Text(
                    "No self-check results yet",
                    theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
                    weight=ft.FontWeight.W_600,
                ),
                para(
                    "Take the self-check and your result is kept here, on this device, "
                    "so you can look back and see how things change."
                ),
                ft.FilledButton(
                    "Take the self-check",
                    icon=ft.Icons.FACT_CHECK_OUTLINED,
                    height=52,
                    on_click=lambda _e: ctx.go("/check"),
                ),
            )
        ]
    chosen = ctx.state.history.tier
    shown = [r for r in rows if chosen is None or r.tier == chosen]
    out.append(_filter(ctx, chosen, rows))
    count = f"{len(shown)} of {len(rows)} results" if chosen else _plural(len(rows))
    out.append(ft.Text(f"Newest first. {count}.", theme_style=ft.TextThemeStyle.BODY_MEDIUM))
    limit = ctx.state.history.shown
    out += [_row(ctx, r) for r in shown[:limit]]
    if len(shown) > limit:

        def more(_e: ft.Event[ft.OutlinedButton]) -> None:
            ctx.state.history.shown = limit + PAGE
            ctx.rerender()

        rest = len(shown) - limit
        out.append(
            ft.OutlinedButton(
                f"Show {rest} more" if rest <= PAGE else f"Show {PAGE} more (of {rest})",
                icon=ft.Icons.EXPAND_MORE,
                height=48,
                on_click=more,
            )
        )
    return out


def _plural(n: int) -> str:
    return f"{n} result" if n == 1 else f"{n} results"


def _list_screen(ctx: Ctx) -> Screen:
    try:
        inputs = gather(ctx.services, habits=False)
        body: list[ft.Control] = []
        followup = inputs.followup
        if followup is not None:
            body.append(followup_card(ctx, followup))
        body += [_diary_card(ctx, inputs), _tools(ctx), *_results(ctx)]
    except LipCheckError as exc:
        body = [para(f"Your history could not be read: {exc}")]
    body += [
        ft.Text("Kept on this device only.", theme_style=ft.TextThemeStyle.BODY_SMALL),
        ft.Container(height=8),
    ]
    return Screen(title="History", body=body)


def build(ctx: Ctx, params: list[str]) -> Screen:
    if params:
        sub = SUBSCREENS.get(params[0])
        return sub(ctx, params[1:]) if sub else detail.build(ctx, params)
    return _list_screen(ctx)
