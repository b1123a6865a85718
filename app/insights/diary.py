"""Shared reading of the twitch diary, so patterns, trends and follow-ups agree on the rules."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from fractions import Fraction
from typing import Literal

from app.records import DiaryEntry, Twitch

Trend = Literal["worse", "better", "steady", "unknown"]

#: How strong a diary day was, for averages (none=0, mild=1, strong=2).
SEVERITY: dict[Twitch, int] = {"none": 0, "mild": 1, "strong": 2}

#: The trend compares the last TREND_WINDOW days (today included) with the TREND_WINDOW before.
TREND_WINDOW = 7
#: Each window needs this many entries, so two or three odd days cannot decide a trend.
TREND_MIN_ENTRIES = 3


def one_per_day(diary: Iterable[DiaryEntry], until: date | None = None) -> tuple[DiaryEntry, ...]:
    """Entries sorted by day, one per day (the later one in the input wins).

    Storage keeps one entry per day; this guards against an import or a race that
    produced two, so a day is never counted twice. Days after `until` are dropped.
    """
    latest: dict[date, DiaryEntry] = {}
    for entry in diary:
        if until is None or entry.day <= until:
            latest[entry.day] = entry
    return tuple(latest[day] for day in sorted(latest))


def mean_severity(entries: Sequence[DiaryEntry]) -> Fraction:
    """Exact average severity; exact so equal windows never look different by rounding."""
    if not entries:
        raise ValueError("mean_severity needs at least one entry")
    return Fraction(sum(SEVERITY[e.twitch] for e in entries), len(entries))


def severity_trend(diary: Iterable[DiaryEntry], today: date) -> Trend:
    """Compare the entries of the last 7 days (today included) with the 7 days before.

    Calendar days, not the last 14 entries: the trend answers "is it getting worse
    now?", and a diary dropped months ago says nothing about now (it would otherwise
    keep prompting a follow-up). Days without an entry are simply not evidence.
    "worse" when the recent average severity is higher, "better" when lower,
    "steady" when equal, "unknown" when either week has fewer than 3 entries.
    """
    recent_start = today - timedelta(days=TREND_WINDOW - 1)
    previous_start = recent_start - timedelta(days=TREND_WINDOW)
    days = [e for e in one_per_day(diary, until=today) if e.day >= previous_start]
    recent = [e for e in days if e.day >= recent_start]
    previous = [e for e in days if e.day < recent_start]
    if len(recent) < TREND_MIN_ENTRIES or len(previous) < TREND_MIN_ENTRIES:
        return "unknown"
    now, before = mean_severity(recent), mean_severity(previous)
    if now > before:
        return "worse"
    if now < before:
        return "better"
    return "steady"
