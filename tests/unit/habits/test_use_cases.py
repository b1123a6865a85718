"""Habits' use cases (app.services.habits) on a real store, without Flet: drinks and
Undo, sleep, snooze and dismiss, settings, and the notifier that wakes reminder tasks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, time, timedelta

import pytest

from app.errors import LipCheckError, ValidationError
from app.records import HydrationSettings, ReminderSettings, SleepLog
from app.services import Services, habits
from tests.unit.conftest import NOW, ZONE, FixedClock

TODAY = NOW.date()
WATER_ON = ReminderSettings(
    hydration=HydrationSettings(reminders_on=True, interval_min=90), timezone=ZONE
)


def _wakes(services: Services) -> list[int]:
    calls: list[int] = []
    services.changes.listen(lambda: calls.append(1))
    return calls


def test_a_drink_is_logged_now_in_the_person_s_zone_and_undone(services: Services) -> None:
    wakes = _wakes(services)
    drink = habits.log_drink(services, 250)
    assert drink.at == NOW and drink.at.tzinfo is not None and drink.ml == 250
    assert habits.drunk_on(services, TODAY) == 250
    assert habits.undo_drink(services, drink) is True
    assert habits.drunk_on(services, TODAY) == 0
    assert habits.undo_drink(services, drink) is False  # already gone: says so, no error
    assert len(wakes) == 3


@pytest.mark.parametrize("ml", [0, -1, 5001, 10**9])
def test_an_amount_out_of_range_is_refused_and_nothing_is_stored(
    services: Services, ml: int
) -> None:
    wakes = _wakes(services)
    with pytest.raises(ValidationError):
        habits.log_drink(services, ml)
    assert habits.drunk_on(services, TODAY) == 0 and wakes == []


def test_water_totals_cover_the_days_asked_for(services: Services, clock: FixedClock) -> None:
    habits.log_drink(services, 300)
    clock.advance(days=1)
    habits.log_drink(services, 200)
    habits.log_drink(services, 100)
    totals = habits.water_totals(services, TODAY + timedelta(days=1), 7)
    assert totals[TODAY] == 300 and totals[TODAY + timedelta(days=1)] == 300
    assert min(totals) == TODAY - timedelta(days=5)


def test_last_night_is_saved_replaced_and_read_back(services: Services) -> None:
    first = SleepLog(TODAY, 6.5)
    habits.log_sleep(services, first)
    again = SleepLog(TODAY, 7.5, bed=time(23, 0), wake=time(6, 30))
    habits.log_sleep(services, again)
    assert habits.sleep_night(services, TODAY) == again
    assert habits.sleep_nights(services, TODAY, 7) == [again]


def test_a_night_in_the_future_is_refused(services: Services) -> None:
    with pytest.raises(ValidationError):
        habits.log_sleep(services, SleepLog(TODAY + timedelta(days=1), 7.0))
    assert habits.sleep_night(services, TODAY + timedelta(days=1)) is None


def test_snooze_hides_a_due_reminder_until_it_ends(services: Services, clock: FixedClock) -> None:
    habits.save_settings(services, WATER_ON)
    [reminder] = habits.reminders_now(services).due
    wakes = _wakes(services)
    habits.snooze(services, reminder, 15)
    assert habits.reminders_now(services).due == () and wakes == [1]
    clock.advance(minutes=16)
    assert [r.kind for r in habits.reminders_now(services).due] == ["hydration"]


@pytest.mark.parametrize("minutes", [0, 7, 61, -5])
def test_a_snooze_not_offered_is_refused(services: Services, minutes: int) -> None:
    habits.save_settings(services, WATER_ON)
    [reminder] = habits.reminders_now(services).due
    with pytest.raises(ValidationError):
        habits.snooze(services, reminder, minutes)
    assert len(habits.reminders_now(services).due) == 1


def test_dismiss_hides_the_reminder_and_says_when_the_next_is(services: Services) -> None:
    habits.save_settings(services, WATER_ON)
    check = habits.reminders_now(services)
    habits.dismiss(services, check.due[0])
    after = habits.reminders_now(services)
    assert after.due == () and after.upcoming is not None and after.upcoming > after.now


def test_saved_settings_are_what_every_screen_reads(services: Services) -> None:
    wakes = _wakes(services)
    chosen = replace(WATER_ON, hydration=replace(WATER_ON.hydration, goal_ml=2500))
    habits.save_settings(services, chosen)
    assert habits.settings(services) == chosen and wakes == [1]


def test_an_unsubscribed_listener_is_not_called(services: Services) -> None:
    calls: list[int] = []
    stop = services.changes.listen(lambda: calls.append(1))
    stop()
    habits.log_drink(services, 100)
    assert calls == []


def test_every_refusal_is_a_lipcheck_error_with_a_message(services: Services) -> None:
    with pytest.raises(LipCheckError) as caught:
        habits.log_drink(services, 0)
    assert str(caught.value)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda s: habits.water_totals(s, TODAY, 10**9), "days"),
        (lambda s: habits.water_totals(s, TODAY, 0), "days"),
        (lambda s: habits.sleep_nights(s, TODAY, -5), "days"),
        (lambda s: habits.sleep_nights(s, TODAY, True), "days"),
        (lambda s: habits.water_totals(s, date(9999, 12, 31), 3), "end"),
        (lambda s: habits.drunk_on(s, date.max, ZONE), "day"),
        (lambda s: habits.drunk_on(s, date.min, ZONE), "day"),
    ],
)
def test_days_out_of_any_range_are_refused_in_words(
    services: Services, call: Callable[[Services], object], field: str
) -> None:
    """These once overflowed the date arithmetic (OverflowError out of a screen)."""
    with pytest.raises(ValidationError) as caught:
        call(services)
    assert caught.value.field == field


def test_the_longest_span_still_answers(services: Services) -> None:
    totals = habits.water_totals(services, TODAY, habits.MAX_DAYS)
    assert len(totals) == habits.MAX_DAYS and set(totals.values()) == {0}
