"""Pure helpers behind the History screens: reading input, "today", and wording.

No flet and no storage here, so every rule the screens rely on is unit-tested.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from app.device import load_zone
from app.errors import ValidationError
from app.formats import format_date, short_date
from app.insights import TIER_WORDS, AnswerSection, Insight, NeedMoreDays, WeekCount
from app.insights.patterns import CAFFEINE_CUPS, SHORT_SLEEP_HOURS, Factor
from app.quiz import Quiz, describe_answer
from app.records import AnswerValue, Tier

MAX_CUPS = 30
EARLIEST_DAY = date(1900, 1, 1)
EXAMPLE_DAY = date(2025, 3, 3)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WORDS = re.compile(r"(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4})")

#: Quiz questions the doctor summary lists, by heading; ids missing from the quiz are skipped.
SUMMARY_QUESTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Warning signs asked about (latest check)",
        (
            "red_flags",
            "other_symptoms",
            "bells_signs",
            "symptoms_sudden",
            "symptoms_now",
            "spread",
            "pain",
            "daily_life",
        ),
    ),
    ("The twitching (latest check)", ("started", "frequency", "episode_length", "worsening")),
    ("Medicines (latest check)", ("medicines",)),
)

#: Summary labels that differ from the quiz's own. The Onset section already says
#: "First noticed" with the recorded date, so the check's coarse answer (relative to
#: the day of the check) must not read like a second, possibly different, date.
SUMMARY_LABELS: dict[str, str] = {"started": "Self-check answer, when it started"}

#: A short name for each diary factor, used as a card title.
FACTOR_TITLES: dict[Factor, str] = {
    "caffeine": f"{CAFFEINE_CUPS} or more cups of caffeine",
    "high_stress": "High stress",
    "low_water": "Less water than your goal",
    "short_sleep": f"Less than {SHORT_SLEEP_HOURS:g} hours of sleep",
}


def local_today(now: datetime, tz_name: str) -> date:
    """The person's calendar day (app.device.load_zone's fallback if the zone cannot load)."""
    return now.astimezone(load_zone(tz_name)).date()


def parse_cups(text: str) -> int:
    """Cups of caffeine typed by the person: a whole number from 0 to 30."""
    value = text.strip()
    if not value:
        raise ValidationError("caffeine_cups", "Enter the number of cups (0 if none).")
    if not value.isascii() or not value.isdigit():
        raise ValidationError("caffeine_cups", f"Enter a whole number from 0 to {MAX_CUPS}.")
    cups = int(value)
    if cups > MAX_CUPS:
        raise ValidationError("caffeine_cups", f"Enter a whole number from 0 to {MAX_CUPS}.")
    return cups


def _month(word: str) -> int | None:
    for number, name in enumerate(_MONTHS, start=1):
        if word.startswith(name):
            return number
    return None


def parse_day(text: str, today: date) -> date:
    """A past or present date, as 3 Mar 2025 (the app's format) or 2025-03-03; never a
    future one."""
    value = text.strip().lower()
    example = format_date(EXAMPLE_DAY)
    if not value:
        raise ValidationError("first_noticed", f"Enter a date, for example {example}.")
    problem = f"Enter the date as day, month and year, for example {example}."
    iso, words = _ISO.fullmatch(value), _WORDS.fullmatch(value)
    month = _month(words[2]) if words else None
    if iso:
        year, month, day_no = int(iso[1]), int(iso[2]), int(iso[3])
    elif words and month is not None:
        year, day_no = int(words[3]), int(words[1])
    else:
        raise ValidationError("first_noticed", problem)
    try:
        day = date(year, month, day_no)
    except ValueError:
        raise ValidationError("first_noticed", "That date does not exist. " + problem) from None
    if day > today:
        raise ValidationError(
            "first_noticed", "That date is in the future. Enter the day you first noticed it."
        )
    if day < EARLIEST_DAY:
        raise ValidationError("first_noticed", "Enter a date after 1900.")
    return day


def known_water(totals: Mapping[date, int]) -> dict[date, int]:
    """Days with drinks logged; a day with nothing logged is unknown, not a dry day."""
    return {day: ml for day, ml in totals.items() if ml > 0}


def summary_sections(quiz: Quiz) -> tuple[AnswerSection, ...]:
    """The doctor summary's answer sections, labelled with the quiz's own labels
    (except SUMMARY_LABELS)."""
    sections = []
    for title, ids in SUMMARY_QUESTIONS:
        questions = tuple(
            (qid, SUMMARY_LABELS.get(qid, q.label))
            for qid in ids
            if (q := quiz.question(qid)) is not None
        )
        if questions:
            sections.append(AnswerSection(title, questions))
    return tuple(sections)


def answer_formatter(quiz: Quiz) -> Callable[[str, AnswerValue], str]:
    """Answers worded as the person saw them (option labels, numbers with units)."""

    def fmt(question_id: str, value: AnswerValue) -> str:
        question = quiz.question(question_id)
        if question is None:
            return str(value)
        return describe_answer(question, value)

    return fmt


def tier_badge(quiz: Quiz, tier: Tier) -> str:
    """The short words the result banner uses for a tier (the quiz's badge)."""
    category = quiz.category("tier")
    outcome = category.outcome(tier) if category else None
    return outcome.badge if outcome and outcome.badge else TIER_WORDS[tier]


def split_insights(insights: tuple[Insight, ...]) -> tuple[list[Insight], list[Insight]]:
    """(shown, hidden): only factors that went with more twitching are shown."""
    shown = [i for i in insights if i.counts.difference > 0]
    hidden = [i for i in insights if i.counts.difference <= 0]
    return shown, hidden


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
