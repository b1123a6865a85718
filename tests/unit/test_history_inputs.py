"""History reads "today" in the same zone as Habits, so a diary day is a water day."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.config import ROOT, AppConfig
from app.quiz import load_quiz
from app.records import ReminderSettings
from app.services import Clock, Services
from app.storage import Store
from app.ui.habits.model import ZONE_CHOICES, local_now, settings_in_use
from app.ui.history.inputs import gather, reminders_for, today_for

QUIZ = load_quiz(ROOT / "content" / "quiz.toml")
LOS_ANGELES = "America/Los_Angeles"
# 02:00 UTC on 21 Mar is 19:00 on 20 Mar in Los Angeles.
EVENING_IN_LA = datetime(2025, 3, 21, 2, 0, tzinfo=UTC)


class FixedClock(Clock):
    """A clock that does not run on, so a drawn instant never slips past midnight."""

    def now(self) -> datetime:
        assert self.start is not None
        return self.start


def services_at(store: Store, now: datetime) -> Services:
    config = AppConfig(data_dir=store.data_dir)
    return Services(config=config, sections=(), quiz=QUIZ, store=store, clock=FixedClock(now))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    yield Store.open(Path(tmp_path_factory.mktemp("history-inputs")))


@contextmanager
def on_device(zone: str) -> Iterator[None]:
    """Pretend this machine is set to `zone` (what local_zone_name would find)."""
    with mock.patch("app.ui.habits.model.device_zone", lambda: zone):
        yield


def test_untouched_settings_use_the_device_zone_like_habits(store: Store) -> None:
    store.settings.save_reminders(ReminderSettings())
    services = services_at(store, EVENING_IN_LA)
    with on_device(LOS_ANGELES):
        habits = settings_in_use(store.settings.get_reminders())
        habits_today = local_now(EVENING_IN_LA, habits.timezone).date()
        inputs = gather(services)
        assert inputs.reminders.timezone == LOS_ANGELES == reminders_for(services).timezone
        assert inputs.today == today_for(services) == habits_today == date(2025, 3, 20)


def test_a_chosen_zone_wins_over_the_device(store: Store) -> None:
    store.settings.save_reminders(ReminderSettings(timezone="Asia/Tokyo"))
    with on_device(LOS_ANGELES):
        assert gather(services_at(store, EVENING_IN_LA), habits=False).today == date(2025, 3, 21)


@given(
    st.sampled_from(ZONE_CHOICES),
    st.one_of(st.none(), st.sampled_from(ZONE_CHOICES)),
    st.datetimes(datetime(2020, 1, 1), datetime(2030, 12, 31), timezones=st.just(UTC)),
)
def test_history_today_is_the_date_in_the_zone_habits_uses(
    store: Store, device: str, chosen: str | None, now: datetime
) -> None:
    saved = ReminderSettings() if chosen is None else ReminderSettings(timezone=chosen)
    store.settings.save_reminders(saved)
    # Choosing "UTC" leaves the settings equal to the defaults, so that too is "untouched".
    zone = device if saved == ReminderSettings() else saved.timezone
    with on_device(device):
        inputs = gather(services_at(store, now), habits=False)
    assert inputs.today == now.astimezone(ZoneInfo(zone)).date()
