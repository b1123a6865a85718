"""The services a UI session uses, built once per process from an AppConfig.

Keeping them here (not in the UI) lets tests build an isolated app with its own
data folder and a pinned clock.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.config import AppConfig
from app.content import Section, load_sections
from app.errors import ContentError
from app.quiz import Quiz, load_quiz, run_embedded_tests
from app.storage import Store, get_store, resolve_data_dir


@dataclass
class Clock:
    """Real time, or time that starts at a pinned moment and then runs on.

    Tests pin the start (LIPCHECK_NOW) so reminders fall due predictably, while
    the clock still moves so that a background task sees time pass.
    """

    start: datetime | None = None
    _t0: float = field(default_factory=time.monotonic)

    def now(self) -> datetime:
        if self.start is None:
            return datetime.now(UTC).astimezone()
        return self.start + timedelta(seconds=time.monotonic() - self._t0)


@dataclass
class Services:
    """Everything a screen needs, shared by all sessions of one process."""

    config: AppConfig
    sections: tuple[Section, ...]
    quiz: Quiz
    store: Store
    clock: Clock

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)


def _check_quiz_links(quiz: Quiz, known: set[str]) -> None:
    """The quiz links into Learn; a link to a missing section is broken content."""
    links = [("always_learn", quiz.always_learn)]
    for trigger in quiz.triggers:
        links += [
            (f"trigger {trigger.id}", trigger.learn_section),
            (f"trigger {trigger.id}", trigger.tip_section),
        ]
    for category in quiz.categories:
        links += [(f"rule {rule.id}", link) for rule in category.rules for link in rule.learn]
    for where, link in links:
        if link not in known:
            raise ContentError(quiz.file, where, f"links to unknown section {link!r}")


def _check_quiz_cases(quiz: Quiz) -> None:
    """The embedded test cases run at start too: an edited quiz file that
    changes a pinned outcome (say, an emergency) must not reach a user."""
    problems = run_embedded_tests(quiz)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ContentError(quiz.file, "tests", problems[0] + more)


def build_services(
    config: AppConfig,
    env: Mapping[str, str] = os.environ,
    on_commit: Callable[[], None] | None = None,
) -> Services:
    """Load and validate everything up front; raises ContentError on broken content.

    `on_commit` lets the in-browser build copy each write to IndexedDB.
    """
    sections = load_sections(config.content_dir)
    known = {s.id for s in sections}
    quiz = load_quiz(config.quiz_path)
    _check_quiz_links(quiz, known)
    _check_quiz_cases(quiz)
    data_dir: Path = config.data_dir or resolve_data_dir(env)
    store = get_store(data_dir)
    if on_commit is not None:
        store.on_commit = on_commit
    return Services(
        config=config, sections=sections, quiz=quiz, store=store, clock=Clock(config.start_now)
    )
