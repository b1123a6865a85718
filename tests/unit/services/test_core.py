"""The application layer's core: one clock for the app and its store, "today" in the
person's zone, and a change notifier per Services (never process-wide)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from app.config import AppConfig
from app.content import Section
from app.quiz import Quiz
from app.records import ReminderSettings
from app.services import Clock, Services, habits, open_services
from tests.unit.conftest import FixedClock

# Far from the real date, so a backup dated by the real clock would show.
PINNED = datetime(2031, 5, 17, 23, 30, tzinfo=UTC)


def _open(folder: Path, quiz: Quiz, sections: tuple[Section, ...], at: datetime) -> Services:
    return open_services(AppConfig(data_dir=folder), folder, sections, quiz, FixedClock(at))


def test_the_store_dates_its_backups_by_the_app_clock(
    tmp_path: Path, quiz: Quiz, sections: tuple[Section, ...]
) -> None:
    services = _open(tmp_path, quiz, sections, PINNED)
    habits.log_drink(services, 200)
    habits.log_drink(services, 200)
    backups = [p.name for p in (tmp_path / "backups").iterdir() if p.is_dir()]
    assert backups == ["2031-05-17"]


def test_today_is_the_person_s_day_not_utc_s(
    tmp_path: Path, quiz: Quiz, sections: tuple[Section, ...]
) -> None:
    services = _open(tmp_path, quiz, sections, PINNED)
    habits.save_settings(services, ReminderSettings(timezone="Asia/Tokyo"))
    assert services.today() == date(2031, 5, 18)  # 08:30 the next morning in Tokyo
    assert services.today("America/New_York") == date(2031, 5, 17)
    assert services.now().utcoffset() is not None
    assert services.now().hour == 8


def test_a_pinned_clock_runs_on_from_where_it_starts() -> None:
    clock = Clock(PINNED)
    assert PINNED <= clock.now() < datetime(2031, 5, 18, tzinfo=UTC)
    assert Clock().now().tzinfo is not None


def test_two_apps_in_one_process_never_wake_each_other(
    tmp_path: Path, quiz: Quiz, sections: tuple[Section, ...]
) -> None:
    one = _open(tmp_path / "one", quiz, sections, PINNED)
    two = _open(tmp_path / "two", quiz, sections, PINNED)
    heard: list[str] = []
    one.changes.listen(lambda: heard.append("one"))
    two.changes.listen(lambda: heard.append("two"))
    habits.log_drink(one, 100)
    assert heard == ["one"]
