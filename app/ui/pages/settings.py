"""Settings: theme, emergency number, where the data lives, and (settings_data.py)
export, import and erase-all.

In the offline build it also says whether the whole app is saved on this device
to work offline, as the service worker's caches tell (app/web.py offline_ready).
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import flet as ft

from app.errors import LipCheckError
from app.records import Theme
from app.services import data
from app.ui.frame.context import Ctx, Screen, card, heading, para
from app.ui.frame.theme import SEGMENT_STYLE, apply_theme
from app.ui.pages.settings_data import erase_card, export_card
from app.web import BrowserStorage, active_storage, offline_ready

THEMES: tuple[tuple[Theme, str], ...] = (("system", "System"), ("light", "Light"), ("dark", "Dark"))


def _theme_card(ctx: Ctx) -> ft.Control:
    current = data.theme(ctx.services)

    def on_change(e: ft.Event[ft.SegmentedButton]) -> None:
        choice = (e.control.selected or ["system"])[0]
        try:
            theme = data.set_theme(ctx.services, choice)
        except LipCheckError as exc:
            ctx.toast(f"The theme could not be saved: {exc}")
            return
        apply_theme(ctx.page, theme)
        ctx.page.update()

    picker = ft.SegmentedButton(
        segments=[
            ft.Segment(value=v, label=ft.Text(label, no_wrap=True)) for v, label in THEMES
        ],
        selected=[current],
        on_change=on_change,
        show_selected_icon=False,  # the tick made "System" wrap mid-word at 320 px
        style=SEGMENT_STYLE,
    )
    return card(heading("Appearance"), para("Theme"), ft.Row([picker]))


def _emergency_card(ctx: Ctx) -> ft.Control:
    """The number the emergency result's Call button dials (standard public-health info)."""
    from app.ui.check.emergency import current_number, number_picker

    return card(
        heading("Emergency number"),
        para("The self-check's emergency result has a button that calls this number."),
        ft.Row([number_picker(ctx, current_number(ctx))]),
    )


def data_location(
    data_dir: Path, in_browser: bool, browser: BrowserStorage | None = None
) -> tuple[str, str | None]:
    """What "Where your data lives" says: the place, and a saving problem if any.
    In the browser build the folder is Pyodide's in-memory one, so naming it would
    mislead; the data really lives in the browser's IndexedDB."""
    if not in_browser:
        return str(data_dir), None
    place = (
        "Your data is kept in this browser's storage on this device (IndexedDB), "
        "not in a folder. Clearing this site's data in the browser deletes it."
    )
    if browser is None or browser.last_error is None:
        return place, None
    why = str(browser.last_error).rstrip(".") or type(browser.last_error).__name__
    problem = f"This browser did not let the app save its data: {why}."
    if browser.in_memory_only:
        place = "Your data is only in this page's memory, not in this browser's storage."
        return place, f"{problem} All of it is lost when this page closes. Export a backup."
    if browser.saving_failed:
        return place, f"{problem} Recent changes are lost when this page closes. Export a backup."
    return place, None


OFFLINE_CHECKING = "Offline copy: checking\u2026"


def offline_text(ready: bool | None) -> str:
    """What Settings says about the offline copy; never "ready" unless it is complete."""
    if ready is True:
        return "Ready to work offline: the whole app is saved on this device."
    if ready is False:
        return (
            "Not ready to work offline yet: part of the app is not saved on this device. "
            "Stay online to use it, or reload the page to try the download again."
        )
    return (
        "This browser keeps no offline copy of the app (for example in a private "
        "window), so it needs the network to start."
    )


def _offline_line(ctx: Ctx) -> ft.Text:
    """Filled in once the caches have been read (that is asynchronous)."""
    line = para(OFFLINE_CHECKING)

    async def check() -> None:
        line.value = offline_text(await offline_ready())
        with contextlib.suppress(RuntimeError):  # Settings was left before the answer
            line.update()

    ctx.page.run_task(check)
    return line


def _location_card(ctx: Ctx) -> ft.Control:
    in_browser = sys.platform == "emscripten"  # the offline web build (see main.py)
    browser = active_storage() if in_browser else None
    place, problem = data_location(data.data_dir(ctx.services), in_browser, browser)
    lines = [para(place)]
    if problem is not None:
        lines.append(para(problem, color=ft.Colors.ERROR))
    if in_browser:
        lines.append(_offline_line(ctx))
    return card(
        heading("Where your data lives"),
        *lines,
        para("Nothing is sent anywhere: no accounts, no analytics."),
    )


def _notices(ctx: Ctx) -> list[ft.Control]:
    notices = data.repairs(ctx.services)
    if not notices:
        return []
    return [
        card(
            heading("Some saved data needed repair"),
            *[para(n.message) for n in notices],
            color=ft.Colors.TERTIARY_CONTAINER,
        )
    ]


def build(ctx: Ctx, params: list[str]) -> Screen:
    error = ft.Text("", color=ft.Colors.ERROR, visible=False)
    try:
        body: list[ft.Control] = [
            _theme_card(ctx),
            _emergency_card(ctx),
            *_notices(ctx),
            _location_card(ctx),
            export_card(ctx, error),
            erase_card(ctx),
        ]
    except LipCheckError as exc:
        body = [para(f"Your data could not be read: {exc}")]
    return Screen(title="Settings", back="/", body=body)
