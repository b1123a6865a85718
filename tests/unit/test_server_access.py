"""The server's rules on their own: Host/Origin, the LAN key, the Rive stand-in, the CSP.

The same rules run end to end in tests/e2e/test_security.py; here the edge cases."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.config import load_config
from app.errors import ValidationError
from app.server import client, policy
from app.server.access import COOKIE, Access, split_host
from app.server.lan import banner, lan_addresses
from app.server.serve import access_for

PORT = 8550
KEY = "a-key-that-is-long-enough"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("127.0.0.1:8550", ("127.0.0.1", 8550)),
        ("LOCALHOST:8550", ("localhost", 8550)),
        ("[::1]:8550", ("::1", 8550)),
        ("[::1]", ("::1", None)),
        ("example.org", ("example.org", None)),
        ("", None),
        (":8550", None),
        ("[::1", None),
        ("127.0.0.1:85x0", None),
        ("127.0.0.1:8550:1", None),
        ("[::1]x", None),
        ("127.0.0.1:\u00b2", None),  # str.isdigit() says yes to a superscript two
        ("127.0.0.1:\u0665", None),  # an Arabic-Indic five
    ],
)
def test_host_headers_are_parsed_strictly(value: str, expected: object) -> None:
    assert split_host(value) == expected


def test_only_our_names_on_our_port_pass() -> None:
    rules = Access(port=PORT)
    assert rules.host_ok("127.0.0.1:8550", "127.0.0.1")
    assert rules.host_ok("localhost:8550", "127.0.0.1")
    assert rules.host_ok("[::1]:8550", "::1")
    assert not rules.host_ok("127.0.0.1:8551", "127.0.0.1")
    assert not rules.host_ok("127.0.0.1", "127.0.0.1")  # port 80 is not ours
    assert not rules.host_ok("attacker.example:8550", "127.0.0.1")  # DNS rebinding
    assert not rules.host_ok(None, "127.0.0.1")


def test_the_arrival_address_counts_only_as_an_ip_literal() -> None:
    rules = Access(port=PORT)
    assert rules.host_ok("192.168.1.20:8550", "192.168.1.20")
    assert not rules.host_ok("192.168.1.21:8550", "192.168.1.20")
    assert not rules.host_ok("laptop.local:8550", "laptop.local")


def test_origin_must_be_the_page_itself() -> None:
    assert Access.origin_ok(None, "127.0.0.1:8550")
    assert Access.origin_ok("http://127.0.0.1:8550", "127.0.0.1:8550")
    assert not Access.origin_ok("http://localhost:8550", "127.0.0.1:8550")
    assert not Access.origin_ok("https://127.0.0.1:8550", "127.0.0.1:8550")
    assert not Access.origin_ok("null", "127.0.0.1:8550")
    assert not Access.origin_ok("http://attacker.example", "127.0.0.1:8550")


def test_refusals_say_forbidden_or_key_missing() -> None:
    rules = Access(port=PORT, token=KEY)
    ok = {"host": "127.0.0.1:8550", "cookie": f"other=1; {COOKIE}={rules.cookie_value}"}
    assert rules.refusal(ok, "127.0.0.1") is None
    assert rules.refusal({"host": "127.0.0.1:8550"}, "127.0.0.1") == 401
    assert rules.refusal({**ok, "cookie": f"{COOKIE}={KEY}"}, "127.0.0.1") == 401  # not the key
    assert rules.refusal({**ok, "origin": "http://evil.example"}, "127.0.0.1") == 403
    assert (
        rules.refusal(
            {**ok, "sec-fetch-site": "cross-site", "sec-fetch-mode": "no-cors"}, "127.0.0.1"
        )
        == 403
    )
    assert (
        rules.refusal(
            {**ok, "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate"}, "127.0.0.1"
        )
        is None
    )  # a link to the app from elsewhere
    assert Access(port=PORT).refusal({"host": "127.0.0.1:8550"}, "127.0.0.1") is None


def test_the_cookie_is_strict_httponly_and_not_the_key() -> None:
    rules = Access(port=PORT, token=KEY)
    cookie = rules.set_cookie()
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert KEY not in cookie
    assert rules.token_ok(KEY) and not rules.token_ok(KEY + "x") and not rules.token_ok(None)
    assert not Access(port=PORT).token_ok(KEY)


def test_lan_mode_always_has_a_key_loopback_only_when_asked() -> None:
    assert load_config([], env={}).token is None
    lan = load_config(["--host", "0.0.0.0"], env={})
    assert lan.lan and lan.token and len(lan.token) >= 24
    assert lan.token != load_config(["--host", "0.0.0.0"], env={}).token
    assert load_config(["--host", "192.168.1.5"], env={"LIPCHECK_TOKEN": KEY}).token == KEY
    asked = load_config(["--token"], env={})
    assert not asked.lan and asked.token
    assert load_config([], env={"LIPCHECK_TOKEN": KEY}).token == KEY


@pytest.mark.parametrize("bad", ["short", "x" * 129, "has space in it 123", "semi;colon-1234567"])
def test_a_bad_key_is_refused_clearly(bad: str) -> None:
    with pytest.raises(ValidationError, match="LIPCHECK_TOKEN"):
        load_config(["--host", "0.0.0.0"], env={"LIPCHECK_TOKEN": bad})


def test_access_rules_follow_the_config() -> None:
    assert access_for(load_config(["--host", "192.168.1.5"], env={})).hosts >= {
        "192.168.1.5",
        "127.0.0.1",
    }
    assert "0.0.0.0" not in access_for(load_config(["--host", "0.0.0.0"], env={})).hosts


def test_the_lan_banner_warns_and_carries_the_key() -> None:
    config = load_config(["--host", "192.168.1.5", "--port", "8600"], env={"LIPCHECK_TOKEN": KEY})
    text = banner(config)
    assert f"http://192.168.1.5:8600/?token={KEY}" in text
    assert "health data" in text and "trust" in text and "QR code" in text
    assert "\u2588" in text or "\u2580" in text  # the QR code itself, drawn in blocks
    assert "token" not in banner(load_config([], env={}))


@given(st.integers(min_value=8, max_value=400))
def test_the_local_prefix_keeps_the_length_and_resolves_to_our_folder(length: int) -> None:
    prefix = client.local_prefix(length)
    assert len(prefix) == length
    assert urljoin("http://h:1/", prefix.decode() + "wasm/x.js").startswith("http://h:1/_rive")


def test_the_client_patch_needs_the_url_exactly_once() -> None:
    data = b"a" + client.CDN_PREFIX + b"wasm/rive_native.js"
    patched = client.patch_bytes(data, "x")
    assert len(patched) == len(data) and b"jsdelivr" not in patched
    with pytest.raises(client.ClientChanged):
        client.patch_bytes(b"nothing here", "x")
    with pytest.raises(client.ClientChanged):
        client.patch_bytes(data + data, "x")
    assert set(client.stand_in_files()) == {
        "_rive/wasm/rive_native.js",
        "_rive/wasm_compatibility/rive_native.js",
    }


def test_inline_scripts_are_allowed_by_hash_only() -> None:
    html = '<script>var a = 1;</script><script src="x.js"></script><SCRIPT type="m">b()</SCRIPT>'
    hashes = policy.script_hashes(html)
    assert hashes == [
        "'sha256-+dZ6udsWxNVoGfScAq7t5IIF5UJb4F6RhjbN6oe1p4w='",
        policy.script_hashes("<script>b()</script>")[0],
    ]
    csp = policy.content_security_policy(hashes)
    assert hashes[0] in csp and "frame-ancestors 'none'" in csp
    assert "frame-ancestors" not in policy.content_security_policy(hashes, meta=True)
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]


def test_the_machines_own_addresses_are_found_without_loopback() -> None:
    import ipaddress

    assert lan_addresses("192.168.1.5") == ["192.168.1.5"]
    found = lan_addresses("0.0.0.0")
    assert all(not ipaddress.ip_address(a).is_loopback for a in found)
    assert len(found) == len(set(found))


def test_the_wildcard_banner_names_each_address_and_this_computer() -> None:
    config = load_config(["--host", "0.0.0.0"], env={"LIPCHECK_TOKEN": KEY})
    text = banner(config, ["192.168.1.5", "10.0.0.7"])
    assert f"http://192.168.1.5:8550/?token={KEY}" in text
    assert f"http://10.0.0.7:8550/?token={KEY}" in text
    assert f"On this computer: open http://127.0.0.1:8550/?token={KEY}" in text
    assert "this computer's address" in banner(config, [])


def _answer(path: str, host: bytes = b"127.0.0.2:8550") -> tuple[int, dict[bytes, bytes]]:
    """One request through the real Guard (the app behind it must not be reached)."""
    from typing import Any

    from app.server.guard import Guard
    from tests.unit.aio import run_async

    async def never(scope: Any, receive: Any, send: Any) -> None:
        raise AssertionError("answered by the guard")

    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    guard = Guard(never, Access(port=PORT, hosts=frozenset({"127.0.0.2"}), token=KEY), {})
    scope = {"type": "http", "method": "GET", "path": path, "headers": [(b"host", host)],
             "query_string": f"token={KEY}".encode(), "server": ("127.0.0.2", PORT)}
    run_async(guard(scope, receive, send))
    return sent[0]["status"], dict(sent[0]["headers"])


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("/learn", b"/learn"),
        ("//evil.example/", b"/evil.example/"),  # not "//evil.example/": another site
        ("/\\evil.example/", b"/evil.example/"),  # browsers read "/\\" as "//"
        ("/a\r\nX-Injected: 1", b"/a%0D%0AX-Injected:%201"),
    ],
)
def test_the_key_link_redirects_only_within_the_site(path: str, location: bytes) -> None:
    status, headers = _answer(path)
    assert status == 303 and headers[b"location"] == location


def test_a_host_with_a_non_ascii_port_is_refused_not_a_crash() -> None:
    status, headers = _answer("/", host="127.0.0.2:\u00b2".encode("latin-1"))
    assert status == 403 and b"content-security-policy" in headers
