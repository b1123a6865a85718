"""History's use cases (app.services.history) on a real store, without Flet: delete
with Undo, the diary day, the day first noticed, and the doctor summary."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.errors import ValidationError
from app.quiz import Quiz, evaluate
from app.records import DiaryEntry, ReminderSettings
from app.services import Services, habits, history
from app.services.check import save_result
from tests.unit.conftest import NOW, ZONE

TODAY = NOW.date()


def test_a_deleted_result_comes_back_with_undo(services: Services, quiz: Quiz) -> None:
    record = save_result(services, evaluate(quiz, {"red_flags": ("none",)}))
    removed = history.delete_result(services, record.id)
    assert removed == record and history.result(services, record.id) is None
    assert history.delete_result(services, record.id) is None  # already gone
    history.restore_result(services, record)
    assert history.result(services, record.id) == record
    assert [row.id for row in history.results(services)] == [record.id]


def test_an_unknown_or_empty_id_reads_as_missing(services: Services) -> None:
    assert history.result(services, "") is None
    assert history.result(services, "no-such-result") is None


def test_latest_results_are_full_records_newest_first(services: Services, quiz: Quiz) -> None:
    saved = [save_result(services, evaluate(quiz, {"red_flags": ("none",)})) for _ in range(4)]
    latest = history.latest_results(services, 3)
    assert len(latest) == 3 and {r.id for r in latest} <= {r.id for r in saved}


def test_today_and_yesterday_can_be_entered(services: Services) -> None:
    for day in (TODAY, TODAY - timedelta(days=1)):
        entry = DiaryEntry(day, "mild", 2, "high", "long day")
        history.save_diary_day(services, entry)
        assert history.diary_day(services, day) == entry
    changed = DiaryEntry(TODAY, "none", 0, "low")
    history.save_diary_day(services, changed)
    assert history.diary_day(services, TODAY) == changed


@pytest.mark.parametrize("offset", [1, -2, -400])
def test_other_days_are_refused_and_nothing_is_stored(services: Services, offset: int) -> None:
    day = TODAY + timedelta(days=offset)
    with pytest.raises(ValidationError):
        history.save_diary_day(services, DiaryEntry(day, "mild", 1, "low"))
    assert history.diary_day(services, day) is None


def test_the_day_first_noticed_is_saved(services: Services) -> None:
    history.set_first_noticed(services, date(2026, 11, 1))
    assert services.app_settings().first_noticed == date(2026, 11, 1)
    assert history.gather(services, habits=False).app.first_noticed == date(2026, 11, 1)


@pytest.mark.parametrize("day", [TODAY + timedelta(days=1), date(1899, 12, 31)])
def test_a_future_or_ancient_first_day_is_refused(services: Services, day: date) -> None:
    with pytest.raises(ValidationError):
        history.set_first_noticed(services, day)
    assert services.app_settings().first_noticed is None


def test_gather_reads_the_diary_and_only_days_with_water(services: Services) -> None:
    history.save_diary_day(services, DiaryEntry(TODAY, "strong", 3, "medium"))
    habits.log_drink(services, 400)
    inputs = history.gather(services)
    assert inputs.today == TODAY and [e.day for e in inputs.diary] == [TODAY]
    assert inputs.water_ml == {TODAY: 400}
    assert history.gather(services, habits=False).water_ml == {}


def test_the_doctor_summary_names_today_and_what_was_logged(services: Services, quiz: Quiz) -> None:
    habits.save_settings(services, ReminderSettings(timezone=ZONE))
    history.set_first_noticed(services, TODAY - timedelta(days=10))
    history.save_diary_day(services, DiaryEntry(TODAY, "mild", 2, "high"))
    save_result(services, evaluate(quiz, {"red_flags": ("none",)}))
    name, text = history.doctor_summary_text(services)
    assert name == f"lip-twitch-summary-{TODAY.isoformat()}.txt"
    assert TODAY.strftime("%Y") in text and "First noticed" in text
