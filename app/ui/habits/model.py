"""Pure helpers behind the Habits screens: wording, choices, time zones and chart scaling.

No flet here, so the numbers and words the screens show are unit-tested without a
browser; the screens only lay them out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, time

from app.errors import LipCheckError, ValidationError
from app.formats import amount_number, format_amount, short_date, weekday, weekday_date
from app.habits import Progress, SeriesPoint
from app.records import Unit

# A short list to pick from; any other IANA name can be typed.
ZONE_CHOICES: tuple[str, ...] = (
    "UTC",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Madrid",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Africa/Johannesburg",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Sydney",
)
WIND_DOWN_CHOICES: tuple[int, ...] = (15, 30, 45, 60, 90, 120, 180)
INTERVAL_CHOICES: tuple[int, ...] = (30, 45, 60, 90, 120, 180, 240)


def problem_text(exc: LipCheckError, noun: str) -> str:
    """One clear sentence for an inline error: "The amount must be at most 5000 ml."."""
    problem = exc.problem if isinstance(exc, ValidationError) else str(exc)
    if problem.startswith(("must", "is ")):
        problem = f"{noun} {problem}"
    text = problem[:1].upper() + problem[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def progress_line(p: Progress, unit: Unit) -> str:
    """ "1,250 of 2,000 ml" (the unit once, at the end)."""
    return f"{amount_number(p.drunk_ml, unit)} of {format_amount(p.goal_ml, unit)}"


def left_line(p: Progress, unit: Unit) -> str:
    if p.met:
        return "Goal reached for today"
    return f"{format_amount(p.remaining_ml, unit)} left to reach your goal"


def duration_label(minutes: int) -> str:
    """ "15 min", "1 h", "1 h 30 min"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" + (f" {rest} min" if rest else "")


def hours_text(hours: float) -> str:
    """Hours and minutes, rounded to the minute: "7 h 30 min"."""
    total = round(hours * 60)
    return duration_label(total) if total >= 60 else f"{total} min"


def clock_text(at: time) -> str:
    return at.strftime("%H:%M")


def score_text(score: float) -> str:
    return f"{round(score * 100)}%"


def streak_text(days: int) -> str:
    if days == 0:
        return "No streak yet"
    return f"{days} day in a row" if days == 1 else f"{days} days in a row"


@dataclass(frozen=True)
class Bar:
    """One chart bar: its height in pixels and the words a screen reader says for it."""

    day: date
    height: float
    met: bool
    logged: bool
    label: str


def chart_top(points: Sequence[SeriesPoint]) -> float:
    """The value at the top of the chart: room for the goal line and the tallest bar."""
    values = [p.value for p in points if p.value is not None]
    goal = max((p.goal for p in points), default=0.0)
    top = max([goal, *values]) if values or goal else 1.0
    return top * 1.1 if top > 0 else 1.0


def bars(
    points: Sequence[SeriesPoint],
    height: float,
    describe: Callable[[float], str],
    noun: str = "goal",
) -> list[Bar]:
    """Scale points to pixel heights; missing values get a zero bar labelled "not logged"."""
    top = chart_top(points)
    out: list[Bar] = []
    for p in points:
        day = weekday_date(p.day)
        if p.value is None:
            out.append(Bar(p.day, 0.0, False, False, f"{day}: not logged"))
            continue
        met = p.value >= p.goal
        mark = f"{noun} met" if met else f"{noun} not met"
        out.append(
            Bar(p.day, height * p.value / top, met, True, f"{day}: {describe(p.value)}, {mark}")
        )
    return out


def goal_offset(points: Sequence[SeriesPoint], height: float) -> float:
    """Pixels from the chart's bottom to the goal line."""
    goal = max((p.goal for p in points), default=0.0)
    return height * goal / chart_top(points)


def axis_labels(points: Sequence[SeriesPoint]) -> list[str]:
    """Under the bars: a weekday per bar for a week; for longer spans the first and last dates
    (a month of per-bar labels would not fit on a phone)."""
    if len(points) <= 7:
        return [weekday(p.day) for p in points]
    return [short_date(points[0].day), short_date(points[-1].day)]
