"""Small builders for records and stores used across the storage tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

from app.records import (
    AppSettings,
    DiaryEntry,
    DrinkLog,
    HydrationSettings,
    ReminderSettings,
    ReminderState,
    ResultRecord,
    SleepLog,
    SleepSettings,
)
from app.storage import Store

FIXTURES = Path(__file__).parent
PLUS1 = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 24, 10, 15, tzinfo=UTC)


class FakeClock:
    """A clock the test moves by hand (the store never reads the real time)."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


def open_store(path: Path, clock: FakeClock | None = None, hooks: list[int] | None = None) -> Store:
    calls = hooks if hooks is not None else []
    return Store.open(path, clock=clock or FakeClock(), on_commit=lambda: calls.append(1))


def drink(n: int = 1, day: date = date(2026, 11, 24), ml: int = 250, minute: int = 0) -> DrinkLog:
    at = datetime.combine(day, time(8, 0), PLUS1) + timedelta(minutes=minute)
    return DrinkLog(id=f"d{n}", at=at, ml=ml)


def result(n: int = 1, at: datetime | None = None, tier: str = "self_care") -> ResultRecord:
    return ResultRecord(
        id=f"r{n}",
        taken_at=at or datetime(2026, 11, 24, 9, 30, tzinfo=PLUS1),
        quiz_id="lip-twitch",
        quiz_version="1",
        tier=tier,  # type: ignore[arg-type]
        triggers=("caffeine", "stress", "sleep", "screen time"),
        reasons=("You said it comes and goes.",),
        answers=(("duration", "days"), ("cups", 3.0), ("where", ("upper lip", "eyelid"))),
        suggested_habits=("water",),
    )


def sleep(day: date = date(2026, 11, 24), hours: float = 7.5) -> SleepLog:
    return SleepLog(night=day, hours=hours, bed=time(23, 0), wake=time(6, 30))


def diary(day: date = date(2026, 11, 24), notes: str = "long day") -> DiaryEntry:
    return DiaryEntry(day=day, twitch="mild", caffeine_cups=2, stress="medium", notes=notes)


def reminders() -> ReminderSettings:
    return ReminderSettings(
        hydration=HydrationSettings(goal_ml=2200, cup_sizes_ml=(200, 330), reminders_on=True),
        sleep=SleepSettings(target_hours=7.5, wind_down_min=45),
        timezone="Europe/Berlin",
    )


def state() -> ReminderState:
    return ReminderState(
        snoozed_until=(("hydration", datetime(2026, 11, 24, 11, 0, tzinfo=UTC)),),
        dismissed=(("bedtime", datetime(2026, 11, 23, 22, 0, tzinfo=PLUS1)),),
    )


def app_settings() -> AppSettings:
    return AppSettings(theme="dark", first_noticed=date(2026, 11, 1))


def fill(store: Store) -> None:
    """A bit of everything, across two months and two years."""
    with store.transaction():
        for n in range(1, 6):
            store.drinks.add(drink(n, minute=n))
        store.drinks.add(drink(6, day=date(2026, 10, 31)))
        store.drinks.add(drink(7, day=date(2025, 12, 31)))
        store.results.add(result(1))
        store.results.add(result(2, at=datetime(2026, 10, 2, 8, 0, tzinfo=UTC), tier="doctor_soon"))
        store.sleep.upsert(sleep())
        store.sleep.upsert(sleep(date(2025, 12, 30), 6.0))
        store.diary.upsert(diary())
        store.diary.upsert(diary(date(2025, 12, 30)))
        store.settings.save_app(app_settings())
        store.settings.save_reminders(reminders())
        store.settings.save_reminder_state(state())
