"""What every screen receives and returns, so screens stay thin and alike."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import flet as ft

from app.services import Services
from app.ui.frame.state import SessionState

TOAST_S = 4
TOAST_ROOM = 88  # px left free under the last control, so a toast never hides a button


@dataclass
class Screen:
    """A screen's content; the shell adds the app bar and navigation around it."""

    title: str
    body: list[ft.Control]
    back: str | None = None
    actions: list[ft.Control] = field(default_factory=list)
    scroll: bool = True


@dataclass
class Ctx:
    """Per-browser-session context handed to every screen builder."""

    page: ft.Page
    services: Services
    go: Callable[[str], None]
    rerender: Callable[[], None]
    state: SessionState = field(default_factory=SessionState)
    route_hooks: list[Callable[[], None]] = field(default_factory=list)  # after each render
    modals: list[ft.DialogControl] = field(default_factory=list)  # opened by show_modal

    def show_modal(self, dialog: ft.DialogControl) -> None:
        """Open a dialog and keep our own reference to it (Flet's dialog stack is
        private), so the reminder banner can wait until it is closed."""
        for event in ("on_dismiss", "on_change"):  # a date picker closes on a pick
            original = getattr(dialog, event, None)
            if event == "on_change" and not isinstance(dialog, ft.DatePicker):
                continue
            setattr(dialog, event, _closing(dialog, original))
        self.modals = [d for d in self.modals if d.open] + [dialog]
        self.page.show_dialog(dialog)

    @property
    def modal_open(self) -> bool:
        self.modals = [d for d in self.modals if d.open]
        return bool(self.modals)

    def toast(
        self, message: str, action: str | None = None, on_action: Callable[[], None] | None = None
    ) -> None:
        """A short message (4 s at most, so it never sits over a button for long). It
        floats above the bottom bar, and screens end with room for it (Shell adds it)."""
        bar = ft.SnackBar(
            content=ft.Text(message),
            action=action,
            on_action=(lambda _e: on_action()) if on_action else None,
            duration=ft.Duration(seconds=TOAST_S),
            show_close_icon=True,
            behavior=ft.SnackBarBehavior.FLOATING,
        )
        self.page.show_dialog(bar)


def _closing(dialog: ft.DialogControl, original: Any) -> Callable[[Any], Awaitable[None]]:
    """`original`, after marking `dialog` closed (pop_dialog marks it closed too)."""

    async def handler(e: Any) -> None:
        dialog.open = False
        outcome = original(e) if original else None
        if inspect.isawaitable(outcome):
            await outcome

    return handler


def heading(text: str) -> ft.Text:
    return ft.Text(text, theme_style=ft.TextThemeStyle.TITLE_LARGE, weight=ft.FontWeight.W_600)


def para(text: str, **kwargs: Any) -> ft.Text:
    return ft.Text(text, theme_style=ft.TextThemeStyle.BODY_LARGE, **kwargs)


def card(
    *controls: ft.Control, on_click: Callable[[Any], None] | None = None, color: str | None = None
) -> ft.Control:
    return ft.Card(
        content=ft.Container(
            content=ft.Column(list(controls), spacing=8, tight=True),
            padding=ft.Padding.all(16),
            on_click=on_click,
            ink=on_click is not None,
            border_radius=12,
        ),
        bgcolor=color,
    )


TALL_BUTTON = ft.ButtonStyle(padding=ft.Padding.symmetric(vertical=15, horizontal=12))
"""For a button whose label may wrap: padding, not a fixed height, makes the 48 px
target (a fixed height cut a wrapped label's second line off on a 320 px phone)."""


def link_button(ctx: Ctx, label: str, route: str, icon: ft.IconData) -> ft.Control:
    """A text button (at least 48 px tall) that opens another screen."""
    return ft.TextButton(label, icon=icon, style=TALL_BUTTON, on_click=lambda _e: ctx.go(route))


def learn_button(ctx: Ctx, section_id: str, prefix: str = "Read") -> ft.Control:
    """A button into Learn, named after the section so the link says where it goes."""
    section = ctx.services.section(section_id)
    name = section.title if section else section_id
    return link_button(
        ctx, f"{prefix}: {name}", f"/learn/{section_id}", ft.Icons.MENU_BOOK_OUTLINED
    )


def icon_button(
    icon: ft.IconData,
    label: str,
    on_click: ft.ControlEventHandler[ft.IconButton],
    *,
    color: str | None = None,
    disabled: bool = False,
) -> ft.IconButton:
    """An icon-only button whose name is on the element with role=button: a tooltip
    alone names a wrapper around it, which screen readers and tests do not use."""
    return ft.IconButton(
        ft.Icon(icon, semantics_label=label, color=color),
        tooltip=label,
        on_click=on_click,
        disabled=disabled,
        size_constraints=ft.BoxConstraints(min_width=48, min_height=48),  # 40 by default
    )
