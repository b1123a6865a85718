"""Settings' data cards: back up (JSON, CSV), import a backup, erase everything.

Import and erase replace everything, so both ask first, with a destructive-looking
button; a bad backup file is refused with the storage layer's message before
anything is asked, and changes nothing.
"""


import asyncio
import sys
from collections.abc import Awaitable, Callable

import flet as ft

from app.errors import LipCheckError
from app.services import data
from app.ui.frame.context import TALL_BUTTON, Ctx, card, heading, para
from app.ui.frame.theme import apply_theme

DESTRUCTIVE = ft.ButtonStyle(color=ft.Colors.ON_ERROR, bgcolor=ft.Colors.ERROR)
DESTRUCTIVE_OUTLINE = ft.ButtonStyle(
    color=ft.Colors.ERROR, side=ft.BorderSide(1, ft.Colors.ERROR), icon_color=ft.Colors.ERROR
)


async def _checked(ctx: Ctx, content: bytes) -> data.BackupPreview:
    """Check a backup off the event loop when there are threads (a file at the limits
    takes seconds, and every open page shares the loop); Pyodide has none."""
    if sys.platform == "emscripten":
        return data.check_backup(ctx.services, content)
    return await asyncio.to_thread(data.check_backup, ctx.services, content)


def confirm(
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
            preview = await _checked(ctx, content)
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

        confirm(
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


def export_card(ctx: Ctx, error: ft.Text) -> ft.Control:
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
            style=TALL_BUTTON,  # its label may wrap on a small phone
            on_click=export_csv,
        ),
        ft.Button("Import a backup", icon=ft.Icons.UPLOAD_FILE, height=48, on_click=pick_backup),
        error,
    )


def erase_card(ctx: Ctx) -> ft.Control:
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
            on_click=lambda _e: confirm(
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
