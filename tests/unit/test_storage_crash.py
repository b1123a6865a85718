"""Crash safety: a writer process is SIGKILLed at random moments, 200 times.

After every kill the folder must open with no repairs needed, every write the
writer acknowledged must be there, and a batch must be all there or not at all.
(SIGKILL cannot simulate a power cut: the page cache survives. The fsyncs that
cover that case are in the code, see app/storage/files.py.)
"""

from __future__ import annotations

import dataclasses
import os
import random
import signal
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import BinaryIO

import pytest

from app.records import DiaryEntry, DrinkLog
from app.storage import Store
from tests.unit.storage_fixtures.factories import PLUS1, FakeClock, result

KILLS = 200
BASE = datetime(2026, 10, 20, 8, 0, tzinfo=PLUS1)

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")


def _clock(i: int) -> FakeClock:
    return FakeClock(datetime(2026, 11, 1, tzinfo=UTC) + timedelta(hours=3 * i))


def _writer(folder: Path, out: int, i: int) -> None:
    """Runs in the child: write forever, acknowledging each finished write on `out`."""
    store = Store.open(folder, clock=_clock(i))
    os.write(out, b"ready\n")
    rng = random.Random(i)
    for n in range(10**6):
        key = f"{i}-{n}"
        at = BASE + timedelta(minutes=rng.randrange(60 * 24 * 60))  # two months: 2-3 files
        pick = rng.random()
        if pick < 0.6:
            store.drinks.add(DrinkLog(f"d{key}", at, 1 + rng.randrange(900)))
            os.write(out, f"d d{key}\n".encode())
        elif pick < 0.8:
            store.results.add(dataclasses.replace(result(0), id=f"r{key}", taken_at=at))
            os.write(out, f"r r{key}\n".encode())
        else:
            ids = [f"b{key}-{k}" for k in range(3)]
            day = date(2020, 1, 1) + timedelta(days=i * 1000 + n)
            os.write(out, f"begin {','.join(ids)} {day}\n".encode())
            with store.transaction():
                for k, drink_id in enumerate(ids):
                    store.drinks.add(DrinkLog(drink_id, at + timedelta(seconds=k), 100))
                store.diary.upsert(DiaryEntry(day, "mild", 1, "low", key))
            os.write(out, f"b {','.join(ids)} {day}\n".encode())


# Every tenth kill waits for an acknowledged batch, and another for a result, so the
# final check that both were exercised does not depend on the machine's speed.
SURE = {0: b"b ", 5: b"r "}


def _read_until(pipe: BinaryIO, prefix: bytes) -> bytes:
    """Read acknowledgements until one starts with `prefix` (the writer never stops)."""
    head = b""
    while True:
        line = pipe.readline()
        head += line
        if line.startswith(prefix) or not line:
            return head


def _run_and_kill(folder: Path, i: int, rng: random.Random) -> list[str]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        try:
            os.close(read_end)
            _writer(folder, write_end, i)
        finally:
            os._exit(0)
    os.close(write_end)
    head = b""
    with os.fdopen(read_end, "rb", buffering=0) as pipe:
        if i % 10 in SURE:  # wait for a finished batch or result, however slow the machine
            head = _read_until(pipe, SURE[i % 10])
            time.sleep(rng.uniform(0, 0.015))
        elif rng.random() < 0.2:
            time.sleep(rng.uniform(0, 0.03))  # may land while opening (replay, backup)
        else:  # wait for some acknowledged writes (1 to 12), then kill somewhere after
            # (a count, not a time: how many writes fit in a few ms depends on the load)
            head = b"".join(pipe.readline() for _ in range(1 + rng.randrange(1, 13)))
            time.sleep(rng.uniform(0, 0.015))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        lines = (head + pipe.read()).decode().split("\n")
    return [line for line in lines[:-1] if line != "ready"]  # last piece may be cut off


def test_sigkill_at_random_moments_never_loses_an_acknowledged_write(tmp_path: Path) -> None:
    rng = random.Random(20261124)
    drinks: set[str] = set()
    results: set[str] = set()
    batches: list[tuple[list[str], date]] = []
    writes = 0
    for i in range(KILLS):
        lines = _run_and_kill(tmp_path, i, rng)
        in_flight: tuple[list[str], date] | None = None
        for line in lines:
            kind, _, rest = line.partition(" ")
            if kind == "d":
                drinks.add(rest)
            elif kind == "r":
                results.add(rest)
            elif kind in ("begin", "b"):
                ids, day = rest.split(" ")
                entry = (ids.split(","), date.fromisoformat(day))
                in_flight = entry if kind == "begin" else None
                if kind == "b":
                    batches.append(entry)
                    drinks.update(entry[0])
            writes += 1

        store = Store.open(tmp_path, clock=_clock(i))
        assert store.notices == (), f"kill {i}: {store.notices}"
        snap = store.snapshot()
        present = {d.id for d in snap.drinks}
        assert drinks <= present, f"kill {i}: lost {sorted(drinks - present)[:5]}"
        assert results <= {r.id for r in snap.results}, f"kill {i}: lost a result"
        assert len(store.results.list()) == len(snap.results), f"kill {i}: index out of step"
        if in_flight is not None:  # the batch being written when killed: all or nothing
            ids, day = in_flight
            found = [drink_id in present for drink_id in ids]
            diary = store.diary.get(day)
            assert all(found) == (diary is not None) and (all(found) or not any(found)), (
                f"kill {i}: half a batch {found} diary={diary}"
            )
        store.close()  # one process per folder: the next writer needs it
    assert writes > KILLS // 2  # the writer really was interrupted mid-stream, many times
    assert batches and results
