"""What a browser session remembers between screens, one typed object per feature.

Screens are rebuilt on every render, so anything that must survive a redraw (the
check in progress, the History filter, the diary's day, the Learn query) lives here,
in Ctx.state, instead of under string keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from app.quiz import QuizSession
from app.quiz.model import Answers
from app.records import Tier

if TYPE_CHECKING:
    from app.ui.habits.banner import ReminderBanner

#: History rows drawn at once: years of checks should not make History slow.
HISTORY_PAGE = 30
DiaryDay = Literal["today", "yesterday"]


@dataclass
class CheckState:
    """The check in progress and the result last saved for it."""

    session: QuizSession
    saved_id: str | None = None
    saved_answers: Answers | None = None
    returning: bool = False  # came from the result's "Change": go straight back to it
    changing: str | None = None  # the question picked from the result, while it is open
    help_open: set[str] = field(default_factory=set)


@dataclass
class HistoryState:
    tier: Tier | None = None  # the list's tier filter (None: every tier)
    shown: int = HISTORY_PAGE  # rows drawn so far ("Show more" adds a page)
    diary_day: DiaryDay = "today"  # the day the diary form edits


@dataclass
class LearnState:
    query: str = ""


@dataclass
class SessionState:
    check: CheckState | None = None
    history: HistoryState = field(default_factory=HistoryState)
    learn: LearnState = field(default_factory=LearnState)
    reminders: ReminderBanner | None = None  # this session's reminder task
