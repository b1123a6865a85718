"""The offline web build against a hello-world Flet app built and served the same way.

Both sites are built by tools/build_web.py (same patching, same service worker),
served by a plain static server on loopback, and opened alternately in fresh
Chromium profiles in the same run, so the ratio cancels the machine's speed.
For each: seconds from navigation to interactive (text on screen, semantics on)
on a first visit, which includes the service worker's download of the offline
copy, and the bytes the server sent. For the app also: the reload with the
network off. precache_mb is what the worker downloads for the offline copy.
Last line: `first_load_s=<x> hello_first_load_s=<y> ratio=<x/y> offline_reload_s=<z>
precache_mb=<m>` (medians).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Playwright, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.browser import enable_semantics, wait_text  # noqa: E402
from tests.e2e.pwa_browser import StaticServer, first_page, profile  # noqa: E402
from tools import build_web, web_vendor  # noqa: E402

HELLO = b"""import flet as ft


def main(page: ft.Page):
    page.add(ft.Text("Hello, world"), ft.Button("Add one"))


ft.run(main)
"""
APP_MARK, HELLO_MARK = "Is your lip twitching?", "Hello, world"
RUNS = 3


def visit(
    pw: Playwright, server: StaticServer, marker: str, folder: Path, offline_reload: bool
) -> tuple[float, int, float | None]:
    """First visit in a new profile: (seconds, bytes sent, offline reload seconds)."""
    server.reset()
    with profile(pw, folder) as (context, guard, outside):
        page = first_page(context)
        start = time.perf_counter()
        page.goto(server.url)
        enable_semantics(page, timeout=120_000)
        wait_text(page, marker, timeout=120)
        first = time.perf_counter() - start
        sent = server.sent
        again = None
        if offline_reload:
            context.set_offline(True)
            start = time.perf_counter()
            page.reload()
            enable_semantics(page)
            wait_text(page, marker, timeout=60)
            again = time.perf_counter() - start
        if guard.external or outside.urls:
            raise SystemExit(f"outside requests: {guard.external + outside.urls}")
    return first, sent, again


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp_name, sync_playwright() as pw:
        tmp = Path(tmp_name)
        app_site = build_web.build(tmp / "dist")
        files = web_vendor.app_files(
            {"main.py": HELLO}, web_vendor.fetch_wheels(web_vendor.FLET_DEPS)
        )
        hello_site = build_web.build_site(tmp / "hello", files, title="Hello", assets=None)
        app, hello = StaticServer(app_site.out).start(), StaticServer(hello_site.out).start()
        try:
            visit(pw, app, APP_MARK, tmp / "warm-app", False)  # warm the OS file cache
            visit(pw, hello, HELLO_MARK, tmp / "warm-hello", False)
            app_runs, hello_runs = [], []
            for run in range(RUNS):
                app_runs.append(visit(pw, app, APP_MARK, tmp / f"app{run}", True))
                hello_runs.append(visit(pw, hello, HELLO_MARK, tmp / f"hello{run}", False))
        finally:
            app.stop()
            hello.stop()
    first = statistics.median(r[0] for r in app_runs)
    base = statistics.median(r[0] for r in hello_runs)
    offline = statistics.median(r[2] or 0.0 for r in app_runs)
    print(
        f"app first loads (s): {[round(r[0], 2) for r in app_runs]}, "
        f"{statistics.median(r[1] for r in app_runs) / 1e6:.1f} MB sent"
    )
    print(
        f"hello first loads (s): {[round(r[0], 2) for r in hello_runs]}, "
        f"{statistics.median(r[1] for r in hello_runs) / 1e6:.1f} MB sent"
    )
    print(f"app offline reloads (s): {[round(r[2] or 0.0, 2) for r in app_runs]}")
    print(
        f"first_load_s={first:.2f} hello_first_load_s={base:.2f} ratio={first / base:.2f} "
        f"offline_reload_s={offline:.2f} precache_mb={app_site.precache_bytes / 1e6:.1f}"
    )


if __name__ == "__main__":
    main()
