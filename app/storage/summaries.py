"""The History list's rows: a small index beside the month files of full results.

Kept apart from the full-record codec because History reads only this, and it
must stay small and fast to parse with years of results.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from app.checks import MAX_ID, check_moment, check_text, check_texts
from app.errors import ValidationError
from app.records import TIERS, ResultRecord, Tier
from app.storage.fields import Doc, fields_of, parse_datetime, text, texts

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
    d = fields_of(doc, ("id", "taken_at", "tier", "top_triggers"))
    return ResultSummary(
        id=text(d["id"], "id"),
        taken_at=parse_datetime(d["taken_at"], "taken_at"),
        tier=text(d["tier"], "tier"),  # type: ignore[arg-type]  # checked in __post_init__
        top_triggers=texts(d["top_triggers"], "top_triggers"),
    )


def summary_doc(s: ResultSummary) -> Doc:
    return {
        "id": s.id,
        "taken_at": s.taken_at.isoformat(),
        "tier": s.tier,
        "top_triggers": list(s.top_triggers),
    }
