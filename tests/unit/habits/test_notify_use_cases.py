"""System notifications' use cases (app.services.notify) on a real store: opt-in,
each due reminder handed out once (also after a reopen of the store), the memory kept
through snooze and Log, and a button resolved only for its own notification."""

from __future__ import annotations

from app.habits import Reminder
from app.habits.notify import Action, tag_of
from app.records import HydrationSettings, ReminderSettings
from app.services import Services, habits, notify
from tests.unit.conftest import ZONE, FixedClock

WATER_ON = ReminderSettings(
    hydration=HydrationSettings(reminders_on=True, interval_min=90), timezone=ZONE
)


def _due(services: Services) -> list[Reminder]:
    return list(habits.reminders_now(services).due)


def test_nothing_until_opted_in_then_each_due_reminder_once(
    services: Services, clock: FixedClock
) -> None:
    habits.save_settings(services, WATER_ON)  # 09:30 in London: the 08:30 slot is due
    (water,) = _due(services)
    assert notify.take_fresh(services, [water]) == []  # off by default
    wakes: list[int] = []
    services.changes.listen(lambda: wakes.append(1))
    notify.set_enabled(services, True)
    assert notify.enabled(services) and wakes == [1]  # reminder tasks look again
    (shown,) = notify.take_fresh(services, _due(services))
    assert shown.tag == tag_of(water)
    assert shown.actions == (("log", "Log 150 ml"), ("snooze", "Snooze 15 min"))
    assert notify.take_fresh(services, _due(services)) == []  # never twice
    assert habits.reminder_state(services).notified == ((shown.tag, shown.nonce),)
    clock.advance(minutes=5)
    assert notify.take_fresh(services, _due(services)) == []  # same occurrence later


def test_a_button_resolves_only_with_its_nonce_and_only_while_due(services: Services) -> None:
    habits.save_settings(services, WATER_ON)
    notify.set_enabled(services, True)
    (shown,) = notify.take_fresh(services, _due(services))
    (water,) = _due(services)
    assert notify.reminder_for(services, Action("log", shown.tag, "forged")) is None
    assert notify.reminder_for(services, Action("log", shown.tag, shown.nonce)) == water
    habits.log_and_dismiss(services, water, 150)  # what the button then does
    assert notify.reminder_for(services, Action("log", shown.tag, shown.nonce)) is None
    assert habits.reminder_state(services).notified == ((shown.tag, shown.nonce),)


def test_a_snoozed_reminder_notifies_again_when_it_comes_back(
    services: Services, clock: FixedClock
) -> None:
    habits.save_settings(services, WATER_ON)
    notify.set_enabled(services, True)
    (first,) = notify.take_fresh(services, _due(services))
    (water,) = _due(services)
    habits.snooze(services, water, 15)
    assert notify.take_fresh(services, _due(services)) == []  # snoozed: nothing
    clock.advance(minutes=16)
    (again,) = notify.take_fresh(services, _due(services))
    assert again.tag != first.tag and again.nonce != first.nonce
