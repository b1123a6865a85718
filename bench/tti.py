"""Time until Home is interactive, against a hello-world Flet page served the same way.

Both are served with no CDN on loopback and opened in the same Chromium, in
the same run, alternating, so the ratio cancels out the machine's speed.
Last line: `home_tti_s=<x> hello_tti_s=<y> ratio=<x/y>`.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.browser import (  # noqa: E402
    Guard,
    Server,
    enable_semantics,
    free_port,
    launch,
    new_context,
    wait_http,
    wait_text,
)

HELLO = """
import flet as ft, sys
def main(page: ft.Page):
    page.add(ft.Text("Hello, world"), ft.Button("Add one"))
ft.run(main, view=ft.AppView.WEB_BROWSER, host="127.0.0.1", port=int(sys.argv[1]), no_cdn=True)
"""
RUNS = 5


def tti(browser: Browser, url: str, marker: str) -> float:
    """Seconds from navigation until `marker` is on screen and semantics are on."""
    guard = Guard()
    context = new_context(browser, guard)
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    enable_semantics(page)
    wait_text(page, marker, timeout=60)
    elapsed = time.perf_counter() - start
    context.close()
    if guard.external:
        raise SystemExit(f"outside requests from {url}: {guard.external}")
    return elapsed


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        hello_py = Path(tmp) / "hello.py"
        hello_py.write_text(HELLO)
        port = free_port()
        hello = subprocess.Popen(
            [sys.executable, str(hello_py), str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        app = Server(data_dir=Path(tmp) / "data").start()
        try:
            hello_url = f"http://127.0.0.1:{port}/"
            wait_http(hello_url)
            browser = launch(pw)
            tti(browser, app.url + "/", "Is your lip twitching?")  # warm both servers once
            tti(browser, hello_url, "Hello, world")
            home, base = [], []
            for _ in range(RUNS):
                home.append(tti(browser, app.url + "/", "Is your lip twitching?"))
                base.append(tti(browser, hello_url, "Hello, world"))
            browser.close()
        finally:
            app.stop()
            hello.terminate()
            hello.wait()
    h, b = statistics.median(home), statistics.median(base)
    print(f"home runs: {[round(x, 3) for x in home]}")
    print(f"hello runs: {[round(x, 3) for x in base]}")
    print(f"home_tti_s={h:.3f} hello_tti_s={b:.3f} ratio={h / b:.3f}")


if __name__ == "__main__":
    main()
