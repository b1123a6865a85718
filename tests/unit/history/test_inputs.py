"""One "today" for every screen: History reads it in the zone Habits uses, so a
diary day is a water day; the application layer owns the one fallback policy."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.config import AppConfig
from app.content import Section
from app.quiz import Quiz
from app.records import ReminderSettings
from app.services import Services, habits, open_services
from app.services.history import gather
from app.ui.habits.model import ZONE_CHOICES
from tests.unit.conftest import FixedClock

LOS_ANGELES = "America/Los_Angeles"
# 02:00 UTC on 21 Mar is 19:00 on 20 Mar in Los Angeles.
EVENING_IN_LA = datetime(2025, 3, 21, 2, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def at_evening(
    tmp_path_factory: pytest.TempPathFactory, quiz: Quiz, sections: tuple[Section, ...]
) -> Services:
    """One store for the module (hypothesis draws many examples on it)."""
    folder = tmp_path_factory.mktemp("history-inputs")
    clock = FixedClock(EVENING_IN_LA)
    return open_services(AppConfig(data_dir=folder), folder, sections, quiz, clock)


@contextmanager
def on_device(zone: str) -> Iterator[None]:
    """Pretend this machine is set to `zone` (what app.device.device_zone would find)."""
    with mock.patch("app.services.core.device_zone", lambda: zone):
        yield


def test_untouched_settings_use_the_device_zone_like_habits(at_evening: Services) -> None:
    habits.save_settings(at_evening, ReminderSettings())
    with on_device(LOS_ANGELES):
        inputs = gather(at_evening)
        assert inputs.reminders.timezone == LOS_ANGELES == habits.settings(at_evening).timezone
        assert inputs.today == at_evening.today() == date(2025, 3, 20)
        assert at_evening.now().date() == date(2025, 3, 20)


def test_a_chosen_zone_wins_over_the_device(at_evening: Services) -> None:
    habits.save_settings(at_evening, ReminderSettings(timezone="Asia/Tokyo"))
    with on_device(LOS_ANGELES):
        assert gather(at_evening, habits=False).today == date(2025, 3, 21)


def test_a_zone_this_device_cannot_load_falls_back_to_the_device_zone(
    at_evening: Services,
) -> None:
    """A backup from another device may name a zone this one lacks: the device's wins."""
    habits.save_settings(at_evening, ReminderSettings(timezone="Not/AZone"))
    with on_device(LOS_ANGELES):
        assert at_evening.reminders().timezone == LOS_ANGELES
        assert at_evening.today() == date(2025, 3, 20)


# No deadline: the store dates its daily backup by the app clock, so every drawn day
# takes a backup (real file writes), which is slow on a loaded machine.
@settings(deadline=None)
@given(
    st.sampled_from(ZONE_CHOICES),
    st.one_of(st.none(), st.sampled_from(ZONE_CHOICES)),
    st.datetimes(datetime(2020, 1, 1), datetime(2030, 12, 31), timezones=st.just(UTC)),
)
def test_history_today_is_the_date_in_the_zone_habits_uses(
    at_evening: Services, device: str, chosen: str | None, now: datetime
) -> None:
    saved = ReminderSettings() if chosen is None else ReminderSettings(timezone=chosen)
    habits.save_settings(at_evening, saved)
    # Choosing "UTC" leaves the settings equal to the defaults, so that too is "untouched".
    zone = device if saved == ReminderSettings() else saved.timezone
    assert isinstance(at_evening.clock, FixedClock)
    at_evening.clock.start = now
    with on_device(device):
        inputs = gather(at_evening, habits=False)
    assert inputs.today == now.astimezone(ZoneInfo(zone)).date()
