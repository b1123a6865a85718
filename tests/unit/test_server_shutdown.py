"""Ctrl+C on `python main.py` while the page's notification poll is open: the poll is
answered and the server stops cleanly, with no traceback (it used to cancel the poll
after the grace period and log `CancelledError` in the ASGI application)."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from app.server.client import FEED_PATH

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_up(url: str, proc: subprocess.Popen[str]) -> None:
    for _ in range(600):  # a hang guard, not a timing check
        assert proc.poll() is None, proc.communicate()
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("the server never answered")


def test_ctrl_c_answers_the_open_poll_and_stops_without_a_traceback(tmp_path: Path) -> None:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "main.py", "--port", str(port), "--data-dir", str(tmp_path)]
    proc = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        _wait_up(base + "/", proc)
        answers: list[bytes] = []

        def poll() -> None:
            with urllib.request.urlopen(base + FEED_PATH, timeout=60) as reply:
                answers.append(reply.read())

        poller = threading.Thread(target=poll)
        poller.start()
        time.sleep(2)  # the poll reaches the server and waits there (it waits 25 s)
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=60)
        poller.join(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0, stderr
    assert answers == [b'{"messages":[],"keep":[]}']
    assert "Traceback" not in stderr and "CancelledError" not in stderr, stderr

