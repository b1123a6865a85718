"""Pure reminder engine: what is due now, when the next one is due, snooze and dismiss.

Definitions (all comparisons are between UTC instants, so `now` may be in any zone):

* Slots. Hydration slots of day ``D`` are wake, wake+N, wake+2N ... before bed, in
  local wall time (see ``schedule``). A hydration slot stays current until the end of
  its awake window or local midnight, whichever comes first, so ``drunk_today_ml``
  always means the total for the local calendar date of ``now``. The bedtime slot of
  ``D`` is bed minus wind-down; it stays current until the next wake time.
* For each kind, let ``L`` be the latest slot with ``L <= now`` that is still current,
  and ``u`` the kind's snoozed-until instant, if any.
  - ``u > now``: the kind is snoozed, nothing of that kind is due.
  - ``L`` not dismissed: due. ``due_at`` is ``u`` when ``L <= u <= now`` (the
    reminder came back from a snooze), else ``L``.
  - ``L`` dismissed: due at ``u`` only when ``L <= u <= now``, otherwise not due.
  A snooze older than the latest slot is stale and ignored.
* Hydration reminders need ``reminders_on`` and an unmet goal; bedtime reminders need
  ``bedtime_reminder_on`` and ignore the hydration window.
* ``snooze`` dismisses the slot and sets ``u = now + minutes``; ``dismiss`` dismisses
  the slot and clears the kind's snooze. Both drop entries older than two days.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time, timedelta

from app.errors import ValidationError
from app.records import ReminderKind, ReminderSettings, ReminderState

from .schedule import (
    bedtime_slot,
    hydration_slots,
    local_date,
    window,
    zone,
)

SNOOZE_CHOICES: tuple[int, ...] = (5, 15, 30, 60)
KINDS: tuple[ReminderKind, ...] = ("hydration", "bedtime")
_KEEP = timedelta(days=2)
_LOOK_BACK_DAYS = 2
_LOOK_AHEAD_DAYS = 3

TEXTS: dict[ReminderKind, tuple[str, str]] = {
    "hydration": ("Water reminder", "Time for a glass of water"),
    "bedtime": ("Bedtime reminder", "Time to wind down for bed"),
}


@dataclass(frozen=True)
class Reminder:
    """A reminder to show. ``slot`` (UTC) identifies it for snooze and dismiss.

    ``due_at`` is in the settings' zone for display; compare instants in UTC, because
    Python never finds a local time in a repeated (fall-back) hour equal to a time
    in another zone.
    """

    kind: ReminderKind
    due_at: datetime
    slot: datetime
    title: str
    message: str

    @property
    def key(self) -> str:
        return f"{self.kind}@{self.slot.astimezone(UTC).isoformat()}"


@dataclass(frozen=True)
class _Slot:
    at: datetime
    until: datetime


def _utc(name: str, value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(name, "must carry a time zone")
    return value.astimezone(UTC)


def _slots(settings: ReminderSettings, kind: ReminderKind, now: datetime) -> list[_Slot]:
    """Slots of days around ``now``'s local date, sorted, each with its expiry."""
    tz = zone(settings.timezone)
    today = local_date(now, tz)
    found: list[_Slot] = []
    for offset in range(-_LOOK_BACK_DAYS, _LOOK_AHEAD_DAYS + 1):
        day = today + timedelta(days=offset)
        if kind == "hydration":
            end = window(settings, day).end
            for slot in hydration_slots(settings, day):
                midnight = datetime.combine(
                    local_date(slot, tz) + timedelta(days=1), time(0), tz
                ).astimezone(UTC)
                found.append(_Slot(slot, min(end, midnight)))
        else:
            slot = bedtime_slot(settings, day)
            until = max(window(settings, day + timedelta(days=1)).start, window(settings, day).end)
            found.append(_Slot(slot, until))
    return sorted(found, key=lambda s: (s.at, s.until))


def _enabled(settings: ReminderSettings, kind: ReminderKind) -> bool:
    if kind == "hydration":
        return settings.hydration.reminders_on
    return settings.sleep.bedtime_reminder_on


def _snooze(state: ReminderState, kind: ReminderKind) -> datetime | None:
    times = [at.astimezone(UTC) for k, at in state.snoozed_until if k == kind]
    return max(times) if times else None


def _evaluate(
    settings: ReminderSettings,
    state: ReminderState,
    kind: ReminderKind,
    slots: list[_Slot],
    now: datetime,
) -> Reminder | None:
    latest = None
    for slot in slots:
        if slot.at > now:
            break
        latest = slot
    if latest is None or now >= latest.until:
        return None
    until = _snooze(state, kind)
    if until is not None and until > now:
        return None
    back_from_snooze = until is not None and latest.at <= until <= now
    dismissed = {at.astimezone(UTC) for k, at in state.dismissed if k == kind}
    if latest.at in dismissed and not back_from_snooze:
        return None
    due = until if back_from_snooze and until is not None else latest.at
    title, message = TEXTS[kind]
    return Reminder(kind, due.astimezone(zone(settings.timezone)), latest.at, title, message)


def _due(
    settings: ReminderSettings,
    state: ReminderState,
    now: datetime,
    drunk_today_ml: int,
    slots: dict[ReminderKind, list[_Slot]],
) -> list[Reminder]:
    due: list[Reminder] = []
    for kind in KINDS:
        if not _enabled(settings, kind):
            continue
        if kind == "hydration" and drunk_today_ml >= settings.hydration.goal_ml:
            continue
        found = _evaluate(settings, state, kind, slots[kind], now)
        if found is not None:
            due.append(found)
    return sorted(due, key=lambda r: (r.due_at, r.kind))


def due_reminders(
    settings: ReminderSettings, state: ReminderState, now: datetime, drunk_today_ml: int
) -> list[Reminder]:
    """Reminders to show at ``now`` (at most one per kind), earliest first."""
    instant = _utc("now", now)
    slots = {kind: _slots(settings, kind, instant) for kind in KINDS}
    return _due(settings, state, instant, drunk_today_ml, slots)


def next_due(
    settings: ReminderSettings, state: ReminderState, now: datetime, drunk_today_ml: int
) -> datetime | None:
    """The earliest instant after ``now`` at which a reminder becomes due, or None.

    Assumes ``drunk_today_ml`` stays as given for the rest of today and starts at 0
    on later dates; call again after every drink, snooze, dismiss or settings change.
    """
    instant = _utc("now", now)
    tz = zone(settings.timezone)
    today = local_date(instant, tz)
    slots = {kind: _slots(settings, kind, instant) for kind in KINDS}
    candidates = {s.at for kind in KINDS if _enabled(settings, kind) for s in slots[kind]}
    candidates.update(u for kind in KINDS if (u := _snooze(state, kind)) is not None)
    for at in sorted(c for c in candidates if c > instant):
        drunk = drunk_today_ml if local_date(at, tz) == today else 0
        # Compare in UTC: Python never finds a fold-hour local time equal to another zone's.
        if any(r.due_at.astimezone(UTC) == at for r in _due(settings, state, at, drunk, slots)):
            return at.astimezone(tz)
    return None


def _pruned(
    entries: Iterable[tuple[ReminderKind, datetime]], now: datetime
) -> list[tuple[ReminderKind, datetime]]:
    """Entries in UTC, without those too old to matter (no slot stays current two days)."""
    kept = ((k, at.astimezone(UTC)) for k, at in entries)
    return [(k, at) for k, at in kept if at >= now - _KEEP]


def dismiss(state: ReminderState, reminder: Reminder, now: datetime) -> ReminderState:
    """Hide this reminder's slot until the next slot of its kind."""
    instant = _utc("now", now)
    slot = reminder.slot.astimezone(UTC)
    dismissed = [e for e in _pruned(state.dismissed, instant) if e != (reminder.kind, slot)]
    dismissed.append((reminder.kind, slot))
    snoozed = [e for e in _pruned(state.snoozed_until, instant) if e[0] != reminder.kind]
    return replace(state, snoozed_until=tuple(snoozed), dismissed=tuple(dismissed))


def snooze(state: ReminderState, reminder: Reminder, minutes: int, now: datetime) -> ReminderState:
    """Hide this reminder's kind for 5, 15, 30 or 60 minutes, then show it again."""
    if isinstance(minutes, bool) or minutes not in SNOOZE_CHOICES:
        raise ValidationError("snooze", "choose 5, 15, 30 or 60 minutes")
    instant = _utc("now", now)
    after = dismiss(state, reminder, instant)
    until = (reminder.kind, instant + timedelta(minutes=minutes))
    return replace(after, snoozed_until=(*after.snoozed_until, until))
