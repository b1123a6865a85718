"""The app's colours as plain hex values, so their contrast is checked by a unit test
(tests/unit/test_contrast.py) instead of trusted to a seed.

The values are Material 3's tonal roles for the teal seed #00796B, with the text roles
pinned so every text colour reaches WCAG AA (4.5:1) on the backgrounds it is drawn
on, in light and dark. Links get their own colour: the Markdown default (#2196F3)
was 2.98:1 on the light surface.
"""

from __future__ import annotations

from typing import Literal

Mode = Literal["light", "dark"]
AA_TEXT = 4.5

#: Colour role -> hex, per mode. Only roles the app draws text with or on are pinned.
SCHEMES: dict[Mode, dict[str, str]] = {
    "light": {
        "primary": "#006A60",
        "on_primary": "#FFFFFF",
        "secondary_container": "#CCE8E2",
        "on_secondary_container": "#051F1C",
        "tertiary_container": "#CFE5FF",
        "on_tertiary_container": "#001D33",
        "error": "#BA1A1A",
        "on_error": "#FFFFFF",
        "error_container": "#FFDAD6",
        "on_error_container": "#410002",
        "surface": "#F4FBF8",
        "on_surface": "#161D1B",
        "on_surface_variant": "#3F4946",
        "surface_container_low": "#EEF5F2",
        "surface_container": "#E9EFEC",
        "surface_container_highest": "#DDE4E1",
    },
    "dark": {
        "primary": "#82D5C8",
        "on_primary": "#003731",
        "secondary_container": "#334B47",
        "on_secondary_container": "#CCE8E2",
        "tertiary_container": "#2A4A66",
        "on_tertiary_container": "#CFE5FF",
        "error": "#FFB4AB",
        "on_error": "#690005",
        "error_container": "#93000A",
        "on_error_container": "#FFDAD6",
        "surface": "#0E1513",
        "on_surface": "#DDE4E1",
        "on_surface_variant": "#BEC9C5",
        "surface_container_low": "#161D1B",
        "surface_container": "#1A2120",
        "surface_container_highest": "#2F3634",
    },
}

#: Inline links in Learn are drawn in the primary role (underlined as well, so colour is
#: not the only cue); the UI names the role, so it follows the mode in use.
LINK_ROLE = "primary"
LINK: dict[Mode, str] = {mode: SCHEMES[mode][LINK_ROLE] for mode in ("light", "dark")}

#: (text role, background role) pairs the screens draw; each must reach AA_TEXT.
TEXT_ON: tuple[tuple[str, str], ...] = (
    ("on_surface", "surface"),
    ("on_surface", "surface_container_low"),
    ("on_surface", "surface_container"),
    ("on_surface", "surface_container_highest"),
    ("on_surface_variant", "surface"),
    ("on_surface_variant", "surface_container_low"),
    ("on_surface_variant", "surface_container_highest"),
    ("primary", "surface"),
    ("primary", "surface_container_low"),
    ("on_primary", "primary"),
    ("on_secondary_container", "secondary_container"),
    ("on_tertiary_container", "tertiary_container"),
    ("error", "surface"),
    ("error", "surface_container_low"),
    ("on_error", "error"),
    ("on_error_container", "error_container"),
)
#: Where links sit: the page, cards, the emergency box and the summary's panel.
LINK_ON: tuple[str, ...] = ("surface", "surface_container_low", "surface_container_highest")


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of "#RRGGBB"."""
    text = hex_colour.lstrip("#")
    if len(text) != 6:
        raise ValueError(f"expected #RRGGBB, got {hex_colour!r}")
    r, g, b = (int(text[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
