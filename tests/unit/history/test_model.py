"""The pure rules behind the History screens: input parsing, "today", and wording."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import ValidationError
from app.formats import format_date
from app.insights import (
    FACTORS,
    AnswerSection,
    FactorCount,
    Insight,
    NeedMoreDays,
    WeekCount,
    doctor_summary,
)
from app.insights.entry import known_water, parse_cups, parse_day, split_insights
from app.insights.summary_answers import (
    SUMMARY_LABELS,
    SUMMARY_QUESTIONS,
    answer_formatter,
    summary_sections,
)
from app.quiz import Quiz, evaluate
from app.records import MAX_CAFFEINE_CUPS
from app.ui.history.model import (
    markdown_blocks,
    more_days_text,
    picked_day,
    picker_instant,
    tier_badge,
    week_bar,
)

TODAY = date(2025, 3, 20)
past_days = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)


# --- cups of caffeine --------------------------------------------------------------------


@given(st.integers(0, MAX_CAFFEINE_CUPS), st.sampled_from(["", " ", "  "]))
def test_every_whole_number_from_0_to_30_is_accepted(cups: int, pad: str) -> None:
    assert parse_cups(f"{pad}{cups}{pad}") == cups


@pytest.mark.parametrize(
    "text", ["31", "45", "100", "-1", "2.5", "two", "3_0", "+3", "\u0663", "1e1"]
)
def test_anything_else_is_refused_with_the_range(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_cups(text)
    assert caught.value.problem == "Enter a whole number from 0 to 30."


def test_an_empty_box_asks_for_a_number() -> None:
    with pytest.raises(ValidationError, match="0 if none"):
        parse_cups("   ")


@given(st.text(max_size=8))
def test_whatever_is_typed_the_result_is_in_range_or_refused(text: str) -> None:
    try:
        cups = parse_cups(text)
    except ValidationError:
        return
    assert 0 <= cups <= MAX_CAFFEINE_CUPS and str(cups) == text.strip().lstrip("0").rjust(1, "0")


# --- the date first noticed --------------------------------------------------------------


@given(past_days)
def test_iso_and_written_dates_read_back(day: date) -> None:
    assert parse_day(day.isoformat(), TODAY) == day
    assert parse_day(format_date(day), TODAY) == day
    assert parse_day(f"  {format_date(day).upper()} ", TODAY) == day


@given(st.integers(1, 4000))
def test_a_future_date_is_refused(ahead: int) -> None:
    with pytest.raises(ValidationError, match="in the future"):
        parse_day((TODAY + timedelta(days=ahead)).isoformat(), TODAY)


def test_today_is_allowed() -> None:
    assert parse_day("2025-03-20", TODAY) == TODAY


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "Enter a date"),
        ("yesterday", "day, month and year"),
        ("20/03/2025", "day, month and year"),
        ("2025-02-30", "does not exist"),
        ("31 Feb 2024", "does not exist"),
        ("3 Smarch 2024", "day, month and year"),
        ("1899-12-31", "after 1900"),
    ],
)
def test_bad_dates_say_what_is_wrong(text: str, problem: str) -> None:
    with pytest.raises(ValidationError, match=problem):
        parse_day(text, TODAY)


@given(st.text(max_size=20))
def test_no_text_gives_a_future_date(text: str) -> None:
    try:
        day = parse_day(text, TODAY)
    except ValidationError:
        return
    assert date(1900, 1, 1) <= day <= TODAY


# --- today --------------------------------------------------------------------------------


# --- water, summary sections, tiers -------------------------------------------------------


def test_days_without_drinks_are_unknown_not_dry() -> None:
    totals = {TODAY: 0, TODAY - timedelta(days=1): 1800, TODAY - timedelta(days=2): 0}
    assert known_water(totals) == {TODAY - timedelta(days=1): 1800}


def test_summary_sections_use_the_quiz_labels(quiz: Quiz) -> None:
    sections = summary_sections(quiz)
    assert [s.title for s in sections] == [title for title, _ in SUMMARY_QUESTIONS]
    for section in sections:
        for qid, label in section.questions:
            question = quiz.question(qid)
            assert question is not None
            assert label == SUMMARY_LABELS.get(qid, question.label)
    assert ("medicines", "Medicines") in sections[-1].questions
    assert ("red_flags", "Stroke signs that started suddenly") in sections[0].questions


def test_a_question_missing_from_the_quiz_is_left_out(quiz: Quiz) -> None:
    fewer = dataclasses.replace(
        quiz, questions=tuple(q for q in quiz.questions if q.id != "medicines")
    )
    titles = [s.title for s in summary_sections(fewer)]
    assert "Medicines (latest check)" not in titles


def test_the_summary_lists_medicines_and_warning_signs_as_the_person_saw_them(quiz: Quiz) -> None:
    answers = {
        "red_flags": ("none",),
        "other_symptoms": ("numbness",),
        "medicines": ("antidepressants", "steroids"),
    }
    record = evaluate(quiz, answers).to_record("r1", datetime(2025, 3, 19, 9, tzinfo=UTC))
    text = doctor_summary(
        today=TODAY,
        first_noticed=None,
        diary=[],
        sleep=[],
        water_ml={},
        goal_ml=2000,
        results=[record],
        answer_sections=summary_sections(quiz),
        format_answer=answer_formatter(quiz),
    )
    assert "## Medicines (latest check)\n- Medicines: Antidepressants, Steroids\n" in text
    assert "- Stroke signs that started suddenly: None of these" in text
    assert "- Other signs: Numbness" in text


def test_answers_to_unknown_questions_are_shown_plainly(quiz: Quiz) -> None:
    assert answer_formatter(quiz)("gone", "x") == "x"
    assert answer_formatter(quiz)("sleep_hours", 6.5) == "6.5 hours"


def test_tier_words_match_the_result_banner(quiz: Quiz) -> None:
    category = quiz.category("tier")
    assert category is not None
    for outcome in category.outcomes:
        assert tier_badge(quiz, outcome.id) == outcome.badge  # type: ignore[arg-type]
    assert tier_badge(quiz, "self_care") == "Self-care"


# --- insights and charts ------------------------------------------------------------------


def _insight(tw: int, dw: int, tn: int, dn: int, factor: int) -> Insight:
    counts = FactorCount(FACTORS[factor], tw, dw, tn, dn)
    return Insight(counts.factor, counts, "text", "tip")


counts = st.integers(1, 20).flatmap(
    lambda dw: st.integers(1, 20).flatmap(
        lambda dn: st.tuples(
            st.integers(0, dw), st.just(dw), st.integers(0, dn), st.just(dn), st.integers(0, 3)
        )
    )
)


@given(st.lists(counts, max_size=4))
def test_only_factors_with_more_twitching_are_shown(rows: list[tuple[int, ...]]) -> None:
    insights = tuple(_insight(*row) for row in rows)
    shown, hidden = split_insights(insights)
    assert all(i.counts.difference > 0 for i in shown)
    assert all(i.counts.difference <= 0 for i in hidden)
    assert len(shown) + len(hidden) == len(insights)
    assert [i for i in insights if i in shown] == shown  # ranking kept


def test_equal_rates_are_not_a_pattern() -> None:
    shown, hidden = split_insights((_insight(2, 4, 5, 10, 2),))
    assert shown == [] and hidden[0].counts.difference == Fraction(0)


@pytest.mark.parametrize(("logged", "text"), [(13, "Log 1 more day to"), (0, "Log 14 more days")])
def test_more_days_wording(logged: int, text: str) -> None:
    need = NeedMoreDays(logged, 14, "")
    assert more_days_text(need).startswith(text)
    assert f"({logged} of 14 days so far)" in more_days_text(need)


def test_week_bars_say_their_value_in_words() -> None:
    monday = date(2025, 3, 10)
    bar = week_bar(WeekCount(2025, 11, monday, 4, 7))
    assert bar.fraction == pytest.approx(4 / 7)
    assert bar.value == "4/7" and bar.label == "10\nMar"
    assert bar.description == "Week of 10 Mar 2025: twitching on 4 of 7 logged days"
    empty = week_bar(WeekCount(2025, 12, monday + timedelta(weeks=1), 0, 0))
    assert empty.fraction == 0 and empty.description.endswith("nothing logged")
    one = week_bar(WeekCount(2025, 12, monday, 1, 1))
    assert one.description.endswith("1 of 1 logged day")


# --- Markdown -----------------------------------------------------------------------------


def test_a_note_under_a_list_stays_its_own_paragraph() -> None:
    text = "## Patterns\n- one\n- two\nThese are patterns.\n\n## Habits\n- x\n"
    assert markdown_blocks(text) == (
        "## Patterns\n- one\n- two\n\nThese are patterns.\n\n## Habits\n- x\n"
    )


@given(st.lists(st.sampled_from(["- item", "plain", "", "# head", "* star"]), max_size=12))
def test_markdown_blocks_only_adds_blank_lines(lines: list[str]) -> None:
    text = "\n".join(lines)
    fixed = markdown_blocks(text)
    assert [ln for ln in fixed.split("\n") if ln] == [ln for ln in lines if ln]
    assert markdown_blocks(fixed) == fixed


def test_sections_are_answer_sections(quiz: Quiz) -> None:
    assert all(isinstance(s, AnswerSection) for s in summary_sections(quiz))


# --- the date picker ----------------------------------------------------------------------

ZONES = [
    "UTC",
    "Asia/Tokyo",
    "America/Los_Angeles",
    "Pacific/Auckland",
    "Asia/Kolkata",
    "Pacific/Honolulu",
    "Europe/Berlin",
    "America/St_Johns",
]


def _hours(zone: str, day: date) -> float:
    offset = datetime.combine(day, time(12), tzinfo=ZoneInfo(zone)).utcoffset()
    assert offset is not None
    return offset.total_seconds() / 3600


@given(past_days, st.sampled_from(ZONES), st.sampled_from(ZONES))
def test_the_tapped_day_survives_the_trip_through_utc(
    day: date, browser: str, settings: str
) -> None:
    if abs(_hours(browser, day) - _hours(settings, day)) >= 12:
        return  # documented limit: the two zones must be under 12 hours apart
    tapped_midnight = datetime.combine(day, time(0), tzinfo=ZoneInfo(browser)).astimezone(UTC)
    assert picked_day(tapped_midnight, settings) == day
    assert picker_instant(day, settings).astimezone(ZoneInfo(browser)).date() == day


def test_picking_in_tokyo_with_utc_settings_keeps_the_day() -> None:
    arrived = datetime(2025, 2, 4, 15, 0, tzinfo=UTC)  # what the browser sent for 5 Feb
    assert picked_day(arrived, "UTC") == date(2025, 2, 5)
    assert picked_day(datetime(2025, 2, 5), "UTC") == date(2025, 2, 5)  # naive: as is
    assert picked_day(arrived, "No/Such_Zone") == date(2025, 2, 5)
