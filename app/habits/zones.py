"""Which time zone a person's settings use: "today" for water, sleep and the diary
depends on it, so every layer asks here instead of deciding on its own."""

from __future__ import annotations

from dataclasses import replace

from app.errors import ValidationError
from app.habits.schedule import zone
from app.records import ReminderSettings


def check_zone(text: str) -> str:
    """A valid IANA zone name from what was typed, or a ValidationError to show."""
    name = text.strip() if isinstance(text, str) else ""
    if not name:
        raise ValidationError("timezone", "enter a time zone, like Europe/London")
    if len(name) > 60 or " " in name or name.startswith("/") or ".." in name:
        raise ValidationError("timezone", f"{name[:60]!r} is not a time zone name")
    zone(name)
    return name


def effective_settings(saved: ReminderSettings, detected: str) -> ReminderSettings:
    """Settings as used everywhere: never-touched defaults, and a saved zone this device
    cannot load (e.g. from an imported backup), take this device's zone (`detected`)."""
    if saved == ReminderSettings() and detected != saved.timezone:
        return replace(saved, timezone=detected)
    try:
        check_zone(saved.timezone)
    except ValidationError:
        return replace(saved, timezone=detected)
    return saved
