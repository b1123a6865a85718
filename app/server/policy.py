"""The security headers every response carries, in one place for the server and the
offline build (which puts what it can into <meta> tags).

The Content-Security-Policy allows only the app's own origin plus what the Flutter
client was seen to need in Chromium: 'wasm-unsafe-eval' (CanvasKit, skwasm and
Pyodide compile WebAssembly), blob: workers (skwasm's renderer, the offline app's
Python worker), data:/blob: images and fonts, and inline styles (Flutter writes
<style> elements at run time). Inline scripts are allowed only by their hash.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

_SCRIPT_RE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)

BASE_DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data: blob:"),
    ("font-src", "'self' data:"),
    ("connect-src", "'self' data: blob:"),
    ("worker-src", "'self' blob:"),
    ("manifest-src", "'self'"),
    ("media-src", "'self' data: blob:"),
    ("object-src", "'none'"),
    ("frame-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'none'"),
    ("frame-ancestors", "'none'"),
)
META_IGNORED = ("frame-ancestors",)
"""Browsers ignore these in a <meta> CSP; a static host must send them as a header."""

PERMISSIONS_POLICY = ", ".join(
    [
        f"{feature}=()"
        for feature in (
            "accelerometer",
            "camera",
            "clipboard-read",
            "display-capture",
            "encrypted-media",
            "geolocation",
            "gyroscope",
            "hid",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "publickey-credentials-get",
            "screen-wake-lock",
            "serial",
            "usb",
            "xr-spatial-tracking",
        )
    ]
    + ["clipboard-write=(self)", "fullscreen=(self)"]
)
"""No device feature at all, except copying the summary and going full screen."""

FIXED_HEADERS: tuple[tuple[str, str], ...] = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Permissions-Policy", PERMISSIONS_POLICY),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Embedder-Policy", "require-corp"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
)
NO_STORE = ("Cache-Control", "no-store")


def script_hashes(html: str) -> list[str]:
    """CSP source expressions for each inline <script> in `html`, in order."""
    found = []
    for body in _SCRIPT_RE.findall(html):
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        found.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return found


def content_security_policy(hashes: Iterable[str] = (), *, meta: bool = False) -> str:
    """The policy; `hashes` allow the inline scripts of one HTML page, `meta` drops
    what a <meta> tag cannot carry."""
    extra = " ".join(dict.fromkeys(hashes))
    parts = []
    for name, value in BASE_DIRECTIVES:
        if meta and name in META_IGNORED:
            continue
        if name == "script-src" and extra:
            value = f"{value} {extra}"
        parts.append(f"{name} {value}")
    return "; ".join(parts)


def header_lines(hashes: Iterable[str] = ()) -> list[tuple[str, str]]:
    """Every security header for an HTML page (what docs/offline-app.md lists)."""
    return [("Content-Security-Policy", content_security_policy(hashes)), *FIXED_HEADERS]
