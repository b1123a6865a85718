"""A short doctor-visit summary: the facts a clinician asks first, in short sections a
phone shows in a few swipes (at most about 45 lines with every question answered).

Quiz question ids belong to the quiz module, so the caller says which answers to
show (AnswerSection) and how to word them (format_answer); this module never
imports the quiz.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from app.errors import ValidationError
from app.formats import format_amount, format_date
from app.insights.diary import one_per_day, severity_trend
from app.insights.patterns import NeedMoreDays, NoPattern, find_patterns
from app.records import (
    AnswerValue,
    DiaryEntry,
    ResultRecord,
    SleepLog,
    Tier,
    Unit,
)

TIER_WORDS: dict[Tier, str] = {
    "emergency": "Emergency now",
    "doctor_soon": "See a doctor soon",
    "doctor_if_persists": "See a doctor if it persists or worsens despite changes",
    "self_care": "Self-care",
}
NOT_A_DIAGNOSIS = "This summary is not a diagnosis."
DIARY_DAYS = 30
HABIT_WINDOWS: tuple[int, ...] = (7, 30)
MAX_PATTERNS = 3
#: Diary notes: the newest few of the last DIARY_DAYS, each cut short, so the page stays short.
NOTES_SHOWN = 5
NOTE_CHARS = 120
#: The trend looks at the last 14 days only, inside the "last 30 days" heading it sits under.
_TREND_WORDS = {
    "worse": "getting worse (last 7 days against the 7 before)",
    "better": "getting better (last 7 days against the 7 before)",
    "steady": "about the same (last 7 days against the 7 before)",
    "unknown": "not enough entries in the last 14 days to tell",
}


@dataclass(frozen=True)
class AnswerSection:
    """A heading and the questions under it, as (question id, label for the doctor)."""

    title: str
    questions: tuple[tuple[str, str], ...]


def format_answer_value(value: AnswerValue) -> str:
    """A plain rendering of a stored answer, used when the caller gives no formatter."""
    if isinstance(value, tuple):
        return ", ".join(value) if value else "none"
    if isinstance(value, float):
        return f"{value:g}"
    return value


def latest_result(results: Sequence[ResultRecord]) -> ResultRecord | None:
    """The most recent result (ties broken by id, so the choice is stable)."""
    return max(results, key=lambda r: (r.taken_at, r.id), default=None)


def answer_lines(
    result: ResultRecord,
    section: AnswerSection,
    format_answer: Callable[[str, AnswerValue], str] | None = None,
) -> tuple[str, ...]:
    """One "Label: answer" line per question of the section that the result answered."""
    answers = dict(result.answers)
    lines = []
    for qid, label in section.questions:
        if qid in answers:
            value = answers[qid]
            text = format_answer(qid, value) if format_answer else format_answer_value(value)
            lines.append(f"{label}: {text}")
    return tuple(lines)


def _days_ago(first: date, today: date) -> str:
    n = (today - first).days
    if n < 0:
        return ""
    if n == 0:
        return " (today)"
    return f" ({n} day{'s' if n != 1 else ''} ago)"


def _diary_lines(diary: Sequence[DiaryEntry], today: date) -> list[str]:
    start = today - timedelta(days=DIARY_DAYS - 1)
    recent = [e for e in one_per_day(diary, until=today) if e.day >= start]
    if not recent:
        lines = [f"- No diary entries in the last {DIARY_DAYS} days"]
    else:
        strong = sum(e.twitch == "strong" for e in recent)
        mild = sum(e.twitch == "mild" for e in recent)
        lines = [
            f"- Twitching on {strong + mild} of {len(recent)} logged days "
            f"(strong {strong}, mild {mild})"
        ]
    lines.append(f"- Trend: {_TREND_WORDS[severity_trend(diary, today)]}")
    return lines


def _note_lines(diary: Sequence[DiaryEntry], today: date) -> list[str]:
    """The person's own diary notes, newest first, in their words (only cut short)."""
    start = today - timedelta(days=DIARY_DAYS - 1)
    noted = [e for e in one_per_day(diary, until=today) if e.day >= start and e.notes.strip()]
    noted.sort(key=lambda e: e.day, reverse=True)
    lines = []
    for entry in noted[:NOTES_SHOWN]:
        text = " ".join(entry.notes.split())
        if len(text) > NOTE_CHARS:
            text = text[: NOTE_CHARS - 1].rstrip() + "\u2026"
        lines.append(f"- {format_date(entry.day)}: {text}")
    if len(noted) > NOTES_SHOWN:
        lines.append(f"- ({len(noted) - NOTES_SHOWN} older notes are in the app's diary)")
    return lines or ["- No notes in the last 30 days"]


def _habit_lines(
    sleep: Sequence[SleepLog], water_ml: Mapping[date, int], today: date, unit: Unit
) -> list[str]:
    hours = {log.night: log.hours for log in sleep}
    water_parts, sleep_parts = [], []
    if water_ml.get(today, 0) > 0:
        # Today's total is still growing, so it is shown on its own, not averaged in.
        water_parts.append(f"{format_amount(water_ml[today], unit)} so far today")
    for n in HABIT_WINDOWS:
        # Water: the n full days before today (today's total is still growing).
        drunk = [v for d, v in water_ml.items() if today - timedelta(days=n) <= d < today]
        if drunk:
            avg = sum(drunk) / len(drunk)
            water_parts.append(
                f"{format_amount(avg, unit)} a day over {n} days ({len(drunk)} logged)"
            )
        # Sleep: nights that ended in the last n days, today included.
        slept = [h for d, h in hours.items() if today - timedelta(days=n) < d <= today]
        if slept:
            avg_h = sum(slept) / len(slept)
            sleep_parts.append(f"{avg_h:.1f} h a night over {n} days ({len(slept)} logged)")
    return [
        f"- Water: {'; '.join(water_parts) if water_parts else 'not logged'}",
        f"- Sleep: {'; '.join(sleep_parts) if sleep_parts else 'not logged'}",
    ]


def _result_lines(
    results: Sequence[ResultRecord],
    answer_sections: Sequence[AnswerSection],
    format_answer: Callable[[str, AnswerValue], str] | None,
    max_results: int,
) -> list[str]:
    """The latest results' tiers, then the latest check's answers, section by section."""
    ordered = sorted(results, key=lambda r: (r.taken_at, r.id), reverse=True)[:max_results]
    out = [f"- {format_date(r.taken_at.date())}: {TIER_WORDS[r.tier]}" for r in ordered]
    if not ordered:
        out.append("- No check taken yet")
    latest = latest_result(results)
    if latest is not None:
        for section in answer_sections:
            lines = answer_lines(latest, section, format_answer)
            if lines:
                out += ["", f"## {section.title}", *(f"- {line}" for line in lines)]
    return out


def _pattern_lines(
    diary: Sequence[DiaryEntry],
    sleep: Sequence[SleepLog],
    water_ml: Mapping[date, int],
    goal_ml: int,
    today: date,
) -> list[str]:
    patterns = find_patterns(one_per_day(diary, until=today), sleep, water_ml, goal_ml, today=today)
    if isinstance(patterns, (NeedMoreDays, NoPattern)):
        return [f"- {patterns.text}"]
    # A doctor needs the factors that went with more twitching, not every comparison.
    higher = [i for i in patterns.insights if i.counts.difference > 0][:MAX_PATTERNS]
    out = [f"- {i.text}" for i in higher]
    if not higher:
        out.append("- No factor went with more twitching in the diary.")
    out.append(patterns.caveat)
    return out


def doctor_summary(
    *,
    today: date,
    first_noticed: date | None,
    diary: Sequence[DiaryEntry],
    sleep: Sequence[SleepLog],
    water_ml: Mapping[date, int],
    goal_ml: int,
    results: Sequence[ResultRecord],
    answer_sections: Sequence[AnswerSection] = (),
    format_answer: Callable[[str, AnswerValue], str] | None = None,
    unit: Unit = "ml",
    max_results: int = 3,
) -> str:
    """Markdown that also reads as plain text; sections stay short for a phone."""
    if not 1 <= max_results <= 10:
        raise ValidationError("max_results", "must be between 1 and 10")
    out = [
        "# Lip twitching: summary for a doctor",
        f"Made on {format_date(today)} with Lip Twitch Check. {NOT_A_DIAGNOSIS}",
        "",
        "## Onset",
        "- First noticed: "
        + (
            format_date(first_noticed) + _days_ago(first_noticed, today)
            if first_noticed is not None
            else "not recorded"
        ),
        "",
        f"## Diary, last {DIARY_DAYS} days",
        *_diary_lines(diary, today),
        "",
        "## Diary notes, newest first",
        *_note_lines(diary, today),
        "",
        "## Latest check results",
        *_result_lines(results, answer_sections, format_answer, max_results),
        "",
        "## Patterns in the diary",
        *_pattern_lines(diary, sleep, water_ml, goal_ml, today),
    ]
    out += ["", "## Habits", *_habit_lines(sleep, water_ml, today, unit), "", NOT_A_DIAGNOSIS]
    return "\n".join(out) + "\n"


def summary_as_text(summary: str) -> str:
    """The summary as a plain .txt file any phone opens: headings underlined instead of
    marked with #, everything else as it is."""
    out = []
    for line in summary.splitlines():
        if line.startswith("# "):
            title = line[2:]
            out += [title, "=" * len(title)]
        elif line.startswith("## "):
            title = line[3:]
            out += [title, "-" * len(title)]
        else:
            out.append(line)
    return "\n".join(out) + "\n"
