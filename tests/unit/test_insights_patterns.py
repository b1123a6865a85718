"""Insight arithmetic on synthetic diaries."""

from __future__ import annotations

import re
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import ValidationError
from app.insights import (
    FACTORS,
    LEARN_LINKS,
    NeedMoreDays,
    NoPattern,
    Patterns,
    factor_counts,
    find_patterns,
)
from app.records import DiaryEntry, SleepLog, Stress, Twitch

D0 = date(2025, 3, 3)
GOAL = 2000
LATER = date(2025, 6, 1)  # after every day used here: no unfinished day unless a test says so


def day(i: int) -> date:
    return D0 + timedelta(days=i)


def entry(i: int, twitch: Twitch = "none", cups: int = 0, stress: Stress = "low") -> DiaryEntry:
    return DiaryEntry(day(i), twitch, cups, stress)


def plain(twitches: str) -> list[DiaryEntry]:
    """One entry per character: n = none, m = mild, s = strong; no factor present."""
    names: dict[str, Twitch] = {"n": "none", "m": "mild", "s": "strong"}
    return [entry(i, names[c]) for i, c in enumerate(twitches)]


def by_factor(result: Patterns) -> dict[str, tuple[int, int, int, int]]:
    return {
        i.factor: (
            i.counts.twitch_with,
            i.counts.days_with,
            i.counts.twitch_without,
            i.counts.days_without,
        )
        for i in result.insights
    }


# --- how many days -----------------------------------------------------------------------


def test_no_data_asks_for_fourteen_days() -> None:
    result = find_patterns([], [], {}, GOAL, today=LATER)
    assert isinstance(result, NeedMoreDays)
    assert (result.days_logged, result.days_needed) == (0, 14)
    assert "14 more days" in result.text


def test_thirteen_days_is_one_short() -> None:
    result = find_patterns(plain("m" + "n" * 12), [], {}, GOAL, today=LATER)
    assert isinstance(result, NeedMoreDays)
    assert (result.days_logged, result.days_needed) == (13, 14)
    assert "1 more day " in result.text and "13 of 14" in result.text


def test_exactly_fourteen_days_shows_patterns() -> None:
    diary = [entry(i, "mild" if i < 4 else "none", cups=4 if i < 6 else 0) for i in range(14)]
    result = find_patterns(diary, [], {}, GOAL, today=LATER)
    assert isinstance(result, Patterns)
    assert result.days_logged == 14
    assert by_factor(result) == {"caffeine": (4, 6, 0, 8)}


def test_duplicate_days_count_once_and_the_later_entry_wins() -> None:
    diary = plain("n" * 13) + [entry(0, "strong")]
    result = find_patterns(diary, [], {}, GOAL, today=LATER)
    assert isinstance(result, NeedMoreDays) and result.days_logged == 13
    counts = {c.factor: c for c in factor_counts(diary, [], {}, GOAL, today=LATER)}
    assert counts["caffeine"].twitch_without == 1
    assert counts["caffeine"].days_without == 13


# --- nothing to compare ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("twitch", "reason", "phrase"),
    [("mild", "all_twitch", "every one"), ("none", "no_twitch", "on none")],
)
def test_every_day_the_same_has_no_pattern(twitch: Twitch, reason: str, phrase: str) -> None:
    diary = [entry(i, twitch, cups=i % 5, stress="high" if i % 2 else "low") for i in range(20)]
    result = find_patterns(diary, [], {}, GOAL, today=LATER)
    assert isinstance(result, NoPattern)
    assert result.reason == reason
    assert phrase in result.text and "20 diary days" in result.text
    assert "no pattern to show" in result.text


def test_no_factor_splits_the_days() -> None:
    result = find_patterns(plain("mn" * 8), [], {}, GOAL, today=LATER)
    assert isinstance(result, NoPattern) and result.reason == "no_contrast"


def test_a_factor_with_one_empty_group_is_left_out() -> None:
    # Stress is high every day, so there are no "other" days for stress.
    diary = [
        entry(i, "mild" if i < 5 else "none", cups=5 if i < 7 else 0, stress="high")
        for i in range(14)
    ]
    result = find_patterns(diary, [], {}, GOAL, today=LATER)
    assert isinstance(result, Patterns)
    assert [i.factor for i in result.insights] == ["caffeine"]


# --- the arithmetic and the wording ------------------------------------------------------


def test_issue_example_short_sleep_sentence() -> None:
    # 4 short nights with 3 twitch days; 10 other nights with 2 twitch days.
    twitch = "mmmn" + "mm" + "n" * 8
    diary = plain(twitch)
    sleep = [SleepLog(day(i), 5.0 if i < 4 else 7.5) for i in range(14)]
    result = find_patterns(diary, sleep, {}, GOAL, today=LATER)
    assert isinstance(result, Patterns)
    assert result.insights[0].text == (
        "On days after less than 6 h sleep you logged twitching on 3 of 4 days, "
        "against 2 of 10 otherwise."
    )


def test_every_factor_counted_by_hand() -> None:
    diary = [
        entry(0, "mild", cups=3, stress="high"),
        entry(1, "strong", cups=5, stress="medium"),
        entry(2, "none", cups=2, stress="high"),
        entry(3, "none", cups=0, stress="low"),
        entry(4, "mild", cups=0, stress="low"),
    ] + [entry(i, "none", cups=1, stress="medium") for i in range(5, 14)]
    sleep = [SleepLog(day(0), 5.5), SleepLog(day(1), 6.0), SleepLog(day(3), 4.0)]
    water = {day(0): 1999, day(1): 2000, day(2): 0, day(4): 2500}
    counts = {c.factor: c for c in factor_counts(diary, sleep, water, GOAL, today=LATER)}
    as_tuple = {
        f: (c.twitch_with, c.days_with, c.twitch_without, c.days_without) for f, c in counts.items()
    }
    assert as_tuple == {
        "caffeine": (2, 2, 1, 12),  # 3 cups counts, 2 does not
        "high_stress": (1, 2, 2, 12),  # medium is not high
        "low_water": (1, 2, 2, 2),  # 1999 and 0 are below goal; 2000 is not; missing days unknown
        "short_sleep": (1, 2, 1, 1),  # 5.5 and 4.0 are short, exactly 6.0 is not
    }


def test_missing_sleep_and_water_only_count_known_days() -> None:
    diary = plain("mnmnmnmnmnmnmnmn")  # 16 days
    sleep = [SleepLog(day(i), 5.0 if i % 4 == 0 else 8.0) for i in range(0, 16, 2)]
    water = {day(i): 500 for i in range(3)}
    counts = {c.factor: c for c in factor_counts(diary, sleep, water, GOAL, today=LATER)}
    assert counts["short_sleep"].days_with + counts["short_sleep"].days_without == 8
    assert counts["low_water"].days_with + counts["low_water"].days_without == 3
    result = find_patterns(diary, sleep, water, GOAL, today=LATER)
    assert isinstance(result, Patterns)
    # Water is low on every known day, so it has no comparison group and is not shown.
    assert {i.factor for i in result.insights} == {"short_sleep"}


def test_ranked_by_signed_difference_biggest_first() -> None:
    # caffeine: 4/4 vs 2/10 (+0.8); stress: 1/4 vs 5/10 (-0.25); short sleep: 2/4 vs 4/10 (+0.1)
    diary = [
        entry(
            i,
            "mild" if i < 6 else "none",
            cups=3 if i < 4 else 0,
            stress="high" if i in (3, 6, 7, 8) else "low",
        )
        for i in range(14)
    ]
    sleep = [SleepLog(day(i), 5.0 if i in (0, 1, 6, 7) else 8.0) for i in range(14)]
    result = find_patterns(diary, sleep, {}, GOAL, today=LATER)
    assert isinstance(result, Patterns)
    diffs = [i.counts.difference for i in result.insights]
    assert diffs == sorted(diffs, reverse=True)
    assert [i.factor for i in result.insights] == ["caffeine", "short_sleep", "high_stress"]
    assert result.insights[-1].counts.difference < 0


def test_ties_are_ordered_by_factor_name() -> None:
    # Caffeine and high stress fall on the same days, so their rates are identical.
    twitch = "mmnnnnnnnnnnnnmm"  # 16 days
    diary = [
        entry(
            i,
            "mild" if c == "m" else "none",
            cups=4 if i < 3 else 0,
            stress="high" if i < 3 else "low",
        )
        for i, c in enumerate(twitch)
    ]
    result = find_patterns(diary, [], {}, GOAL, today=LATER)
    assert isinstance(result, Patterns)
    assert by_factor(result) == {"caffeine": (2, 3, 2, 13), "high_stress": (2, 3, 2, 13)}
    assert [i.factor for i in result.insights] == ["caffeine", "high_stress"]


def test_equal_differences_from_different_fractions_tie_exactly() -> None:
    # Short sleep: 1 of 2 vs 0 of 2; low water: 2 of 4 vs 0 of 4. Both differ by exactly 1/2.
    diary = [entry(i, "mild" if i < 3 else "none") for i in range(14)]
    sleep = [
        SleepLog(day(0), 5.0),
        SleepLog(day(10), 5.0),
        SleepLog(day(11), 8.0),
        SleepLog(day(12), 8.0),
    ]
    water = {day(i): (900 if i <= 4 else 2400) for i in range(1, 9)}
    result = find_patterns(list(reversed(diary)), list(reversed(sleep)), water, GOAL, today=LATER)
    assert isinstance(result, Patterns)
    assert by_factor(result) == {"low_water": (2, 4, 0, 4), "short_sleep": (1, 2, 0, 2)}
    assert [i.factor for i in result.insights] == ["low_water", "short_sleep"]
    assert result.insights[0].counts.difference == result.insights[1].counts.difference


def test_worded_as_patterns_with_learn_links() -> None:
    diary = [
        entry(i, "mild" if i % 3 == 0 else "none", cups=i % 5, stress="high" if i % 2 else "medium")
        for i in range(21)
    ]
    sleep = [SleepLog(day(i), 4.0 + i % 5) for i in range(21)]
    water = {day(i): 1500 + 100 * (i % 7) for i in range(21)}
    result = find_patterns(diary, sleep, water, GOAL, today=LATER)
    assert isinstance(result, Patterns)
    assert {i.factor for i in result.insights} == set(FACTORS)
    texts = [result.caveat] + [i.text for i in result.insights]
    for text in texts:
        assert not re.search(r"\bbecause\b|\bcaus", text, re.IGNORECASE), text
    for insight in result.insights:
        assert insight.learn_links == ("common-reasons", "ways-to-alleviate")
        assert insight.text.startswith("On days ") and "otherwise." in insight.text


def test_learn_links_name_real_sections() -> None:
    content = Path(__file__).resolve().parents[2] / "content"
    ids = {
        m.group(1)
        for f in content.glob("*.md")
        for m in re.finditer(r"^id:\s*(\S+)", f.read_text(encoding="utf-8"), re.MULTILINE)
    }
    assert set(LEARN_LINKS) <= ids


def test_tips_are_quoted_from_the_source() -> None:
    from app.insights.patterns import FACTOR_TIPS

    source = Path(__file__).resolve().parents[1] / "fixtures" / "lip-twitching.txt"
    text = source.read_text(encoding="utf-8")
    for tip in FACTOR_TIPS.values():
        assert tip in text


def test_goal_must_be_positive() -> None:
    with pytest.raises(ValidationError):
        find_patterns(plain("m" * 14), [], {}, 0, today=LATER)


# --- invariants ------------------------------------------------------------------------

TWITCHES: tuple[Twitch, ...] = ("none", "mild", "strong")
STRESSES: tuple[Stress, ...] = ("low", "medium", "high")
twitches = st.sampled_from(TWITCHES)
stresses = st.sampled_from(STRESSES)


History = tuple[list[DiaryEntry], list[SleepLog], dict[date, int]]


@st.composite
def histories(draw: st.DrawFn) -> History:
    n = draw(st.integers(0, 40))
    offsets = draw(st.lists(st.integers(0, 60), min_size=n, max_size=n))
    diary = [
        DiaryEntry(day(o), draw(twitches), draw(st.integers(0, 8)), draw(stresses)) for o in offsets
    ]
    sleep = [
        SleepLog(day(o), draw(st.floats(0.5, 12)))
        for o in draw(st.lists(st.integers(0, 60), max_size=40))
    ]
    water = draw(st.dictionaries(st.integers(0, 60).map(day), st.integers(0, 5000)))
    return diary, sleep, water


@given(histories(), st.integers(0, 61).map(day))
def test_count_invariants(history: History, today: date) -> None:
    diary, sleep, water = history
    days = {e.day: e for e in diary}
    sleep_days = {s.night for s in sleep}
    finished = {d for d, ml in water.items() if d != today or ml >= GOAL}
    known = {
        "caffeine": set(days),
        "high_stress": set(days),
        "low_water": set(days) & finished,
        "short_sleep": set(days) & sleep_days,
    }
    for c in factor_counts(diary, sleep, water, GOAL, today=today):
        assert 0 <= c.twitch_with <= c.days_with
        assert 0 <= c.twitch_without <= c.days_without
        assert c.days_with + c.days_without == len(known[c.factor])
        assert c.twitch_with + c.twitch_without == sum(
            days[d].twitch != "none" for d in known[c.factor]
        )


@given(histories())
def test_result_invariants(history: History) -> None:
    diary, sleep, water = history
    logged = len({e.day for e in diary})
    result = find_patterns(diary, sleep, water, GOAL, today=LATER)
    if logged < 14:
        assert isinstance(result, NeedMoreDays) and result.days_logged == logged
        return
    assert result.days_logged == logged
    if isinstance(result, Patterns):
        assert result.insights
        keys = [(-i.counts.difference, i.factor) for i in result.insights]
        assert keys == sorted(keys)
        for i in result.insights:
            c = i.counts
            assert c.days_with >= 1 and c.days_without >= 1
            assert c.difference == Fraction(c.twitch_with, c.days_with) - Fraction(
                c.twitch_without, c.days_without
            )
            assert f"{c.twitch_with} of {c.days_with} " in i.text
            assert f"against {c.twitch_without} of {c.days_without} otherwise" in i.text
