"""Which due reminders become a system notification, once each, and what its buttons do.

A reminder *occurrence* is one reminder at one due time: the 07:00 water reminder, or
that same reminder back from a snooze at 07:15 (a new occurrence, so a snooze does
bring the notification back). Its tag is stable across reloads and sessions, and the
tags already shown are kept in ``ReminderState.notified``, so each occurrence is
notified once. A reminder that was dismissed, snoozed or met is not due
(``due_reminders``), so it is never notified.

A notification's action comes back as a route (``/habits?lipcheck=log&tag=...&nonce=...``),
because a route is the one way into the app that works in every form (page open,
in a background tab, or opened by the tap). The nonce, random per notification and
known only to the browser that showed it, stops a link from elsewhere logging a drink.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode

from app.records import NOTIFIED_MAX, ReminderState

from .reminders import Reminder

PREFIX = "lipcheck-"
SNOOZE_MIN = 15
ACTIONS: dict[str, tuple[str, ...]] = {"hydration": ("log", "snooze"), "bedtime": ("snooze",)}
ROUTE = "/habits"
PARAM = "lipcheck"


@dataclass(frozen=True)
class Notice:
    """What the browser shows: the system notification of one reminder occurrence."""

    tag: str
    title: str
    body: str
    actions: tuple[tuple[str, str], ...]  # (action id, button label)
    nonce: str

    def as_json(self) -> dict[str, object]:
        return {
            "tag": self.tag,
            "title": self.title,
            "body": self.body,
            "actions": [{"action": a, "title": label} for a, label in self.actions],
            "nonce": self.nonce,
        }


@dataclass(frozen=True)
class Action:
    """A notification button pressed (or the notification itself, action "open")."""

    action: str
    tag: str
    nonce: str


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def tag_of(reminder: Reminder) -> str:
    """One tag per occurrence: kind, slot and due time (a snooze's return differs)."""
    return f"{PREFIX}{reminder.kind}-{_stamp(reminder.slot)}-{_stamp(reminder.due_at)}"


def notified_tags(state: ReminderState) -> set[str]:
    return {tag for tag, _nonce in state.notified}


def to_notify(due: Iterable[Reminder], state: ReminderState, on: bool) -> list[Reminder]:
    """The due reminders not notified yet (none when the setting is off)."""
    if not on:
        return []
    seen = notified_tags(state)
    return [r for r in due if tag_of(r) not in seen]


def remember(state: ReminderState, shown: Sequence[tuple[str, str]]) -> ReminderState:
    """``state`` with these (tag, nonce) pairs kept, newest last, at most NOTIFIED_MAX."""
    fresh = {tag for tag, _ in shown}
    kept = [pair for pair in state.notified if pair[0] not in fresh] + list(shown)
    return replace(state, notified=tuple(kept[-NOTIFIED_MAX:]))


def notice(reminder: Reminder, log_label: str, nonce: str) -> Notice:
    """The notification of ``reminder``; ``log_label`` is the first cup ("150 ml")."""
    labels = {"log": f"Log {log_label}", "snooze": f"Snooze {SNOOZE_MIN} min"}
    when = reminder.due_at.strftime("%H:%M")
    return Notice(
        tag=tag_of(reminder),
        title=f"{reminder.title}, {when}",
        body=reminder.message,
        actions=tuple((a, labels[a]) for a in ACTIONS[reminder.kind]),
        nonce=nonce,
    )


def action_route(action: Action) -> str:
    """The route a notification's button opens (the service worker builds the same)."""
    query = urlencode({PARAM: action.action, "tag": action.tag, "nonce": action.nonce})
    return f"{ROUTE}?{query}"


def parse_action(route: str | None) -> Action | None:
    """The action a route carries, or None (any other route, or a malformed one)."""
    path, _, query = (route or "").partition("?")
    if path.rstrip("/") != ROUTE or not query:
        return None
    fields = dict(parse_qsl(query, keep_blank_values=True))
    action, tag, nonce = fields.get(PARAM), fields.get("tag"), fields.get("nonce")
    if action not in ("open", "log", "snooze") or not tag or not nonce:
        return None
    return Action(action, tag, nonce)


def resolve(action: Action, due: Iterable[Reminder], state: ReminderState) -> Reminder | None:
    """The due reminder an action is for: its tag was notified with this nonce, it is
    still due (not logged, dismissed or snoozed since), and the action fits its kind."""
    if (action.tag, action.nonce) not in state.notified:
        return None
    for reminder in due:
        if tag_of(reminder) == action.tag:
            allowed = ACTIONS[reminder.kind]
            return reminder if action.action in allowed else None
    return None
