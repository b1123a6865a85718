"""The doctor-visit summary carries the facts it is given, briefly."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from app.errors import ValidationError
from app.formats import format_date
from app.insights import (
    NOT_A_DIAGNOSIS,
    TIER_WORDS,
    AnswerSection,
    answer_lines,
    doctor_summary,
    format_answer_value,
)
from app.insights.summary import NOTE_CHARS, NOTES_SHOWN, summary_as_text
from app.records import AnswerValue, DiaryEntry, ResultRecord, SleepLog, Tier

TODAY = date(2025, 3, 19)
#: What "fits a phone" means, checked against the real quiz in test_history_summary:
#: a page of short sections that scrolls in a few swipes. Bullet lines wrap on a
#: phone; the line limit only catches one that runs away.
PHONE_LINES = 52
PHONE_CHARS = 2800
PHONE_LINE_CHARS = 140
SECTIONS = (
    AnswerSection(
        "Warning signs (latest check)",
        (("weakness", "Muscle weakness"), ("numbness", "Numbness"), ("vision", "Vision changes")),
    ),
    AnswerSection("Medicines", (("meds", "Medicines taken"),)),
)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def result(
    rid: str, day: date, tier: Tier, answers: tuple[tuple[str, AnswerValue], ...] = ()
) -> ResultRecord:
    at = datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)
    return ResultRecord(rid, at, "lip", "1", tier, (), (), answers)


def summary(**overrides: Any) -> str:
    args: dict[str, Any] = {
        "today": TODAY,
        "first_noticed": None,
        "diary": [],
        "sleep": [],
        "water_ml": {},
        "goal_ml": 2000,
        "results": [],
    }
    args.update(overrides)
    return doctor_summary(**args)


def lines_under(text: str, heading: str) -> list[str]:
    block = text.split(f"## {heading}\n", 1)[1].split("\n\n", 1)[0]
    return block.splitlines()


def full_diary() -> list[DiaryEntry]:
    """20 days: twitching on the last 10, strong on the last 3."""
    return [
        DiaryEntry(ago(k), "strong" if k < 3 else "mild" if k < 10 else "none", 0, "low")
        for k in range(10)
    ] + [DiaryEntry(ago(k), "none", 0, "low") for k in range(10, 20)]


def test_empty_history_still_says_what_is_missing() -> None:
    text = summary()
    assert lines_under(text, "Onset") == ["- First noticed: not recorded"]
    assert lines_under(text, "Diary, last 30 days") == [
        "- No diary entries in the last 30 days",
        "- Trend: not enough entries in the last 14 days to tell",
    ]
    assert lines_under(text, "Latest check results") == ["- No check taken yet"]
    assert lines_under(text, "Patterns in the diary") == [
        "- Keep your diary for 14 more days to see patterns (0 of 14 days so far)."
    ]
    assert lines_under(text, "Habits") == ["- Water: not logged", "- Sleep: not logged"]
    assert text.rstrip().endswith(NOT_A_DIAGNOSIS)


def test_onset_and_duration() -> None:
    assert "- First noticed: 3 Mar 2025 (16 days ago)" in summary(first_noticed=date(2025, 3, 3))
    assert "- First noticed: 18 Mar 2025 (1 day ago)" in summary(first_noticed=ago(1))
    assert "- First noticed: 19 Mar 2025 (today)" in summary(first_noticed=TODAY)


def test_diary_frequency_and_trend() -> None:
    diary = [DiaryEntry(ago(k), "none", 0, "low") for k in range(7, 14)]
    diary += [DiaryEntry(ago(k), "strong" if k < 2 else "mild", 0, "low") for k in range(7)]
    diary.append(DiaryEntry(ago(40), "strong", 0, "low"))  # outside the 30 days
    diary.append(DiaryEntry(ago(-1), "strong", 0, "low"))  # tomorrow: ignored
    assert lines_under(summary(diary=diary), "Diary, last 30 days") == [
        "- Twitching on 7 of 14 logged days (strong 2, mild 5)",
        "- Trend: getting worse (last 7 days against the 7 before)",
    ]


def test_latest_results_newest_first_with_tier_words() -> None:
    results = [
        result("a", date(2025, 2, 1), "emergency"),
        result("b", date(2025, 3, 4), "self_care"),
        result("c", date(2025, 3, 18), "doctor_soon"),
        result("d", date(2025, 3, 12), "doctor_if_persists"),
    ]
    assert lines_under(summary(results=results), "Latest check results") == [
        "- 18 Mar 2025: See a doctor soon",
        "- 12 Mar 2025: See a doctor if it persists or worsens despite changes",
        "- 4 Mar 2025: Self-care",
    ]
    one = lines_under(summary(results=results, max_results=1), "Latest check results")
    assert one == ["- 18 Mar 2025: See a doctor soon"]


def test_tier_words() -> None:
    assert TIER_WORDS == {
        "emergency": "Emergency now",
        "doctor_soon": "See a doctor soon",
        "doctor_if_persists": "See a doctor if it persists or worsens despite changes",
        "self_care": "Self-care",
    }


def test_answers_come_from_the_latest_result_only() -> None:
    old = result("old", ago(10), "doctor_soon", (("weakness", "yes"), ("vision", "yes")))
    new = result(
        "new",
        ago(1),
        "self_care",
        (("weakness", "no"), ("numbness", "no"), ("meds", ("steroids", "antidepressants"))),
    )
    text = summary(results=[new, old], answer_sections=SECTIONS)
    assert lines_under(text, "Warning signs (latest check)") == [
        "- Muscle weakness: no",
        "- Numbness: no",
    ]  # vision was only answered in the older check
    assert lines_under(text, "Medicines") == ["- Medicines taken: steroids, antidepressants"]


def test_a_section_with_no_answers_is_left_out() -> None:
    text = summary(results=[result("r", ago(1), "self_care")], answer_sections=SECTIONS)
    assert "## Medicines" not in text and "## Warning signs" not in text


def test_caller_formats_answers() -> None:
    labels = {"no": "No", "yes": "Yes"}

    def fmt(qid: str, value: AnswerValue) -> str:
        return labels[value] if isinstance(value, str) else f"{qid}?"

    r = result("r", ago(1), "doctor_soon", (("weakness", "yes"), ("meds", ())))
    text = summary(results=[r], answer_sections=SECTIONS, format_answer=fmt)
    assert "- Muscle weakness: Yes" in text
    assert "- Medicines taken: meds?" in text


@pytest.mark.parametrize(
    ("value", "shown"),
    [("yes", "yes"), (2.0, "2"), (2.5, "2.5"), (("a", "b"), "a, b"), ((), "none")],
)
def test_default_answer_format(value: AnswerValue, shown: str) -> None:
    assert format_answer_value(value) == shown
    r = result("r", ago(1), "self_care", (("q", value),))
    assert answer_lines(r, AnswerSection("T", (("q", "Q"),))) == (f"Q: {shown}",)


def test_patterns_show_only_factors_with_more_twitching() -> None:
    diary = [
        DiaryEntry(
            ago(k), "mild" if k < 5 else "none", 4 if k < 6 else 0, "high" if k > 14 else "low"
        )
        for k in range(20)
    ]
    text = summary(diary=diary)
    assert lines_under(text, "Patterns in the diary") == [
        "- On days with 3 or more cups of caffeine you logged twitching on 5 of 6 days, "
        "against 0 of 14 otherwise.",
        "These are patterns in your own diary. They show what happened on the same days, "
        "not what led to what.",
    ]  # high stress (0 of 5 against 5 of 15) went with less twitching, so it is left out


def test_patterns_when_every_day_is_the_same() -> None:
    diary = [DiaryEntry(ago(k), "mild", k % 5, "low") for k in range(15)]
    assert lines_under(summary(diary=diary), "Patterns in the diary") == [
        "- You logged twitching on every one of your 15 diary days, so there is no pattern to show."
    ]


def test_habit_averages() -> None:
    # Water: the 7 full days before today are 1000..1600 (avg 1300); today's 100 ml is partial.
    water = {ago(k): 900 + 100 * k for k in range(1, 8)}
    water[TODAY] = 100
    water[ago(20)] = 3000  # only in the 30-day window
    sleep = [SleepLog(ago(k), h) for k, h in enumerate([6.0, 7.0, 8.0])] + [SleepLog(ago(7), 3.0)]
    text = summary(water_ml=water, sleep=sleep)
    assert lines_under(text, "Habits") == [
        "- Water: 100 ml so far today; 1,300 ml a day over 7 days (7 logged); "
        "1,512 ml a day over 30 days (8 logged)",
        "- Sleep: 7.0 h a night over 7 days (3 logged); 6.0 h a night over 30 days (4 logged)",
    ]


def test_water_in_ounces() -> None:
    text = summary(water_ml={ago(1): 1000}, unit="oz")
    assert (
        "- Water: 33.8 oz a day over 7 days (1 logged); 33.8 oz a day over 30 days (1 logged)"
        in text
    )


def test_max_results_is_validated() -> None:
    with pytest.raises(ValidationError):
        summary(max_results=0)


def test_full_summary_fits_a_phone_and_says_it_is_not_a_diagnosis() -> None:
    results: Sequence[ResultRecord] = [
        result(
            str(k),
            ago(k),
            "doctor_soon",
            (("weakness", "no"), ("numbness", "no"), ("vision", "no"), ("meds", ("steroids",))),
        )
        for k in range(6)
    ]
    noted = [replace(e, notes="Worse after a long day at the screen. " * 10) for e in full_diary()]
    text = summary(
        first_noticed=ago(40),
        diary=noted,
        sleep=[SleepLog(ago(k), 5.0 + k % 4) for k in range(30)],
        water_ml={ago(k): 1500 + 10 * k for k in range(30)},
        results=results,
        answer_sections=SECTIONS,
    )
    assert text.count(NOT_A_DIAGNOSIS) == 2  # at the top and at the end
    assert len(text.splitlines()) <= PHONE_LINES
    assert len(text) <= PHONE_CHARS
    assert all(len(line) <= PHONE_LINE_CHARS for line in text.splitlines())


def test_format_date() -> None:
    assert format_date(date(2025, 12, 1)) == "1 Dec 2025"
    assert format_date(date(2024, 1, 31)) == "31 Jan 2024"


def test_a_factor_with_equal_rates_is_not_listed_for_the_doctor() -> None:
    # Caffeine: 2 of 4 days against 8 of 16 otherwise, the same rate.
    diary = [
        DiaryEntry(ago(k), "mild" if k % 2 == 0 else "none", 4 if k < 4 else 0, "low")
        for k in range(20)
    ]
    assert lines_under(summary(diary=diary), "Patterns in the diary")[0] == (
        "- No factor went with more twitching in the diary."
    )


def test_water_logged_today_is_counted() -> None:
    # The case: water logged today only, and the summary said "not logged".
    text = summary(water_ml={TODAY: 1150})
    assert lines_under(text, "Habits")[0] == "- Water: 1,150 ml so far today"
    assert "not logged" not in lines_under(text, "Habits")[0]


def test_diary_notes_are_listed_newest_first_in_the_persons_words() -> None:
    diary = [
        DiaryEntry(ago(1), "mild", 2, "high", "After three coffees"),
        DiaryEntry(ago(3), "none", 0, "low", ""),
        DiaryEntry(ago(5), "strong", 0, "low", "Left upper lip,\n  most of the evening"),
        DiaryEntry(ago(40), "mild", 0, "low", "Too old for the summary"),
    ]
    assert lines_under(summary(diary=diary), "Diary notes, newest first") == [
        f"- {format_date(ago(1))}: After three coffees",
        f"- {format_date(ago(5))}: Left upper lip, most of the evening",
    ]
    assert lines_under(summary(), "Diary notes, newest first") == [
        "- No notes in the last 30 days"
    ]


def test_many_or_long_notes_are_cut_short() -> None:
    diary = [DiaryEntry(ago(k), "mild", 0, "low", f"note {k} " + "x" * 300) for k in range(8)]
    lines = lines_under(summary(diary=diary), "Diary notes, newest first")
    assert len(lines) == NOTES_SHOWN + 1
    assert lines[0].startswith(f"- {format_date(TODAY)}: note 0 ")
    assert all(len(line) <= NOTE_CHARS + 20 for line in lines)
    assert lines[-1] == "- (3 older notes are in the app's diary)"


def test_plain_text_has_no_markdown_headings() -> None:
    text = summary_as_text(summary(water_ml={TODAY: 300}))
    lines = text.splitlines()
    assert lines[0] == "Lip twitching: summary for a doctor"
    assert lines[1] == "=" * len(lines[0])
    assert "Habits" in lines and "------" in lines
    assert not any(line.startswith("#") for line in lines)
    assert "- Water: 300 ml so far today" in lines
