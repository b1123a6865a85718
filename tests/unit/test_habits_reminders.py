"""Reminder engine: slots, due rules, snooze/dismiss, DST, time-zone changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.errors import ValidationError
from app.habits import (
    Reminder,
    dismiss,
    due_reminders,
    next_due,
    snooze,
    window,
)
from app.records import HydrationSettings, ReminderSettings, ReminderState, SleepSettings

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
EMPTY = ReminderState()


def make(
    tz: str = "Europe/London",
    *,
    wake: time = time(7, 0),
    bed: time = time(23, 0),
    weekend_wake: time | None = None,
    weekend_bed: time | None = None,
    interval: int = 90,
    water: bool = True,
    bedtime: bool = True,
    wind_down: int = 30,
    goal: int = 2000,
) -> ReminderSettings:
    return ReminderSettings(
        hydration=HydrationSettings(goal_ml=goal, reminders_on=water, interval_min=interval),
        sleep=SleepSettings(
            weekday_wake=wake,
            weekday_bed=bed,
            weekend_wake=weekend_wake or wake,
            weekend_bed=weekend_bed or bed,
            wind_down_min=wind_down,
            bedtime_reminder_on=bedtime,
        ),
        timezone=tz,
    )


def local(tz: ZoneInfo, year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=tz)


def kinds(reminders: list[Reminder]) -> list[str]:
    return [r.kind for r in reminders]


def walk(
    cfg: ReminderSettings, state: ReminderState, start: datetime, end: datetime, drunk: int = 0
) -> list[datetime]:
    """Oracle: every minute in (start, end] at which a reminder with a new due_at shows up."""
    found = []
    seen = {r.due_at.astimezone(UTC) for r in due_reminders(cfg, state, start, drunk)}
    at = start
    while at < end:
        at += timedelta(minutes=1)
        for r in due_reminders(cfg, state, at, drunk):
            if r.due_at.astimezone(UTC) not in seen:
                seen.add(r.due_at.astimezone(UTC))
                found.append(r.due_at.astimezone(UTC))
    return found


# --- basic slots ---------------------------------------------------------------------


def test_first_hydration_reminder_is_due_at_wake_time() -> None:
    cfg = make(bedtime=False)
    assert due_reminders(cfg, EMPTY, local(LONDON, 2024, 6, 3, 6, 59), 0) == []
    (reminder,) = due_reminders(cfg, EMPTY, local(LONDON, 2024, 6, 3, 7, 0), 0)
    assert reminder.kind == "hydration"
    assert reminder.due_at == local(LONDON, 2024, 6, 3, 7, 0)
    assert reminder.message == "Time for a glass of water"
    assert reminder.key == "hydration@2024-06-03T06:00:00+00:00"


def test_slots_are_anchored_on_wake_and_stop_before_bed() -> None:
    cfg = make(bedtime=False, interval=90)
    start = local(LONDON, 2024, 6, 3, 0, 0)
    got = [
        d.astimezone(LONDON).strftime("%H:%M")
        for d in walk(cfg, EMPTY, start, start + timedelta(days=1))
    ]
    assert got == ["07:00", "08:30", "10:00", "11:30", "13:00", "14:30"] + [
        "16:00",
        "17:30",
        "19:00",
        "20:30",
        "22:00",
    ]


def test_latest_slot_stays_due_until_the_next_slot() -> None:
    cfg = make(bedtime=False)
    (r,) = due_reminders(cfg, EMPTY, local(LONDON, 2024, 6, 3, 8, 29), 0)
    assert r.due_at.hour == 7
    (r,) = due_reminders(cfg, EMPTY, local(LONDON, 2024, 6, 3, 8, 30), 0)
    assert (r.due_at.hour, r.due_at.minute) == (8, 30)


def test_no_hydration_reminder_after_bed_or_before_wake() -> None:
    cfg = make(bedtime=False)
    assert due_reminders(cfg, EMPTY, local(LONDON, 2024, 6, 3, 23, 0), 0) == []
    assert due_reminders(cfg, EMPTY, local(LONDON, 2024, 6, 4, 3, 0), 0) == []


def test_no_hydration_reminder_once_goal_is_met_but_bedtime_still_comes() -> None:
    cfg = make(goal=2000)
    at = local(LONDON, 2024, 6, 3, 12, 0)
    assert kinds(due_reminders(cfg, EMPTY, at, 1999)) == ["hydration"]
    assert due_reminders(cfg, EMPTY, at, 2000) == []
    assert kinds(due_reminders(cfg, EMPTY, local(LONDON, 2024, 6, 3, 22, 40), 2500)) == ["bedtime"]
    # next_due skips the rest of today's water slots, goes to bedtime
    assert next_due(cfg, EMPTY, at, 2000) == local(LONDON, 2024, 6, 3, 22, 30)


def test_flags_switch_each_kind_off() -> None:
    at = local(LONDON, 2024, 6, 3, 22, 45)
    assert kinds(due_reminders(make(water=False), EMPTY, at, 0)) == ["bedtime"]
    assert kinds(due_reminders(make(bedtime=False), EMPTY, at, 0)) == ["hydration"]
    off = make(water=False, bedtime=False)
    assert due_reminders(off, EMPTY, at, 0) == []
    assert next_due(off, EMPTY, at, 0) is None


def test_bedtime_reminder_is_bed_minus_wind_down_even_outside_water_hours() -> None:
    cfg = make(water=False, bed=time(0, 30), wind_down=45)
    assert due_reminders(cfg, EMPTY, local(LONDON, 2024, 6, 3, 23, 44), 0) == []
    (r,) = due_reminders(cfg, EMPTY, local(LONDON, 2024, 6, 3, 23, 45), 0)
    assert r.kind == "bedtime"
    assert r.message == "Time to wind down for bed"
    assert r.due_at == local(LONDON, 2024, 6, 3, 23, 45)
    # still shown after midnight, gone at the next wake time
    assert kinds(due_reminders(cfg, EMPTY, local(LONDON, 2024, 6, 4, 2, 0), 0)) == ["bedtime"]
    assert due_reminders(cfg, EMPTY, local(LONDON, 2024, 6, 4, 7, 0), 0) == []


def test_weekend_schedule_is_decided_by_the_wake_up_day() -> None:
    cfg = make(
        water=False,
        wake=time(7, 0),
        bed=time(23, 0),
        weekend_wake=time(9, 0),
        weekend_bed=time(0, 30),
    )
    # Friday evening uses the weekend bedtime (00:30 -> wind down 00:00 Saturday)
    friday = date(2024, 6, 7)
    assert next_due(cfg, EMPTY, local(LONDON, 2024, 6, 7, 12, 0), 0) == local(
        LONDON, 2024, 6, 8, 0, 0
    )
    # Sunday evening uses the weekday bedtime again
    assert next_due(cfg, EMPTY, local(LONDON, 2024, 6, 9, 12, 0), 0) == local(
        LONDON, 2024, 6, 9, 22, 30
    )
    assert window(cfg, friday).start == local(LONDON, 2024, 6, 7, 7, 0)
    assert window(cfg, date(2024, 6, 8)).start == local(LONDON, 2024, 6, 8, 9, 0)


def test_hydration_slot_after_midnight_counts_against_the_new_date() -> None:
    cfg = make(bedtime=False, wake=time(8, 0), bed=time(1, 0), interval=60)
    # 23:00 slot, goal met on Monday -> nothing; at 00:00 Tuesday a new slot with Tuesday's total
    assert due_reminders(cfg, EMPTY, local(LONDON, 2024, 6, 3, 23, 30), 2000) == []
    (r,) = due_reminders(cfg, EMPTY, local(LONDON, 2024, 6, 4, 0, 10), 0)
    assert r.due_at == local(LONDON, 2024, 6, 4, 0, 0)
    assert due_reminders(cfg, EMPTY, local(LONDON, 2024, 6, 4, 1, 0), 0) == []


def test_water_slot_from_before_midnight_expires_at_midnight() -> None:
    # slots 08:00, 09:30 ... 23:00, then 00:30; Monday's 23:00 slot is not shown on Tuesday
    cfg = make(bedtime=False, wake=time(8, 0), bed=time(1, 0), interval=90)
    (r,) = due_reminders(cfg, EMPTY, local(LONDON, 2024, 6, 3, 23, 50), 0)
    assert r.due_at == local(LONDON, 2024, 6, 3, 23, 0)
    assert due_reminders(cfg, EMPTY, local(LONDON, 2024, 6, 4, 0, 10), 0) == []
    assert next_due(cfg, EMPTY, local(LONDON, 2024, 6, 3, 23, 50), 2000) == local(
        LONDON, 2024, 6, 4, 0, 30
    )


def test_naive_now_and_unknown_zone_are_refused() -> None:
    with pytest.raises(ValidationError):
        due_reminders(make(), EMPTY, datetime(2024, 6, 3, 12, 0), 0)
    with pytest.raises(ValidationError):
        next_due(make(tz="Mars/Olympus"), EMPTY, local(LONDON, 2024, 6, 3, 12, 0), 0)


# --- snooze and dismiss ----------------------------------------------------------------


def only(cfg: ReminderSettings, state: ReminderState, at: datetime) -> Reminder:
    (reminder,) = due_reminders(cfg, state, at, 0)
    return reminder


def test_dismiss_hides_the_slot_until_the_next_slot() -> None:
    cfg = make(bedtime=False)
    at = local(LONDON, 2024, 6, 3, 7, 5)
    state = dismiss(EMPTY, only(cfg, EMPTY, at), at)
    assert due_reminders(cfg, state, at, 0) == []
    assert due_reminders(cfg, state, local(LONDON, 2024, 6, 3, 8, 29), 0) == []
    assert next_due(cfg, state, at, 0) == local(LONDON, 2024, 6, 3, 8, 30)
    assert only(cfg, state, local(LONDON, 2024, 6, 3, 8, 30)).due_at.minute == 30


def test_snooze_brings_the_same_slot_back_after_the_chosen_minutes() -> None:
    cfg = make(bedtime=False)
    at = local(LONDON, 2024, 6, 3, 7, 5)
    first = only(cfg, EMPTY, at)
    state = snooze(EMPTY, first, 15, at)
    assert due_reminders(cfg, state, local(LONDON, 2024, 6, 3, 7, 19), 0) == []
    assert next_due(cfg, state, at, 0) == local(LONDON, 2024, 6, 3, 7, 20)
    back = only(cfg, state, local(LONDON, 2024, 6, 3, 7, 20))
    assert back.due_at == local(LONDON, 2024, 6, 3, 7, 20)
    assert back.key == first.key
    # dismissing the returned reminder ends it for good (until the next slot)
    later = local(LONDON, 2024, 6, 3, 7, 25)
    state = dismiss(state, back, later)
    assert state.snoozed_until == ()
    assert due_reminders(cfg, state, later, 0) == []


def test_a_slot_arriving_during_a_snooze_waits_for_the_snooze() -> None:
    cfg = make(bedtime=False)
    at = local(LONDON, 2024, 6, 3, 8, 0)
    state = snooze(EMPTY, only(cfg, EMPTY, at), 60, at)
    assert due_reminders(cfg, state, local(LONDON, 2024, 6, 3, 8, 45), 0) == []
    back = only(cfg, state, local(LONDON, 2024, 6, 3, 9, 0))
    assert back.due_at == local(LONDON, 2024, 6, 3, 9, 0)
    assert back.slot == local(LONDON, 2024, 6, 3, 8, 30)


def test_a_stale_snooze_never_brings_back_an_old_reminder() -> None:
    cfg = make(bedtime=False)
    evening = local(LONDON, 2024, 6, 3, 22, 10)
    state = snooze(EMPTY, only(cfg, EMPTY, evening), 5, evening)
    morning = local(LONDON, 2024, 6, 4, 7, 1)
    fresh = only(cfg, state, morning)
    assert fresh.due_at == local(LONDON, 2024, 6, 4, 7, 0)
    state = dismiss(state, fresh, morning)
    assert due_reminders(cfg, state, morning, 0) == []


def test_snoozed_water_reminder_does_not_come_back_after_bedtime() -> None:
    cfg = make(bedtime=False)
    at = local(LONDON, 2024, 6, 3, 22, 50)
    state = snooze(EMPTY, only(cfg, EMPTY, at), 30, at)
    assert due_reminders(cfg, state, local(LONDON, 2024, 6, 3, 23, 20), 0) == []
    assert next_due(cfg, state, at, 0) == local(LONDON, 2024, 6, 4, 7, 0)


@pytest.mark.parametrize("minutes", [0, 1, 10, 20, 45, 90, -5, True])
def test_snooze_refuses_other_lengths(minutes: int) -> None:
    cfg = make()
    at = local(LONDON, 2024, 6, 3, 7, 5)
    with pytest.raises(ValidationError, match="5, 15, 30 or 60"):
        snooze(EMPTY, only(cfg, EMPTY, at), minutes, at)


@pytest.mark.parametrize("minutes", [5, 15, 30, 60])
def test_snooze_accepts_the_four_lengths(minutes: int) -> None:
    cfg = make(bedtime=False)
    at = local(LONDON, 2024, 6, 3, 7, 5)
    state = snooze(EMPTY, only(cfg, EMPTY, at), minutes, at)
    assert next_due(cfg, state, at, 0) == at + timedelta(minutes=minutes)


def test_snooze_and_dismiss_are_per_kind() -> None:
    cfg = make(interval=60)
    at = local(LONDON, 2024, 6, 3, 22, 40)
    water, bed = due_reminders(cfg, EMPTY, at, 0)
    assert (water.kind, bed.kind) == ("hydration", "bedtime")
    state = snooze(EMPTY, bed, 5, at)
    assert kinds(due_reminders(cfg, state, at, 0)) == ["hydration"]
    state = dismiss(state, water, at)
    assert due_reminders(cfg, state, at, 0) == []
    assert kinds(due_reminders(cfg, state, at + timedelta(minutes=5), 0)) == ["bedtime"]


def test_old_entries_are_pruned_so_state_stays_small() -> None:
    cfg = make(bedtime=False)
    state = EMPTY
    for day in range(1, 11):
        at = local(LONDON, 2024, 6, day, 7, 1)
        state = dismiss(state, only(cfg, state, at), at)
    assert len(state.dismissed) <= 3
    assert all(at >= datetime(2024, 6, 8, tzinfo=UTC) for _, at in state.dismissed)
