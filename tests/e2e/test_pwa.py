"""The offline web build (issue 7), end to end in Chromium against a plain static server.

The site is built once per session (tools/build_web.py) into a temp folder and
served by http.server on loopback. Each test uses a Chromium profile on disk,
so the service worker, its cache and IndexedDB behave as for a real person:
they survive a reload, and a browser restart when the same profile is reused.
Every non-loopback request fails the test (see pwa_browser.Outside).
"""

from __future__ import annotations

import json
import re
import shutil
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Playwright

from tests.e2e.browser import ROOT, Server, enable_semantics, wait_text
from tests.e2e.pixels import mean_brightness
from tests.e2e.pwa_browser import StaticServer, controlled, first_page, open_static, profile
from tools import build_web

HOME = "Is your lip twitching?"
# Reads the IDBFS database that app/web.py mounts on /lipcheck-data: path -> text.
IDB_FILES = """async () => {
  const db = await new Promise((ok, fail) => {
    const r = indexedDB.open('/lipcheck-data'); r.onsuccess = () => ok(r.result); r.onerror = fail;
  });
  const out = {};
  if (db.objectStoreNames.contains('FILE_DATA')) {
    const store = db.transaction('FILE_DATA').objectStore('FILE_DATA');
    const all = (req) => new Promise((ok) => { req.onsuccess = () => ok(req.result); });
    const keys = await all(store.getAllKeys());
    const values = await all(store.getAll());
    keys.forEach((key, i) => {
      if (values[i] && values[i].contents) out[key] = new TextDecoder().decode(values[i].contents);
    });
  }
  db.close();
  return out;
}"""


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> build_web.Site:
    return build_web.build(tmp_path_factory.mktemp("site") / "dist")


@pytest.fixture
def host(site: build_web.Site) -> Iterator[StaticServer]:
    server = StaticServer(site.out).start()
    yield server
    server.stop()


def stored(page: Page) -> dict[str, str]:
    return dict(page.evaluate(IDB_FILES))


def wait_stored(
    page: Page, what: str, check: Callable[[dict[str, str]], bool], timeout: float = 20.0
) -> dict[str, str]:
    """Wait until IndexedDB holds what `check(files)` accepts (the sync is asynchronous)."""
    deadline = time.monotonic() + timeout
    files = stored(page)
    while not check(files):
        if time.monotonic() > deadline:
            raise AssertionError(f"IndexedDB never showed {what}: {sorted(files)}")
        page.wait_for_timeout(100)
        files = stored(page)
    return files


def result_count(files: dict[str, str]) -> int:
    index = [
        text
        for key, text in files.items()
        if key.endswith("/results/index.json") and "backup" not in key
    ]
    return sum(text.count('"taken_at"') for text in index)


def theme_saved(files: dict[str, str], theme: str) -> bool:
    return any(f'"theme":"{theme}"' in text for key, text in files.items() if "backup" not in key)


def reload_app(page: Page, marker: str) -> None:
    """Reload in place (the route is kept in the URL's #fragment)."""
    page.reload()
    enable_semantics(page)
    wait_text(page, marker, timeout=60)


def wait_dark(page: Page, tmp_path: Path, timeout: float = 10.0) -> None:
    shot = tmp_path / "theme.png"
    deadline = time.monotonic() + timeout
    while True:
        page.screenshot(path=str(shot))
        if mean_brightness(shot) < 80:
            return
        assert time.monotonic() < deadline, "the dark theme chosen earlier was not applied"
        page.wait_for_timeout(100)


def assert_private(guard_external: list[str], outside: list[str]) -> None:
    assert not guard_external, f"requests left the device: {guard_external}"
    assert not outside, f"the app asked for outside addresses: {outside}"


def test_first_visit_is_interactive_installable_and_cached(
    playwright: Playwright, host: StaticServer, site: build_web.Site, tmp_path: Path
) -> None:
    with profile(playwright, tmp_path / "profile") as (context, guard, outside):
        page = first_page(context)
        logs: list[str] = []
        page.on("console", lambda message: logs.append(message.text))
        open_static(page, host.url)
        wait_text(page, HOME, timeout=60)
        assert controlled(page), "the service worker should control the page after the first visit"
        # Python and the app archive were loaded while Flutter loaded (tools/web_prewarm.py).
        assert "App archive already unpacked" in logs, logs
        caches = page.evaluate("caches.keys()")
        assert caches == [f"lipcheck-{site.version}"]
        cdp = context.new_cdp_session(page)
        errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
        assert errors == [], errors
        manifest = json.loads(cdp.send("Page.getAppManifest")["data"])
        assert manifest["name"] == "Lip Twitch Check"
        assert manifest["short_name"] == "Lip Check"
        assert manifest["theme_color"] == "#00796B"
        assert manifest["display"] == "standalone"
        sizes = {(i["sizes"], i.get("purpose", "any")) for i in manifest["icons"]}
        assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
        assert page.locator('link[rel="apple-touch-icon"]').count() == 1
        assert_private(guard.external, outside.urls)
    # Only the gzip copies of big files crossed the wire, never both forms of one file.
    assert "/main.dart.js" not in host.requests and "/main.dart.js.gz" in host.requests
    assert not any("skwasm" in path or path.endswith(".symbols") for path in host.requests)


def test_saved_setting_survives_reload_restart_and_offline_and_backs_up(
    playwright: Playwright, host: StaticServer, tmp_path: Path
) -> None:
    folder = tmp_path / "profile"
    with profile(playwright, folder) as (context, guard, outside):
        page = first_page(context)
        open_static(page, host.url)
        wait_text(page, HOME, timeout=60)
        page.get_by_label("Settings").click()
        wait_text(page, "Appearance")
        page.get_by_role("button", name="Dark").click()
        wait_stored(page, "the dark theme", lambda files: theme_saved(files, "dark"))
        reload_app(page, "Appearance")
        wait_dark(page, tmp_path)
        assert_private(guard.external, outside.urls)
    host.reset()
    with profile(playwright, folder) as (context, guard, outside):  # a browser restart
        context.set_offline(True)
        page = first_page(context)
        open_static(page, host.url)
        wait_text(page, HOME, timeout=60)
        wait_dark(page, tmp_path)
        # The backup the docs tell iPhone users to keep also works offline.
        page.get_by_label("Settings").click()
        wait_text(page, "Back up and restore")
        with page.expect_download() as info:
            page.get_by_role("button", name="Export backup (JSON)").click()
        target = tmp_path / "backup.json"
        info.value.save_as(target)
        assert '"dark"' in target.read_text()
        assert_private(guard.external, outside.urls)
    assert host.requests == [], "offline, nothing may reach the server"


def test_results_survive_reload_and_a_new_check_works_offline(
    playwright: Playwright, host: StaticServer, tmp_path: Path
) -> None:
    from tests.e2e.quiz_driver import LIFESTYLE, RESULT_MARK, take_check

    folder = tmp_path / "profile"
    with profile(playwright, folder) as (context, guard, outside):
        page = first_page(context)
        open_static(page, host.url)
        wait_text(page, HOME, timeout=60)
        take_check(page, LIFESTYLE)
        wait_stored(page, "one result", lambda files: result_count(files) == 1)
        reload_app(page, "Self-check")
        open_history(page, expected=1)
        assert_private(guard.external, outside.urls)
    with profile(playwright, folder) as (context, guard, outside):
        context.set_offline(True)
        page = first_page(context)
        open_static(page, host.url)
        wait_text(page, HOME, timeout=60)
        assert result_count(stored(page)) == 1
        open_history(page, expected=1)
        assert RESULT_MARK in take_check(page, LIFESTYLE)
        wait_stored(page, "two results", lambda files: result_count(files) == 2)
        reload_app(page, "Self-check")
        assert result_count(stored(page)) == 2
        open_history(page, expected=2)
        assert_private(guard.external, outside.urls)


def open_history(page: Page, expected: int) -> None:
    """History (/history) lists one entry per saved result, newest first."""
    page.get_by_role("tab", name="History").click()
    wait_text(page, "Self-care")
    rows = page.get_by_label(re.compile(r"^Delete the result from "))
    rows.nth(expected - 1).wait_for(state="attached")
    assert rows.count() == expected


def refresh(out: Path) -> build_web.Site:
    """Pretend a new release: change one file and regenerate the worker."""
    (out / "python.js").write_text((out / "python.js").read_text() + "\n// next release\n")
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    zipped = {rel[:-3] for rel in files if rel.endswith(".gz") and rel[:-3] in files}
    return build_web.write_service_worker(out, zipped)


def test_the_device_zone_is_the_browsers(
    playwright: Playwright, host: StaticServer, tmp_path: Path
) -> None:
    """Pyodide has no TZ, /etc/timezone or /etc/localtime (it would find only UTC), so
    untouched settings take the zone the browser reports (app/device.py)."""
    with profile(playwright, tmp_path / "profile", timezone_id="Asia/Tokyo") as (
        context,
        guard,
        outside,
    ):
        page = first_page(context)
        open_static(page, host.url.rstrip("/") + "/#/habits")
        wait_text(page, "Time zone: Asia/Tokyo", timeout=60)
        assert_private(guard.external, outside.urls)


def test_a_new_build_replaces_the_old_cache_after_the_user_agrees(
    playwright: Playwright, site: build_web.Site, tmp_path: Path
) -> None:
    served = tmp_path / "served"
    shutil.copytree(site.out, served)
    server = StaticServer(served).start()
    try:
        with profile(playwright, tmp_path / "profile") as (context, guard, outside):
            page = first_page(context)
            open_static(page, server.url)
            wait_text(page, HOME, timeout=60)
            new = refresh(served)
            assert new.version != site.version
            reload_app(page, HOME)  # the browser checks sw.js on navigation and finds the new build
            banner = page.locator("#lipcheck-update")
            banner.wait_for(state="visible", timeout=60_000)
            assert "A new version of Lip Twitch Check is ready." in banner.inner_text()
            assert page.evaluate("caches.keys()") == [
                f"lipcheck-{site.version}",
                f"lipcheck-{new.version}",
            ]
            with page.expect_navigation():
                page.locator("#lipcheck-update-now").click()
            enable_semantics(page)
            wait_text(page, HOME, timeout=60)
            assert page.evaluate("caches.keys()") == [f"lipcheck-{new.version}"]
            assert_private(guard.external, outside.urls)
    finally:
        server.stop()


def test_build_is_reproducible(site: build_web.Site, tmp_path: Path) -> None:
    again = build_web.build(tmp_path / "again")
    assert again.version == site.version
    assert (again.out / "app.tar.gz").read_bytes() == (site.out / "app.tar.gz").read_bytes()
    assert (again.out / "sw.js").read_bytes() == (site.out / "sw.js").read_bytes()


def test_server_mode_serves_the_same_manifest_and_icons(server: Server) -> None:
    with urllib.request.urlopen(server.url + "/manifest.json") as response:
        manifest = json.loads(response.read())
    assert manifest["name"] == "Lip Twitch Check" and manifest["theme_color"] == "#00796B"
    for name in ("icons/icon-192.png", "icons/apple-touch-icon-192.png", "favicon.png"):
        with urllib.request.urlopen(f"{server.url}/{name}") as response:
            assert response.read() == (ROOT / "assets" / name).read_bytes(), name
