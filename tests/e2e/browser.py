"""Drive the real Flutter web client in Debian's Chromium.

Shared by the e2e tests, the screenshot script and the benchmarks, so that all
three see the app exactly the same way.
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import (
    Browser,
    BrowserContext,
    FloatRect,
    Locator,
    Page,
    Playwright,
    Route,
    ViewportSize,
)

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("LIPCHECK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE: ViewportSize = {"width": 390, "height": 844}
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}


CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""
"""Pages record what the Content-Security-Policy blocked, for the tests to check."""


def on_device(url: str) -> bool:
    """data:/blob: URLs and this machine's loopback addresses (all of 127.0.0.0/8,
    where the LAN-mode tests listen); anything else is a request off the device."""
    if url.startswith(("data:", "blob:")):
        return True
    host = (urlsplit(url).hostname or "").strip("[]")
    if host in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_http(url: str, timeout: float = 60.0, proc: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answered (401 when a key is asked)
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


@dataclass
class Server:
    """The real `python main.py`, on a free loopback port with its own data folder;
    `host` other than 127.0.0.1 (e.g. 127.0.0.2) runs it in LAN mode."""

    data_dir: Path
    env: dict[str, str] = field(default_factory=dict)
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None
    log_path: Path | None = None
    host: str = "127.0.0.1"
    args: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path else ""

    def start(self) -> Server:
        env = {k: v for k, v in os.environ.items() if k not in ("LIPCHECK_HOST", "LIPCHECK_TOKEN")}
        env.update({"LIPCHECK_DATA_DIR": str(self.data_dir), **self.env})
        self.log_path = self.data_dir.parent / f"server-{self.port}.log"
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "main.py"),
                "--port",
                str(self.port),
                "--host",
                self.host,
                *self.args,
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_http(self.url + "/", proc=self.proc)
        return self

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()


def launch(pw: Playwright) -> Browser:
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        raise RuntimeError(f"Chromium not found at {CHROMIUM}; run the README's test command")
    return pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


@dataclass
class Guard:
    """Blocks every non-loopback request and remembers it, so a test can fail on it."""

    external: list[str] = field(default_factory=list)

    def route(self, route: Route) -> None:
        url = route.request.url
        if on_device(url):
            route.continue_()
            return
        self.external.append(url)
        route.abort()

    def attach(self, context: BrowserContext) -> None:
        context.route("**/*", self.route)


def new_context(
    browser: Browser, guard: Guard, dark: bool = False, viewport: ViewportSize | None = None
) -> BrowserContext:
    context = browser.new_context(
        viewport=viewport or PHONE,
        is_mobile=viewport is None,
        has_touch=True,
        color_scheme="dark" if dark else "light",
        service_workers="block",
    )
    guard.attach(context)
    context.add_init_script(CSP_WATCH)
    return context


def enable_semantics(page: Page, timeout: float = 60_000) -> None:
    """Flutter draws on a canvas; switching semantics on puts the text in the DOM."""
    page.wait_for_selector("flt-semantics-placeholder", state="attached", timeout=timeout)
    page.evaluate("document.querySelector('flt-semantics-placeholder').click()")
    page.wait_for_selector("flt-semantics-host flt-semantics", state="attached", timeout=timeout)


_TEXT_JS = """
() => {
  const host = document.querySelector('flt-semantics-host');
  if (!host) return '';
  const out = [];
  const walk = (node) => {
    if (node.nodeType === 3) { const t = node.textContent.trim(); if (t) out.push(t); return; }
    if (node.nodeType !== 1) return;
    const label = node.getAttribute('aria-label');
    if (label) out.push(label);
    if (node.tagName === 'INPUT' || node.tagName === 'TEXTAREA') {
      if (node.value) out.push(node.value);
      return;
    }
    for (const child of node.childNodes) walk(child);
  };
  walk(host);
  return out.join('\\n');
}
"""


def visible_text(page: Page) -> str:
    """All text Flutter exposes: text nodes, aria-labels (cards merge their text into
    one) and the values of text fields."""
    return str(page.evaluate(_TEXT_JS))


def wait_text(page: Page, text: str, timeout: float = 20.0) -> str:
    """Wait until `text` is on screen; returns all visible text."""
    deadline = time.monotonic() + timeout
    seen = ""
    while time.monotonic() < deadline:
        seen = visible_text(page)
        if text in seen:
            return seen
        page.wait_for_timeout(100)
    raise AssertionError(f"{text!r} did not appear; the screen shows:\n{seen}")


def open_app(page: Page, url: str) -> None:
    page.goto(url)
    enable_semantics(page)


@contextmanager
def session(url: str, *, dark: bool = False) -> Iterator[tuple[Page, Guard]]:
    """A one-off browser session, for scripts outside pytest."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch(pw)
        guard = Guard()
        context = new_context(browser, guard, dark=dark)
        page = context.new_page()
        try:
            open_app(page, url)
            yield page, guard
        finally:
            context.close()
            browser.close()


def wait_gone(page: Page, text: str, timeout: float = 20.0) -> str:
    """Wait until `text` is no longer on screen; returns all visible text."""
    deadline = time.monotonic() + timeout
    seen = visible_text(page)
    while text in seen and time.monotonic() < deadline:
        page.wait_for_timeout(100)
        seen = visible_text(page)
    if text in seen:
        raise AssertionError(f"{text!r} is still on screen:\n{seen}")
    return seen


def type_into(page: Page, label: str, text: str, clear: bool = True) -> None:
    """Type like a person: Flutter's text fields ignore Playwright's fill()."""
    box = page.get_by_role("textbox", name=label)
    # With semantics on, Flutter web can drop the focus a first tap gives right
    # after a navigation; a second tap (as a person would do) keeps it.
    for _ in range(2):
        box.click()
        page.wait_for_timeout(250)
    page.wait_for_function(
        "label => document.activeElement && document.activeElement.tagName === 'INPUT'"
        " && document.activeElement.getAttribute('aria-label') === label",
        arg=label,
    )
    if clear:
        page.keyboard.press("Control+a")
        page.keyboard.press("Backspace")
    page.keyboard.type(text, delay=20)


def scroll_to(page: Page, node: Locator, bottom_gap: float = 100) -> FloatRect:
    """Wheel the screen (as a person would) until `node` sits between the app bar and the
    navigation bar; Flutter's semantics nodes do not scroll the canvas themselves."""
    height = (page.viewport_size or PHONE)["height"]
    box = node.bounding_box()
    for _ in range(20):
        if box and box["y"] > 60 and box["y"] + box["height"] < height - bottom_gap:
            return box
        page.mouse.move(195, 400)
        page.mouse.wheel(0, 250 if not box or box["y"] > height / 2 else -250)
        page.wait_for_timeout(300)
        box = node.bounding_box()
    raise AssertionError(f"could not scroll {node} into view (last box {box})")


def choose_in_dropdown(page: Page, option: str, which: int = 0) -> None:
    """Open the `which`-th dropdown on screen with a tap and tap `option` in its menu.

    A Flet Dropdown reaches the accessibility tree only as an unnamed (or, inside a
    card, merged) button with aria-expanded, and an accessibility click does not open
    it; so this taps where it is drawn: the bottom of that node (a card's dropdown sits
    at its bottom)."""
    box = scroll_to(page, page.locator("flt-semantics[aria-expanded]").nth(which))
    page.mouse.click(
        box["x"] + box["width"] / 2, box["y"] + box["height"] - min(24, box["height"] / 2)
    )
    page.get_by_role("button", name=option, exact=True).click()
    page.get_by_role("button", name=option, exact=True).wait_for(state="detached")
