"""Settings: theme, where the data lives, export, import, and erase-all.

In the offline build it also says whether the whole app is saved on this device
to work offline, as the service worker's caches tell (app/web.py offline_ready).

Import and erase replace everything, so both ask first; a bad backup file is
refused with the storage layer's message and changes nothing.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import flet as ft

from app.errors import LipCheckError
from app.records import Theme
from app.services import data
from app.ui.frame.context import Ctx, Screen, card, heading, para
from app.ui.frame.theme import SEGMENT_STYLE, apply_theme
from app.web import BrowserStorage, active_storage, offline_ready

THEMES: tuple[tuple[Theme, str], ...] = (("system", "System"), ("light", "Light"), ("dark", "Dark"))


DESTRUCTIVE = ft.ButtonStyle(color=ft.Colors.ON_ERROR, bgcolor=ft.Colors.ERROR)
DESTRUCTIVE_OUTLINE = ft.ButtonStyle(
    color=ft.Colors.ERROR, side=ft.BorderSide(1, ft.Colors.ERROR), icon_color=ft.Colors.ERROR
)


def _confirm(
    ctx: Ctx,
    title: str,
    text: str,
    action: str,
    on_yes: Callable[[], Awaitable[None] | None],
    *,
    destructive: bool = False,
) -> None:
    """A modal question; a destructive action's button is filled in the error colour."""

    async def yes(_e: ft.Event[ft.Button]) -> None:
        ctx.page.pop_dialog()
        outcome = on_yes()
        if outcome is not None:
            await outcome

    ctx.show_modal(
        ft.AlertDialog(
            modal=True,
            title=ft.Text(title),
            content=ft.Text(text),
            actions=[
                ft.TextButton("Cancel", height=48, on_click=lambda _e: ctx.page.pop_dialog()),
                ft.FilledButton(
                    action, height=48, on_click=yes, style=DESTRUCTIVE if destructive else None
                ),
            ],
        )
    )


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


def _importer(ctx: Ctx, error: ft.Text) -> Callable[[ft.Event[ft.Button]], Awaitable[None]]:
    """Import: pick a file, confirm, then replace everything (or say why not)."""

    async def pick_backup(_e: ft.Event[ft.Button]) -> None:
        files = await ft.FilePicker().pick_files(
            dialog_title="Choose a Lip Twitch Check backup",
            allowed_extensions=["json"],
            with_data=True,
        )
        if not files:
            return
        chosen = files[0]
        content = chosen.bytes or b""
        try:
            preview = data.check_backup(ctx.services, content)
        except LipCheckError as exc:
            # A bad file never reaches the question: say what is wrong, change nothing.
            error.value = f"{chosen.name} cannot be imported: {exc} Nothing was changed."
            error.visible = True
            error.update()
            return
        error.visible = False
        error.update()

        def do_import() -> None:
            try:
                done = data.import_backup(ctx.services, content)
            except LipCheckError as exc:
                error.value = f"{chosen.name} was not imported: {exc} Nothing was changed."
            else:
                error.value = ""
                ctx.toast(done.message)
                apply_theme(ctx.page, done.theme)
                ctx.rerender()
                return
            error.visible = True
            error.update()

        _confirm(
            ctx,
            "Replace all your data?",
            f"{chosen.name} was checked and can be imported. {preview.message} "
            "Importing it replaces every result, log and setting on this device with the "
            "backup's.",
            "Replace my data",
            do_import,
            destructive=True,
        )

    return pick_backup


def _export_card(ctx: Ctx, error: ft.Text) -> ft.Control:
    async def save(file: tuple[str, bytes]) -> None:
        name, content = file
        await ft.FilePicker().save_file(file_name=name, src_bytes=content)

    async def export_json(_e: ft.Event[ft.Button]) -> None:
        await save(data.export_backup(ctx.services))
        ctx.toast("Backup file created.")

    async def export_csv(_e: ft.Event[ft.Button]) -> None:
        await save(data.export_csv(ctx.services))
        ctx.toast("CSV files created.")

    pick_backup = _importer(ctx, error)

    return card(
        heading("Back up and restore"),
        para("Save a copy of everything, or restore one. Files stay on your device."),
        ft.Button("Export backup (JSON)", icon=ft.Icons.DOWNLOAD, height=48, on_click=export_json),
        ft.Button(
            "Export results and logs (CSV)",
            icon=ft.Icons.TABLE_VIEW,
            height=48,
            on_click=export_csv,
        ),
        ft.Button("Import a backup", icon=ft.Icons.UPLOAD_FILE, height=48, on_click=pick_backup),
        error,
    )


def _erase_card(ctx: Ctx) -> ft.Control:
    def erase() -> None:
        data.erase(ctx.services)
        apply_theme(ctx.page, "system")
        ctx.toast("All data on this device was erased.")
        ctx.rerender()

    return card(
        heading("Erase everything"),
        para("Deletes every result, log, setting and backup kept by this app on this device."),
        ft.OutlinedButton(
            "Erase all data",
            icon=ft.Icons.DELETE_FOREVER,
            height=48,
            style=DESTRUCTIVE_OUTLINE,
            on_click=lambda _e: _confirm(
                ctx,
                "Erase all data?",
                "This deletes all your results, logs, settings and backups on this device. "
                "It cannot be undone. Export a backup first if you may want them later.",
                "Erase everything",
                erase,
                destructive=True,
            ),
        ),
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
            _export_card(ctx, error),
            _erase_card(ctx),
        ]
    except LipCheckError as exc:
        body = [para(f"Your data could not be read: {exc}")]
    return Screen(title="Settings", back="/", body=body)
