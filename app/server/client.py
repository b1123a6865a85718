"""Keep the stock Flet web client from asking a CDN for the Rive runtime.

The client's compiled code (main.dart.js, and main.dart.wasm for the skwasm
renderer) loads `<CDN>/wasm/rive_native.js` with a <script> tag on every start.
This app shows no Rive animations, so our copies point that prefix at a local
folder (same length, so the wasm module's string import keeps its size) where a
stand-in script answers "Rive is not available": the client's loader catches
the rejection and carries on with Rive switched off, as it did when the CDN was
unreachable, without a request leaving the device or a 404 in the console.
Installed packages are never changed; the server serves these patched bytes and
the offline build writes them into its folder.

The same goes for the system-notification scripts in app/server/web/ (issue 16):
the page script, added to every page, and its service worker; the offline build
copies them too (tools/web_notify.py).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

CDN_PREFIX = b"https://cdn.jsdelivr.net/npm/@rive-app/flutter-native-wasm@44.0.0/"
LOCAL_DIR = "_rive"
PATCHED = ("main.dart.js", "main.dart.wasm")
STAND_IN_PATHS = ("wasm/rive_native.js", "wasm_compatibility/rive_native.js")
STAND_IN = b"""// Lip Twitch Check: stand-in for the Rive runtime the Flet client would
// load from a CDN. The app shows no Rive animations; saying "not available"
// keeps every request on the device.
window.RiveNative = () => Promise.reject(new Error("Rive is not bundled with this app"));
"""
TYPES = {".js": "text/javascript", ".wasm": "application/wasm"}
WEB = Path(__file__).resolve().parent / "web"
NOTIFY_PREFIX = "/_lipcheck/"
FEED_PATH = NOTIFY_PREFIX + "notices"
"""The page's long poll for the app's notification messages (app/services/notices_feed.py)."""
NOTIFY_SCRIPTS = ("notify.js", "notify-sw.js")
SCRIPT_TAG = f'<script src="{NOTIFY_PREFIX}notify.js" data-feed="{FEED_PATH}" defer></script>'


class ClientChanged(RuntimeError):
    """flet-web no longer looks as expected; re-check the Rive URL before upgrading."""


def local_prefix(length: int = len(CDN_PREFIX)) -> bytes:
    """A relative URL of exactly `length` bytes that resolves to /_rive/ under the
    page's <base href>: `./` repeated, then the folder."""
    name = f"{LOCAL_DIR}/"
    pad = length - len(name)
    if pad < 0 or pad % 2:
        name = f"{LOCAL_DIR}-/"
        pad = length - len(name)
    if pad < 0:
        raise ClientChanged("the CDN prefix is too short to replace")
    return ("./" * (pad // 2) + name).encode("ascii")


def patch_bytes(data: bytes, name: str) -> bytes:
    """`data` (one of PATCHED) with the CDN prefix replaced; raises if it is not there once."""
    if data.count(CDN_PREFIX) != 1:
        raise ClientChanged(f"{name}: expected the Rive CDN URL once; has flet-web changed?")
    new = local_prefix()
    assert len(new) == len(CDN_PREFIX)
    return data.replace(CDN_PREFIX, new)


def stand_in_files() -> dict[str, bytes]:
    """Relative path (under the site root) -> contents of the stand-in scripts."""
    folder = local_prefix().decode("ascii").replace("./", "")
    return {f"{folder}{rel}": STAND_IN for rel in STAND_IN_PATHS}


@dataclass(frozen=True)
class StaticFile:
    body: bytes
    content_type: str

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:32] + '"'


def client_files(web_dir: Path) -> dict[str, StaticFile]:
    """URL path -> file for everything the server serves in place of the stock client."""
    files = {}
    for name in PATCHED:
        path = web_dir / name
        if path.exists():
            kind = TYPES[path.suffix]
            files[f"/{name}"] = StaticFile(patch_bytes(path.read_bytes(), name), kind)
    for rel, body in stand_in_files().items():
        files[f"/{rel}"] = StaticFile(body, "text/javascript")
    return files


def notify_files() -> dict[str, StaticFile]:
    """URL path -> the two notification scripts, read from app/server/web/."""
    return {
        f"{NOTIFY_PREFIX}{name}": StaticFile((WEB / name).read_bytes(), "text/javascript")
        for name in NOTIFY_SCRIPTS
    }


def with_script(html: bytes) -> bytes:
    """The page with the notification script added to its <head> (once)."""
    if SCRIPT_TAG.encode() in html or b"</head>" not in html:
        return html
    return html.replace(b"</head>", SCRIPT_TAG.encode() + b"\n</head>", 1)
