"""One saved result, in full, as it was shown when the check was taken.

explain_record rebuilds the texts from the current quiz but keeps what the
person was told (tier, triggers, reasons); the quiz version is shown so an old
result is not mistaken for one from today's questions.
"""

from __future__ import annotations

from datetime import datetime

import flet as ft

from app.errors import LipCheckError
from app.formats import format_date
from app.quiz import explain_record
from app.records import ResultRecord
from app.services import history
from app.ui.check.result_view import result_controls
from app.ui.frame.context import TALL_BUTTON, Ctx, Screen, icon_button, para

LIST_ROUTE = "/history"


def when_text(at: datetime) -> str:
    """3 Mar 2025, 09:30: the date and time in the offset the result was saved with."""
    return f"{format_date(at.date())}, {at:%H:%M}"


def delete_with_undo(ctx: Ctx, result_id: str, then: str | None = None) -> None:
    """Delete one result and offer Undo; `then` is where to go afterwards (else stay)."""
    try:
        record = history.delete_result(ctx.services, result_id)
    except LipCheckError as exc:
        ctx.toast(f"The result could not be deleted: {exc}")
        return
    if record is None:
        ctx.toast("That result was already deleted.")
        ctx.go(then or LIST_ROUTE)
        return

    def undo() -> None:
        try:
            history.restore_result(ctx.services, record)
        except LipCheckError as exc:
            ctx.toast(f"The result could not be restored: {exc}")
            return
        ctx.rerender()
        ctx.toast("Result restored.")

    if then is None:
        ctx.rerender()
    else:
        ctx.go(then)
    ctx.toast(f"Deleted the result from {when_text(record.taken_at)}.", "Undo", undo)


def _missing(ctx: Ctx) -> Screen:
    return Screen(
        title="Result not found",
        back=LIST_ROUTE,
        body=[
            para("This result is not on this device any more."),
            ft.FilledButton("Back to History", height=52, on_click=lambda _e: ctx.go(LIST_ROUTE)),
        ],
    )


def _header(ctx: Ctx, record: ResultRecord) -> ft.Control:
    lines: list[ft.Control] = [
        ft.Text(
            f"Taken on {when_text(record.taken_at)}",
            theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
            weight=ft.FontWeight.W_600,
        ),
        ft.Text(
            f"Questions version {record.quiz_version}",
            theme_style=ft.TextThemeStyle.BODY_MEDIUM,
            color=ft.Colors.ON_SURFACE_VARIANT,
        ),
    ]
    if record.changed_from:
        lines.append(_changed_from(ctx, record.changed_from))
    return ft.Column(lines, spacing=2, tight=True)


def _changed_from(ctx: Ctx, earlier_id: str) -> ft.Control:
    """Both results stay: say which one this changed, and link to it while it exists."""
    try:
        earlier = history.result(ctx.services, earlier_id)
    except LipCheckError:
        earlier = None
    if earlier is None:
        return ft.Text(
            "Changed from an earlier result, since deleted.",
            theme_style=ft.TextThemeStyle.BODY_MEDIUM,
        )
    return ft.TextButton(
        f"Changed from the result of {when_text(earlier.taken_at)}",
        icon=ft.Icons.HISTORY,
        style=TALL_BUTTON,  # the date may wrap the label on a small phone
        on_click=lambda _e: ctx.go(f"{LIST_ROUTE}/{earlier.id}"),
    )


def build(ctx: Ctx, params: list[str]) -> Screen:
    result_id = params[0] if params else ""
    try:
        record = history.result(ctx.services, result_id)
    except LipCheckError as exc:
        return Screen(
            title="History",
            back=LIST_ROUTE,
            body=[para(f"This result could not be read: {exc}")],
        )
    if record is None:
        return _missing(ctx)
    result = explain_record(ctx.services.quiz, record)
    delete = icon_button(
        ft.Icons.DELETE_OUTLINE,
        "Delete this result",
        lambda _e: delete_with_undo(ctx, record.id, then=LIST_ROUTE),
        color=ft.Colors.ERROR,  # destructive (undo is offered)
    )
    body: list[ft.Control] = [
        _header(ctx, record),
        *result_controls(ctx, result),
        ft.OutlinedButton(
            "Take the check again",
            icon=ft.Icons.REFRESH,
            height=52,
            on_click=lambda _e: ctx.go("/check"),
        ),
        ft.Container(height=8),
    ]
    return Screen(
        title="Saved result",
        back=LIST_ROUTE,
        body=body,
        actions=[delete],
    )
