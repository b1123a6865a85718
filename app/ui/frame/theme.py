"""Colours and theme in one place, so contrast is checked once for both modes
(the values are in app/palette.py, where tests/unit/test_contrast.py measures them)."""

from __future__ import annotations

import flet as ft

from app.palette import LINK_ROLE, SCHEMES, Mode

SEED = "#00796B"  # teal: calm, and distinct from the red used for emergencies

THEME_MODES = {
    "system": ft.ThemeMode.SYSTEM,
    "light": ft.ThemeMode.LIGHT,
    "dark": ft.ThemeMode.DARK,
}


def _theme(mode: Mode) -> ft.Theme:
    # STANDARD density: Flutter picks COMPACT on a desktop browser, which shrinks
    # buttons to 32 px; the app is for phones and every target should be 48 px.
    return ft.Theme(
        color_scheme_seed=SEED,
        color_scheme=ft.ColorScheme(**SCHEMES[mode]),
        visual_density=ft.VisualDensity.STANDARD,
    )


def apply_theme(page: ft.Page, mode: str) -> None:
    page.theme = _theme("light")
    page.dark_theme = _theme("dark")
    page.theme_mode = THEME_MODES.get(mode, ft.ThemeMode.SYSTEM)



#: Inline links: the palette's link role (resolved per mode by Flutter), underlined.
LINK_STYLE = ft.TextStyle(color=LINK_ROLE, decoration=ft.TextDecoration.UNDERLINE)

#: Segmented buttons 48 px tall (Flutter's are 40): every touch target is at least 48 px.
SEGMENT_STYLE = ft.ButtonStyle(padding=ft.Padding.symmetric(vertical=14, horizontal=12))
