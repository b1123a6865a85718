"""What finding the device's zone costs in the offline build, in real Chromium.

The offline app asks the browser for the zone (app/device.py: one Intl call from
Pyodide) and never imports tzlocal or platformdirs. This builds a small site with
the same pipeline as the app (tools/build_web.py: bytecode, zipped packages) and
the app's sources plus those two libraries vendored, then times inside Pyodide,
once the Flutter page is connected (as when the app's first screen asks):
`device_zone()` (first call), and what `import tzlocal` / `import platformdirs`
would add if the offline app loaded them. The baseline timed the
same way in the same page is `import icalendar` (which the app already keeps off its
start for its cost). Last line: the medians of fresh profiles, then
`offline_start_added_ms=<app.device import + device_zone call> ratio=<that/icalendar>`.
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.browser import enable_semantics, wait_text  # noqa: E402
from tests.e2e.pwa_browser import StaticServer, first_page, profile  # noqa: E402
from tools import build_web, web_vendor  # noqa: E402

PROBE = b"""import time
import flet as ft


def timed(step):
    start = time.perf_counter()
    value = step()
    return value, (time.perf_counter() - start) * 1000


def main(page: ft.Page):
    device, mod = timed(lambda: __import__("app.device", fromlist=["device_zone"]))
    zone, call = timed(device.device_zone)
    _, tzl = timed(lambda: __import__("tzlocal"))
    _, pld = timed(lambda: __import__("platformdirs"))
    _, base = timed(lambda: __import__("icalendar"))
    page.add(ft.Text(f"ZONE {zone} module={mod:.2f} call={call:.2f} tzlocal={tzl:.2f} "
                     f"platformdirs={pld:.2f} base={base:.2f} END"))


ft.run(main)
"""
RUNS = 3
FIGURES = re.compile(r"ZONE (\S+) module=([\d.]+) call=([\d.]+) tzlocal=([\d.]+) "
                     r"platformdirs=([\d.]+) base=([\d.]+) END")
NAMES = ("app_device_import_ms", "device_zone_call_ms", "tzlocal_import_ms",
         "platformdirs_import_ms", "icalendar_import_ms")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp_name, sync_playwright() as pw:
        tmp = Path(tmp_name)
        sources = web_vendor.source_files(ROOT, build_web.APP_SOURCES)
        sources["main.py"] = PROBE
        wheels = web_vendor.fetch_wheels((*web_vendor.APP_DEPS, "tzlocal", "platformdirs"))
        site = build_web.build_site(tmp / "probe", web_vendor.app_files(sources, wheels),
                                    assets=None)
        server = StaticServer(site.out).start()
        zones: list[str] = []
        rows: list[list[float]] = []
        try:
            for run in range(RUNS):
                with profile(pw, tmp / f"p{run}") as (context, _guard, _outside):
                    page = first_page(context)
                    page.goto(server.url)
                    enable_semantics(page, timeout=120_000)
                    found = FIGURES.search(wait_text(page, "END", timeout=120))
                    assert found, "the probe printed no figures"
                    zones.append(found[1])
                    rows.append([float(x) for x in found.groups()[1:]])
        finally:
            server.stop()
    for zone, row in zip(zones, rows, strict=True):
        print(zone, " ".join(f"{n}={v:.2f}" for n, v in zip(NAMES, row, strict=True)))
    med = [statistics.median(r[i] for r in rows) for i in range(len(NAMES))]
    added = med[0] + med[1]
    print(" ".join(f"{n}={v:.2f}" for n, v in zip(NAMES, med, strict=True)),
          f"offline_start_added_ms={added:.2f} ratio={added / max(med[4], 0.01):.3f}")

if __name__ == "__main__":
    main()
