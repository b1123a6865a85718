"""Shown for a mistyped or stale link, instead of a blank page."""

from __future__ import annotations

import flet as ft

from app.ui.frame.context import Ctx, Screen, para


def build(ctx: Ctx, params: list[str]) -> Screen:
    return Screen(
        title="Page not found",
        back="/",
        body=[
            para("There is nothing at this address."),
            ft.Button("Go to Home", icon=ft.Icons.HOME, on_click=lambda _e: ctx.go("/")),
        ],
    )
