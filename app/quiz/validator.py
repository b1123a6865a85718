"""Static checks run at load: a broken quiz must stop the app, naming file and id.

Health logic lives in data, so mistakes in it (a rule that never fires, a
follow-up that can never show) are caught here rather than by a user.
"""

from __future__ import annotations

from app.quiz.answers import check_answer
from app.quiz.condition_checks import ConditionChecks
from app.quiz.conditions import format_number, references
from app.quiz.errors import InvalidAnswer
from app.quiz.model import Question, Quiz
from app.records import TIERS

HABITS = ("hydration_reminder", "bedtime_reminder")
_TIER_FIELDS = ("title", "badge", "text", "next_steps", "if_worse", "time_frame")
NUMBER = "{number}"  # the one placeholder: the emergency number the person chose


class _Checker(ConditionChecks):
    """Whole-quiz checks, run in an order that gives the clearest first error."""

    def question(self, q: Question) -> None:
        where = f"question {q.id}"
        self.unique(f"{where} option", (o.value for o in q.options))
        for o in q.options:
            self.scores(f"{where} option {o.value}", o.scores)
        if q.type == "number":
            if q.min is None or q.max is None:
                raise self.fail(where, "a number question needs min and max")
            if q.min > q.max:
                raise self.fail(
                    where, f"min {format_number(q.min)} is more than max {format_number(q.max)}"
                )
            if q.step is not None and q.step <= 0:
                raise self.fail(where, "step must be more than 0")
            if q.integer and not (q.min.is_integer() and q.max.is_integer()):
                raise self.fail(where, "a whole-number question needs whole min and max")
        elif any(v is not None for v in (q.min, q.max, q.step, q.unit)) or q.integer:
            raise self.fail(where, "only number questions take unit, min, max, step or integer")

    def order_and_cycles(self) -> None:
        # ends_quiz_when may read its own question's answer; nothing else may point at itself.
        graph = {
            q.id: references(q.enable_when)
            + tuple(r for r in references(q.ends_quiz_when) if r != q.id)
            for q in self.quiz.questions
        }
        state: dict[str, int] = {}

        def visit(node: str, path: list[str]) -> None:
            state[node] = 1
            for nxt in graph[node]:
                if state.get(nxt) == 1:
                    cycle = " -> ".join([*path[path.index(nxt) :], nxt])
                    raise self.fail(f"question {nxt}", f"conditions form a cycle: {cycle}")
                if state.get(nxt) is None:
                    visit(nxt, [*path, nxt])
            state[node] = 2

        for q in self.quiz.questions:
            if q.id not in state:
                visit(q.id, [q.id])
        for q in self.quiz.questions:
            for key, cond, own in (
                ("enable_when", q.enable_when, False),
                ("ends_quiz_when", q.ends_quiz_when, True),
            ):
                limit = self.order[q.id] + (1 if own else 0)  # ends_quiz_when reads itself
                for ref in references(cond):
                    late = self.order[ref] >= limit
                    if late:
                        raise self.fail(
                            f"question {q.id}.{key}",
                            f"is unreachable: it depends on {ref!r}, which is asked later",
                        )

    def reachability(self) -> None:
        reachable: set[str] = set()
        for q in self.quiz.questions:
            if q.enable_when is not None and not self.satisfiable(q.enable_when, reachable, True):
                raise self.fail(
                    f"question {q.id}.enable_when",
                    "is unreachable: the condition can never be true",
                )
            reachable.add(q.id)

    def categories(self) -> None:
        self.unique("category", (c.id for c in self.quiz.categories))
        tier = self.quiz.category("tier")
        if tier is None:
            raise self.fail("category tier", "is missing")
        if sorted(o.id for o in tier.outcomes) != sorted(TIERS):
            raise self.fail("category tier", f"outcomes must be exactly {', '.join(TIERS)}")
        for o in tier.outcomes:
            for name in _TIER_FIELDS:
                if not getattr(o, name):
                    raise self.fail(f"category tier outcome {o.id}", f"{name} is required")
        self.placeholders()
        reachable = set(self.order)
        for c in self.quiz.categories:
            self.unique(f"category {c.id} outcome", (o.id for o in c.outcomes))
            self.unique(f"category {c.id} rule", (r.id for r in c.rules))
            for o in c.outcomes:
                for habit in o.habits:
                    if habit not in HABITS:
                        raise self.fail(
                            f"category {c.id} outcome {o.id}", f"unknown habit {habit!r}"
                        )
            last = c.rules[-1]
            if last.when is not None:
                raise self.fail(
                    f"category {c.id} rule {last.id}",
                    "category has no default: the last rule must have no condition",
                )
            for r in c.rules:
                where = f"category {c.id} rule {r.id}"
                if c.outcome(r.outcome) is None:
                    raise self.fail(where, f"unknown outcome {r.outcome!r}")
                for s in r.learn:
                    self.section(where, s)
                if r is last:
                    continue
                if r.when is None:
                    raise self.fail(
                        where,
                        "only the last rule may have no condition; "
                        "the rules after it can never match",
                    )
                self.condition(where, r.when)
                if not self.satisfiable(r.when, reachable):
                    raise self.fail(where, "can never match")

    def placeholders(self) -> None:
        """Only {number} may appear in braces: anything else would reach the screen raw."""
        for c in self.quiz.categories:
            for o in c.outcomes:
                texts = (o.title, o.badge, o.text, o.time_frame, o.attribution)
                for text in (*texts, *o.next_steps, *o.if_worse, *o.signs):
                    if "{" in text.replace(NUMBER, "") or "}" in text.replace(NUMBER, ""):
                        raise self.fail(
                            f"category {c.id} outcome {o.id}",
                            f"only {NUMBER} may be written in braces: {text!r}",
                        )
        emergency = self.quiz.category("tier")
        urgent = emergency.outcome("emergency") if emergency else None
        if urgent is not None and NUMBER not in urgent.title:
            raise self.fail("category tier outcome emergency", f"title must name {NUMBER}")

    def tests(self) -> None:
        self.unique("test", (t.id for t in self.quiz.tests))
        for t in self.quiz.tests:
            where = f"test {t.id}"
            for qid, value in t.answers:
                q = self.quiz.question(qid)
                if q is None:
                    raise self.fail(where, f"answers unknown question {qid!r}")
                try:
                    check_answer(q, value)
                except InvalidAnswer as exc:
                    raise self.fail(f"{where}.answers.{qid}", exc.problem) from None
            for cid, oid in t.expect:
                c = self.quiz.category(cid)
                if c is None:
                    raise self.fail(f"{where}.expect", f"unknown category {cid!r}")
                if c.outcome(oid) is None:
                    raise self.fail(f"{where}.expect.{cid}", f"unknown outcome {oid!r}")
            for trig in t.expect_triggers or ():
                if trig not in self.dims:
                    raise self.fail(f"{where}.expect_triggers", f"unknown trigger {trig!r}")
            for habit in t.expect_habits or ():
                if habit not in HABITS:
                    raise self.fail(f"{where}.expect_habits", f"unknown habit {habit!r}")

    def run(self) -> None:
        self.section("quiz.always_learn", self.quiz.always_learn)
        self.unique("trigger", (t.id for t in self.quiz.triggers))
        for t in self.quiz.triggers:
            self.section(f"trigger {t.id}", t.learn_section)
            self.section(f"trigger {t.id}", t.tip_section)
        self.unique("question", (q.id for q in self.quiz.questions))
        for q in self.quiz.questions:
            self.question(q)
        first = self.quiz.questions[0]
        if first.ends_quiz_when is None or first.enable_when is not None:
            raise self.fail(
                f"question {first.id}",
                "the first question must be the red-flag screen: always shown, with ends_quiz_when",
            )
        for q in self.quiz.questions:
            for key, cond in (("enable_when", q.enable_when), ("ends_quiz_when", q.ends_quiz_when)):
                if cond is not None:
                    self.condition(f"question {q.id}.{key}", cond)
        self.order_and_cycles()
        self.reachability()
        self.unique("score rule", (s.id for s in self.quiz.score_rules))
        for s in self.quiz.score_rules:
            self.scores(f"score rule {s.id}", s.scores)
            self.condition(f"score rule {s.id}", s.when)
        self.categories()
        self.tests()


def validate(quiz: Quiz) -> None:
    """Raise ContentError (file + id + problem) for the first problem found."""
    _Checker(quiz).run()
