"""Sleep and diary repositories (one entry per day, yearly files) and settings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.errors import ValidationError
from app.records import AppSettings, ReminderSettings, ReminderState, SleepLog
from tests.unit.storage_fixtures.factories import (
    app_settings,
    diary,
    open_store,
    reminders,
    sleep,
    state,
)


def test_sleep_upsert_replaces_the_same_night(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.sleep.upsert(sleep(hours=6.0))
    store.sleep.upsert(SleepLog(date(2026, 11, 24), 8.25))
    again = open_store(tmp_path)
    assert again.sleep.get(date(2026, 11, 24)) == SleepLog(date(2026, 11, 24), 8.25)
    assert again.sleep.range(date(2026, 1, 1), date(2026, 12, 31)) == [
        SleepLog(date(2026, 11, 24), 8.25)
    ]


def test_sleep_range_spans_years_and_is_sorted(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    nights = [date(2026, 1, 2), date(2025, 12, 31), date(2026, 1, 1), date(2024, 6, 1)]
    for night in nights:
        store.sleep.upsert(sleep(night))
    got = open_store(tmp_path).sleep.range(date(2025, 12, 31), date(2026, 1, 1))
    assert [s.night for s in got] == [date(2025, 12, 31), date(2026, 1, 1)]
    assert store.sleep.get(date(2023, 1, 1)) is None


def test_sleep_remove(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.sleep.upsert(sleep())
    assert store.sleep.remove(date(2026, 11, 24)) == sleep()
    assert store.sleep.remove(date(2026, 11, 24)) is None
    assert open_store(tmp_path).sleep.get(date(2026, 11, 24)) is None


def test_diary_upsert_get_range_remove(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    assert store.diary.range(date(2000, 1, 1), date(2100, 12, 31)) == []
    store.diary.upsert(diary(date(2026, 3, 3)))
    store.diary.upsert(diary(date(2025, 7, 9)))
    store.diary.upsert(diary(date(2026, 3, 3), notes="edited"))
    again = open_store(tmp_path)
    assert again.diary.get(date(2026, 3, 3)) == diary(date(2026, 3, 3), notes="edited")
    assert [e.day for e in again.diary.range(date(2025, 1, 1), date(2026, 12, 31))] == [
        date(2025, 7, 9),
        date(2026, 3, 3),
    ]
    assert again.diary.remove(date(2025, 7, 9)) == diary(date(2025, 7, 9))
    left = open_store(tmp_path).diary.range(date(2025, 1, 1), date(2026, 12, 31))
    assert [e.day for e in left] == [date(2026, 3, 3)]


def test_range_rejects_end_before_start(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    with pytest.raises(ValidationError):
        store.diary.range(date(2026, 2, 1), date(2026, 1, 1))
    with pytest.raises(ValidationError):
        store.sleep.range(date(2026, 2, 1), date(2026, 1, 1))


def test_settings_default_until_saved(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    assert store.settings.get_app() == AppSettings()
    assert store.settings.get_reminders() == ReminderSettings()
    assert store.settings.get_reminder_state() == ReminderState()


def test_settings_round_trip(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.settings.save_app(app_settings())
    store.settings.save_reminders(reminders())
    store.settings.save_reminder_state(state())
    store.settings.save_app(AppSettings(theme="light"))
    again = open_store(tmp_path)
    assert again.settings.get_app() == AppSettings(theme="light")
    assert again.settings.get_reminders() == reminders()
    assert again.settings.get_reminder_state() == state()


def test_settings_refuse_other_types(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    with pytest.raises(ValidationError):
        store.settings.save_app(ReminderSettings())  # type: ignore[arg-type]
    assert store.settings.get_app() == AppSettings()
