"""Which due reminders become a system notification, once each, and what its buttons do
(app/habits/notify.py), on the real reminder engine."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app import codec
from app.errors import ValidationError
from app.habits import Reminder, dismiss, due_reminders, snooze
from app.habits.notify import (
    Action,
    action_route,
    notice,
    parse_action,
    remember,
    resolve,
    tag_of,
    to_notify,
)
from app.records import (
    NOTIFIED_MAX,
    HydrationSettings,
    ReminderSettings,
    ReminderState,
    SleepSettings,
)

LONDON = ZoneInfo("Europe/London")
SETTINGS = ReminderSettings(
    hydration=HydrationSettings(goal_ml=2000, reminders_on=True, interval_min=90),
    sleep=SleepSettings(bedtime_reminder_on=True),
    timezone="Europe/London",
)
moments = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
)
nonces = st.text("abcdefghijklmnopqrstuvwxyz0123456789_-", min_size=4, max_size=16)


def due_at(now: datetime, drunk: int = 0, state: ReminderState | None = None) -> list[Reminder]:
    return due_reminders(SETTINGS, state or ReminderState(), now, drunk)


@settings(max_examples=150, deadline=None)
@given(now=moments, nonce=nonces)
def test_each_due_reminder_is_notified_once_then_never_again(now: datetime, nonce: str) -> None:
    state = ReminderState()
    due = due_at(now)
    first = to_notify(due, state, on=True)
    assert first == due  # nothing shown yet: every due reminder
    state = remember(state, [(tag_of(r), nonce) for r in first])
    assert codec.decode(ReminderState, codec.encode(state)) == state  # it can be stored
    assert to_notify(due_at(now), state, on=True) == []  # a reload asks again: none
    assert to_notify(due, ReminderState(), on=False) == []  # the setting is off: none


@settings(max_examples=100, deadline=None)
@given(now=moments)
def test_dismissed_snoozed_or_met_reminders_are_never_notified(now: datetime) -> None:
    def kinds(state: ReminderState, drunk: int = 0) -> set[str]:
        return {r.kind for r in to_notify(due_at(now, drunk, state), state, on=True)}

    for reminder in due_at(now):
        assert reminder.kind not in kinds(dismiss(ReminderState(), reminder, now))
        assert reminder.kind not in kinds(snooze(ReminderState(), reminder, 15, now))
    assert "hydration" not in kinds(ReminderState(), drunk=SETTINGS.hydration.goal_ml)


def test_a_snooze_brings_the_notification_back_as_a_new_occurrence() -> None:
    now = datetime(2025, 3, 4, 7, 1, tzinfo=LONDON)
    (water,) = [r for r in due_at(now) if r.kind == "hydration"]
    state = remember(ReminderState(), [(tag_of(water), "n1")])
    state = snooze(state, water, 15, now)
    later = now + timedelta(minutes=16)
    (back,) = to_notify(due_at(later, 0, state), state, on=True)
    assert back.slot == water.slot and tag_of(back) != tag_of(water)
    assert (tag_of(water), "n1") in state.notified  # snooze and dismiss keep the memory


@settings(deadline=None)
@given(nonce=nonces)
def test_actions_come_back_only_for_a_notified_still_due_reminder(nonce: str) -> None:
    now = datetime(2025, 3, 4, 7, 1, tzinfo=LONDON)
    (water,) = due_at(now)
    state = remember(ReminderState(), [(tag_of(water), nonce)])
    action = parse_action(action_route(Action("log", tag_of(water), nonce)))
    assert action == Action("log", tag_of(water), nonce)
    assert resolve(action, due_at(now), state) == water
    assert resolve(Action("log", tag_of(water), nonce + "x"), due_at(now), state) is None
    assert resolve(action, due_at(now), ReminderState()) is None  # never shown here
    logged = dismiss(state, water, now)
    assert resolve(action, due_at(now, 0, logged), logged) is None  # done already: no repeat


def test_buttons_follow_the_kind_and_the_first_cup() -> None:
    now = datetime(2025, 3, 4, 22, 35, tzinfo=LONDON)  # bedtime 22:30, water still due
    by_kind = {r.kind: r for r in due_at(now)}
    water = notice(by_kind["hydration"], "150 ml", "n")
    bed = notice(by_kind["bedtime"], "150 ml", "n")
    assert water.actions == (("log", "Log 150 ml"), ("snooze", "Snooze 15 min"))
    assert bed.actions == (("snooze", "Snooze 15 min"),)
    assert bed.title == "Bedtime reminder, 22:30"
    state = remember(ReminderState(), [(bed.tag, "n")])
    assert resolve(Action("log", bed.tag, "n"), due_at(now), state) is None  # no log at bed


@settings(deadline=None)
@given(route=st.text(max_size=60))
def test_any_other_route_carries_no_action(route: str) -> None:
    found = parse_action(route)
    assert found is None or route.startswith("/habits")


def test_memory_is_bounded_and_checked() -> None:
    pairs = [(f"lipcheck-hydration-{i}", "n") for i in range(NOTIFIED_MAX + 5)]
    state = remember(ReminderState(), pairs)
    assert len(state.notified) == NOTIFIED_MAX and state.notified[-1] == pairs[-1]
    with pytest.raises(ValidationError):
        ReminderState(notified=(("bad tag with spaces", "n"),))
    with pytest.raises(ValidationError):
        ReminderState(notified=tuple(pairs))
    assert codec.decode(ReminderState, {"snoozed_until": [], "dismissed": []}) == ReminderState()


def test_tags_are_stable_for_one_occurrence() -> None:
    now = datetime(2025, 3, 4, 7, 1, tzinfo=LONDON)
    (water,) = due_at(now)
    assert tag_of(water) == "lipcheck-hydration-20250304T070000Z-20250304T070000Z"
    assert [tag_of(r) for r in due_at(now + timedelta(minutes=5))] == [tag_of(water)]
    assert time(7, 0) == water.due_at.time()
