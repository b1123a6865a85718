"""Colours and theme in one place, so contrast is checked once for both modes."""

from __future__ import annotations

import flet as ft

SEED = "#00796B"  # teal: calm, and distinct from the red used for emergencies

THEME_MODES = {
    "system": ft.ThemeMode.SYSTEM,
    "light": ft.ThemeMode.LIGHT,
    "dark": ft.ThemeMode.DARK,
}


def apply_theme(page: ft.Page, mode: str) -> None:
    page.theme = ft.Theme(color_scheme_seed=SEED)
    page.dark_theme = ft.Theme(color_scheme_seed=SEED)
    page.theme_mode = THEME_MODES.get(mode, ft.ThemeMode.SYSTEM)
