"""The History list's rows: a small index beside the month files of full results.

History reads only this, so it stays small and fast to parse with years of results.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from app.checks import MAX_ID, check_moment, check_text, check_texts
from app.errors import ValidationError
from app.records import TIERS, ResultRecord, Tier
from app.storage.codec import Doc, decode, plain

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
    return decode(ResultSummary, doc)


def summary_doc(s: ResultSummary) -> Doc:
    return dict(plain(s))
