"""The reminder banner's "Log" button: drink and dismissal are one commit, or neither."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from app.errors import ValidationError
from app.habits import due_reminders
from app.records import DrinkLog, HydrationSettings, ReminderSettings, ReminderState
from app.ui.habits.banner import log_and_dismiss
from tests.unit.storage_fixtures.factories import FakeClock, open_store

NOW = datetime(2026, 11, 24, 10, 15, tzinfo=UTC)
PLAN = ReminderSettings(
    hydration=HydrationSettings(reminders_on=True, interval_min=90), timezone="UTC"
)


def _due(state: ReminderState) -> list[str]:
    return [r.kind for r in due_reminders(PLAN, state, NOW, 0)]


def test_log_and_dismiss_is_one_commit(tmp_path: Path) -> None:
    hooks: list[int] = []
    store = open_store(tmp_path, FakeClock(NOW), hooks)
    store.settings.save_reminders(PLAN)
    [reminder] = due_reminders(PLAN, store.settings.get_reminder_state(), NOW, 0)
    hooks.clear()

    log_and_dismiss(store, reminder, DrinkLog(id="w1", at=NOW, ml=150), NOW)

    assert hooks == [1]  # one on_commit: one IndexedDB sync in the browser build
    again = open_store(tmp_path, FakeClock(NOW))
    assert again.drinks.total_ml(date(2026, 11, 24)) == 150
    assert _due(again.settings.get_reminder_state()) == []


def test_a_failed_log_keeps_neither_the_drink_nor_the_dismissal(tmp_path: Path) -> None:
    hooks: list[int] = []
    store = open_store(tmp_path, FakeClock(NOW), hooks)
    store.settings.save_reminders(PLAN)
    store.drinks.add(DrinkLog(id="w1", at=NOW, ml=250))
    [reminder] = due_reminders(PLAN, store.settings.get_reminder_state(), NOW, 250)
    hooks.clear()

    with pytest.raises(ValidationError):  # the same drink id is already saved
        log_and_dismiss(store, reminder, DrinkLog(id="w1", at=NOW, ml=150), NOW)

    assert hooks == []
    again = open_store(tmp_path, FakeClock(NOW))
    assert again.settings.get_reminder_state() == ReminderState()
    assert again.drinks.total_ml(date(2026, 11, 24)) == 250
    assert store.settings.get_reminder_state() == ReminderState()
