"""One process per data folder: a second one is refused at start, and nothing is lost.

The first process is a real one (a Python subprocess writing drinks and acknowledging
each on stdout); the second is this test process, and then `python main.py` itself.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.config import ROOT
from app.storage import FolderInUseError, StorageError, Store
from tests.unit.storage_fixtures.factories import FakeClock

WRITER = """
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from app.records import DrinkLog
from app.storage import Store
store = Store.open(Path(sys.argv[1]), clock=lambda: datetime(2026, 11, 24, 10, tzinfo=UTC))
print("ready", flush=True)
start = datetime(2026, 11, 1, 7, tzinfo=UTC)
for n in range(10**6):
    store.drinks.add(DrinkLog(f"w{n}", start + timedelta(minutes=n), 100))
    print(f"w{n}", flush=True)
"""


@contextmanager
def writer(folder: Path) -> Iterator[subprocess.Popen[str]]:
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(folder)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
        yield proc
    finally:
        proc.kill()
        proc.wait()


def test_a_second_process_is_refused_and_nothing_is_lost(tmp_path: Path) -> None:
    with writer(tmp_path) as first:
        assert first.stdout is not None
        acked = [first.stdout.readline().strip() for _ in range(20)]
        with pytest.raises(FolderInUseError) as refused:
            Store.open(tmp_path, clock=FakeClock())
        message = str(refused.value)
        assert str(tmp_path.resolve()) in message and "already running" in message
        acked += [first.stdout.readline().strip() for _ in range(20)]  # still writing
        first.send_signal(signal.SIGKILL)
        first.wait()
        acked += [line.strip() for line in first.stdout if line.endswith("\n")]
    store = Store.open(tmp_path, clock=FakeClock())  # the kernel dropped the lock
    assert store.notices == ()
    saved = {d.id for d in store.snapshot().drinks}
    assert set(acked) <= saved and len(acked) >= 40


def test_the_app_itself_refuses_to_start_a_second_time(tmp_path: Path) -> None:
    with writer(tmp_path):
        env = {**os.environ, "LIPCHECK_DATA_DIR": str(tmp_path), "LIPCHECK_PORT": "18551"}
        second = subprocess.run(
            [sys.executable, "main.py"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert second.returncode == 1
    assert "already running" in second.stderr and str(tmp_path.resolve()) in second.stderr
    assert "Traceback" not in second.stderr + second.stdout


def test_one_process_shares_the_folder_and_a_closed_store_lets_it_go(tmp_path: Path) -> None:
    a = Store.open(tmp_path, clock=FakeClock())
    b = Store.open(tmp_path, clock=FakeClock())  # same process: sessions share it
    a.close()
    b.close()
    with writer(tmp_path) as first:  # another process can have it now
        assert first.poll() is None
    with pytest.raises(StorageError, match="closed"):
        a.settings.get_app()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_child_does_not_inherit_the_folder(tmp_path: Path) -> None:
    store = Store.open(tmp_path, clock=FakeClock())
    pid = os.fork()
    if pid == 0:  # child: must be refused, as any other process
        try:
            Store.open(tmp_path, clock=FakeClock())
        except FolderInUseError:
            os._exit(7)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 7
    store.settings.get_app()  # the parent still has it
