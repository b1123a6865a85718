"""History insights: patterns, follow-up prompts, a doctor summary and chart data.

Pure and deterministic: callers pass in records and `today`; nothing here reads a
clock, storage or the UI.
"""

from app.insights.diary import SEVERITY, Trend, one_per_day, severity_trend
from app.insights.followup import DOCTOR_ADVICE, EMERGENCY_NOTE, FollowUp, followup_prompt
from app.insights.patterns import (
    FACTORS,
    LEARN_LINKS,
    MIN_DIARY_DAYS,
    Factor,
    FactorCount,
    Insight,
    NeedMoreDays,
    NoPattern,
    PatternResult,
    Patterns,
    factor_counts,
    find_patterns,
)
from app.insights.summary import (
    NOT_A_DIAGNOSIS,
    TIER_WORDS,
    AnswerSection,
    answer_lines,
    doctor_summary,
    format_answer_value,
    summary_as_text,
)
from app.insights.trends import TIER_LEVEL, WeekCount, tier_history, twitch_days_per_week

__all__ = [
    "DOCTOR_ADVICE",
    "EMERGENCY_NOTE",
    "FACTORS",
    "LEARN_LINKS",
    "MIN_DIARY_DAYS",
    "NOT_A_DIAGNOSIS",
    "SEVERITY",
    "TIER_LEVEL",
    "TIER_WORDS",
    "AnswerSection",
    "Factor",
    "FactorCount",
    "FollowUp",
    "Insight",
    "NeedMoreDays",
    "NoPattern",
    "PatternResult",
    "Patterns",
    "Trend",
    "WeekCount",
    "answer_lines",
    "doctor_summary",
    "summary_as_text",
    "factor_counts",
    "find_patterns",
    "followup_prompt",
    "format_answer_value",
    "one_per_day",
    "severity_trend",
    "tier_history",
    "twitch_days_per_week",
]
