"""Privacy you can prove (issue 12): real `python main.py`, real sockets, real Chromium.

Only the app's own page may open a session: a WebSocket handshake with a foreign
Origin or Host is refused before Flet sees it, a page from another origin gets
nothing, LAN mode wants the key, every response carries the security headers,
the data folder is private and the browser never asks anything off the device.
"""

from __future__ import annotations

import os
import socket
import stat
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.e2e.browser import Guard, Server, new_context, open_app, type_into, wait_text
from tests.e2e.pwa_browser import StaticServer

pytestmark = pytest.mark.e2e
HOME = "Is your lip twitching?"
KEY = "phone-bookmark-key-0123456789"
HANDSHAKE = (
    "GET /ws HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
    "{extra}\r\n"
)


def raw(server: Server, request: str) -> bytes:
    """Send `request` on a fresh TCP connection; everything the server answers in 3 s."""
    with socket.create_connection((server.host, server.port), timeout=3) as sock:
        sock.sendall(request.encode("latin-1"))
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
                if chunks[0].startswith(b"HTTP/1.1 101"):
                    break  # a session: stop before Flet talks
        except TimeoutError:
            pass
    return b"".join(chunks)


def handshake(
    server: Server, host: str | None = None, origin: str | None = None, cookie: str | None = None
) -> bytes:
    extra = "".join(
        f"{name}: {value}\r\n"
        for name, value in (("Origin", origin), ("Cookie", cookie))
        if value is not None
    )
    return raw(server, HANDSHAKE.format(host=host or f"{server.host}:{server.port}", extra=extra))


def status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


def headers_of(answer: bytes) -> dict[str, str]:
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")[1:]
    return {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in head)}


def get(server: Server, path: str, host: str | None = None, extra: str = "") -> bytes:
    host = host or f"{server.host}:{server.port}"
    return raw(server, f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n{extra}\r\n")


def test_only_the_apps_own_origin_and_host_get_a_websocket(server: Server) -> None:
    own = f"http://127.0.0.1:{server.port}"
    assert status(handshake(server, origin=own)) == 101  # the control: the app's own page
    assert (
        status(
            handshake(
                server, origin=f"http://localhost:{server.port}", host=f"localhost:{server.port}"
            )
        )
        == 101
    )
    refused = [
        handshake(server, origin="http://attacker.example"),
        handshake(server, origin=f"http://127.0.0.1:{server.port + 1}"),  # another local port
        handshake(server, origin="null"),
        handshake(server, host=f"attacker.example:{server.port}", origin=own),  # DNS rebinding
        handshake(
            server,
            host=f"attacker.example:{server.port}",
            origin=f"http://attacker.example:{server.port}",
        ),
        handshake(server, host=f"127.0.0.1:{server.port + 1}"),
    ]
    for answer in refused:
        assert status(answer) == 403, answer[:200]
        assert b"Upgrade" not in answer.split(b"\r\n\r\n")[0]
        assert len(answer.split(b"\r\n\r\n", 1)[1]) < 200  # no session, no data


def test_a_foreign_host_gets_no_page_at_all(server: Server) -> None:
    assert status(get(server, "/")) == 200
    for host in (f"attacker.example:{server.port}", "127.0.0.1", f"127.0.0.1:{server.port}0"):
        answer = get(server, "/", host=host)
        assert status(answer) == 403, host
        assert b"flutter" not in answer.lower()
    assert (
        status(
            get(
                server,
                "/main.dart.js",
                extra="Sec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: no-cors\r\n",
            )
        )
        == 403
    )


def test_a_page_from_another_origin_can_read_nothing(
    server: Server, browser: Browser, make_page: Callable[..., Page], tmp_path: Path
) -> None:
    """A real page on another loopback origin tries what the outside probe did, while
    the user has the app open in another tab."""
    wait_text(make_page(server.url + "/"), HOME)
    (tmp_path / "evil").mkdir()
    (tmp_path / "evil" / "index.html").write_text("<!doctype html><title>evil</title>")
    evil = StaticServer(tmp_path / "evil").start()
    guard = Guard()
    context = new_context(browser, guard)
    try:
        attacker = context.new_page()
        attacker.goto(evil.url)
        result = attacker.evaluate(_ATTACK, f"127.0.0.1:{server.port}")
    finally:
        context.close()
        evil.stop()
    assert guard.external == []
    assert result["ws"] == "refused", result
    assert result["fetch"].startswith("blocked"), result


_ATTACK = """async (target) => {
  const out = {};
  out.ws = await new Promise((done) => {
    const ws = new WebSocket(`ws://${target}/ws`);
    ws.onopen = () => done('opened'); ws.onmessage = () => done('data');
    ws.onerror = () => done('refused'); ws.onclose = () => done('refused');
    setTimeout(() => done('timeout'), 5000);
  });
  try {
    const r = await fetch(`http://${target}/`, {mode: 'cors'});
    out.fetch = 'read ' + (await r.text()).length;
  } catch (e) { out.fetch = 'blocked ' + e; }
  return out;
}"""


def test_every_response_carries_the_security_headers(server: Server) -> None:
    for path in (
        "/",
        "/history",
        "/main.dart.js",
        "/main.dart.wasm",
        "/_rive/wasm/rive_native.js",
        "/manifest.json",
        "/no-such-file.js",
        "/docs",
    ):
        answer = get(server, path)
        found = headers_of(answer)
        csp = found.get("content-security-policy", "")
        assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp, path
        assert "'wasm-unsafe-eval'" in csp and "worker-src 'self' blob:" in csp, path
        assert found.get("x-content-type-options") == "nosniff", path
        assert found.get("referrer-policy") == "no-referrer", path
        assert "camera=()" in found.get("permissions-policy", ""), path
        assert found.get("cross-origin-opener-policy") == "same-origin", path
        assert found.get("cross-origin-embedder-policy") == "require-corp", path
        assert not any(name.startswith("access-control-") for name in found), path
        if path in ("/", "/history"):
            assert found.get("cache-control") == "no-store", path
            assert (
                "'sha256-" in csp
                and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
            ), path
    assert status(get(server, "/docs")) == 404  # FastAPI's API page (it would load a CDN)
    assert b"cdn.jsdelivr.net" not in get(server, "/main.dart.js")


@pytest.mark.parametrize("renderer", ["auto", "canvaskit"])
def test_the_browser_never_leaves_the_device(
    make_server: Callable[..., Server],
    make_page: Callable[..., Page],
    guard: Guard,
    renderer: str,
) -> None:
    """Both client builds (skwasm/wasm in this Chromium, CanvasKit/JS) load the Rive
    stand-in from the server, and the page reports no CSP violation."""
    server = make_server(env={"FLET_WEB_RENDERER": renderer} if renderer != "auto" else {})
    page = make_page(server.url + "/")
    wait_text(page, HOME)
    seen = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert any(url.endswith("/_rive/wasm/rive_native.js") for url in seen), seen
    assert all(url.startswith(server.url) for url in seen), seen
    assert page.evaluate("window.__cspViolations") == []
    assert page.evaluate("window.crossOriginIsolated") is True
    assert guard.external == []


def test_lan_mode_wants_the_key(make_server: Callable[..., Server], browser: Browser) -> None:
    """--host 127.0.0.2 is LAN mode: a second loopback address stands in for the Wi-Fi one."""
    server = make_server(host="127.0.0.2", env={"LIPCHECK_TOKEN": KEY})
    log = server.log()
    assert f"http://127.0.0.2:{server.port}/?token={KEY}" in log
    assert "WARNING: LAN mode" in log and "health data" in log and "trust" in log
    assert status(get(server, "/")) == 401
    assert status(get(server, "/main.dart.js")) == 401
    assert status(get(server, f"/?token={KEY[:-1]}x")) == 401
    assert status(handshake(server, origin=server.url)) == 403
    redirect = get(server, f"/?token={KEY}")
    assert status(redirect) == 303 and headers_of(redirect)["location"] == "/"
    cookie = headers_of(redirect)["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and KEY not in cookie
    assert status(handshake(server, origin=server.url, cookie=cookie.split(";")[0])) == 101
    assert (
        status(handshake(server, origin="http://attacker.example", cookie=cookie.split(";")[0]))
        == 403
    )

    guard = Guard()
    context = new_context(browser, guard)
    try:
        page = context.new_page()
        assert page.goto(server.url + "/").status == 401  # type: ignore[union-attr]
        assert "needs its key" in page.content()
        open_app(page, f"{server.url}/?token={KEY}")
        wait_text(page, HOME)
        assert "token" not in page.url  # the key left the address bar
        (jar,) = [c for c in context.cookies() if c["name"] == "lipcheck_key"]
        assert jar["httpOnly"] and jar["sameSite"] == "Strict"
        page.reload()
        page.wait_for_selector("flt-semantics-placeholder", state="attached", timeout=60_000)
    finally:
        context.close()
    assert guard.external == []


def test_a_random_key_is_made_and_printed(make_server: Callable[..., Server]) -> None:
    server = make_server(host="127.0.0.2")
    line = next(x for x in server.log().splitlines() if "?token=" in x)
    key = line.rsplit("?token=", 1)[1].strip()
    assert len(key) >= 24 and key != KEY
    assert status(get(server, "/")) == 401
    assert status(get(server, f"/?token={key}")) == 303


def test_loopback_asks_for_a_key_only_when_told(make_server: Callable[..., Server]) -> None:
    server = make_server(args=("--token",))
    assert status(get(server, "/")) == 401
    assert "?token=" in server.log()


@pytest.mark.skipif(sys.platform == "win32", reason="no POSIX file modes")
def test_the_data_folder_the_server_writes_is_private(
    make_server: Callable[..., Server], make_page: Callable[..., Page], tmp_path: Path
) -> None:
    old = os.umask(0o022)  # the server inherits the usual permissive umask
    try:
        server = make_server(data_dir=tmp_path / "data")
    finally:
        os.umask(old)
    page = make_page(server.url + "/habits/water")
    wait_text(page, "Daily goal")
    type_into(page, "Daily goal (ml)", "2500")
    page.get_by_role("button", name="Save goal").click()
    wait_text(page, "0 of 2,500 ml")
    page.get_by_role("button", name="250 ml", exact=True).click()
    wait_text(page, "250 of 2,500 ml")
    entries = [tmp_path / "data", *(tmp_path / "data").rglob("*")]
    assert any(p.is_file() for p in entries)
    wrong = {
        str(p): oct(stat.S_IMODE(p.stat().st_mode))
        for p in entries
        if stat.S_IMODE(p.stat().st_mode) != (0o700 if p.is_dir() else 0o600)
    }
    assert wrong == {}
