"""Shared fixtures: a clock that moves only when told, the quiz loaded once per run,
and `services` (like flaskr's `app` fixture): the real application layer on a real
store in the test's own folder, with that clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.config import AppConfig
from app.content import Section, load_sections
from app.quiz import Quiz, load_quiz
from app.records import ReminderSettings
from app.services import Clock, Services, habits, open_services

NOW = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)
ZONE = "Europe/London"


class FixedClock(Clock):
    """Time stands still at `start` until a test moves it (`advance`)."""

    def now(self) -> datetime:
        assert self.start is not None
        return self.start

    def advance(self, **kwargs: float) -> None:
        assert self.start is not None
        self.start += timedelta(**kwargs)


@pytest.fixture(scope="session")
def quiz() -> Quiz:
    return load_quiz()


@pytest.fixture(scope="session")
def sections() -> tuple[Section, ...]:
    return load_sections(AppConfig().content_dir)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def services(
    tmp_path: Path, clock: FixedClock, quiz: Quiz, sections: tuple[Section, ...]
) -> Services:
    """The application layer on an empty data folder. The person's zone is chosen
    (Europe/London, which is UTC in December), so no test depends on this machine's."""
    config = AppConfig(data_dir=tmp_path, start_now=clock.start)
    built = open_services(config, tmp_path, sections, quiz, clock)
    habits.save_settings(built, ReminderSettings(timezone=ZONE))
    return built
