"""The follow-up safety net: more than two weeks, or getting worse in the diary."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.insights import DOCTOR_ADVICE, EMERGENCY_NOTE, FollowUp, followup_prompt, severity_trend
from app.records import DiaryEntry, Twitch

TODAY = date(2025, 6, 30)
NAMES: dict[str, Twitch] = {"n": "none", "m": "mild", "s": "strong"}


def diary(twitches: str, last: date = TODAY, gap: int = 1) -> list[DiaryEntry]:
    """One entry per character, the last one on `last`, `gap` days apart."""
    n = len(twitches)
    return [
        DiaryEntry(last - timedelta(days=gap * (n - 1 - i)), NAMES[c], 0, "low")
        for i, c in enumerate(twitches)
    ]


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def test_nothing_known_means_no_prompt() -> None:
    assert followup_prompt(None, [], TODAY) is None


@pytest.mark.parametrize(
    ("days", "prompted"), [(0, False), (13, False), (14, False), (15, True), (90, True)]
)
def test_more_than_two_weeks(days: int, prompted: bool) -> None:
    result = followup_prompt(ago(days), [], TODAY)
    assert (result is not None) is prompted
    if result is not None:
        assert result.reasons == ("lasting",)
        assert f"{days} days ago" in result.message
        assert result.title == "It has been more than two weeks"


def test_a_future_first_noticed_date_is_not_lasting() -> None:
    assert followup_prompt(TODAY + timedelta(days=20), [], TODAY) is None


def test_worsening_diary_prompts() -> None:
    result = followup_prompt(None, diary("nnnnnnn" + "mmmnnnn"), TODAY)
    assert result is not None
    assert result.reasons == ("worsening",)
    assert result.title == "Your diary shows it getting worse"
    assert "last 7 days" in result.message


@pytest.mark.parametrize(
    "twitches",
    ["mmmmmmm" + "mmmmmmm", "sssnnnn" + "mmmnnnn", "ssssmmm" + "nnnnnnn", "nnnnnnn" + "nnnnnnn"],
)
def test_stable_or_better_diary_does_not_prompt(twitches: str) -> None:
    assert followup_prompt(ago(3), diary(twitches), TODAY) is None


def test_equal_average_is_not_worse() -> None:
    # 1 strong + 1 none averages the same as 2 mild.
    assert severity_trend(diary("snnnnnn" + "mmnnnnn"), TODAY) == "steady"


def test_each_window_needs_three_entries() -> None:
    # 7 recent + 2 previous: too few to judge; 7 + 3: enough.
    assert followup_prompt(None, diary("nn" + "sssssss"), TODAY) is None
    assert severity_trend(diary("nn" + "sssssss"), TODAY) == "unknown"
    result = followup_prompt(None, diary("nnn" + "sssssss"), TODAY)
    assert result is not None and result.reasons == ("worsening",)


def test_windows_are_the_last_two_calendar_weeks() -> None:
    # Every other day: 4 entries this week, 3 the week before -- enough for a trend.
    result = followup_prompt(None, diary("nnn" + "mmmm", gap=2), TODAY)
    assert result is not None and result.reasons == ("worsening",)
    # Every third day leaves only 2 entries in the earlier week: too few to judge.
    assert severity_trend(diary("nnnnnnn" + "mmmmmmm", gap=3), TODAY) == "unknown"


def test_an_old_diary_says_nothing_about_now() -> None:
    # 7 calm days in January, 7 mild days in February, nothing since; today is 1 Dec.
    old = diary("nnnnnnn", last=date(2025, 1, 7)) + diary("mmmmmmm", last=date(2025, 2, 7))
    today = date(2025, 12, 1)
    assert severity_trend(old, today) == "unknown"
    assert followup_prompt(None, old, today) is None
    # Diary days more than 14 days back never change the trend.
    assert severity_trend(old + diary("nnnnmmm"), TODAY) == severity_trend(diary("nnnnmmm"), TODAY)


@given(st.text(alphabet="nms", max_size=40), st.text(alphabet="nms", max_size=14))
def test_only_the_last_14_days_decide_the_trend(older: str, recent: str) -> None:
    recent_days = diary(recent)
    before = diary(older, last=ago(14))
    assert severity_trend(before + recent_days, TODAY) == severity_trend(recent_days, TODAY)


def test_entries_after_today_are_ignored() -> None:
    future = [DiaryEntry(TODAY + timedelta(days=i), "strong", 0, "low") for i in range(1, 8)]
    assert followup_prompt(None, diary("nnnnnnn") + future, TODAY) is None


def test_duplicate_days_count_once() -> None:
    # The same 7 days logged twice would otherwise fill both windows.
    base = diary("nnnnnnn")
    edited = [DiaryEntry(e.day, "strong", 0, "low") for e in base]
    assert severity_trend(base + edited, TODAY) == "unknown"


def test_both_reasons() -> None:
    result = followup_prompt(ago(20), diary("nnnnnnn" + "sssssss"), TODAY)
    assert result is not None
    assert result.reasons == ("lasting", "worsening")
    assert result.title == "More than two weeks, and getting worse"


def test_prompt_carries_the_documents_advice() -> None:
    result = followup_prompt(ago(15), [], TODAY)
    assert result is not None
    advice = " ".join(result.advice)
    for phrase in (
        "persists or worsens despite lifestyle adjustments",
        "muscle weakness, numbness, facial drooping, slurred speech, or vision changes",
        "causes pain, discomfort, or interferes with daily activities like eating or speaking",
    ):
        assert phrase in advice
    assert result.advice == DOCTOR_ADVICE
    assert result.emergency_note == EMERGENCY_NOTE
    assert "not from the guide" in EMERGENCY_NOTE and "emergency number" in EMERGENCY_NOTE
    assert result.action_label == "Take the check again"
    assert result.learn_link == "when-to-see-a-doctor"


@given(
    st.one_of(st.none(), st.integers(-30, 60).map(ago)),
    st.text(alphabet="nms", max_size=30),
)
def test_prompt_exactly_when_a_rule_fires(first: date | None, twitches: str) -> None:
    entries = diary(twitches)
    result = followup_prompt(first, entries, TODAY)
    lasting = first is not None and (TODAY - first).days > 14
    worse = severity_trend(entries, TODAY) == "worse"
    assert (result is not None) == (lasting or worse)
    if isinstance(result, FollowUp):
        assert ("lasting" in result.reasons) == lasting
        assert ("worsening" in result.reasons) == worse
        assert result.advice == DOCTOR_ADVICE


@given(st.text(alphabet="nms", min_size=10, max_size=30))
def test_worse_means_recent_mean_higher(twitches: str) -> None:
    score = {"n": 0, "m": 1, "s": 2}
    recent, previous = twitches[-7:], twitches[-14:-7]
    trend = severity_trend(diary(twitches), TODAY)
    if len(previous) < 3:
        assert trend == "unknown"
    else:
        r = sum(score[c] for c in recent) * len(previous)
        p = sum(score[c] for c in previous) * len(recent)
        assert trend == ("worse" if r > p else "better" if r < p else "steady")
