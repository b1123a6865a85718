"""Test data for History: write diary, sleep, drinks, results and settings into a data folder.

Uses the app's own Store, so the data is exactly what the app would have
written. Call it before the server starts, or between `server.stop()` and
`server.start()`: a running server keeps its own view of the files.

    seed(folder, diary=diary_days(END, ROWS), sleep=..., drinks=..., first_noticed=...)
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from app.config import ROOT
from app.quiz import evaluate, load_quiz
from app.records import AnswerValue, DiaryEntry, DrinkLog, ResultRecord, SleepLog, Stress, Twitch
from app.storage import Store

QUIZ = load_quiz(ROOT / "content" / "quiz.toml")

#: The same person as quiz_driver.LIFESTYLE, as stored answer values.
SELF_CARE_ANSWERS: dict[str, AnswerValue] = {
    "red_flags": ("none",),
    "started": "days",
    "frequency": "daily",
    "episode_length": "seconds",
    "worsening": "same",
    "lip": "upper",
    "side": "both",
    "spread": "no",
    "pain": "no",
    "daily_life": "no",
    "other_symptoms": ("none",),
    "bells_signs": ("none",),
    "stress": "little",
    "sleep_hours": 5.0,
    "tired": "yes",
    "caffeine": "yes",
    "caffeine_cups": 6.0,
    "energy_drinks": "no",
    "nicotine": "no",
    "other_stimulants": "no",
    "water": "plenty",
    "foods": ("bananas", "spinach"),
    "diet": "yes",
    "medicines": ("none",),
    "tried_changes": "no",
}
#: Numbness and an antidepressant: "see a doctor soon", with a medicine note.
DOCTOR_SOON_ANSWERS: dict[str, AnswerValue] = {
    **SELF_CARE_ANSWERS,
    "other_symptoms": ("numbness",),
    "medicines": ("antidepressants",),
}
EMERGENCY_ANSWERS: dict[str, AnswerValue] = {"red_flags": ("arm_weakness",)}


@dataclass(frozen=True)
class Day:
    """One seeded day: the diary entry plus the night's sleep and the day's water."""

    twitch: Twitch
    cups: int
    stress: Stress
    sleep_hours: float | None = None
    water_ml: int | None = None


def diary_days(end: date, days: Sequence[Day]) -> list[DiaryEntry]:
    """Consecutive diary entries, the last one on `end`."""
    start = end - timedelta(days=len(days) - 1)
    return [
        DiaryEntry(start + timedelta(days=i), d.twitch, d.cups, d.stress)
        for i, d in enumerate(days)
    ]


def sleep_logs(end: date, days: Sequence[Day]) -> list[SleepLog]:
    start = end - timedelta(days=len(days) - 1)
    return [
        SleepLog(start + timedelta(days=i), d.sleep_hours)
        for i, d in enumerate(days)
        if d.sleep_hours is not None
    ]


def drinks_for(water: Mapping[date, int]) -> list[DrinkLog]:
    """One drink at noon (UTC) per day, holding that day's whole amount."""
    return [
        DrinkLog(f"seed-{day.isoformat()}", datetime.combine(day, time(12), tzinfo=UTC), ml)
        for day, ml in water.items()
    ]


def water_by_day(end: date, days: Sequence[Day]) -> dict[date, int]:
    start = end - timedelta(days=len(days) - 1)
    return {
        start + timedelta(days=i): d.water_ml for i, d in enumerate(days) if d.water_ml is not None
    }


def result_record(answers: Mapping[str, AnswerValue], taken_at: datetime, rid: str) -> ResultRecord:
    """A result exactly as the self-check would have saved it for these answers."""
    return evaluate(QUIZ, answers).to_record(id=rid, taken_at=taken_at)


def seed(
    data_dir: Path,
    *,
    diary: Iterable[DiaryEntry] = (),
    sleep: Iterable[SleepLog] = (),
    drinks: Iterable[DrinkLog] = (),
    results: Iterable[ResultRecord] = (),
    first_noticed: date | None = None,
) -> None:
    """Write everything in one transaction (so a failure leaves the folder as it was)."""
    store = Store.open(data_dir)
    try:
        with store.transaction():
            for entry in diary:
                store.diary.upsert(entry)
            for log in sleep:
                store.sleep.upsert(log)
            for drink in drinks:
                store.drinks.add(drink)
            for record in results:
                store.results.add(record)
            if first_noticed is not None:
                app = store.settings.get_app()
                store.settings.save_app(replace(app, first_noticed=first_noticed))
    finally:
        store.close()  # one process per data folder: the server needs it next


def seed_days(data_dir: Path, end: date, days: Sequence[Day]) -> None:
    """Diary, sleep and water for consecutive days ending on `end`."""
    seed(
        data_dir,
        diary=diary_days(end, days),
        sleep=sleep_logs(end, days),
        drinks=drinks_for(water_by_day(end, days)),
    )


def read_copy(data_dir: Path, scratch: Path) -> Store:
    """What the running app saved, read from a copy so its files stay untouched."""
    copy = scratch / f"copy{len(list(scratch.glob('copy*')))}"
    shutil.copytree(data_dir, copy)
    return Store.open(copy)
