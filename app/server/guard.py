"""The ASGI layer in front of Flet's app: refuse, redirect, serve or pass on.

Every HTTP request and WebSocket handshake goes through `Guard` first. A refused
one gets 401/403 from here and never reaches Flet (so never a session). A LAN link
with the right token is answered with a redirect that sets the session cookie and
drops the token from the address bar. Responses that pass get the security
headers; Flet's wildcard CORS header is removed; HTML is buffered so that its
inline scripts can be allowed by hash in the page's own CSP.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from app.server.access import TOKEN_PARAM, Access
from app.server.client import FEED_PATH, StaticFile, with_script
from app.server.policy import FIXED_HEADERS, NO_STORE, content_security_policy, script_hashes
from app.services.notices_feed import FEED

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

DENIED_PATHS = frozenset(
    {"/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json", "/oauth_callback", "/upload"}
)
"""FastAPI's API pages (they load a CDN) and Flet endpoints this app does not use."""
_OURS = {name.lower() for name, _ in FIXED_HEADERS} | {"content-security-policy"}
_DROPPED = ("access-control-", "server")
_MESSAGES = {
    401: (
        "This Lip Twitch Check server needs its key. Open the link with the key that the "
        "server printed when it started (or scan its QR code)."
    ),
    403: "This address may not use this Lip Twitch Check server.",
    404: "Not found.",
    405: "Method not allowed.",
}


def _headers(scope: Scope) -> dict[str, str]:
    """Request headers by lower-case name; a repeated Host makes the request ambiguous."""
    found: dict[str, str] = {}
    for raw_name, raw_value in scope.get("headers", []):
        name, value = raw_name.decode("latin-1").lower(), raw_value.decode("latin-1")
        if name in found and name in ("host", "origin"):
            found[name] = "\0"  # matches nothing: refused
        else:
            found[name] = f"{found[name]}; {value}" if name == "cookie" and name in found else value
    return found


def _security(content_type: str, hashes: list[str] | None = None) -> list[tuple[bytes, bytes]]:
    out = [(b"content-security-policy", content_security_policy(hashes or []).encode())]
    out += [(k.lower().encode(), v.encode()) for k, v in FIXED_HEADERS]
    if content_type.startswith("text/html") or not content_type:
        out.append((NO_STORE[0].lower().encode(), NO_STORE[1].encode()))
    return out


class Guard:
    """Wraps the ASGI app Flet builds (see app/server/serve.py)."""

    def __init__(self, app: ASGIApp, access: Access, files: Mapping[str, StaticFile]) -> None:
        self.app, self.access, self.files = app, access, dict(files)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await self._http(scope, receive, send)
        elif scope["type"] == "websocket":
            await self._websocket(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    def _refusal(self, scope: Scope, headers: Mapping[str, str]) -> int | None:
        server = scope.get("server")
        return self.access.refusal(headers, str(server[0]) if server else None)

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self._refusal(scope, _headers(scope)) is not None:
            await receive()  # websocket.connect
            await send({"type": "websocket.close", "code": 1008})  # the server answers 403
            return
        await self.app(scope, receive, send)

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = _headers(scope)
        status = self._refusal(scope, headers)
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        presented = next((v for k, v in query if k == TOKEN_PARAM), None)
        if status in (None, 401) and self.access.token_ok(presented):
            rest = urlencode([(k, v) for k, v in query if k != TOKEN_PARAM])
            # Same-site only: "//evil.com/" or "/\\evil.com" would leave the site, and
            # the path is encoded again so a CR or LF in it cannot break the header.
            path = "/" + quote(scope.get("path", "/").lstrip("/\\"), safe="/-._~!$&'()*+,;=:@")
            location = path + (f"?{rest}" if rest else "")
            extra = [
                (b"location", location.encode()),
                (b"set-cookie", self.access.set_cookie().encode()),
            ]
            await _reply(send, 303, extra)
            return
        path = scope.get("path", "/")
        if status is None and path in DENIED_PATHS:
            status = 404
        if status is None and scope.get("method") not in ("GET", "HEAD"):
            status = 405
        if status is not None:
            await _reply(send, status)
        elif path in self.files:
            await _serve(self.files[path], headers, scope.get("method") == "HEAD", send)
        elif path == FEED_PATH and not _page_fetch(scope):
            await _reply(send, 403)  # only the page's own fetch may take its messages
        elif path == FEED_PATH:  # system notifications: a long poll (app/services/notices_feed.py)
            session = next((v for k, v in query if k == "session"), "")
            who = session if session.isalnum() and len(session) <= 64 else None
            body = json.dumps(await FEED.poll(who), separators=(",", ":")).encode()
            # read once and holding nonces: never cached
            await _serve(StaticFile(body, "application/json"), {}, False, send, no_store=True)
        else:
            await self.app(scope, receive, _Rewriter(send).send)


def _page_fetch(scope: Scope) -> bool:
    """The notification feed hands out each message once, so only a GET that the page
    itself made may take them: not HEAD, not a navigation, not another site's no-cors
    request (Sec-Fetch-* are set by browsers; a client without them is not a page)."""
    headers = dict(scope.get("headers", []))
    site = headers.get(b"sec-fetch-site", b"same-origin")
    mode = headers.get(b"sec-fetch-mode", b"cors")
    return scope.get("method") == "GET" and site == b"same-origin" and mode != b"navigate"


async def _reply(send: Send, status: int, extra: list[tuple[bytes, bytes]] | None = None) -> None:
    body = _MESSAGES.get(status, "").encode()
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        *_security(""),
        *(extra or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _serve(
    file: StaticFile, headers: Mapping[str, str], head: bool, send: Send, no_store: bool = False
) -> None:
    fresh = headers.get("if-none-match") == file.etag
    body = b"" if head or fresh else file.body
    out = [
        (b"content-type", file.content_type.encode()),
        (b"etag", file.etag.encode()),
        (b"content-length", str(0 if fresh else len(file.body)).encode()),
        *_security("" if no_store else file.content_type),
    ]
    await send({"type": "http.response.start", "status": 304 if fresh else 200, "headers": out})
    await send({"type": "http.response.body", "body": body})


class _Rewriter:
    """Rewrites Flet's response headers; holds an HTML body back to hash its scripts."""

    def __init__(self, send: Send) -> None:
        self._send = send
        self._start: Message | None = None
        self._chunks: list[bytes] = []

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            kept = [
                (k, v)
                for k, v in message.get("headers", [])
                if k.decode("latin-1").lower() not in _OURS
                and not k.decode("latin-1").lower().startswith(_DROPPED)
            ]
            message = {**message, "headers": kept}
            if self._content_type(kept).startswith("text/html"):
                self._start = message
                return
            message["headers"] = kept + _security(self._content_type(kept))
            await self._send(message)
        elif message["type"] == "http.response.body" and self._start is not None:
            self._chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                await self._flush_html()
        else:
            await self._send(message)

    @staticmethod
    def _content_type(headers: list[tuple[bytes, bytes]]) -> str:
        return next(
            (v.decode("latin-1").lower() for k, v in headers if k.lower() == b"content-type"), ""
        )

    async def _flush_html(self) -> None:
        assert self._start is not None
        body = with_script(b"".join(self._chunks))
        hashes = script_hashes(body.decode("utf-8", "replace"))
        headers = [(k, v) for k, v in self._start["headers"]
                   if k.lower() not in (b"cache-control", b"content-length")]
        headers.append((b"content-length", str(len(body)).encode()))
        headers += _security("text/html", hashes)
        await self._send({**self._start, "headers": headers})
        await self._send({"type": "http.response.body", "body": body})
