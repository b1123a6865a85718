"""Installing the offline build (issue 15), in Chromium against a plain static server.

A first visit whose download fails must say the app is not ready offline (and
never look ready), and recover on "Try again"; the install dialog gets a rich
manifest whose shortcuts open working screens. Built once per session
(the `site` fixture, tests/e2e/conftest.py).
"""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Page, Playwright, Route

from tests.e2e.browser import enable_semantics, wait_text
from tests.e2e.pwa_browser import StaticServer, controlled, first_page, open_static, profile
from tools.web_sw import Site

HOME = "Is your lip twitching?"
FAILING = "**/pyodide/python_stdlib.zip.gz"
READY_ENTRIES = """async () => {
  const out = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    if (await cache.match(new URL('lipcheck-ready.json', location.href).href)) out.push(name);
  }
  return out;
}"""


def go(page: Page, route: str, marker: str) -> None:
    """Change the route in place (a notice bar may cover the app bar's buttons)."""
    page.evaluate(f"location.hash = '#{route}'")
    wait_text(page, marker, timeout=60)


def ready_caches(page: Page) -> list[str]:
    return list(page.evaluate(READY_ENTRIES))


def test_a_failed_download_says_not_ready_offline_and_recovers_on_retry(
    playwright: Playwright, host: StaticServer, site: Site, tmp_path: Path
) -> None:
    with profile(playwright, tmp_path / "profile") as (context, guard, outside):
        broken = {"on": True, "aborted": 0}

        def flaky(route: Route) -> None:
            if broken["on"]:
                broken["aborted"] += 1
                route.abort()
            else:
                route.continue_()

        context.route(FAILING, flaky)
        page = first_page(context)
        open_static(page, host.url)
        notice = page.locator("#lipcheck-offline")
        notice.wait_for(state="visible", timeout=120_000)
        assert "not ready to work offline yet" in notice.inner_text()
        assert broken["aborted"] == 4, "one try and three retries with pauses between"
        # Nothing claims to be ready: no worker in control, no cache left behind.
        assert not controlled(page)
        assert page.evaluate("caches.keys()") == []
        wait_text(page, HOME, timeout=120)  # the app still runs, from the network
        go(page, "/settings", "Not ready to work offline yet")
        broken["on"] = False
        page.locator("#lipcheck-offline-retry").click()
        notice.wait_for(state="detached", timeout=120_000)
        page.wait_for_function("() => !!navigator.serviceWorker.controller", timeout=60_000)
        assert ready_caches(page) == [f"lipcheck-{site.version}"]
        go(page, "/", HOME)
        go(page, "/settings", "Ready to work offline")
        assert not guard.external and not outside.urls
    host.reset()
    with profile(playwright, tmp_path / "profile") as (context, guard, outside):
        context.set_offline(True)  # the retried copy is complete: it starts offline
        page = first_page(context)
        open_static(page, host.url)
        wait_text(page, HOME, timeout=60)
        assert not guard.external and not outside.urls
    assert host.requests == []


def test_the_manifest_offers_a_rich_install_with_working_shortcuts(
    playwright: Playwright, host: StaticServer, tmp_path: Path
) -> None:
    with profile(playwright, tmp_path / "profile") as (context, guard, outside):
        page = first_page(context)
        open_static(page, host.url)
        wait_text(page, HOME, timeout=60)
        cdp = context.new_cdp_session(page)
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        manifest = json.loads(cdp.send("Page.getAppManifest")["data"])
        assert "self-check" in manifest["description"]
        assert {"health", "medical"} <= set(manifest["categories"])
        forms = {shot["form_factor"]: shot for shot in manifest["screenshots"]}
        assert set(forms) == {"narrow", "wide"}
        for shot in forms.values():
            width, height = (int(n) for n in shot["sizes"].split("x"))
            png = (host.root / shot["src"]).read_bytes()
            assert png[:8] == b"\x89PNG\r\n\x1a\n"
            assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == (
                width, height,
            ), shot["src"]
        shortcuts = {item["name"]: item["url"] for item in manifest["shortcuts"]}
        assert shortcuts == {"Self-check": "./#/check", "Log water": "./#/habits/water"}
        # Each shortcut opens its screen (a fresh start at its URL), from the offline copy.
        context.set_offline(True)
        for url, marker in (
            ("./#/check", "It takes about three minutes"),
            ("./#/habits/water", "Other amount"),
        ):
            page.goto("about:blank")
            page.goto(host.url + url.removeprefix("./"))
            enable_semantics(page)
            wait_text(page, marker, timeout=60)
        assert not guard.external and not outside.urls
