"""Take the README's screenshots of the real app at phone size: `python -m tools.screenshots`.

Uses the same server and browser helpers as the e2e tests.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.e2e.browser import ROOT, Guard, Server, launch, new_context, open_app, wait_text

OUT = ROOT / "docs" / "screenshots"
SHOTS = [
    ("home", "/", "Is your lip twitching?", False),
    ("learn", "/learn", "What lip twitching is", False),
    ("section-dark", "/learn/when-to-see-a-doctor", "Emergency", True),
]


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        server = Server(data_dir=Path(tmp) / "data").start()
        browser = launch(pw)
        try:
            for name, route, marker, dark in SHOTS:
                guard = Guard()
                context = new_context(browser, guard, dark=dark)
                page = context.new_page()
                open_app(page, server.url + route)
                wait_text(page, marker)
                page.wait_for_timeout(600)
                page.screenshot(path=str(OUT / f"{name}.png"))
                context.close()
                if guard.external:
                    print(f"{name}: outside requests {guard.external}", file=sys.stderr)
                    return 1
                print(f"wrote docs/screenshots/{name}.png")
        finally:
            browser.close()
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
