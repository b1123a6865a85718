"""Lay out a QuizResult as controls; shared by the self-check and History.

The tier is always said in words (badge and title) with an icon; colour only
adds to it. Tier colours are either scheme roles or a hue laid thinly over the
surface, so text stays ON_SURFACE and keeps its contrast in light and dark.
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.quiz import QuizResult, describe_answer
from app.ui.check.tier_banner import tier_banner
from app.ui.frame.context import Ctx, card, learn_button, link_button

HABIT_TEXT = {
    "hydration_reminder": "Suggested: set a water reminder",
    "bedtime_reminder": "Suggested: set a bedtime reminder",
}
HABITS_ROUTE = "/habits"


def _text(
    value: str, style: ft.TextThemeStyle = ft.TextThemeStyle.BODY_LARGE, **kwargs: object
) -> ft.Text:
    return ft.Text(value, theme_style=style, **kwargs)  # type: ignore[arg-type]


def _section(title: str) -> ft.Control:
    return ft.Container(
        ft.Text(title, theme_style=ft.TextThemeStyle.TITLE_MEDIUM, weight=ft.FontWeight.W_600),
        padding=ft.Padding.only(top=8),
    )


def _bullets(lines: tuple[str, ...] | list[str]) -> ft.Column:
    return ft.Column(
        [
            ft.Row(
                [_text("\u2022"), _text(line, expand=True)],
                vertical_alignment=ft.CrossAxisAlignment.START,
            )
            for line in lines
        ],
        spacing=6,
    )


def _because(answers: tuple[str, ...]) -> list[ft.Control]:
    """The answers that ranked this trigger, so the ranking is never a black box."""
    if not answers:
        return []
    return [_text("Your answers: " + "; ".join(answers) + ".", italic=True)]


def _triggers(ctx: Ctx, result: QuizResult) -> list[ft.Control]:
    if not result.triggers:
        return []
    items: list[ft.Control] = [_section("What may be causing it")]
    if result.triggers_label:
        items.append(_text(result.triggers_label, ft.TextThemeStyle.BODY_MEDIUM, italic=True))
    for rank, trigger in enumerate(result.triggers, start=1):
        items.append(
            card(
                ft.Text(
                    f"{rank}. {trigger.title}",
                    theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
                    weight=ft.FontWeight.W_600,
                ),
                _text(trigger.why),
                *_because(trigger.because),
                _text(f"What helps: {trigger.tip}"),
                ft.Row(
                    [
                        learn_button(ctx, section)
                        for section in dict.fromkeys((trigger.learn_section, trigger.tip_section))
                        if section
                    ],
                    wrap=True,
                ),
            )
        )
    return items


def _habits_off(ctx: Ctx, habits: tuple[str, ...]) -> tuple[str, ...]:
    """Only suggest what is not on already: offering an active reminder reads as a bug."""
    from app.ui.habits.common import settings

    current = settings(ctx)
    on = {
        "hydration_reminder": current.hydration.reminders_on,
        "bedtime_reminder": current.sleep.bedtime_reminder_on,
    }
    return tuple(h for h in habits if not on.get(h, False))


def _habits(ctx: Ctx, result: QuizResult) -> list[ft.Control]:
    """Each suggestion is a one-tap button that turns the reminder on, staying here."""
    suggested = _habits_off(ctx, result.suggested_habits)
    if not suggested:
        return []
    lines = [HABIT_TEXT.get(h, f"Suggested: {h}") for h in suggested]
    items: list[ft.Control] = [_section("Habits that may help"), _bullets(lines)]
    if _route_exists(HABITS_ROUTE):
        from app.ui.habits.reminders import SUGGESTIONS, turn_on_suggestion

        def turn_on(habit: str) -> Callable[[ft.Event[ft.Button]], None]:
            return lambda _e: turn_on_suggestion(ctx, habit)

        buttons: list[ft.Control] = [
            ft.FilledTonalButton(
                SUGGESTIONS[h], icon=ft.Icons.ALARM_ADD, height=48, on_click=turn_on(h)
            )
            for h in suggested
            if h in SUGGESTIONS
        ]
        buttons.append(link_button(ctx, "Open Habits", HABITS_ROUTE, ft.Icons.WATER_DROP_OUTLINED))
        items.append(
            ft.Column(buttons, spacing=8, horizontal_alignment=ft.CrossAxisAlignment.START)
        )
    return items


def _route_exists(prefix: str) -> bool:
    from app.ui.frame import shell  # imported late: the shell imports the screens that import us

    return any(d.prefix == prefix for d in shell.DESTINATIONS) or prefix in shell.OTHER


def _answers(
    ctx: Ctx, result: QuizResult, on_change_answer: Callable[[str], None] | None
) -> list[ft.Control]:
    quiz = ctx.services.quiz
    rows: list[ft.Control] = []
    for qid, value in result.answers:
        q = quiz.question(qid)
        if q is None:
            continue
        rows.append(
            ft.ListTile(
                title=_text(
                    q.label, ft.TextThemeStyle.BODY_MEDIUM, color=ft.Colors.ON_SURFACE_VARIANT
                ),
                subtitle=_text(describe_answer(q, value), weight=ft.FontWeight.W_600),
                trailing=_change_label() if on_change_answer else None,
                on_click=_on_row(on_change_answer, qid),
                min_height=56,
                content_padding=ft.Padding.symmetric(horizontal=4),
            )
        )
        rows.append(ft.Divider(height=1))
    return [_section("Your answers"), *rows] if rows else []


def _on_row(
    on_change_answer: Callable[[str], None] | None, question_id: str
) -> Callable[[ft.Event[ft.ListTile]], None] | None:
    if on_change_answer is None:
        return None
    handler = on_change_answer
    return lambda _e: handler(question_id)


def _change_label() -> ft.Control:
    """Reads as part of the row's name, e.g. "Other symptoms, None of these, Change"."""
    return ft.Row(
        [
            ft.Icon(ft.Icons.EDIT_OUTLINED, size=18, color=ft.Colors.PRIMARY),
            ft.Text("Change", color=ft.Colors.PRIMARY, weight=ft.FontWeight.W_600),
        ],
        spacing=4,
        tight=True,
    )


def _time_frame(result: QuizResult) -> ft.Control:
    """How soon, always said, and always labelled as the app's own guidance."""
    return card(
        ft.Text("How soon", theme_style=ft.TextThemeStyle.TITLE_MEDIUM, weight=ft.FontWeight.W_600),
        _text(result.time_frame, weight=ft.FontWeight.W_600),
        _text(result.time_frame_label, ft.TextThemeStyle.BODY_MEDIUM, italic=True),
    )


def _not_a_diagnosis(result: QuizResult) -> ft.Control:
    return card(
        _text(result.not_a_diagnosis, weight=ft.FontWeight.W_600),
        color=ft.Colors.SURFACE_CONTAINER_HIGHEST,
    )


def _top(result: QuizResult) -> list[ft.Control]:
    """The tier, how soon, where the advice comes from, and an old-version note."""
    out: list[ft.Control] = [tier_banner(result), _time_frame(result)]
    if result.attribution:
        out.append(_text(result.attribution, ft.TextThemeStyle.BODY_MEDIUM, italic=True))
    if not result.same_quiz_version:
        out.append(
            _text(
                "This check was taken with an earlier version of the questions.",
                ft.TextThemeStyle.BODY_MEDIUM,
                italic=True,
            )
        )
    return out


def _medicine_note(text: str) -> ft.Control:
    return card(
        ft.Row(
            [
                ft.Icon(ft.Icons.MEDICATION_OUTLINED, semantics_label="Medicines"),
                _text(text, weight=ft.FontWeight.W_600, expand=True),
            ],
            vertical_alignment=ft.CrossAxisAlignment.START,
        )
    )


def result_controls(
    ctx: Ctx, result: QuizResult, *, on_change_answer: Callable[[str], None] | None = None
) -> list[ft.Control]:
    """The whole result, top to bottom; `on_change_answer(question_id)` makes each answer
    row a "Change" button that gets the question id. An emergency puts the call first and
    leaves out everything that could read as "wait and see"."""
    from app.ui.check.emergency import current_number, emergency_controls

    number = current_number(ctx)
    if result.tier == "emergency":
        return [
            *emergency_controls(ctx, result, number),
            _not_a_diagnosis(result),
            *_answers(ctx, result, on_change_answer),
        ]
    result = result.with_number(number)
    out = _top(result)
    out += [_section("What to do next"), _bullets(result.next_steps)]
    out += _triggers(ctx, result)
    if result.reasons:
        out += [_section("Why this result"), _bullets(result.reasons)]
    out += [_section("If it gets worse"), _bullets(result.if_worse)]
    if result.medicine_note:
        out.append(_medicine_note(result.medicine_note))
    out += _habits(ctx, result)
    if result.learn_sections:
        out += [
            _section("Learn more"),
            ft.Column([learn_button(ctx, s) for s in result.learn_sections], spacing=0),
        ]
    out.append(_not_a_diagnosis(result))
    out += _answers(ctx, result, on_change_answer)
    return out
