"""Chart data: twitch days per ISO week and result tiers over time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import ValidationError
from app.insights import TIER_LEVEL, tier_history, twitch_days_per_week
from app.records import TIERS, DiaryEntry, ResultRecord, Tier, Twitch


def entry(d: date, twitch: Twitch) -> DiaryEntry:
    return DiaryEntry(d, twitch, 0, "low")


def result(rid: str, at: datetime, tier: Tier) -> ResultRecord:
    return ResultRecord(rid, at, "lip", "1", tier, (), (), ())


def test_weeks_are_oldest_first_and_keep_empty_weeks() -> None:
    today = date(2025, 1, 8)  # a Wednesday in ISO week 2 of 2025
    diary = [
        entry(date(2025, 1, 6), "mild"),  # this week
        entry(date(2025, 1, 7), "none"),
        entry(date(2025, 1, 8), "strong"),
        entry(date(2024, 12, 30), "none"),  # ISO 2025-W01 starts on a Monday in 2024
        entry(date(2024, 12, 20), "strong"),  # 2024-W51
        entry(date(2024, 11, 1), "strong"),  # outside the 4 weeks
        entry(date(2025, 1, 9), "strong"),  # tomorrow: ignored
    ]
    weeks = twitch_days_per_week(diary, today, weeks=4)
    assert [(w.year, w.week, w.twitch_days, w.logged_days) for w in weeks] == [
        (2024, 51, 1, 1),
        (2024, 52, 0, 0),
        (2025, 1, 0, 1),
        (2025, 2, 2, 3),
    ]
    assert weeks[2].monday == date(2024, 12, 30)
    assert weeks[-1].label == "W02"


def test_no_diary_gives_empty_weeks() -> None:
    weeks = twitch_days_per_week([], date(2025, 3, 3))
    assert len(weeks) == 8
    assert all(w.twitch_days == w.logged_days == 0 for w in weeks)
    assert [w.monday for w in weeks] == [
        date(2025, 3, 3) - timedelta(weeks=n) for n in range(7, -1, -1)
    ]


@pytest.mark.parametrize("weeks", [0, -1, 105, True])
def test_week_count_is_validated(weeks: int) -> None:
    with pytest.raises(ValidationError):
        twitch_days_per_week([], date(2025, 3, 3), weeks=weeks)


@given(
    st.lists(st.tuples(st.integers(0, 120), st.sampled_from(("none", "mild", "strong")))),
    st.integers(1, 20),
)
def test_week_counts_add_up(raw: list[tuple[int, Twitch]], n: int) -> None:
    today = date(2025, 5, 15)
    diary = [entry(today - timedelta(days=k), t) for k, t in raw]
    weeks = twitch_days_per_week(diary, today, weeks=n)
    assert len(weeks) == n
    start = weeks[0].monday
    in_range = {e.day: e for e in diary if start <= e.day <= today}
    assert sum(w.logged_days for w in weeks) == len(in_range)
    assert sum(w.twitch_days for w in weeks) == sum(e.twitch != "none" for e in in_range.values())
    assert all(0 <= w.twitch_days <= w.logged_days <= 7 for w in weeks)
    assert all(
        b.monday - a.monday == timedelta(weeks=1) for a, b in zip(weeks, weeks[1:], strict=False)
    )


def test_tier_history_is_in_time_order() -> None:
    plus2 = timezone(timedelta(hours=2))
    results = [
        result("c", datetime(2025, 3, 5, 9, 0, tzinfo=UTC), "self_care"),
        # 10:00 at +02:00 is 08:00 UTC: earlier than "c" although the clock reads later.
        result("b", datetime(2025, 3, 5, 10, 0, tzinfo=plus2), "doctor_soon"),
        # 00:30 at +02:00 is still 1 March in UTC, but the person's day was 2 March.
        result("d", datetime(2025, 3, 2, 0, 30, tzinfo=plus2), "doctor_if_persists"),
        result("a", datetime(2025, 3, 1, 12, 0, tzinfo=UTC), "emergency"),
    ]
    assert tier_history(results) == (
        (date(2025, 3, 1), "emergency"),
        (date(2025, 3, 2), "doctor_if_persists"),
        (date(2025, 3, 5), "doctor_soon"),
        (date(2025, 3, 5), "self_care"),
    )
    assert tier_history([]) == ()


def test_same_instant_results_are_ordered_by_id() -> None:
    at = datetime(2025, 3, 5, 9, 0, tzinfo=UTC)
    results = [result("z", at, "self_care"), result("a", at, "emergency")]
    assert tier_history(results) == (
        (date(2025, 3, 5), "emergency"),
        (date(2025, 3, 5), "self_care"),
    )


def test_tier_levels_order_urgency() -> None:
    assert sorted(TIERS, key=TIER_LEVEL.__getitem__) == [
        "self_care",
        "doctor_if_persists",
        "doctor_soon",
        "emergency",
    ]
