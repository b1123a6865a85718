"""Read what the History screens need from the store, once per screen build.

Kept apart from the screens so "today" and the window of days read are decided
in one place for diary, insights and summary. "Today" is in the zone Habits uses
(settings_in_use: untouched defaults take the device's zone), so a diary day
and a water day are always the same day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.insights import FollowUp, followup_prompt
from app.records import AppSettings, DiaryEntry, ReminderSettings, SleepLog
from app.services import Services
from app.ui.habits.model import settings_in_use
from app.ui.history.model import known_water, local_today

#: How far back patterns and the summary look (the diary may be years long).
WINDOW_DAYS = 365


@dataclass(frozen=True)
class Inputs:
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


def reminders_for(services: Services) -> ReminderSettings:
    """The reminder settings as Habits uses them (the same time zone)."""
    return settings_in_use(services.store.settings.get_reminders())


def today_for(services: Services) -> date:
    """The person's local date: the clock read in the zone Habits uses."""
    return local_today(services.clock.now(), reminders_for(services).timezone)


def gather(services: Services, *, habits: bool = True) -> Inputs:
    """Diary (and, with `habits`, sleep and water) for the last year up to today."""
    store = services.store
    reminders = reminders_for(services)
    today = local_today(services.clock.now(), reminders.timezone)
    start = today - timedelta(days=WINDOW_DAYS - 1)
    diary = tuple(store.diary.range(start, today))
    sleep: tuple[SleepLog, ...] = ()
    water: dict[date, int] = {}
    if habits:
        sleep = tuple(store.sleep.range(start, today))
        water = known_water(store.drinks.daily_totals(start, today))
    return Inputs(today, store.settings.get_app(), reminders, diary, sleep, water)
