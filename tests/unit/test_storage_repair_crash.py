"""A crash at any step of a repair loses nothing and hides nothing.

A forked child opens a damaged folder and is SIGKILLed just before its k-th durable
step (a rename, a hard link or an fsync), for k = 1, 2, ... until a child gets
through. After each kill the folder must open with everything the backup holds, and
the user must be told about the damaged file (by the notice the child left on disk,
or by the repair this open does).
"""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from app.storage import Store
from tests.unit.storage_fixtures.factories import FakeClock, fill, open_store

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")
DAY1 = datetime(2026, 11, 24, 10, tzinfo=UTC)
STEPS = ("replace", "link", "fsync", "rename", "unlink")


def _kill_at(k: int) -> None:
    """In the child: die (SIGKILL, no clean-up at all) just before the k-th step."""
    count = [0]

    def wrap(name: str) -> None:
        real: Callable[..., Any] = getattr(os, name)

        def step(*args: Any, **kwargs: Any) -> Any:
            count[0] += 1
            if count[0] == k:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)

        setattr(os, name, step)

    for name in STEPS:
        wrap(name)


def _child(root: Path, k: int, clock: FakeClock) -> bool:
    """True if the child was killed (False: it got through the whole open)."""
    pid = os.fork()
    if pid == 0:
        try:
            _kill_at(k)
            store = Store.open(root, clock=clock)
            store.snapshot()
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.WIFSIGNALED(status)


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:40])


def _directory(path: Path) -> None:
    path.unlink()
    path.mkdir()


@pytest.mark.parametrize(
    ("rel", "damage"),
    [
        ("drinks/2025-12.json", _truncate),  # an old month: repaired by the daily backup
        ("drinks/2026-11.json", _truncate),  # this month: repaired when opened
        ("settings.json", lambda p: p.unlink()),
        ("sleep/2025.json", _directory),
        ("meta.json", _truncate),
    ],
    ids=["old-month", "this-month", "settings-deleted", "year-is-a-folder", "meta"],
)
def test_a_crash_at_any_step_of_a_repair_loses_nothing(
    tmp_path: Path, rel: str, damage: Callable[[Path], None]
) -> None:
    template = tmp_path / "template"
    clock = FakeClock(DAY1)
    fill(open_store(template, clock))
    clock.advance(days=1)
    full = open_store(template, clock).snapshot()  # and the day's backup
    clock.advance(days=1)
    damage(template / rel)

    k = 0
    while True:
        k += 1
        assert k < 500, "the open never finished"
        root = tmp_path / f"run{k}"
        shutil.copytree(template, root, symlinks=True)
        killed = _child(root, k, clock)
        store = open_store(root, clock)
        assert store.snapshot() == full, f"step {k}: data lost"
        assert any(n.file == root / rel for n in store.notices), f"step {k}: not told"
        store.close()
        shutil.rmtree(root)
        if not killed:
            break
    assert k > 5  # the repair really was cut at many points
