"""The words, choices, time zones and chart scaling behind the Habits screens."""

from __future__ import annotations

from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import ValidationError
from app.formats import format_amount
from app.habits import SeriesPoint, check_zone, effective_settings, progress
from app.records import HydrationSettings, ReminderSettings
from app.ui.habits.model import (
    INTERVAL_CHOICES,
    WIND_DOWN_CHOICES,
    ZONE_CHOICES,
    axis_labels,
    bars,
    chart_top,
    clock_text,
    duration_label,
    goal_offset,
    hours_text,
    left_line,
    problem_text,
    progress_line,
    score_text,
    streak_text,
)

MONDAY = date(2025, 3, 3)


def series(values: list[float | None], goal: float = 2000) -> list[SeriesPoint]:
    return [SeriesPoint(MONDAY + timedelta(days=i), v, goal) for i, v in enumerate(values)]


def test_every_offered_choice_is_valid() -> None:
    for name in ZONE_CHOICES:
        assert check_zone(name) == name
    HydrationSettings(interval_min=min(INTERVAL_CHOICES))
    HydrationSettings(interval_min=max(INTERVAL_CHOICES))
    assert min(WIND_DOWN_CHOICES) == 15 and max(WIND_DOWN_CHOICES) == 180


@pytest.mark.parametrize("typed", ["", "   ", "Mars/Olympus", "../etc/passwd", "/etc/localtime"])
def test_bad_zone_names_are_refused(typed: str) -> None:
    with pytest.raises(ValidationError):
        check_zone(typed)


@given(st.text(max_size=80))
def test_check_zone_returns_a_loadable_zone_or_a_validation_error(typed: str) -> None:
    try:
        name = check_zone(typed)
    except ValidationError as exc:
        assert exc.problem
    else:
        assert str(ZoneInfo(name)) == name


def test_untouched_settings_take_the_device_zone_and_chosen_ones_are_kept() -> None:
    assert effective_settings(ReminderSettings(), "Europe/Paris").timezone == "Europe/Paris"
    chosen = ReminderSettings(timezone="Asia/Tokyo")
    assert effective_settings(chosen, "Europe/Paris") is chosen
    changed = ReminderSettings(hydration=HydrationSettings(goal_ml=2500))
    assert effective_settings(changed, "Europe/Paris").timezone == "UTC"
    unknown = ReminderSettings(timezone="Mars/Olympus")
    assert effective_settings(unknown, "Europe/Paris").timezone == "Europe/Paris"


def test_problem_text_is_one_sentence() -> None:
    too_much = ValidationError("amount", "must be at most 5,000 ml")
    assert problem_text(too_much, "The amount") == "The amount must be at most 5,000 ml."
    not_number = ValidationError("amount", "enter a number, like 250")
    assert problem_text(not_number, "The amount") == "Enter a number, like 250."


def test_progress_words_in_ml_and_oz() -> None:
    p = progress(1250, 2000)
    assert progress_line(p, "ml") == "1,250 of 2,000 ml"
    assert left_line(p, "ml") == "750 ml left to reach your goal"
    assert progress_line(p, "oz") == "42.3 of 67.6 oz"
    assert left_line(progress(2100, 2000), "ml") == "Goal reached for today"
    assert format_amount(250, "ml") == "250 ml"


@pytest.mark.parametrize(
    ("minutes", "text"), [(15, "15 min"), (60, "1 h"), (90, "1 h 30 min"), (180, "3 h")]
)
def test_duration_label(minutes: int, text: str) -> None:
    assert duration_label(minutes) == text


def test_small_words() -> None:
    assert hours_text(7.5) == "7 h 30 min"
    assert hours_text(0.5) == "30 min"
    assert clock_text(time(6, 5)) == "06:05"
    assert score_text(0.624) == "62%"
    assert [streak_text(n) for n in (0, 1, 3)] == [
        "No streak yet",
        "1 day in a row",
        "3 days in a row",
    ]


def test_bars_say_day_value_and_whether_the_goal_was_met() -> None:
    found = bars(series([2000, 500, None]), 100, lambda v: format_amount(v, "ml"))
    assert [b.label for b in found] == [
        "Mon 3 Mar: 2,000 ml, goal met",
        "Tue 4 Mar: 500 ml, goal not met",
        "Wed 5 Mar: not logged",
    ]
    assert found[0].height == pytest.approx(4 * found[1].height)
    assert found[2].height == 0 and not found[2].logged
    assert bars(series([9.0], 8.0), 100, str, "target")[0].label.endswith("target met")


@given(
    st.lists(st.one_of(st.none(), st.floats(0, 20000)), min_size=1, max_size=30),
    st.floats(1, 10000),
)
def test_bars_and_goal_line_stay_inside_the_chart(values: list[float | None], goal: float) -> None:
    points = series(values, goal)
    for bar in bars(points, 120, str):
        assert 0 <= bar.height <= 120
    assert 0 < goal_offset(points, 120) <= 120
    assert chart_top(points) > 0


def test_axis_labels_fit_a_phone() -> None:
    assert axis_labels(series([1.0] * 7)) == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert axis_labels(series([1.0] * 30)) == ["3 Mar", "1 Apr"]
