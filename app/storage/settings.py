"""App settings, reminder settings and reminder state: one small file, one doc each."""

from __future__ import annotations

from typing import Any

from app.records import AppSettings, ReminderSettings, ReminderState
from app.storage import codec
from app.storage.kinds import DECODERS, SETTINGS_KINDS
from app.storage.layout import SETTINGS
from app.storage.partitions import Registry
from app.storage.txn import Batch


class Settings:
    """Unsaved settings read as the record's defaults."""

    def __init__(self, batch: Batch, registry: Registry) -> None:
        self._batch = batch
        self._registry = registry

    def get(self, table: str) -> Any:
        """The record of one settings table (kinds.SETTINGS_KINDS)."""
        with self._batch():
            docs = list(self._registry.get(SETTINGS).docs(table).values())
        return DECODERS[table](docs[0]) if docs else SETTINGS_KINDS[table]()

    def save(self, table: str, record: object) -> None:
        doc = codec.encode(codec.require(record, SETTINGS_KINDS[table], "settings"))
        with self._batch():
            self._registry.get(SETTINGS).replace_one(doc, table)

    def get_app(self) -> AppSettings:
        found: AppSettings = self.get("app")
        return found

    def save_app(self, settings: AppSettings) -> None:
        self.save("app", settings)

    def get_reminders(self) -> ReminderSettings:
        found: ReminderSettings = self.get("reminders")
        return found

    def save_reminders(self, settings: ReminderSettings) -> None:
        self.save("reminders", settings)

    def get_reminder_state(self) -> ReminderState:
        found: ReminderState = self.get("reminder_state")
        return found

    def save_reminder_state(self, state: ReminderState) -> None:
        self.save("reminder_state", state)
