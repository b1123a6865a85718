"""Habits' use cases: drinks (log, undo, the banner's log-and-dismiss), sleep, the
reminder settings and state (snooze, dismiss). Every write that can change when a
reminder is due tells the Services' notifier, so no reminder task has to poll."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from uuid import uuid4

from app.checks import check_day
from app.errors import ValidationError
from app.habits import (
    Reminder,
    due_reminders,
    next_due,
    total_for,
)
from app.habits import (
    dismiss as dismissed,
)
from app.habits import (
    snooze as snoozed,
)
from app.records import DrinkLog, ReminderSettings, ReminderState, SleepLog
from app.services.core import Services


def settings(services: Services) -> ReminderSettings:
    """Reminder, water and sleep settings as every screen uses them (zone included)."""
    return services.reminders()


def save_settings(services: Services, new: ReminderSettings) -> None:
    services.store.settings.save_reminders(new)
    services.changes.notify()


def _drink_now(services: Services, ml: int, drink_id: str | None) -> DrinkLog:
    """A drink of `ml` now; DrinkLog refuses an amount out of range."""
    return DrinkLog(id=drink_id or uuid4().hex, at=services.now(), ml=ml)


def log_drink(services: Services, ml: int, drink_id: str | None = None) -> DrinkLog:
    """Store one drink now, in the person's zone; returns it (for Undo). `drink_id`
    is new unless given; an id already saved is refused, so a repeat never doubles."""
    drink = _drink_now(services, ml, drink_id)
    services.store.drinks.add(drink)
    services.changes.notify()
    return drink


def undo_drink(services: Services, drink: DrinkLog) -> bool:
    """Remove a drink just logged; False when it was already gone."""
    removed = services.store.drinks.remove(drink.id, day=drink.at.date())
    services.changes.notify()
    return removed is not None


def log_and_dismiss(
    services: Services, reminder: Reminder, ml: int, drink_id: str | None = None
) -> DrinkLog:
    """The banner's "Log" button: the drink and the dismissal are one commit, so the
    commit hook (the browser build's IndexedDB sync) fires once, and a failure keeps
    neither (never a logged drink whose reminder is still up, or the other way round)."""
    drink = _drink_now(services, ml, drink_id)
    store = services.store
    with store.transaction():
        state = store.settings.get_reminder_state()
        store.settings.save_reminder_state(dismissed(state, reminder, services.clock.now()))
        store.drinks.add(drink)
    services.changes.notify()
    return drink


MAX_DAYS = 3660
"""The longest run of days a chart or list may ask for (ten years)."""


def _span(end: date, days: int) -> date:
    """The first of the `days` days ending `end`; a bad span is refused in words
    (it once overflowed the date arithmetic with an OverflowError)."""
    check_day("end", end)
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        raise ValidationError("days", f"must be a whole number from 1 to {MAX_DAYS}")
    return end - timedelta(days=days - 1)


def drunk_on(services: Services, day: date, timezone: str | None = None) -> int:
    """Millilitres drunk on the local date `day`, even for drinks logged in another zone."""
    check_day("day", day)
    zone = timezone or services.reminders().timezone
    drinks = services.store.drinks
    logs = [d for offset in (-1, 0, 1) for d in drinks.list_day(day + timedelta(days=offset))]
    return total_for(logs, day, zone)


def water_totals(services: Services, end: date, days: int) -> dict[date, int]:
    """Millilitres per day for the `days` days ending `end` (the charts)."""
    return services.store.drinks.daily_totals(_span(end, days), end)


def sleep_night(services: Services, night: date) -> SleepLog | None:
    return services.store.sleep.get(night)


def sleep_nights(services: Services, end: date, days: int) -> list[SleepLog]:
    return services.store.sleep.range(_span(end, days), end)


def log_sleep(services: Services, log: SleepLog) -> None:
    """Save (or replace) one night; a night in the future is refused."""
    if log.night > services.today():
        raise ValidationError("night", "That night has not happened yet.")
    services.store.sleep.upsert(log)
    services.changes.notify()


def reminder_state(services: Services) -> ReminderState:
    return services.store.settings.get_reminder_state()


def _save_state(services: Services, state: ReminderState) -> None:
    services.store.settings.save_reminder_state(state)
    services.changes.notify()


def snooze(services: Services, reminder: Reminder, minutes: int) -> None:
    """Hide this reminder's kind for 5, 15, 30 or 60 minutes (others are refused)."""
    state = reminder_state(services)
    _save_state(services, snoozed(state, reminder, minutes, services.clock.now()))


def dismiss(services: Services, reminder: Reminder) -> None:
    """Hide this reminder until its next time."""
    _save_state(services, dismissed(reminder_state(services), reminder, services.clock.now()))


@dataclass(frozen=True)
class ReminderCheck:
    """What is due at `now` (in the person's zone) and when the next one falls due."""

    now: datetime
    due: tuple[Reminder, ...]
    upcoming: datetime | None


def reminders_now(services: Services) -> ReminderCheck:
    """What the banner shows now, and when it is worth looking again."""
    current = services.reminders()
    now = services.now(current.timezone)
    drunk = drunk_on(services, now.date(), current.timezone)
    state = reminder_state(services)
    due = tuple(due_reminders(current, state, now, drunk))
    return ReminderCheck(now, due, next_due(current, state, now, drunk))
