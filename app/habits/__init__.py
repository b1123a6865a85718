"""Pure water and sleep habits: parsing, progress, reminders and scores.

The .ics export is `app.habits.ics`, imported only where it is used: icalendar is
slow to import and the offline app's start-up does not need it.
"""

from __future__ import annotations

from .hydration import (
    Pace,
    Progress,
    daily_totals,
    ml_to_oz,
    pace,
    progress,
    total_for,
)
from .parse import (
    goal_from_entry,
    parse_amount,
    parse_clock,
    parse_cup_size,
    parse_goal,
    parse_hours,
)
from .reminders import (
    SNOOZE_CHOICES,
    Reminder,
    dismiss,
    due_reminders,
    next_due,
    snooze,
)
from .schedule import Window, bed_time, wake_time, window, window_at
from .score import (
    SeriesPoint,
    current_streak,
    daily_series,
    habit_score,
    sleep_series,
    sleep_target_met_days,
    water_goal_met_days,
    water_series,
)
from .sleep import (
    NightSchedule,
    WeeklySleep,
    hours_slept,
    night_schedule,
    weekly_sleep,
)
from .zones import check_zone, effective_settings

__all__ = [
    "check_zone",
    "effective_settings",
    "SNOOZE_CHOICES",
    "NightSchedule",
    "Pace",
    "Progress",
    "Reminder",
    "SeriesPoint",
    "WeeklySleep",
    "Window",
    "bed_time",
    "current_streak",
    "daily_series",
    "daily_totals",
    "dismiss",
    "due_reminders",
    "habit_score",
    "hours_slept",
    "ml_to_oz",
    "next_due",
    "night_schedule",
    "pace",
    "parse_amount",
    "parse_clock",
    "parse_cup_size",
    "goal_from_entry",
    "parse_goal",
    "parse_hours",
    "progress",
    "sleep_series",
    "sleep_target_met_days",
    "snooze",
    "total_for",
    "wake_time",
    "water_goal_met_days",
    "water_series",
    "weekly_sleep",
    "window",
    "window_at",
]
