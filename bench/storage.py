"""Storage benchmark at five years of daily use (run: python -m bench.storage).

Builds 20,000 drinks + 1,826 sleep logs + 1,826 diary entries + 2,000 results in a
temp folder (through import_json, so every record is validated), then prints
medians (import_ms: importing that 5-year backup). For comparison it times the same
single-drink insert in a plain TinyDB file (default JSONStorage) holding 20,000 docs.
The last line is machine-readable.
"""

from __future__ import annotations

import dataclasses
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from tinydb import TinyDB

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.records import DrinkLog  # noqa: E402
from app.storage import Store  # noqa: E402

TODAY = date(2026, 11, 24)
DAYS = 5 * 365 + 1
DRINKS, RESULTS = 20_000, 2_000
TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def clock() -> datetime:
    return NOW


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def five_years() -> str:
    first = TODAY - timedelta(days=DAYS - 1)
    drinks, results, sleep, diary = [], [], [], []
    for n in range(DRINKS):
        day = first + timedelta(days=n * DAYS // DRINKS)
        at = datetime(day.year, day.month, day.day, 7, tzinfo=TZ) + timedelta(
            minutes=(n * 53) % 900
        )
        drinks.append({"id": f"d{n}", "at": at.isoformat(), "ml": 150 + (n % 4) * 100})
    for n in range(DAYS):
        day = first + timedelta(days=n)
        sleep.append(
            {
                "night": day.isoformat(),
                "hours": 6 + (n % 5) * 0.5,
                "bed": "23:00:00",
                "wake": "06:30:00",
            }
        )
        diary.append(
            {
                "day": day.isoformat(),
                "twitch": ("none", "mild", "strong")[n % 3],
                "caffeine_cups": n % 6,
                "stress": ("low", "medium", "high")[n % 3],
                "notes": "Busy day, slept late." if n % 4 == 0 else "",
            }
        )
    for n in range(RESULTS):
        day = first + timedelta(days=n * DAYS // RESULTS)
        results.append(
            {
                "id": f"r{n}",
                "taken_at": f"{day.isoformat()}T20:00:00+01:00",
                "quiz_id": "lip-twitch",
                "quiz_version": "1",
                "tier": ("self_care", "doctor_if_persists", "doctor_soon", "emergency")[n % 4],
                "triggers": ["caffeine", "stress", "sleep", "screens"][: 1 + n % 4],
                "reasons": ["It comes and goes.", "Nothing else is wrong."],
                "answers": [
                    ["duration", "days"],
                    ["cups", 3.0],
                    ["where", ["upper lip"]],
                    ["stress", "high"],
                    ["sleep_hours", 6.5],
                    ["spread", "no"],
                ],
                "suggested_habits": ["water", "sleep"],
            }
        )
    settings = json.loads(Store.open(Path(tempfile.mkdtemp()), clock=clock).export_json())
    return json.dumps(
        {
            "format": "lip-twitch-check-backup",
            "format_version": 2,
            "settings": settings["settings"],
            "results": results,
            "drinks": drinks,
            "sleep": sleep,
            "diary": diary,
        }
    )


def plain_tinydb_ms(folder: Path, runs: int) -> float:
    db = TinyDB(folder / "plain.json")
    db.insert_multiple(
        {"id": f"d{n}", "at": "2026-11-24T08:00:00+01:00", "ml": 250} for n in range(DRINKS)
    )
    counter = iter(range(10**9))
    ms = median_ms(
        lambda: db.insert(
            {"id": f"x{next(counter)}", "at": "2026-11-24T08:00:00+01:00", "ml": 250}
        ),
        runs,
    )
    db.close()
    return ms


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        backup = five_years()
        print(f"5-year backup: {len(backup) / 1e6:.2f} MB")
        imports = []
        for run in range(3):  # import into a fresh folder each time; the last one is kept
            store = Store.open(root if run == 2 else Path(tmp) / f"other{run}", clock=clock)
            start = time.perf_counter()
            snap = store.import_json(backup)
            imports.append((time.perf_counter() - start) * 1000)
        import_ms = statistics.median(imports)
        kinds = ("results", "drinks", "sleep", "diary")
        counts = ", ".join(f"{len(getattr(snap, k))} {k}" for k in kinds)
        print(f"built: {counts}; import (median of 3): {import_ms:.0f} ms")
        size = sum(p.stat().st_size for p in root.rglob("*.json") if "backups" not in p.parts)
        print(
            f"data folder: {size / 1e6:.2f} MB in "
            f"{sum(1 for _ in root.rglob('*.json') if 'backups' not in _.parts)} files"
        )

        first_open = median_ms(lambda: Store.open(root, clock=clock), 1)
        open_ms = median_ms(lambda: Store.open(root, clock=clock), 15)
        print(f"open (first of the day, takes the backup): {first_open:.3f} ms")
        print(f"open (median of 15): {open_ms:.3f} ms")

        cold: list[float] = []
        for _ in range(15):
            s = Store.open(root, clock=clock)
            s._forget()  # drop any file open already read: time the file reads too
            start = time.perf_counter()
            rows = s.results.list()
            cold.append((time.perf_counter() - start) * 1000)
        history_ms = statistics.median(cold)
        # The newest Store of a folder is the one that saves (Store._take_over).
        fresh = Store.open(root, clock=clock)
        today_ms = median_ms(lambda: fresh.drinks.total_ml(TODAY), 50)
        week_ms = median_ms(
            lambda: fresh.drinks.daily_totals(TODAY - timedelta(days=29), TODAY), 20
        )
        print(
            f"today's total (after open): {today_ms:.3f} ms; last 30 days totals: {week_ms:.3f} ms"
        )

        warm = median_ms(lambda: fresh.results.list(), 15)
        print(
            f"history list of {len(rows)} rows: {history_ms:.3f} ms from the file, "
            f"{warm:.3f} ms cached"
        )

        counter = iter(range(10**9))
        log_drink_ms = median_ms(
            lambda: fresh.drinks.add(
                DrinkLog(f"bench{next(counter)}", datetime(2026, 11, 24, 9, tzinfo=TZ), 250)
            ),
            200,
        )
        print(f"log one drink (median of 200): {log_drink_ms:.3f} ms")
        undo_ms = median_ms(lambda: fresh.drinks.remove(f"bench{next(counter) - 201}"), 20)
        print(f"undo one drink: {undo_ms:.3f} ms")
        rec = fresh.results.get("r1999")
        assert rec is not None
        n = iter(range(10**9))
        add_result = median_ms(
            lambda: fresh.results.add(dataclasses.replace(rec, id=f"new{next(n)}")), 20
        )
        print(f"add one result (its month file): {add_result:.3f} ms")

        plain = plain_tinydb_ms(Path(tmp), 30)
        print(f"plain TinyDB insert at {DRINKS} docs (median of 30): {plain:.3f} ms")
        print(
            f"log_drink_ms={log_drink_ms:.3f} plain_tinydb_ms={plain:.3f} "
            f"ratio={log_drink_ms / plain:.3f} open_ms={open_ms:.3f} history_ms={history_ms:.3f} "
            f"import_ms={import_ms:.0f}"
        )


if __name__ == "__main__":
    main()
