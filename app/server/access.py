"""Who may talk to the server: the Host and Origin rules and the LAN secret.

A request is the app's own when its Host names this server (a loopback name, the
configured --host, or the very address the connection arrived on) on the served
port, and its Origin, when the browser sends one, is that same address. This stops
other web pages (their Origin differs) and DNS rebinding (their Host is a name we
do not know). With a token, the browser must also hold the session cookie, which
it gets by opening the link that carries the token once.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
COOKIE = "lipcheck_key"
COOKIE_MAX_AGE_S = 30 * 24 * 3600
TOKEN_PARAM = "token"


def split_host(value: str) -> tuple[str, int | None] | None:
    """`host[:port]` or `[v6][:port]` -> (lower-case host, port); None if malformed."""
    value = value.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        if end < 0:
            return None
        host, rest = value[1:end], value[end + 1 :]
    else:
        host, sep, port_text = value.rpartition(":")
        if not sep:
            host, port_text = value, ""
        rest = f":{port_text}" if sep else ""
        if ":" in host:
            return None  # an IPv6 address must be in brackets
    if not host:
        return None
    if not rest:
        return host, None
    if not rest.startswith(":") or not (rest[1:].isascii() and rest[1:].isdigit()) or len(rest) > 6:
        return None
    return host, int(rest[1:])


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Access:
    """The rules for one running server."""

    port: int
    hosts: frozenset[str] = LOOPBACK_NAMES
    token: str | None = None

    def host_ok(self, host_header: str | None, local_ip: str | None) -> bool:
        """Host names us on our port; the arrival address counts only as an IP literal
        (a rebinding attack always uses a name)."""
        parsed = split_host(host_header or "")
        if parsed is None:
            return False
        host, port = parsed
        if (port if port is not None else 80) != self.port:
            return False
        if host in self.hosts:
            return True
        return local_ip is not None and _is_ip(host) and host == local_ip.lower()

    @staticmethod
    def origin_ok(origin: str | None, host_header: str | None) -> bool:
        """No Origin (a plain navigation or a non-browser client), or exactly our own."""
        if origin is None:
            return True
        return origin.strip().lower() == f"http://{(host_header or '').strip().lower()}"

    @property
    def cookie_value(self) -> str:
        """What the cookie holds: derived from the token, so the cookie is not the token."""
        assert self.token is not None
        return hmac.new(self.token.encode(), b"lipcheck-session", hashlib.sha256).hexdigest()

    def token_ok(self, presented: str | None) -> bool:
        if self.token is None or presented is None:
            return False
        return hmac.compare_digest(presented.encode(), self.token.encode())

    def cookie_ok(self, cookie_header: str | None) -> bool:
        if self.token is None:
            return True
        for part in (cookie_header or "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == COOKIE and hmac.compare_digest(value.encode(), self.cookie_value.encode()):
                return True
        return False

    def set_cookie(self) -> str:
        return (
            f"{COOKIE}={self.cookie_value}; Path=/; Max-Age={COOKIE_MAX_AGE_S}; "
            "HttpOnly; SameSite=Strict"
        )

    def refusal(self, headers: Mapping[str, str], local_ip: str | None) -> int | None:
        """403 for a foreign Host or Origin, 401 for a missing key, None when allowed."""
        host = headers.get("host")
        if not self.host_ok(host, local_ip) or not self.origin_ok(headers.get("origin"), host):
            return 403
        if (
            headers.get("sec-fetch-site") == "cross-site"
            and headers.get("sec-fetch-mode", "navigate") != "navigate"
        ):
            return 403  # another site embedding or fetching our files
        if not self.cookie_ok(headers.get("cookie")):
            return 401
        return None
