"""Bar charts drawn with core controls, because the stock web client has no chart extension.

Each bar is a Container inside a Semantics node whose label says the day and value,
so a screen reader (and the e2e tests) can read the chart; met and not-met bars
differ in colour and in words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import flet as ft

from app.habits import SeriesPoint
from app.ui.frame.theme import SEGMENT_STYLE
from app.ui.habits.model import axis_labels, bars, goal_offset

SPANS: tuple[int, ...] = (7, 30)
HEIGHT = 120


def _bar(height: float, met: bool, logged: bool, label: str, slim: bool) -> ft.Control:
    if not logged:
        shape = ft.Container(
            height=4,
            border=ft.Border.all(1, ft.Colors.OUTLINE),
            border_radius=2,
        )
    else:
        shape = ft.Container(
            height=max(2.0, height),
            bgcolor=ft.Colors.PRIMARY if met else ft.Colors.OUTLINE,
            border_radius=ft.BorderRadius.only(top_left=3, top_right=3),
        )
    return ft.Semantics(
        label=label,
        container=True,
        expand=1,
        content=ft.Container(
            content=shape,
            height=HEIGHT,
            alignment=ft.Alignment.BOTTOM_CENTER,
            padding=ft.Padding.symmetric(horizontal=1 if slim else 4),
        ),
    )


def bar_chart(
    points: Sequence[SeriesPoint], describe: Callable[[float], str], noun: str = "goal"
) -> ft.Control:
    """Bars for ``points`` with a line at the goal; labels under a week's bars."""
    slim = len(points) > 7
    row = ft.Row(
        [
            _bar(b.height, b.met, b.logged, b.label, slim)
            for b in bars(points, HEIGHT, describe, noun)
        ],
        spacing=0,
        height=HEIGHT,
        vertical_alignment=ft.CrossAxisAlignment.END,
    )
    line = ft.Container(
        height=2,
        bgcolor=ft.Colors.ON_SURFACE,
        left=0,
        right=0,
        bottom=goal_offset(points, HEIGHT),
    )
    labels = axis_labels(points)
    if slim:
        axis: ft.Control = ft.Row(
            [_axis_text(text) for text in labels], alignment=ft.MainAxisAlignment.SPACE_BETWEEN
        )
    else:
        axis = ft.Row(
            [
                ft.Container(_axis_text(text), expand=1, alignment=ft.Alignment.CENTER)
                for text in labels
            ],
            spacing=0,
        )
    return ft.Column(
        [ft.Stack([row, line], height=HEIGHT), axis],
        spacing=4,
        tight=True,
    )


def _axis_text(text: str) -> ft.Text:
    return ft.Text(
        text,
        theme_style=ft.TextThemeStyle.LABEL_SMALL,
        color=ft.Colors.ON_SURFACE_VARIANT,
        no_wrap=True,
    )


def legend(goal_text: str, noun: str = "goal") -> ft.Control:
    """Says in words what the colours and the line mean."""
    return ft.Row(
        [
            _swatch(ft.Colors.PRIMARY),
            ft.Text(f"{noun} met", theme_style=ft.TextThemeStyle.BODY_SMALL),
            _swatch(ft.Colors.OUTLINE),
            ft.Text("not met", theme_style=ft.TextThemeStyle.BODY_SMALL),
            ft.Container(width=16, height=2, bgcolor=ft.Colors.ON_SURFACE),
            ft.Text(goal_text, theme_style=ft.TextThemeStyle.BODY_SMALL),
        ],
        wrap=True,
        spacing=6,
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
    )


def _swatch(color: str) -> ft.Control:
    return ft.Container(width=12, height=12, bgcolor=color, border_radius=2)


def span_chart(
    make_points: Callable[[int], Sequence[SeriesPoint]],
    describe: Callable[[float], str],
    goal_text: str,
    noun: str = "goal",
) -> ft.Control:
    """A chart with a 7 days / 30 days switch that redraws in place."""
    holder = ft.Container(content=bar_chart(make_points(SPANS[0]), describe, noun))

    def on_change(e: ft.Event[ft.SegmentedButton]) -> None:
        days = int((e.control.selected or [str(SPANS[0])])[0])
        holder.content = bar_chart(make_points(days), describe, noun)
        holder.update()

    picker = ft.SegmentedButton(
        style=SEGMENT_STYLE,
        show_selected_icon=False,  # the tick split "Medium" mid-word at 320 px
        segments=[ft.Segment(value=str(d), label=ft.Text(f"{d} days")) for d in SPANS],
        selected=[str(SPANS[0])],
        on_change=on_change,
    )
    return ft.Column([picker, holder, legend(goal_text, noun)], spacing=8, tight=True)
