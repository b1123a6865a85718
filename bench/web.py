"""The offline web build against a hello-world Flet app built and served the same way.

Both sites are built by tools/build_web.py (same patching, same service worker),
served by a plain static server on loopback, and opened alternately in fresh
Chromium profiles in the same run, so the ratio cancels the machine's speed.
For each: seconds from navigation to interactive (text on screen, semantics on)
on a first visit, which includes the service worker's download of the offline
copy, and the bytes the server sent. For the app also: the reload with the
network off, and where its time went, from the marks the page keeps
(window.lipcheckMarks, ms since navigation; tools/web_template/pwa.js):
Python's runtime load, the archives' unpacking, the warm imports, the app's
services (IndexedDB, stores) and the first screen, up to Home painted.
python_ready_s is when the app was ready to draw (mark "python-ready") on an
offline reload. update_mb is what the server sent for an update that changes
one app module (a rebuild with app/ui/pages/home.py changed, installed by a reload).
Last line: `first_load_s=<x> hello_first_load_s=<y> ratio=<x/y> offline_reload_s=<z>
precache_mb=<m> python_ready_s=<p> update_mb=<u>` (medians).
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, Playwright, sync_playwright

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
CHANGED_MODULE = "app/ui/pages/home.py"
# (label, from mark, to mark): the offline start, step by step ("a|b": the later of a, b).
PHASES = (
    ("page script", "", "start"),
    ("runtime load", "runtime-start", "runtime-ready"),
    ("archive unpack", "archive-start", "archive-unpacked"),
    ("imports", "archive-unpacked", "imports-done"),
    ("wait for Flutter to connect", "imports-done", "services-start"),
    ("services", "services-start", "python-ready"),
    ("first screen: build Home", "python-ready|session-start", "home-built"),
    ("first screen: send it", "home-built", "signal-home"),
    ("first screen: paint it", "signal-home", "home-painted"),
)
Marks = dict[str, float]


def until(page: Page, predicate: str, timeout: float = 60) -> None:
    """Poll a JS function (page.evaluate is not bound by the page's CSP, which
    forbids the eval that wait_for_function uses for string expressions)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(predicate):
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {predicate}")
        page.wait_for_timeout(100)


def painted_marks(page: Page) -> Marks:
    until(page, "() => !!(window.lipcheckMarks && window.lipcheckMarks['home-painted'])")
    return {str(k): float(v) for k, v in page.evaluate("window.lipcheckMarks").items()}


def visit(
    pw: Playwright, server: StaticServer, marker: str, folder: Path, offline_reload: bool
) -> tuple[float, int, float | None, Marks]:
    """First visit in a new profile: (seconds, bytes sent, offline reload seconds,
    the offline reload's marks)."""
    server.reset()
    with profile(pw, folder) as (context, guard, outside):
        page = first_page(context)
        start = time.perf_counter()
        page.goto(server.url)
        enable_semantics(page, timeout=120_000)
        wait_text(page, marker, timeout=120)
        first = time.perf_counter() - start
        sent = server.sent
        again, marks = None, {}
        if offline_reload:
            context.set_offline(True)
            start = time.perf_counter()
            page.reload()
            enable_semantics(page)
            wait_text(page, marker, timeout=60)
            again = time.perf_counter() - start
            marks = painted_marks(page)
        if guard.external or outside.urls:
            raise SystemExit(f"outside requests: {guard.external + outside.urls}")
    return first, sent, again, marks


def update_bytes(pw: Playwright, site: build_web.Site, tmp: Path) -> int:
    """Bytes sent for an update whose only change is one app module."""
    served = tmp / "served"
    shutil.copytree(site.out, served)
    sources = web_vendor.source_files(ROOT, build_web.APP_SOURCES)
    sources[CHANGED_MODULE] += b"\n# the next release\n"
    server = StaticServer(served).start()
    try:
        with profile(pw, tmp / "update") as (context, _guard, _outside):
            page = first_page(context)
            page.goto(server.url)
            enable_semantics(page, timeout=120_000)
            wait_text(page, APP_MARK, timeout=120)
            painted_marks(page)
            shutil.rmtree(served)
            build_web.build(served, sources=sources)
            server.reset()
            page.reload()  # the browser checks sw.js and installs the new build
            until(page, "async () => (await caches.keys()).length === 2", 120)
            page.locator("#lipcheck-update").wait_for(state="visible", timeout=120_000)
            return server.sent
    finally:
        server.stop()


def span(marks: Marks, begin: str, end: str) -> float | None:
    starts = [marks.get(name) for name in begin.split("|")] if begin else [0.0]
    if end not in marks or any(s is None for s in starts):
        return None
    return marks[end] - max(s for s in starts if s is not None)


def breakdown(runs: list[Marks]) -> list[str]:
    lines = []
    for label, begin, end in PHASES:
        spans = [s for m in runs if (s := span(m, begin, end)) is not None]
        if spans:
            lines.append(f"  {label:<28} {statistics.median(spans) / 1000:6.2f} s")
    total = [m["home-painted"] for m in runs if "home-painted" in m]
    lines.append(f"  {'Home painted (total)':<28} {statistics.median(total) / 1000:6.2f} s")
    return lines


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
        update = update_bytes(pw, app_site, tmp)
    first = statistics.median(r[0] for r in app_runs)
    base = statistics.median(r[0] for r in hello_runs)
    offline = statistics.median(r[2] or 0.0 for r in app_runs)
    ready = statistics.median(r[3]["python-ready"] for r in app_runs) / 1000
    print(
        f"app first loads (s): {[round(r[0], 2) for r in app_runs]}, "
        f"{statistics.median(r[1] for r in app_runs) / 1e6:.1f} MB sent"
    )
    print(
        f"hello first loads (s): {[round(r[0], 2) for r in hello_runs]}, "
        f"{statistics.median(r[1] for r in hello_runs) / 1e6:.1f} MB sent"
    )
    print(f"app offline reloads (s): {[round(r[2] or 0.0, 2) for r in app_runs]}")
    print("offline reload, where the time went (median, in-browser):")
    print("\n".join(breakdown([r[3] for r in app_runs])))
    print(f"update changing {CHANGED_MODULE}: {update / 1e6:.3f} MB sent")
    print(
        f"first_load_s={first:.2f} hello_first_load_s={base:.2f} ratio={first / base:.2f} "
        f"offline_reload_s={offline:.2f} precache_mb={app_site.precache_bytes / 1e6:.1f} "
        f"python_ready_s={ready:.2f} update_mb={update / 1e6:.2f}"
    )


if __name__ == "__main__":
    main()
