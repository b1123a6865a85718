"""The offline build's part of system notifications (issue 16).

Python runs in the page's worker there, so the app posts its notification messages
to the page (app/ui/habits/notify.py); python.js hands those to the page script
app/server/web/notify.js instead of to Flutter. The site's service worker imports
app/server/web/notify-sw.js, which handles a tap on a notification. Each patch must
match exactly once, so a changed flet-web fails the build loudly.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from app.server.client import NOTIFY_SCRIPTS, WEB

FOLDER = "_lipcheck"
# Only the handler's first line: tools/web_prewarm.py patches the lines after it.
PAGE_OLD = """    app.worker.onmessage = (event) => {
"""
PAGE_NEW = """    app.worker.onmessage = (event) => {
        if (event.data && event.data.lipcheck === "notices") {
            // Added by tools/web_notify.py: the app's system-notification messages.
            if (globalThis.lipcheckNotices) globalThis.lipcheckNotices(event.data);
            return;
        }
"""
SCRIPT_TAG = f'  <script src="{FOLDER}/notify.js" defer></script>\n</head>'
WORKER_OLD = "'use strict';\n"
WORKER_NEW = f"'use strict';\nimportScripts('{FOLDER}/notify-sw.js');  // tools/web_notify.py\n"


def _once(text: str, old: str, new: str, where: str) -> str:
    if text.count(old) != 1:
        raise SystemExit(f"{where}: expected one {old[:50]!r}; has flet-web changed?")
    return text.replace(old, new)


def patch(out: Path) -> None:
    """Copy the scripts into the site, load the page script, and route the worker's
    messages to it (run before the policy's script hashes are taken)."""
    (out / FOLDER).mkdir(exist_ok=True)
    for name in NOTIFY_SCRIPTS:
        shutil.copyfile(WEB / name, out / FOLDER / name)
    index = out / "index.html"
    html = _once(index.read_text(encoding="utf-8"), "</head>", SCRIPT_TAG, "index.html")
    index.write_text(html, encoding="utf-8")
    page = out / "python.js"
    page.write_text(_once(page.read_text(encoding="utf-8"), PAGE_OLD, PAGE_NEW, "python.js"),
                    encoding="utf-8")


def hook_worker(out: Path) -> None:
    """The site's service worker imports the notification handler (one line)."""
    path = out / "sw.js"
    path.write_text(_once(path.read_text(encoding="utf-8"), WORKER_OLD, WORKER_NEW, "sw.js"),
                    encoding="utf-8")
