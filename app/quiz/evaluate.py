"""Turn answers into a QuizResult, and a stored ResultRecord back into one.

Total over any answers: hidden or invalid answers are dropped first, so no
answer set can make this raise (property-tested).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.quiz.answers import check_answer
from app.quiz.conditions import describe_answer, explain, holds
from app.quiz.errors import InvalidAnswer
from app.quiz.flow import as_map, ended_early, prune
from app.quiz.model import Answers, Category, Outcome, Quiz, Rule
from app.quiz.result import QuizResult, TriggerResult
from app.records import AnswerValue, ResultRecord, Tier

MEDICINE_CATEGORY = "medicine_note"


def _scores(quiz: Quiz, answers: Mapping[str, AnswerValue]) -> dict[str, tuple[int, list[str]]]:
    totals: dict[str, tuple[int, list[str]]] = {t.id: (0, []) for t in quiz.triggers}

    def add(scores: Iterable[tuple[str, int]], reason: str) -> None:
        for dim, points in scores:
            total, because = totals[dim]
            if points > 0 and reason not in because:
                because.append(reason)
            totals[dim] = (total + points, because)

    for qid, value in answers.items():
        q = quiz.question(qid)
        if q is None:
            continue
        chosen = value if isinstance(value, tuple) else (value,) if isinstance(value, str) else ()
        for c in chosen:
            option = q.option(c)
            if option and option.scores:
                add(option.scores, f"{q.label}: {option.label}")
    for rule in quiz.score_rules:
        if holds(rule.when, answers):
            reasons = explain(quiz, rule.when, answers)
            add(rule.scores, rule.reason or "; ".join(reasons))
    return totals


def _triggers(quiz: Quiz, answers: Mapping[str, AnswerValue]) -> tuple[TriggerResult, ...]:
    totals = _scores(quiz, answers)
    ranked = sorted(
        (i for i, t in enumerate(quiz.triggers) if totals[t.id][0] >= max(t.likely_at, 1)),
        key=lambda i: (-totals[quiz.triggers[i].id][0], i),
    )
    return tuple(
        TriggerResult(
            t.id,
            t.title,
            totals[t.id][0],
            t.why,
            t.tip,
            t.learn_section,
            t.tip_section,
            tuple(totals[t.id][1]),
        )
        for t in (quiz.triggers[i] for i in ranked)
    )


@dataclass(frozen=True)
class _Decision:
    outcome: Outcome
    reasons: tuple[str, ...]
    learn: tuple[str, ...]
    time_frame: str


def _decide(quiz: Quiz, category: Category, answers: Mapping[str, AnswerValue]) -> _Decision:
    """First matching rule decides; reasons come from every matching rule that agrees.

    A rule's own `reason` replaces the lines of its leaves, so a rule that needs many
    facts (self-care) says them in one plain sentence. The soonest time frame wins:
    the first agreeing rule that names one.
    """
    matching: list[Rule] = [r for r in category.rules if r.when is None or holds(r.when, answers)]
    winner = matching[0]  # the validator guarantees a default rule
    reasons: list[str] = []
    learn: list[str] = []
    time_frame: str | None = None
    for rule in matching:
        if rule.outcome != winner.outcome:
            continue
        explained = rule.when is not None and not rule.reason
        found = explain(quiz, rule.when, answers) if rule.when is not None and explained else ()
        reasons.extend(found or ((rule.reason,) if rule.reason else ()))
        learn.extend(rule.learn)
        time_frame = time_frame or rule.time_frame
        if rule.when is None:
            break
    outcome = category.outcome(winner.outcome)
    assert outcome is not None  # checked by the validator
    return _Decision(
        outcome, tuple(dict.fromkeys(reasons)), tuple(learn), time_frame or outcome.time_frame
    )


def summarise(quiz: Quiz, answers: Answers) -> tuple[tuple[str, str], ...]:
    """(question label, answer as shown) for every answer, for a 'Your answers' list."""
    lines = []
    for qid, value in answers:
        q = quiz.question(qid)
        if q is not None:
            lines.append((q.label, describe_answer(q, value)))
    return tuple(lines)


def evaluate(quiz: Quiz, answers: Mapping[str, AnswerValue] | Answers) -> QuizResult:
    """The result for these answers; answers to questions that are hidden are ignored."""
    kept = prune(quiz, as_map(answers))
    given = dict(kept)
    decided = {c.id: _decide(quiz, c, given) for c in quiz.categories}
    chosen = decided["tier"]
    tier, reasons, learn = chosen.outcome, chosen.reasons, chosen.learn
    notes = tuple(
        (cid, d.outcome.text) for cid, d in decided.items() if cid != "tier" and d.outcome.text
    )
    habits: list[str] = []
    for d in decided.values():
        habits.extend(d.outcome.habits)
    return QuizResult(
        quiz_id=quiz.id,
        quiz_version=quiz.version,
        tier=_tier(tier.id),
        tier_title=tier.title,
        tier_badge=tier.badge,
        tier_text=tier.text,
        next_steps=tier.next_steps,
        if_worse=tier.if_worse,
        attribution=tier.attribution,
        not_a_diagnosis=quiz.not_a_diagnosis,
        reasons=reasons,
        triggers=_triggers(quiz, given),
        notes=tuple(text for _, text in notes),
        medicine_note=dict(notes).get(MEDICINE_CATEGORY),
        suggested_habits=tuple(dict.fromkeys(habits)),
        learn_sections=tuple(dict.fromkeys((quiz.always_learn, *learn))),
        outcomes=tuple((cid, d.outcome.id) for cid, d in decided.items()),
        answers=kept,
        answer_summary=summarise(quiz, kept),
        ended_early=ended_early(quiz, given),
        time_frame=chosen.time_frame,
        time_frame_label=quiz.time_frame_label,
        triggers_label=quiz.triggers_label,
        signs=tier.signs,
    )


def _tier(value: str) -> Tier:
    for tier in ("emergency", "doctor_soon", "doctor_if_persists", "self_care"):
        if tier == value:
            return tier
    raise ValueError(value)  # unreachable: the validator pins the tier outcomes


def _usable_answers(quiz: Quiz, record: ResultRecord) -> dict[str, AnswerValue]:
    """The stored answers that still fit the quiz (questions may change with content)."""
    usable: dict[str, AnswerValue] = {}
    for qid, value in record.answers:
        q = quiz.question(qid)
        if q is None:
            continue
        try:
            usable[qid] = check_answer(q, value)
        except InvalidAnswer:
            continue
    return usable


def _told_triggers(quiz: Quiz, record: ResultRecord, fresh: QuizResult) -> list[TriggerResult]:
    """The triggers the person was told about, with today's texts where they still exist."""
    computed = {t.id: t for t in fresh.triggers}
    triggers = []
    for tid in record.triggers:
        known = quiz.trigger(tid)
        if known is not None:
            triggers.append(
                computed.get(tid)
                or TriggerResult(
                    tid,
                    known.title,
                    0,
                    known.why,
                    known.tip,
                    known.learn_section,
                    known.tip_section,
                )
            )
    return triggers


def explain_record(quiz: Quiz, record: ResultRecord) -> QuizResult:
    """Rebuild the full result for History from a stored record.

    The record's tier, triggers, reasons and habits are what the person was
    told, so they win; texts come from the current quiz. Answers that no longer
    fit the quiz (after a content update) are left out of the recomputed parts.
    """
    fresh = evaluate(quiz, _usable_answers(quiz, record))
    tier_category = quiz.category("tier")
    tier = tier_category.outcome(record.tier) if tier_category else None
    assert tier is not None  # every quiz defines all four tiers
    triggers = _told_triggers(quiz, record, fresh)
    same = (record.quiz_id, record.quiz_version) == (quiz.id, quiz.version)
    learn = fresh.learn_sections if fresh.tier == record.tier else (quiz.always_learn,)
    return QuizResult(
        quiz_id=record.quiz_id,
        quiz_version=record.quiz_version,
        tier=record.tier,
        tier_title=tier.title,
        tier_badge=tier.badge,
        tier_text=tier.text,
        next_steps=tier.next_steps,
        if_worse=tier.if_worse,
        attribution=tier.attribution,
        not_a_diagnosis=quiz.not_a_diagnosis,
        reasons=record.reasons,
        triggers=tuple(triggers),
        notes=fresh.notes,
        medicine_note=fresh.medicine_note,
        suggested_habits=record.suggested_habits,
        learn_sections=learn,
        outcomes=(("tier", record.tier), *((c, o) for c, o in fresh.outcomes if c != "tier")),
        answers=record.answers,
        answer_summary=summarise(quiz, record.answers),
        ended_early=fresh.ended_early,
        same_quiz_version=same,
        time_frame=fresh.time_frame if fresh.tier == record.tier else tier.time_frame,
        time_frame_label=quiz.time_frame_label,
        triggers_label=quiz.triggers_label,
        signs=tier.signs,
    )
