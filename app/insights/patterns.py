"""Patterns between twitch days and the everyday factors the guide names.

Worded as what happened together in the person's own diary, never as a cause:
a diary of a few weeks cannot show what led to what.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Literal

from app.errors import ValidationError
from app.insights.diary import one_per_day
from app.records import DiaryEntry, SleepLog

Factor = Literal["caffeine", "high_stress", "low_water", "short_sleep"]
#: Alphabetical, which is also the tie-break order when two factors differ equally.
FACTORS: tuple[Factor, ...] = ("caffeine", "high_stress", "low_water", "short_sleep")

MIN_DIARY_DAYS = 14
SHORT_SLEEP_HOURS = 6.0
CAFFEINE_CUPS = 3

#: Learn sections each insight links to: why it may happen, then what may help.
LEARN_LINKS: tuple[str, ...] = ("common-reasons", "ways-to-alleviate")

#: How each factor's days are described ("On days ... you logged twitching ...").
FACTOR_DAYS: dict[Factor, str] = {
    "caffeine": f"with {CAFFEINE_CUPS} or more cups of caffeine",
    "high_stress": "with high stress",
    "low_water": "when you drank less than your water goal",
    "short_sleep": f"after less than {SHORT_SLEEP_HOURS:g} h sleep",
}

#: What the guide says may help, quoted so the link to Learn has a reason to be tapped.
FACTOR_TIPS: dict[Factor, str] = {
    "caffeine": "Reducing stimulants like caffeine, nicotine, and energy drinks can lessen "
    "muscle twitching.",
    "high_stress": "Stress management techniques like deep breathing, meditation, or yoga can "
    "help alleviate muscle tension.",
    "low_water": "Staying hydrated maintains electrolyte balance, important for nerve and "
    "muscle function.",
    "short_sleep": "Adequate sleep allows the body and nervous system to recover, reducing "
    "muscle excitability.",
}

#: Shown with every list of insights.
PATTERN_CAVEAT = (
    "These are patterns in your own diary. They show what happened on the same days, "
    "not what led to what."
)


@dataclass(frozen=True)
class FactorCount:
    """Twitch days among factor days (a of b) and among the other known days (c of d)."""

    factor: Factor
    twitch_with: int
    days_with: int
    twitch_without: int
    days_without: int

    @property
    def comparable(self) -> bool:
        """Both groups have at least one day, so the two rates mean something."""
        return self.days_with > 0 and self.days_without > 0

    @property
    def difference(self) -> Fraction:
        """Rate on factor days minus rate on other days (exact, for deterministic ranking)."""
        if not self.comparable:
            raise ValueError(f"{self.factor}: one group has no days")
        return Fraction(self.twitch_with, self.days_with) - Fraction(
            self.twitch_without, self.days_without
        )


@dataclass(frozen=True)
class Insight:
    """One factor's pattern, ready to show."""

    factor: Factor
    counts: FactorCount
    text: str
    tip: str
    learn_links: tuple[str, ...] = LEARN_LINKS


@dataclass(frozen=True)
class NeedMoreDays:
    """Too few diary days to show anything yet."""

    days_logged: int
    days_needed: int
    text: str


@dataclass(frozen=True)
class NoPattern:
    """Enough days, but nothing to compare (every day alike, or no factor splits the days)."""

    days_logged: int
    reason: Literal["all_twitch", "no_twitch", "no_contrast"]
    text: str


@dataclass(frozen=True)
class Patterns:
    """Insights ranked by how much the twitch rate differs, biggest first."""

    days_logged: int
    insights: tuple[Insight, ...]
    caveat: str = PATTERN_CAVEAT


PatternResult = NeedMoreDays | NoPattern | Patterns


def _days(n: int) -> str:
    return "day" if n == 1 else "days"


def insight_text(count: FactorCount) -> str:
    """The sentence for one factor, e.g. "On days after less than 6 h sleep you logged ..."."""
    return (
        f"On days {FACTOR_DAYS[count.factor]} you logged twitching on "
        f"{count.twitch_with} of {count.days_with} {_days(count.days_with)}, "
        f"against {count.twitch_without} of {count.days_without} otherwise."
    )


def _count(
    factor: Factor, entries: Iterable[DiaryEntry], test: Callable[[DiaryEntry], bool | None]
) -> FactorCount:
    """Tally one factor; `test` returns None when the factor is unknown for that day."""
    tw = dw = tn = dn = 0
    for entry in entries:
        present = test(entry)
        if present is None:
            continue
        twitched = int(entry.twitch != "none")
        if present:
            tw, dw = tw + twitched, dw + 1
        else:
            tn, dn = tn + twitched, dn + 1
    return FactorCount(factor, tw, dw, tn, dn)


def finished_water(water_ml: Mapping[date, int], goal_ml: int, today: date) -> dict[date, int]:
    """Water totals that can be judged against the goal.

    Today's total is still growing, so it would make a half-finished day look like a
    low-water day; it counts only once it has reached the goal, which it cannot undo.
    """
    return {d: ml for d, ml in water_ml.items() if d != today or ml >= goal_ml}


def factor_counts(
    diary: Sequence[DiaryEntry],
    sleep: Sequence[SleepLog],
    water_ml: Mapping[date, int],
    goal_ml: int,
    *,
    today: date,
) -> tuple[FactorCount, ...]:
    """Counts for every factor, in FACTORS order, over the days where it is known.

    Sleep is known for a diary day when a SleepLog woke up on that day (the night
    before). Water is known when `water_ml` has the day: a day with no drinks logged
    is unknown, not zero, and so is `today` while it is below the goal (see
    finished_water). Caffeine and stress are always on the diary entry.
    """
    if isinstance(goal_ml, bool) or not isinstance(goal_ml, int) or goal_ml <= 0:
        raise ValidationError("goal_ml", "must be a whole number above 0")
    entries = one_per_day(diary)
    hours = {log.night: log.hours for log in sleep}
    water_ml = finished_water(water_ml, goal_ml, today)
    tests: dict[Factor, Callable[[DiaryEntry], bool | None]] = {
        "caffeine": lambda e: e.caffeine_cups >= CAFFEINE_CUPS,
        "high_stress": lambda e: e.stress == "high",
        "low_water": lambda e: None if e.day not in water_ml else water_ml[e.day] < goal_ml,
        "short_sleep": lambda e: None if e.day not in hours else hours[e.day] < SHORT_SLEEP_HOURS,
    }
    return tuple(_count(factor, entries, tests[factor]) for factor in FACTORS)


def find_patterns(
    diary: Sequence[DiaryEntry],
    sleep: Sequence[SleepLog],
    water_ml: Mapping[date, int],
    goal_ml: int,
    *,
    today: date,
) -> PatternResult:
    """Insights for History, or why there are none yet (`today`: see factor_counts)."""
    counts = factor_counts(diary, sleep, water_ml, goal_ml, today=today)
    entries = one_per_day(diary)
    logged = len(entries)
    if logged < MIN_DIARY_DAYS:
        more = MIN_DIARY_DAYS - logged
        return NeedMoreDays(
            logged,
            MIN_DIARY_DAYS,
            f"Keep your diary for {more} more {_days(more)} to see patterns "
            f"({logged} of {MIN_DIARY_DAYS} days so far).",
        )
    twitch_days = sum(e.twitch != "none" for e in entries)
    if twitch_days in (0, logged):
        every = twitch_days == logged
        what = "on every one" if every else "on none"
        return NoPattern(
            logged,
            "all_twitch" if every else "no_twitch",
            f"You logged twitching {what} of your {logged} diary days, "
            "so there is no pattern to show.",
        )
    shown = sorted((c for c in counts if c.comparable), key=lambda c: (-c.difference, c.factor))
    if not shown:
        return NoPattern(
            logged,
            "no_contrast",
            "Your diary days do not yet differ in sleep, caffeine, water or stress "
            "(or those were not logged), so there is no pattern to show.",
        )
    return Patterns(
        logged,
        tuple(Insight(c.factor, c, insight_text(c), FACTOR_TIPS[c.factor]) for c in shown),
    )
