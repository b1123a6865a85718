"""What the person is told at the end, as one frozen value the UI only has to lay out."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from app.quiz.model import Answers
from app.records import ResultRecord, Tier


@dataclass(frozen=True)
class TriggerResult:
    """A likely trigger: why it matters and what helps, both worded from the document."""

    id: str
    title: str
    score: int
    why: str
    tip: str
    learn_section: str
    tip_section: str
    because: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuizResult:
    """The outcome of one self-check.

    `tier_title` and `tier_badge` carry the meaning in words, so nothing relies
    on colour. `reasons` are the answers that led to the tier. `notes` hold
    the texts of the other categories' outcomes (the medicine note among them).
    """

    quiz_id: str
    quiz_version: str
    tier: Tier
    tier_title: str
    tier_badge: str
    tier_text: str
    next_steps: tuple[str, ...]
    if_worse: tuple[str, ...]
    attribution: str
    not_a_diagnosis: str
    reasons: tuple[str, ...]
    triggers: tuple[TriggerResult, ...]
    notes: tuple[str, ...]
    medicine_note: str | None
    suggested_habits: tuple[str, ...]
    learn_sections: tuple[str, ...]
    outcomes: tuple[tuple[str, str], ...]
    answers: Answers
    answer_summary: tuple[tuple[str, str], ...]
    ended_early: bool = False
    same_quiz_version: bool = True
    time_frame: str = ""
    time_frame_label: str = ""
    triggers_label: str = ""
    signs: tuple[str, ...] = ()

    def with_number(self, number: str) -> QuizResult:
        """Every {number} in the texts replaced by the emergency number to call."""

        def fill(text: str) -> str:
            return text.replace("{number}", number)

        def fills(texts: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(fill(t) for t in texts)

        return replace(
            self,
            tier_title=fill(self.tier_title),
            tier_badge=fill(self.tier_badge),
            tier_text=fill(self.tier_text),
            next_steps=fills(self.next_steps),
            if_worse=fills(self.if_worse),
            time_frame=fill(self.time_frame),
            attribution=fill(self.attribution),
            signs=fills(self.signs),
        )

    def outcome(self, category_id: str) -> str | None:
        return dict(self.outcomes).get(category_id)

    @property
    def trigger_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.triggers)

    def to_record(self, id: str, taken_at: datetime) -> ResultRecord:
        """The stored form; `taken_at` must carry a time zone (ResultRecord checks it)."""
        return ResultRecord(
            id=id,
            taken_at=taken_at,
            quiz_id=self.quiz_id,
            quiz_version=self.quiz_version,
            tier=self.tier,
            triggers=self.trigger_ids,
            reasons=self.reasons,
            answers=self.answers,
            suggested_habits=self.suggested_habits,
        )
