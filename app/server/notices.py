"""Server mode's side of system notifications: the page script, its service worker
and the long poll the page reads the app's messages from (app/system_notices.py).

All three are same-origin paths under /_lipcheck/ and pass the guard's Host, Origin
and key checks like every other request (the guard refuses before it gets here).
"""

from __future__ import annotations

import json
from pathlib import Path

from app.server.client import StaticFile
from app.system_notices import FEED, Feed

WEB = Path(__file__).resolve().parent / "web"
PREFIX = "/_lipcheck/"
FEED_PATH = PREFIX + "notices"
SCRIPTS = ("notify.js", "notify-sw.js")
SCRIPT_TAG = f'<script src="{PREFIX}notify.js" data-feed="{FEED_PATH}" defer></script>'


def notify_files() -> dict[str, StaticFile]:
    """URL path -> the two scripts, read from app/server/web/."""
    return {
        f"{PREFIX}{name}": StaticFile((WEB / name).read_bytes(), "text/javascript")
        for name in SCRIPTS
    }


def with_script(html: bytes) -> bytes:
    """The page with the notification script added to its <head> (once)."""
    if SCRIPT_TAG.encode() in html or b"</head>" not in html:
        return html
    return html.replace(b"</head>", SCRIPT_TAG.encode() + b"\n</head>", 1)


async def answer(feed: Feed = FEED) -> bytes:
    """The body of one long-poll answer: the queued messages and the tags still due."""
    return json.dumps(await feed.poll(), separators=(",", ":")).encode()
