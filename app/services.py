"""The services a UI session uses, built once per process from an AppConfig.

Keeping them here (not in the UI) lets tests build an isolated app with its own
data folder and a pinned clock.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from app.config import AppConfig
from app.content import Section, load_sections


@dataclass
class Clock:
    """Real time, or time that starts at a pinned moment and then runs on.

    Tests pin the start (LIPCHECK_NOW) so reminders fall due predictably, while
    the clock still moves so that a background task sees time pass.
    """

    start: datetime | None = None
    _t0: float = field(default_factory=time.monotonic)

    def now(self) -> datetime:
        if self.start is None:
            return datetime.now(UTC).astimezone()
        return self.start + timedelta(seconds=time.monotonic() - self._t0)


@dataclass
class Services:
    """Everything a screen needs, shared by all sessions of one process."""

    config: AppConfig
    sections: tuple[Section, ...]
    clock: Clock

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)


def build_services(config: AppConfig) -> Services:
    """Load and validate everything up front; raises ContentError on broken content."""
    sections = load_sections(config.content_dir)
    return Services(config=config, sections=sections, clock=Clock(config.start_now))
