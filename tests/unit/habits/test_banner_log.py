"""The reminder banner's "Log" button (app.services.habits.log_and_dismiss): drink and
dismissal are one commit, or neither."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from app.config import AppConfig
from app.content import Section
from app.errors import ValidationError
from app.habits import due_reminders
from app.quiz import Quiz
from app.records import HydrationSettings, ReminderSettings, ReminderState
from app.services import Services, habits, open_services
from tests.unit.conftest import FixedClock

NOW = datetime(2026, 11, 24, 10, 15, tzinfo=UTC)
PLAN = ReminderSettings(
    hydration=HydrationSettings(reminders_on=True, interval_min=90), timezone="UTC"
)


def _open(folder: Path, quiz: Quiz, sections: tuple[Section, ...], hooks: list[int]) -> Services:
    config = AppConfig(data_dir=folder)
    return open_services(
        config, folder, sections, quiz, FixedClock(NOW), on_commit=lambda: hooks.append(1)
    )


def _due(state: ReminderState) -> list[str]:
    return [r.kind for r in due_reminders(PLAN, state, NOW, 0)]


def test_log_and_dismiss_is_one_commit(
    tmp_path: Path, quiz: Quiz, sections: tuple[Section, ...]
) -> None:
    hooks: list[int] = []
    services = _open(tmp_path, quiz, sections, hooks)
    habits.save_settings(services, PLAN)
    [reminder] = habits.reminders_now(services).due
    hooks.clear()

    drink = habits.log_and_dismiss(services, reminder, 150)

    assert hooks == [1]  # one on_commit: one IndexedDB sync in the browser build
    assert drink.at == NOW and drink.ml == 150
    assert habits.drunk_on(services, date(2026, 11, 24)) == 150
    assert _due(habits.reminder_state(services)) == []
    assert habits.reminders_now(services).due == ()


def test_a_failed_log_keeps_neither_the_drink_nor_the_dismissal(
    tmp_path: Path, quiz: Quiz, sections: tuple[Section, ...]
) -> None:
    hooks: list[int] = []
    services = _open(tmp_path, quiz, sections, hooks)
    habits.save_settings(services, PLAN)
    habits.log_drink(services, 250, drink_id="w1")
    [reminder] = habits.reminders_now(services).due
    hooks.clear()

    with pytest.raises(ValidationError):  # the same drink id is already saved
        habits.log_and_dismiss(services, reminder, 150, drink_id="w1")

    assert hooks == []
    assert habits.reminder_state(services) == ReminderState()
    assert habits.drunk_on(services, date(2026, 11, 24)) == 250


def test_an_amount_out_of_range_is_refused_before_anything_is_written(
    tmp_path: Path, quiz: Quiz, sections: tuple[Section, ...]
) -> None:
    hooks: list[int] = []
    services = _open(tmp_path, quiz, sections, hooks)
    habits.save_settings(services, PLAN)
    [reminder] = habits.reminders_now(services).due
    hooks.clear()
    for bad in (0, -5, 5001):
        with pytest.raises(ValidationError):
            habits.log_and_dismiss(services, reminder, bad)
    assert hooks == [] and _due(habits.reminder_state(services)) == ["hydration"]
