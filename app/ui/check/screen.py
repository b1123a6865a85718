"""Self-check: routing, and one question per screen.

The QuizSession is an immutable value kept in ctx.state.check, so a re-render or a
route change (browser back included) finds it again. Each question has its own
route, /check/q/<question id>, and the result lives at /check/result.
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.quiz import InvalidAnswer, Question
from app.quiz.answers import RawAnswer
from app.quiz.conditions import format_number
from app.ui.check import result
from app.ui.check.result import (
    RESULT_ROUTE,
    ROUTE,
    get_state,
    message,
    question_route,
)
from app.ui.frame.context import Ctx, Screen, para
from app.ui.frame.state import CheckState

TAP = 56  # option rows: comfortably above the 48 px touch target


def _submit(ctx: Ctx, state: CheckState, q: Question, value: RawAnswer) -> str | None:
    """Save the answer and move on; returns the engine's message when it is not accepted."""
    try:
        session = state.session.answer(q.id, value)
    except InvalidAnswer as exc:
        return exc.problem
    if state.returning:
        session = session.fast_forward()
    state.session = session
    nxt = session.current
    ctx.go(question_route(nxt.id) if nxt is not None else RESULT_ROUTE)
    return None


def _choices(
    ctx: Ctx, state: CheckState, q: Question, error: ft.Text
) -> tuple[list[ft.Control], Callable[[], None] | None]:
    """Option rows for single / yes-no (a tap answers), or checkboxes for multi."""
    if q.type == "multi":
        return _checkboxes(ctx, state, q, error)
    chosen = state.session.answer_for(q.id)
    rows: list[ft.Control] = []
    for o in q.options:
        picked = chosen == o.value
        icon = ft.Icons.RADIO_BUTTON_CHECKED if picked else ft.Icons.RADIO_BUTTON_UNCHECKED
        tile = _tile(o.label, ft.Icon(icon), picked)
        tile.on_click = lambda _e, v=o.value: _submit(ctx, state, q, v)
        rows.append(tile)
    if not isinstance(chosen, str):
        return rows, None
    kept: str = chosen

    def keep() -> None:
        _submit(ctx, state, q, kept)

    return rows, keep


def _checkboxes(
    ctx: Ctx, state: CheckState, q: Question, error: ft.Text
) -> tuple[list[ft.Control], Callable[[], None]]:
    """A multi-choice question: exclusive options ("none") clear the others and back."""
    chosen = state.session.answer_for(q.id)
    picked_now = set(chosen) if isinstance(chosen, tuple) else set()
    boxes: list[ft.Checkbox] = []
    tiles: list[ft.ListTile] = []

    group = ft.Column(spacing=12)

    def show(i: int, value: bool) -> None:
        boxes[i].value = value
        tiles[i].selected = value
        tiles[i].shape = _shape(value)

    def toggled(e: ft.Event[ft.Checkbox]) -> None:
        index = boxes.index(e.control)
        on = bool(e.control.value)
        if on:
            clears_others = q.options[index].exclusive
            for i, box in enumerate(boxes):
                if i != index and (clears_others or q.options[i].exclusive) and box.value:
                    show(i, False)
        show(index, on)
        if error.visible:
            error.value, error.visible = "", False

    for o in q.options:
        box = ft.Checkbox(value=o.value in picked_now, on_change=toggled, semantics_label=o.label)
        boxes.append(box)
        tile = _tile(o.label, box, o.value in picked_now)
        tile.toggle_inputs = True
        tiles.append(tile)
    group.controls = list(tiles)

    def send() -> None:
        picked = [o.value for o, box in zip(q.options, boxes, strict=True) if box.value]
        problem = _submit(ctx, state, q, picked)
        if problem:
            error.value, error.visible = problem, True

    return [group], send


def _shape(picked: bool) -> ft.OutlinedBorder:
    return ft.RoundedRectangleBorder(
        radius=12,
        side=ft.BorderSide(2, ft.Colors.PRIMARY) if picked else ft.BorderSide(1, ft.Colors.OUTLINE),
    )


def _tile(label: str, leading: ft.Control, picked: bool) -> ft.ListTile:
    """A large, bordered option row; its text wraps instead of being cut off."""
    return ft.ListTile(
        leading=leading,
        title=ft.Text(label, theme_style=ft.TextThemeStyle.BODY_LARGE),
        selected=picked,
        selected_tile_color=ft.Colors.SECONDARY_CONTAINER,
        selected_color=ft.Colors.ON_SECONDARY_CONTAINER,
        min_height=TAP,
        shape=_shape(picked),
    )


def _number(
    ctx: Ctx, state: CheckState, q: Question
) -> tuple[list[ft.Control], Callable[[], None]]:
    chosen = state.session.answer_for(q.id)
    box = ft.TextField(
        label=q.label,
        value=format_number(chosen) if isinstance(chosen, float) else "",
        suffix=q.unit,
        helper=f"From {format_number(q.min or 0)} to {format_number(q.max or 0)} {q.unit or ''}",
        keyboard_type=ft.KeyboardType.NUMBER,
        error_max_lines=3,
        text_size=20,
    )

    def send() -> None:
        problem = _submit(ctx, state, q, box.value or "")
        if problem:
            box.error = problem

    def edited(_e: ft.Event[ft.TextField]) -> None:
        if box.error:
            box.error = None

    box.on_submit = lambda _e: send()
    box.on_change = edited
    return [box], send


def _help(state: CheckState, q: Question) -> list[ft.Control]:
    if not q.help:
        return []
    text = ft.Container(
        para(q.help),
        padding=ft.Padding.all(12),
        border_radius=12,
        bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
        visible=q.id in state.help_open,
    )

    def toggle(_e: ft.Event[ft.TextButton]) -> None:
        state.help_open.symmetric_difference_update({q.id})
        text.visible = q.id in state.help_open

    button = ft.TextButton(
        "What does this mean?", icon=ft.Icons.HELP_OUTLINE, on_click=toggle, height=48
    )
    return [ft.Row([button]), text]


def _nav_buttons(ctx: Ctx, previous: str, send: Callable[[], None] | None) -> list[ft.Control]:
    """Back, and Next when the question has an answer to send."""
    buttons: list[ft.Control] = [
        ft.OutlinedButton(
            "Back",
            icon=ft.Icons.ARROW_BACK,
            height=52,
            expand=True,
            on_click=lambda _e: ctx.go(previous),
        )
    ]
    if send is not None:
        buttons.append(
            ft.FilledButton(
                "Next",
                icon=ft.Icons.ARROW_FORWARD,
                height=52,
                expand=True,
                on_click=lambda _e: send(),
            )
        )
    return buttons


def _question_screen(ctx: Ctx, state: CheckState, question_id: str) -> Screen:
    session = state.session
    shown = [q.id for q in session.visible]
    if question_id not in shown:
        return message(
            ctx, "This question is not part of your check now.", "Go to your check", ROUTE
        )
    if session.cursor != question_id:
        session = state.session = session.go_to(question_id)
    q = session.current
    assert q is not None
    position = shown.index(q.id) + 1
    error = ft.Text("", color=ft.Colors.ERROR, visible=False, weight=ft.FontWeight.W_600)
    send: Callable[[], None] | None
    if q.type == "number":
        inputs, send = _number(ctx, state, q)
    else:
        inputs, send = _choices(ctx, state, q, error)
    previous = ROUTE if position == 1 else question_route(shown[position - 2])
    buttons = _nav_buttons(ctx, previous, send)
    note = []
    if state.returning and state.changing == q.id:
        note = [
            para(
                "After this you go back to your result. If your new answer needs more "
                "questions, you see those first.",
                italic=True,
            )
        ]
    body: list[ft.Control] = [
        ft.Text(f"Question {position} of {len(shown)}", theme_style=ft.TextThemeStyle.LABEL_LARGE),
        ft.ProgressBar(
            value=session.progress.fraction,
            bar_height=8,
            border_radius=4,
            semantics_label="Progress",
        ),
        ft.Text(q.text, theme_style=ft.TextThemeStyle.TITLE_LARGE, weight=ft.FontWeight.W_600),
        *_help(state, q),
        *note,
        *inputs,
        error,
        ft.Row(buttons, spacing=12),
        ft.Container(height=8),
    ]
    return Screen(title="Self-check", body=body)


def build(ctx: Ctx, params: list[str]) -> Screen:
    if not params:
        return result.start_screen(ctx)
    state = get_state(ctx)
    if state is None:
        return message(ctx, "There is no self-check in progress.", "Go to the self-check", ROUTE)
    if params[0] == "q" and len(params) == 2:
        return _question_screen(ctx, state, params[1])
    if params == ["result"]:
        return result.build(ctx, state)
    return message(ctx, "There is nothing at this address.", "Go to the self-check", ROUTE)
