"""Self-check results, one file per month, and the History rows read from them.

History reads every result file (2,000 results in 5 years) with the lighter check and
checks each row it shows; a result is checked in full, its whole file, when opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app import codec
from app import records as r
from app.checks import MAX_ID, check_moment, check_text, check_texts
from app.errors import ValidationError
from app.storage import layout
from app.storage.repos import Part, Repo


@dataclass(frozen=True)
class ResultSummary:
    """One row of the History list, from a result's first fields (checked as read)."""

    id: str
    taken_at: datetime
    tier: r.Tier
    top_triggers: tuple[str, ...]

    def __post_init__(self) -> None:
        check_text("id", self.id, MAX_ID)
        check_moment("taken_at", self.taken_at)
        if self.tier not in r.TIERS:
            raise ValidationError("tier", f"unknown tier {self.tier!r}")
        check_texts("top_triggers", self.top_triggers)


def _rows(part: Part) -> list[ResultSummary]:
    """History rows of one file; ValueError, TypeError or KeyError if a doc is bad."""
    out = []
    for d in part.docs().values():
        if not isinstance(d["triggers"], list) or not isinstance(d["taken_at"], str):
            raise TypeError("not a result")
        at = datetime.fromisoformat(d["taken_at"])
        out.append(ResultSummary(d["id"], at, d["tier"], tuple(d["triggers"][:3])))
    return out


class Results(Repo[r.ResultRecord]):
    """Self-check results, one file per month; History reads them all (2,000 in 5 years)."""

    kind = layout.KINDS["results"]

    def _all(self) -> list[str]:
        return self._registry.on_disk("results", newest_first=True)

    def add(self, record: r.ResultRecord) -> None:
        record = codec.require(record, r.ResultRecord, "result")
        with self._batch():
            if self._locate(record.id, self._all()) is not None:
                raise ValidationError("id", f"a result with id {record.id!r} is already saved")
            if self.count() >= self.kind.max_import:
                raise ValidationError("id", f"at most {self.kind.max_import} results can be kept")
            self._put(record, replace=False)

    def get(self, result_id: str) -> r.ResultRecord | None:
        with self._batch():
            found = self._locate(result_id, self._all())
            return None if found is None else self._decode(found[2])

    def list(self, limit: int | None = None) -> list[ResultSummary]:
        """History rows, newest first; at most `limit` rows."""
        rows: list[ResultSummary] = []
        with self._batch():
            for rel in self._all():
                try:
                    rows += _rows(self._registry.get(rel, full=False))
                except (ValueError, TypeError, KeyError):  # damage: check it all, repair
                    rows += _rows(self._registry.get(rel))
        return sorted(rows, key=lambda row: (row.taken_at, row.id), reverse=True)[:limit]

    def delete(self, result_id: str) -> r.ResultRecord | None:
        """Remove one result; returns it so the UI can offer undo via restore()."""
        return self._take(result_id, self._all())

    def restore(self, record: r.ResultRecord) -> None:
        """Undo a delete; a no-op if that exact record is already there."""
        with self._batch():
            if self.get(record.id) != record:
                self.add(record)

    def count(self) -> int:
        with self._batch():
            return sum(len(self._registry.get(rel, full=False).docs()) for rel in self._all())
