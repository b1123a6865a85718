"""Around the questions: the check's state, the start screen and the result screen.

The result is saved when it is first shown. Changing an answer and finishing
again saves a new result linked to the one it changed ("changed from"); the
earlier one stays in History, so nothing the person was told is ever lost.
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.errors import LipCheckError
from app.quiz import QuestionNotAvailable, QuizResult, QuizSession
from app.services.check import change_answers, save_result
from app.ui.check.result_view import result_controls
from app.ui.frame.context import Ctx, Screen, card, heading, para
from app.ui.frame.state import CheckState

ROUTE = "/check"
RESULT_ROUTE = "/check/result"


def get_state(ctx: Ctx) -> CheckState | None:
    return ctx.state.check


def question_route(question_id: str) -> str:
    return f"{ROUTE}/q/{question_id}"


def start_new(ctx: Ctx) -> None:
    state = CheckState(QuizSession.start(ctx.services.quiz))
    ctx.state.check = state
    first = state.session.current
    ctx.go(question_route(first.id) if first else RESULT_ROUTE)


def message(ctx: Ctx, text: str, action: str, route: str) -> Screen:
    """A dead end (lost state after a reload, an old link) always offers a way on."""
    return Screen(
        title="Self-check",
        body=[para(text), ft.FilledButton(action, height=52, on_click=lambda _e: ctx.go(route))],
    )


def start_screen(ctx: Ctx) -> Screen:
    """What the check is; with a check under way, Continue / Start over instead of Start."""
    quiz = ctx.services.quiz
    state = get_state(ctx)
    actions: list[ft.Control] = []
    if state is None or not state.session.answers:
        actions.append(ft.FilledButton("Start", on_click=lambda _e: start_new(ctx), height=52))
    elif state.session.is_complete:
        actions += [
            ft.FilledButton("See your result", on_click=lambda _e: ctx.go(RESULT_ROUTE), height=52),
            ft.OutlinedButton("Start a new check", on_click=lambda _e: start_new(ctx), height=52),
        ]
    else:
        progress = state.session.progress
        current = state.session.current
        target = question_route(current.id) if current else RESULT_ROUTE
        actions += [
            para(f"You have answered {progress.answered} of {progress.total} questions."),
            ft.FilledButton("Continue", on_click=lambda _e: ctx.go(target), height=52),
            ft.OutlinedButton("Start over", on_click=lambda _e: start_new(ctx), height=52),
        ]
    body: list[ft.Control] = [
        card(
            heading(quiz.title),
            para(quiz.intro),
            para(
                "You get one question at a time. The first one checks for signs that need "
                "emergency help."
            ),
        ),
        card(
            ft.Row(
                [
                    ft.Icon(ft.Icons.INFO_OUTLINE, semantics_label="Important"),
                    ft.Text(
                        quiz.not_a_diagnosis, expand=True, theme_style=ft.TextThemeStyle.BODY_LARGE
                    ),
                ],
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
        ),
        *actions,
    ]
    return Screen(title="Self-check", body=body)


def save_once(ctx: Ctx, state: CheckState, result: QuizResult) -> str | None:
    """Store the result unless these exact answers are already saved; returns a problem.
    Changed answers make a new result linked to the last one, which is kept."""
    if state.saved_answers == result.answers:
        return None
    try:
        if state.saved_id is None:
            record = save_result(ctx.services, result)
        else:
            record = change_answers(ctx.services, result, state.saved_id)
    except LipCheckError as exc:
        return f"Your result could not be saved on this device: {exc}"
    state.saved_id, state.saved_answers = record.id, result.answers
    return None


def _unfinished(ctx: Ctx, session: QuizSession) -> Screen:
    current = session.current
    target = question_route(current.id) if current else ROUTE
    return Screen(
        title="Your result",
        back=ROUTE,
        body=[
            para("Answer every question to see your result."),
            ft.FilledButton("Continue the check", height=52, on_click=lambda _e: ctx.go(target)),
        ],
    )


def _saved_line(problem: str | None) -> ft.Control:
    if problem:
        return ft.Text(problem, color=ft.Colors.ERROR, weight=ft.FontWeight.W_600)
    return ft.Row(
        [
            ft.Icon(ft.Icons.SAVE_OUTLINED, size=18, semantics_label="Saved"),
            ft.Text("Saved on this device", theme_style=ft.TextThemeStyle.BODY_SMALL),
        ],
        spacing=6,
    )


def _changer(ctx: Ctx, state: CheckState) -> Callable[[str], None]:
    """What "Change" next to an answer does: reopen that question, then come back."""

    def change(question_id: str) -> None:
        try:
            state.session = state.session.go_to(question_id)
        except QuestionNotAvailable:
            ctx.toast("That question is not part of this check any more.")
            return
        state.returning, state.changing = True, question_id
        ctx.go(question_route(question_id))

    return change


def build(ctx: Ctx, state: CheckState) -> Screen:
    """The result of the check in `state`, saved on first show."""
    session = state.session
    if not session.is_complete:  # complete is enough: browser back may move the cursor
        return _unfinished(ctx, session)
    state.returning, state.changing = False, None
    result = session.result()
    problem = save_once(ctx, state, result)
    shown = result_controls(ctx, result, on_change_answer=_changer(ctx, state))
    body: list[ft.Control] = [
        shown[0],  # the result itself (for an emergency, the call button) comes first
        _saved_line(problem),
        *shown[1:],
        ft.OutlinedButton(
            "Take the check again",
            icon=ft.Icons.REFRESH,
            height=52,
            on_click=lambda _e: start_new(ctx),
        ),
        ft.Container(height=8),
    ]
    return Screen(title="Your result", body=body, back=ROUTE)
