"""The table of record kinds: the one place that says, for each kind of record, its
class, how its files are split, which field is its key, and how many one file holds.

Adding a kind of record is one entry in KINDS (plus its repository's methods):
file names, checks on read, backups, import, export and the snapshot all follow.
ResultSummary is the History index's row: derived from results, rebuilt from them.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from app.checks import MAX_ID, check_moment, check_text, check_texts
from app.errors import ValidationError
from app.records import (
    TIERS,
    AppSettings,
    DiaryEntry,
    DrinkLog,
    ReminderSettings,
    ReminderState,
    ResultRecord,
    SleepLog,
    Tier,
)
from app.storage import codec


@dataclass(frozen=True)
class Kind:
    name: str
    """Its folder, its table in each file, and its section in a backup."""
    cls: type
    per: Literal["month", "year"]
    """One file per month (many records a day) or per year (one a day)."""
    when: str
    """The field whose (wall-clock) date picks the file."""
    key: str
    """The field no two records of this kind share."""
    max_per_file: int

    @property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(r"^\d{4}-\d{2}\.json$" if self.per == "month" else r"^\d{4}\.json$")

    def rel(self, day: date) -> str:
        """The file that holds the records of `day`."""
        period = f"{day.year:04d}-{day.month:02d}" if self.per == "month" else f"{day.year:04d}"
        return f"{self.name}/{period}.json"

    def home(self, record: Any) -> str:
        when = getattr(record, self.when)
        return self.rel(when.date() if isinstance(when, datetime) else when)

    def ident(self, record: Any) -> Any:
        return getattr(record, self.key)

    def sort_key(self, record: Any) -> Any:
        return (getattr(record, self.when), getattr(record, self.key))


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("results", ResultRecord, "month", "taken_at", "id", 1_000),
        Kind("drinks", DrinkLog, "month", "at", "id", 3_000),
        Kind("sleep", SleepLog, "year", "night", "night", 366),
        Kind("diary", DiaryEntry, "year", "day", "day", 366),
    )
}
SETTINGS_KINDS: dict[str, type] = {
    "app": AppSettings,
    "reminders": ReminderSettings,
    "reminder_state": ReminderState,
}
"""The settings file's tables, one record each (unsaved: the record's defaults)."""
DECODERS: dict[str, Callable[[Any], Any]] = {
    name: codec.decoder(cls)
    for name, cls in [*((k.name, k.cls) for k in KINDS.values()), *SETTINGS_KINDS.items()]
}


TOP_TRIGGERS = 3


@dataclasses.dataclass(frozen=True)
class ResultSummary:
    """One row of the History list, read from the small index file (not the full record)."""

    id: str
    taken_at: datetime
    tier: Tier
    top_triggers: tuple[str, ...]

    def __post_init__(self) -> None:
        check_text("id", self.id, MAX_ID)
        check_moment("taken_at", self.taken_at)
        if self.tier not in TIERS:
            raise ValidationError("tier", f"unknown tier {self.tier!r}")
        check_texts("top_triggers", self.top_triggers, items=TOP_TRIGGERS)


def summary_of(r: ResultRecord) -> ResultSummary:
    return ResultSummary(r.id, r.taken_at, r.tier, tuple(r.triggers[:TOP_TRIGGERS]))


def summary_from(doc: Any) -> ResultSummary:
    return codec.decode(ResultSummary, doc)


def summary_doc(s: ResultSummary) -> codec.Doc:
    return dict(codec.plain(s))
