"""App settings, reminder settings and reminder state: one small file, one doc each."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from app.records import AppSettings, ReminderSettings, ReminderState
from app.storage import codec
from app.storage.layout import SETTINGS
from app.storage.partitions import Registry
from app.storage.txn import Batch

R = TypeVar("R")


class Settings:
    """Unsaved settings read as the record's defaults."""

    def __init__(self, batch: Batch, registry: Registry) -> None:
        self._batch = batch
        self._registry = registry

    def _get(self, table: str, decode: Callable[[Any], R], default: Callable[[], R]) -> R:
        with self._batch():
            docs = list(self._registry.get(SETTINGS).docs(table).values())
        return decode(docs[0]) if docs else default()

    def _save(self, table: str, doc: dict[str, Any]) -> None:
        with self._batch():
            self._registry.get(SETTINGS).replace_one(doc, table)

    def get_app(self) -> AppSettings:
        return self._get("app", codec.app_from, AppSettings)

    def save_app(self, settings: AppSettings) -> None:
        self._save("app", codec.app_doc(codec.require(settings, AppSettings, "settings")))

    def get_reminders(self) -> ReminderSettings:
        return self._get("reminders", codec.reminders_from, ReminderSettings)

    def save_reminders(self, settings: ReminderSettings) -> None:
        doc = codec.reminders_doc(codec.require(settings, ReminderSettings, "settings"))
        self._save("reminders", doc)

    def get_reminder_state(self) -> ReminderState:
        return self._get("reminder_state", codec.reminder_state_from, ReminderState)

    def save_reminder_state(self, state: ReminderState) -> None:
        doc = codec.reminder_state_doc(codec.require(state, ReminderState, "state"))
        self._save("reminder_state", doc)
