"""The quiz as typed, frozen data: what content/quiz.toml describes once parsed.

Everything the engine needs is here, so the engine never looks at raw TOML and
the UI can render a question from its fields alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from app.records import AnswerValue

QuestionType = Literal["single", "multi", "yesno", "number"]
QUESTION_TYPES: tuple[QuestionType, ...] = ("single", "multi", "yesno", "number")
Op = Literal["equals", "one_of", "includes", "answered", "gte", "lte", "gt", "lt"]
OPS: tuple[Op, ...] = ("equals", "one_of", "includes", "answered", "gte", "lte", "gt", "lt")
NUMERIC_OPS: tuple[Op, ...] = ("gte", "lte", "gt", "lt")
LEARN_SECTIONS = (
    "what-is-it",
    "common-reasons",
    "other-causes",
    "when-to-see-a-doctor",
    "ways-to-alleviate",
)
Answers = tuple[tuple[str, AnswerValue], ...]


@dataclass(frozen=True)
class Option:
    """One choice; `scores` add to trigger dimensions when it is picked."""

    value: str
    label: str
    scores: tuple[tuple[str, int], ...] = ()
    exclusive: bool = False


@dataclass(frozen=True)
class Leaf:
    """One test on one answer; an unanswered question makes it false (unless answered=false)."""

    question: str
    op: Op
    value: str | float | bool | tuple[str, ...]
    reason: str | None = None


@dataclass(frozen=True)
class AllOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class Not:
    item: Condition


Condition = Leaf | AllOf | AnyOf | Not


@dataclass(frozen=True)
class Question:
    """A question the person sees; follow-ups carry `enable_when`."""

    id: str
    text: str
    type: QuestionType
    label: str
    help: str | None = None
    options: tuple[Option, ...] = ()
    unit: str | None = None
    min: float | None = None
    max: float | None = None
    step: float | None = None
    integer: bool = False
    enable_when: Condition | None = None
    ends_quiz_when: Condition | None = None

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class ScoreRule:
    """Adds scores when a condition holds; used for numbers, which have no options."""

    id: str
    when: Condition
    scores: tuple[tuple[str, int], ...]
    reason: str | None = None


@dataclass(frozen=True)
class Trigger:
    """A likely cause from the document, with its tip quoted from the document."""

    id: str
    title: str
    why: str
    tip: str
    learn_section: str
    tip_section: str
    likely_at: int = 1


@dataclass(frozen=True)
class Outcome:
    """One possible result of a category; tier outcomes fill every text field."""

    id: str
    title: str = ""
    badge: str = ""
    text: str = ""
    next_steps: tuple[str, ...] = ()
    if_worse: tuple[str, ...] = ()
    attribution: str = ""
    habits: tuple[str, ...] = ()
    time_frame: str = ""  # how soon to act: the app's guidance, labelled as such
    signs: tuple[str, ...] = ()  # shown in full, never folded away (the FAST signs)


@dataclass(frozen=True)
class Rule:
    """First matching rule wins; the last rule has no condition and is the default."""

    id: str
    outcome: str
    when: Condition | None = None
    reason: str | None = None
    learn: tuple[str, ...] = ()
    time_frame: str | None = None  # sooner than the outcome's own, for this rule only


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    outcomes: tuple[Outcome, ...]
    rules: tuple[Rule, ...]

    def outcome(self, outcome_id: str) -> Outcome | None:
        return next((o for o in self.outcomes if o.id == outcome_id), None)


@dataclass(frozen=True)
class TestCase:
    """Answers in question order and the outcome expected per category."""

    __test__ = False  # not a pytest class

    id: str
    answers: Answers
    expect: tuple[tuple[str, str], ...]
    expect_triggers: tuple[str, ...] | None = None
    expect_habits: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Quiz:
    id: str
    version: str
    title: str
    intro: str
    not_a_diagnosis: str
    always_learn: str
    time_frame_label: str
    triggers_label: str
    questions: tuple[Question, ...]
    triggers: tuple[Trigger, ...]
    score_rules: tuple[ScoreRule, ...]
    categories: tuple[Category, ...]
    tests: tuple[TestCase, ...]
    file: str

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def trigger(self, trigger_id: str) -> Trigger | None:
        return next((t for t in self.triggers if t.id == trigger_id), None)

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)
