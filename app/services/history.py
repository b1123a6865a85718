"""History's use cases: past results (read, delete, restore), the diary day, the
day the twitching was first noticed, what the History screens read, and the
doctor summary. Each returns plain records or raises a LipCheckError."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from app.errors import ValidationError
from app.insights import FollowUp, doctor_summary, followup_prompt
from app.insights.entry import EARLIEST_DAY, known_water
from app.insights.summary_answers import answer_formatter, summary_sections
from app.records import AppSettings, DiaryEntry, ReminderSettings, ResultRecord, SleepLog
from app.services.core import Services
from app.storage import ResultSummary

#: How far back patterns and the summary look (the diary may be years long).
WINDOW_DAYS = 365
SUMMARY_RESULTS = 3
#: One row of the History list, read from the small index (not the full record).
ResultRow = ResultSummary


@dataclass(frozen=True)
class Inputs:
    """What the History screens need, read once per screen build: "today" and the
    window of days are decided here for the diary, patterns and summary alike."""

    today: date
    app: AppSettings
    reminders: ReminderSettings
    diary: tuple[DiaryEntry, ...]
    sleep: tuple[SleepLog, ...]
    water_ml: dict[date, int]

    @property
    def goal_ml(self) -> int:
        return self.reminders.hydration.goal_ml

    @property
    def followup(self) -> FollowUp | None:
        return followup_prompt(self.app.first_noticed, self.diary, self.today)


def gather(services: Services, *, habits: bool = True) -> Inputs:
    """Diary (and, with `habits`, sleep and water) for the last year up to today."""
    store = services.store
    reminders = services.reminders()
    today = services.today(reminders.timezone)
    start = today - timedelta(days=WINDOW_DAYS - 1)
    diary = tuple(store.diary.range(start, today))
    sleep: tuple[SleepLog, ...] = ()
    water: dict[date, int] = {}
    if habits:
        sleep = tuple(store.sleep.range(start, today))
        water = known_water(store.drinks.daily_totals(start, today))
    return Inputs(today, store.settings.get_app(), reminders, diary, sleep, water)


def results(services: Services, limit: int | None = None) -> list[ResultRow]:
    """Saved results, newest first."""
    return services.store.results.list(limit=limit)


def result(services: Services, result_id: str) -> ResultRecord | None:
    """One saved result in full, or None when it is not (or no longer) on the device."""
    return services.store.results.get(result_id) if result_id else None


def latest_results(services: Services, limit: int) -> list[ResultRecord]:
    """The newest `limit` results in full, newest first (trends and the summary)."""
    found = (result(services, row.id) for row in results(services, limit))
    return [record for record in found if record is not None]


def delete_result(services: Services, result_id: str) -> ResultRecord | None:
    """Delete one result; returns it (for Undo), or None if it was already gone."""
    return services.store.results.delete(result_id)


def restore_result(services: Services, record: ResultRecord) -> None:
    """Undo a delete: put the very record back."""
    services.store.results.restore(record)


def diary_day(services: Services, day: date) -> DiaryEntry | None:
    return services.store.diary.get(day)


def save_diary_day(services: Services, entry: DiaryEntry) -> None:
    """Save (or replace) the entry for its day: today or yesterday, never the future."""
    today = services.today()
    if entry.day > today:
        raise ValidationError("day", "A diary day cannot be in the future.")
    if entry.day < today - timedelta(days=1):
        raise ValidationError("day", "Only today or yesterday can be entered here.")
    services.store.diary.upsert(entry)


def set_first_noticed(services: Services, day: date) -> None:
    """Save the day the twitching was first noticed: a real, past or present day."""
    if day > services.today():
        raise ValidationError(
            "first_noticed", "That date is in the future. Enter the day you first noticed it."
        )
    if day < EARLIEST_DAY:
        raise ValidationError("first_noticed", "Enter a date after 1900.")
    settings = services.store.settings
    settings.save_app(replace(settings.get_app(), first_noticed=day))


def doctor_summary_text(services: Services) -> tuple[str, str]:
    """(file name, plain text) of today's summary for a doctor."""
    inputs = gather(services)
    text = doctor_summary(
        today=inputs.today,
        first_noticed=inputs.app.first_noticed,
        diary=inputs.diary,
        sleep=inputs.sleep,
        water_ml=inputs.water_ml,
        goal_ml=inputs.goal_ml,
        results=latest_results(services, SUMMARY_RESULTS),
        answer_sections=summary_sections(services.quiz),
        format_answer=answer_formatter(services.quiz),
        unit=inputs.reminders.hydration.unit,
        max_results=SUMMARY_RESULTS,
    )
    return f"lip-twitch-summary-{inputs.today.isoformat()}.txt", text
