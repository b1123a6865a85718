"""Pure helpers behind the History screens: reading input, "today", and wording.

No flet and no storage here, so every rule the screens rely on is unit-tested.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from app.device import load_zone
from app.formats import format_date, short_date
from app.insights import TIER_WORDS, NeedMoreDays, WeekCount
from app.insights.patterns import CAFFEINE_CUPS, SHORT_SLEEP_HOURS, Factor
from app.quiz import Quiz
from app.records import Tier

#: A short name for each diary factor, used as a card title.
FACTOR_TITLES: dict[Factor, str] = {
    "caffeine": f"{CAFFEINE_CUPS} or more cups of caffeine",
    "high_stress": "High stress",
    "low_water": "Less water than your goal",
    "short_sleep": f"Less than {SHORT_SLEEP_HOURS:g} hours of sleep",
}


def tier_badge(quiz: Quiz, tier: Tier) -> str:
    """The short words the result banner uses for a tier (the quiz's badge)."""
    category = quiz.category("tier")
    outcome = category.outcome(tier) if category else None
    return outcome.badge if outcome and outcome.badge else TIER_WORDS[tier]


def more_days_text(need: NeedMoreDays) -> str:
    more = need.days_needed - need.days_logged
    unit = "day" if more == 1 else "days"
    return (
        f"Log {more} more {unit} to see patterns "
        f"({need.days_logged} of {need.days_needed} days so far)."
    )


@dataclass(frozen=True)
class Bar:
    """One chart bar: its height as a share of the tallest possible, and what it says."""

    fraction: float
    value: str
    label: str
    description: str


def week_bar(week: WeekCount) -> Bar:
    """A week of the diary: twitch days out of 7, described in words for screen readers."""
    when = f"Week of {format_date(week.monday)}"
    if week.logged_days == 0:
        return Bar(0.0, "-", stacked_date(week.monday), f"{when}: nothing logged")
    unit = "day" if week.logged_days == 1 else "days"
    return Bar(
        week.twitch_days / 7,
        f"{week.twitch_days}/{week.logged_days}",
        stacked_date(week.monday),
        f"{when}: twitching on {week.twitch_days} of {week.logged_days} logged {unit}",
    )


def stacked_date(day: date) -> str:
    """Day over month ("3" above "Mar"), so a label fits a narrow chart column."""
    return short_date(day).replace(" ", "\n")


def markdown_blocks(text: str) -> str:
    """Put a blank line between a list item and a plain line that follows it.

    Markdown would otherwise fold the plain line into the item above (a "lazy
    continuation"), so a note under a list would read as part of its last bullet.
    """
    out: list[str] = []
    in_list = False
    for line in text.split("\n"):
        item = line.startswith(("- ", "* "))
        if in_list and line.strip() and not item:
            out.append("")
        out.append(line)
        in_list = item
    return "\n".join(out)


def picker_instant(day: date, zone: str) -> datetime:
    """What to hand the date picker for `day`: noon that day in the settings' zone.

    Flet sends date-times to the browser as instants and the picker shows them
    in the browser's own zone; noon keeps the same calendar day as long as the
    browser is within 12 hours of the zone in the settings.
    """
    return datetime.combine(day, time(12), tzinfo=load_zone(zone))


def picked_day(value: datetime, zone: str) -> date:
    """The day the person tapped in the picker.

    The picker returns the browser's local midnight as a UTC instant (checked:
    picking 5 Feb in Tokyo arrives as 4 Feb 15:00 UTC). Flet does not tell us
    the browser's zone, so take the midnight nearest to it in the settings'
    zone: right whenever the two zones are less than 12 hours apart. The date
    lands in the text field, so the person sees it before saving.
    """
    if value.tzinfo is None:
        return value.date()
    return (value.astimezone(load_zone(zone)) + timedelta(hours=12)).date()
