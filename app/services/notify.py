"""System notifications' use cases (issue 16): the opt-in setting, which due reminders
to show now (each occurrence once, remembered in the reminder state before it is
sent, so a reload never shows it again), and which reminder a notification's button
is for. The rules are pure (app/habits/notify.py); the page delivery is the UI's.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import replace

from app.formats import format_amount
from app.habits import Reminder
from app.habits.notify import Action, Notice, notice, remember, resolve, tag_of, to_notify
from app.services import habits
from app.services.core import Services

NONCE_BYTES = 12


def enabled(services: Services) -> bool:
    return services.app_settings().system_notifications


def set_enabled(services: Services, on: bool) -> None:
    """Store the opt-in; the UI calls it with True only once the browser said yes."""
    settings = services.store.settings
    settings.save_app(replace(settings.get_app(), system_notifications=on))
    services.changes.notify()  # the reminder tasks look again (and notify what is due)


def _cup_label(services: Services) -> str:
    water = habits.settings(services).hydration
    ml = water.cup_sizes_ml[0]
    return format_amount(ml, water.unit)


def take_fresh(services: Services, due: Sequence[Reminder]) -> list[Notice]:
    """The notifications to show now: due reminders not notified yet (none when the
    setting is off). They are remembered first: a failed save shows nothing, and a
    notification never shows twice. Not a change that wakes the reminder tasks."""
    if not enabled(services):
        return []
    state = habits.reminder_state(services)
    fresh = to_notify(due, state, on=True)
    if not fresh:
        return []
    pairs = [(tag_of(r), secrets.token_urlsafe(NONCE_BYTES)) for r in fresh]
    services.store.settings.save_reminder_state(remember(state, pairs))
    cup = _cup_label(services)
    return [notice(r, cup, nonce) for r, (_tag, nonce) in zip(fresh, pairs, strict=True)]


def reminder_for(services: Services, action: Action) -> Reminder | None:
    """The due reminder a notification's button is for, or None (done already, or
    the route did not come from a notification this app showed)."""
    check = habits.reminders_now(services)
    return resolve(action, check.due, habits.reminder_state(services))
