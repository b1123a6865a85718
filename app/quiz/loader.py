"""Read content/quiz.toml into the typed model, then validate it.

Parsing is strict (unknown keys and wrong types are errors) so a typo in the
content file fails at start-up with the file and the id, not later on a screen.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.errors import ContentError
from app.quiz.model import (
    QUESTION_TYPES,
    Category,
    Option,
    Outcome,
    Question,
    Quiz,
    Rule,
    ScoreRule,
    TestCase,
    Trigger,
)
from app.quiz.reader import TableReader, opt_condition, parse_condition
from app.quiz.validator import validate
from app.records import AnswerValue

DEFAULT_QUIZ_PATH = Path(__file__).resolve().parent.parent.parent / "content" / "quiz.toml"
YESNO_OPTIONS = (Option("yes", "Yes"), Option("no", "No"), Option("not_sure", "Not sure"))


QUESTION_KEYS = (
    "id",
    "text",
    "label",
    "help",
    "type",
    "options",
    "unit",
    "min",
    "max",
    "step",
    "integer",
    "enable_when",
    "ends_quiz_when",
)


def _options(file: str, r: TableReader, qtype: str) -> tuple[Option, ...]:
    """A question's options: fixed for yes/no, listed for single and multi, none for numbers."""
    if qtype == "yesno":
        if "options" in r.table:
            raise r.fail(
                "yes/no questions have fixed options; score them with score_rules", "options"
            )
        return YESNO_OPTIONS
    if qtype in ("single", "multi"):
        opts = []
        for i, raw_opt in enumerate(r.tables("options", required=True)):
            o = TableReader(file, f"{r.where}.options[{i}]", raw_opt)
            o.only("value", "label", "scores", "exclusive")
            opts.append(
                Option(o.text("value"), o.text("label"), o.scores("scores"), o.flag("exclusive"))
            )
        return tuple(opts)
    if "options" in r.table:
        raise r.fail("number questions have no options", "options")
    return ()


def _question(file: str, raw: Any, index: int) -> Question:
    r = TableReader(file, f"question #{index + 1}", raw)
    qid = r.text("id")
    r.where = f"question {qid}"
    r.only(*QUESTION_KEYS)
    qtype = r.text("type")
    if qtype not in QUESTION_TYPES:
        raise r.fail(f"type must be one of {', '.join(QUESTION_TYPES)}", "type")
    options = _options(file, r, qtype)
    text = r.text("text")
    return Question(
        id=qid,
        text=text,
        type=qtype,
        label=r.opt_text("label") or text,
        help=r.opt_text("help"),
        options=options,
        unit=r.opt_text("unit"),
        min=r.number("min"),
        max=r.number("max"),
        step=r.number("step"),
        integer=r.flag("integer"),
        enable_when=opt_condition(file, r.where, r, "enable_when"),
        ends_quiz_when=opt_condition(file, r.where, r, "ends_quiz_when"),
    )


OUTCOME_KEYS = (
    "id",
    "title",
    "badge",
    "text",
    "next_steps",
    "if_worse",
    "attribution",
    "habits",
    "time_frame",
    "signs",
)


def _outcome(file: str, where: str, raw: Any) -> Outcome:
    o = TableReader(file, f"{where} outcome", raw)
    oid = o.text("id")
    o.where = f"{where} outcome {oid}"
    o.only(*OUTCOME_KEYS)
    return Outcome(
        oid,
        o.text("title", ""),
        o.text("badge", ""),
        o.text("text", ""),
        o.texts("next_steps"),
        o.texts("if_worse"),
        o.text("attribution", ""),
        o.texts("habits"),
        o.text("time_frame", ""),
        o.texts("signs"),
    )


def _rule(file: str, where: str, raw: Any) -> Rule:
    u = TableReader(file, f"{where} rule", raw)
    rid = u.text("id")
    u.where = f"{where} rule {rid}"
    u.only("id", "outcome", "when", "reason", "learn", "time_frame")
    return Rule(
        rid,
        u.text("outcome"),
        opt_condition(file, u.where, u, "when"),
        u.opt_text("reason"),
        u.texts("learn"),
        u.opt_text("time_frame"),
    )


def _category(file: str, raw: Any) -> Category:
    r = TableReader(file, "category", raw)
    cid = r.text("id")
    r.where = f"category {cid}"
    r.only("id", "title", "outcomes", "rules")
    outcomes = tuple(_outcome(file, r.where, o) for o in r.tables("outcomes", required=True))
    rules = tuple(_rule(file, r.where, u) for u in r.tables("rules", required=True))
    return Category(cid, r.text("title", ""), outcomes, rules)


def _answer_value(r: TableReader, key: str, raw: Any) -> AnswerValue:
    if isinstance(raw, str):
        return raw
    if isinstance(raw, list) and all(isinstance(v, str) for v in raw):
        return tuple(raw)
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return float(raw)
    raise r.fail("must be an option value, a list of option values or a number", key)


def _test(file: str, raw: Any, earlier: Mapping[str, TestCase]) -> TestCase:
    """`based_on` copies an earlier case's answers, so a case lists only what differs."""
    r = TableReader(file, "test", raw)
    tid = r.text("id")
    r.where = f"test {tid}"
    r.only("id", "based_on", "answers", "expect", "expect_triggers", "expect_habits")
    answers = TableReader(file, f"{r.where}.answers", r.table.get("answers", {}))
    expect = TableReader(file, f"{r.where}.expect", r.table.get("expect"))
    base: dict[str, AnswerValue] = {}
    if "based_on" in r.table:
        parent = earlier.get(r.text("based_on"))
        if parent is None:
            raise r.fail(f"names unknown or later test {r.table['based_on']!r}", "based_on")
        base = dict(parent.answers)
    base.update((str(k), _answer_value(answers, k, v)) for k, v in answers.table.items())
    pairs = tuple(base.items())
    wanted = tuple((str(k), expect.text(k)) for k in expect.table)
    return TestCase(
        tid,
        pairs,
        wanted,
        r.texts("expect_triggers") if "expect_triggers" in r.table else None,
        r.texts("expect_habits") if "expect_habits" in r.table else None,
    )


def _tests(file: str, raws: list[Any]) -> tuple[TestCase, ...]:
    done: dict[str, TestCase] = {}
    for raw in raws:
        case = _test(file, raw, done)
        if case.id in done:
            raise ContentError(file, f"test {case.id}", f"id {case.id!r} is used more than once")
        done[case.id] = case
    return tuple(done.values())


def _trigger(file: str, raw: Any) -> Trigger:
    t = TableReader(file, "trigger", raw)
    t.where = f"trigger {t.text('id')}"
    t.only("id", "title", "why", "tip", "learn_section", "tip_section", "likely_at")
    likely = t.number("likely_at")
    return Trigger(
        t.text("id"),
        t.text("title"),
        t.text("why"),
        t.text("tip"),
        t.text("learn_section"),
        t.text("tip_section"),
        int(likely) if likely is not None else 1,
    )


def _score_rule(file: str, raw: Any) -> ScoreRule:
    s = TableReader(file, "score rule", raw)
    s.where = f"score rule {s.text('id')}"
    s.only("id", "when", "scores", "reason")
    if "when" not in s.table:
        raise s.fail("is required", "when")
    return ScoreRule(
        s.text("id"),
        parse_condition(file, f"{s.where}.when", s.table["when"]),
        s.scores("scores"),
        s.opt_text("reason"),
    )


def parse_quiz(data: Mapping[str, Any], file: str) -> Quiz:
    """Build and validate a quiz from already-parsed TOML; pure, for tests and Pyodide."""
    top = TableReader(file, "top level", dict(data))
    top.only("quiz", "questions", "triggers", "score_rules", "categories", "tests")
    meta = TableReader(file, "quiz", data.get("quiz"))
    meta.only(
        "id",
        "version",
        "title",
        "intro",
        "not_a_diagnosis",
        "always_learn",
        "time_frame_label",
        "triggers_label",
    )
    triggers = [_trigger(file, raw) for raw in top.tables("triggers")]
    score_rules = [_score_rule(file, raw) for raw in top.tables("score_rules")]
    quiz = Quiz(
        id=meta.text("id"),
        version=meta.text("version"),
        title=meta.text("title"),
        intro=meta.text("intro", ""),
        not_a_diagnosis=meta.text("not_a_diagnosis"),
        always_learn=meta.text("always_learn"),
        time_frame_label=meta.text("time_frame_label"),
        triggers_label=meta.text("triggers_label"),
        questions=tuple(_question(file, q, i) for i, q in enumerate(top.tables("questions", True))),
        triggers=tuple(triggers),
        score_rules=tuple(score_rules),
        categories=tuple(_category(file, c) for c in top.tables("categories", True)),
        tests=_tests(file, top.tables("tests")),
        file=file,
    )
    validate(quiz)
    return quiz


def load_quiz(path: Path = DEFAULT_QUIZ_PATH) -> Quiz:
    """The only I/O in the quiz package: read one TOML file and return a checked quiz."""
    file = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ContentError(file, "file", f"cannot be read ({exc.strerror or exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(file, "toml", f"is not valid TOML ({exc})") from exc
    except UnicodeDecodeError as exc:
        raise ContentError(file, "file", "is not UTF-8 text") from exc
    return parse_quiz(data, file)
