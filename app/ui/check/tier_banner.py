"""How each tier looks: its icon and colours, and the banner at the top of a result.

The tier is always said in words (badge and title) with an icon; colour only adds
to that. Shared by the result screen and History's list and trends.
"""

from __future__ import annotations

from dataclasses import dataclass

import flet as ft

from app.quiz import QuizResult
from app.records import Tier


@dataclass(frozen=True)
class TierStyle:
    icon: ft.IconData
    bgcolor: str
    color: str
    edge: str


TIER_STYLES: dict[Tier, TierStyle] = {
    "emergency": TierStyle(
        ft.Icons.WARNING_ROUNDED,
        ft.Colors.ERROR_CONTAINER,
        ft.Colors.ON_ERROR_CONTAINER,
        ft.Colors.ERROR,
    ),
    "doctor_soon": TierStyle(
        ft.Icons.MEDICAL_SERVICES_OUTLINED,
        ft.Colors.with_opacity(0.30, ft.Colors.AMBER),
        ft.Colors.ON_SURFACE,
        ft.Colors.AMBER_700,
    ),
    "doctor_if_persists": TierStyle(
        ft.Icons.SCHEDULE,
        ft.Colors.with_opacity(0.22, ft.Colors.BLUE),
        ft.Colors.ON_SURFACE,
        ft.Colors.BLUE_600,
    ),
    "self_care": TierStyle(
        ft.Icons.SPA_OUTLINED,
        ft.Colors.with_opacity(0.22, ft.Colors.GREEN),
        ft.Colors.ON_SURFACE,
        ft.Colors.GREEN_600,
    ),
}


def tier_banner(result: QuizResult) -> ft.Control:
    style = TIER_STYLES[result.tier]
    emergency = result.tier == "emergency"
    return ft.Container(
        ft.Column(
            [
                ft.Row(
                    [
                        ft.Icon(
                            style.icon,
                            color=style.color,
                            size=32,
                            semantics_label="Your result",
                        ),
                        ft.Text(
                            result.tier_badge,
                            color=style.color,
                            expand=True,
                            theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
                            weight=ft.FontWeight.BOLD,
                        ),
                    ],
                ),
                ft.Text(
                    result.tier_title,
                    color=style.color,
                    weight=ft.FontWeight.BOLD,
                    theme_style=ft.TextThemeStyle.HEADLINE_MEDIUM
                    if emergency
                    else ft.TextThemeStyle.HEADLINE_SMALL,
                ),
                ft.Text(
                    result.tier_text, color=style.color, theme_style=ft.TextThemeStyle.BODY_LARGE
                ),
            ],
            spacing=8,
            tight=True,
        ),
        bgcolor=style.bgcolor,
        border=ft.Border.only(left=ft.BorderSide(8, style.edge)),
        border_radius=12,
        padding=ft.Padding.all(16),
    )
