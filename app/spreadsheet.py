"""The CSV export: every saved record as spreadsheet rows (one file per kind).

Pure formatting of records (no files, no storage format); Store.export_csv feeds it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from app.records import DiaryEntry, DrinkLog, ResultRecord, SleepLog

RESULT_COLUMNS = "id taken_at quiz_id quiz_version tier triggers reasons suggested_habits answers"


def cell(value: object) -> str:
    """Text for a spreadsheet cell; a leading = + - @ is defused so it is not run as a formula."""
    if value is None:
        return ""
    out = value.isoformat() if isinstance(value, (date, datetime)) else str(value)
    return "'" + out if out[:1] in ("=", "+", "-", "@", "\t", "\r") else out


def table(header: str, rows: Iterable[Sequence[object]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header.split())
    writer.writerows([cell(v) for v in row] for row in rows)
    return buf.getvalue()


def _result_row(r: ResultRecord) -> tuple[object, ...]:
    answers = [[q, list(v) if isinstance(v, tuple) else v] for q, v in r.answers]
    lists = ("; ".join(r.triggers), "; ".join(r.reasons), "; ".join(r.suggested_habits))
    return (
        r.id,
        r.taken_at,
        r.quiz_id,
        r.quiz_version,
        r.tier,
        *lists,
        json.dumps(answers, ensure_ascii=False),
    )


def export_csv(snapshot: Any) -> dict[str, str]:
    """results.csv, drinks.csv, sleep.csv, diary.csv (file name -> CSV text)."""
    drinks: tuple[DrinkLog, ...] = snapshot.drinks
    sleep: tuple[SleepLog, ...] = snapshot.sleep
    diary: tuple[DiaryEntry, ...] = snapshot.diary
    return {
        "results.csv": table(RESULT_COLUMNS, map(_result_row, snapshot.results)),
        "drinks.csv": table("id at day ml", ((d.id, d.at, d.at.date(), d.ml) for d in drinks)),
        "sleep.csv": table(
            "night hours bed wake", ((s.night, s.hours, s.bed, s.wake) for s in sleep)
        ),
        "diary.csv": table(
            "day twitch caffeine_cups stress notes",
            ((e.day, e.twitch, e.caffeine_cups, e.stress, e.notes) for e in diary),
        ),
    }
