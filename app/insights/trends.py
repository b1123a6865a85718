"""Plain data for History's charts; the UI draws them from core controls."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from app.errors import ValidationError
from app.insights.diary import one_per_day
from app.records import DiaryEntry, ResultRecord, Tier

#: Higher is more urgent, so a chart can plot tiers on one axis.
TIER_LEVEL: dict[Tier, int] = {
    "self_care": 0,
    "doctor_if_persists": 1,
    "doctor_soon": 2,
    "emergency": 3,
}


@dataclass(frozen=True)
class WeekCount:
    """One ISO week: how many diary days had twitching, out of how many were logged."""

    year: int
    week: int
    monday: date
    twitch_days: int
    logged_days: int

    @property
    def label(self) -> str:
        """Short axis label, e.g. "W07"."""
        return f"W{self.week:02d}"


def twitch_days_per_week(
    diary: Iterable[DiaryEntry], today: date, weeks: int = 8
) -> tuple[WeekCount, ...]:
    """The last `weeks` ISO weeks up to and including today's, oldest first.

    Weeks with no entries are kept (logged_days 0) so a chart shows the gap.
    """
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= 104:
        raise ValidationError("weeks", "must be between 1 and 104")
    this_monday = today - timedelta(days=today.weekday())
    mondays = [this_monday - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    twitch = dict.fromkeys(mondays, 0)
    logged = dict.fromkeys(mondays, 0)
    for entry in one_per_day(diary, until=today):
        monday = entry.day - timedelta(days=entry.day.weekday())
        if monday in logged:
            logged[monday] += 1
            twitch[monday] += entry.twitch != "none"
    result = []
    for monday in mondays:
        iso = monday.isocalendar()
        result.append(WeekCount(iso.year, iso.week, monday, twitch[monday], logged[monday]))
    return tuple(result)


def tier_history(results: Sequence[ResultRecord]) -> tuple[tuple[date, Tier], ...]:
    """(day, tier) for every result, oldest first; same-time results ordered by id.

    The day is the date in the offset the result was saved with (the person's local day).
    """
    ordered = sorted(results, key=lambda r: (r.taken_at, r.id))
    return tuple((r.taken_at.date(), r.tier) for r in ordered)
