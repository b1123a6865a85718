"""The app factory: turns a config into the `main(page)` Flet runs per session."""

from __future__ import annotations

import logging
from collections.abc import Callable

import flet as ft

from app.config import AppConfig
from app.errors import ContentError, LipCheckError
from app.services import Services, build_services, data
from app.ui.frame.shell import Shell
from app.ui.frame.theme import apply_theme
from app.ui.habits.banner import start_reminders

log = logging.getLogger(__name__)


def broken_app(reason: str, explanation: str) -> Callable[[ft.Page], None]:
    """Shown instead of the app when start-up checks fail, saying why."""

    def main(page: ft.Page) -> None:
        page.title = "Lip Twitch Check cannot start"
        page.add(
            ft.Text("Lip Twitch Check cannot start", theme_style=ft.TextThemeStyle.TITLE_LARGE),
            ft.Text(explanation),
            ft.Text(reason, selectable=True),
        )

    return main


def session_main(services: Services) -> Callable[[ft.Page], None]:
    def main(page: ft.Page) -> None:
        apply_theme(page, data.theme(services))
        shell = Shell(page, services)
        shell.render()
        start_reminders(shell.ctx)
        if data.repairs(services):
            shell.ctx.toast(
                "Some saved data was damaged and has been repaired.",
                action="Details",
                on_action=lambda: shell.go("/settings"),
            )
            data.mark_repairs_told(services)  # told now; Settings lists them until restart

    return main


def create_app(
    config: AppConfig, on_commit: Callable[[], None] | None = None
) -> tuple[Callable[[ft.Page], None], str | None]:
    """Return the per-session main and, when start-up failed, the reason.
    `on_commit` runs after every committed write (the browser build syncs IndexedDB)."""
    try:
        services = build_services(config, on_commit=on_commit)
    except ContentError as exc:
        explanation = (
            "Its built-in content failed a check, so it will not show anything that might be wrong:"
        )
        return broken_app(str(exc), explanation), str(exc)
    except LipCheckError as exc:
        return broken_app(str(exc), "Your data folder could not be opened:"), str(exc)
    except Exception as exc:  # noqa: BLE001  # anything else still gets the page, not a traceback
        log.exception("start-up failed")
        reason = f"{type(exc).__name__}: {exc}"
        return broken_app(reason, "Something unexpected stopped it:"), reason
    return session_main(services), None
