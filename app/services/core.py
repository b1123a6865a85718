"""The application layer's core: one Services per process, built from an AppConfig.

It owns the clock, "today in the person's zone" (one policy, below), and the change
notifier; the use-case modules next to it (check, history, habits, data) take a
Services and plain values. Keeping all of it free of Flet and TinyDB lets tests
build an isolated app with its own data folder and a pinned clock.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from app.config import AppConfig
from app.content import Section, load_sections
from app.device import device_zone, load_zone
from app.errors import ContentError
from app.habits import effective_settings
from app.quiz import Quiz, load_quiz, run_embedded_tests
from app.records import AppSettings, ReminderSettings
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


class Notifier:
    """Calls every listener after a write that can change what a reminder task shows.

    One per Services (not per process), so two apps in one test never wake each other.
    """

    def __init__(self) -> None:
        self._listeners: set[Callable[[], None]] = set()

    def listen(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Subscribe; returns the unsubscribe."""
        self._listeners.add(callback)
        return lambda: self._listeners.discard(callback)

    def notify(self) -> None:
        for callback in list(self._listeners):
            callback()


@dataclass
class Services:
    """Everything a screen needs, shared by all sessions of one process.

    Screens never use `store` themselves: they call the use cases in app.services.*.
    """

    config: AppConfig
    sections: tuple[Section, ...]
    quiz: Quiz
    store: Store
    clock: Clock
    changes: Notifier = field(default_factory=Notifier)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def reminders(self) -> ReminderSettings:
        """The reminder settings as every screen uses them. The one zone policy:
        never-touched defaults, and a saved zone this device cannot load, take the
        device's zone (app.habits.effective_settings)."""
        return effective_settings(self.store.settings.get_reminders(), device_zone())

    def app_settings(self) -> AppSettings:
        return self.store.settings.get_app()

    def now(self, timezone: str | None = None) -> datetime:
        """The clock's now in the person's zone (or `timezone`), an aware datetime."""
        return self.clock.now().astimezone(load_zone(timezone or self.reminders().timezone))

    def today(self, timezone: str | None = None) -> date:
        """The person's calendar day: the same day for the diary, water and sleep."""
        return self.now(timezone).date()


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

    The store gets the app's clock (backups are dated by it) and `on_commit`, which
    lets the in-browser build copy each write to IndexedDB.
    """
    sections = load_sections(config.content_dir)
    known = {s.id for s in sections}
    quiz = load_quiz(config.quiz_path)
    _check_quiz_links(quiz, known)
    _check_quiz_cases(quiz)
    data_dir: Path = config.data_dir or resolve_data_dir(env)
    return open_services(config, data_dir, sections, quiz, Clock(config.start_now), on_commit)


def open_services(
    config: AppConfig,
    data_dir: Path,
    sections: tuple[Section, ...],
    quiz: Quiz,
    clock: Clock,
    on_commit: Callable[[], None] | None = None,
) -> Services:
    """Services on already-checked content (tests reuse one loaded quiz). The store
    is one per folder and process, so `clock` and `on_commit` count when it opens."""
    store = get_store(data_dir, on_commit=on_commit, clock=clock.now)
    return Services(config=config, sections=sections, quiz=quiz, store=store, clock=clock)
