"""Serve Lip Twitch Check on this machine: `python main.py`, then open the printed URL."""

from __future__ import annotations

import sys

from app.config import load_config
from app.errors import ValidationError
from app.ui.app import create_app


def run() -> int:
    if sys.platform == "emscripten":  # the offline web build: Python runs in the browser
        from app.ui.pyodide_boot import run_in_browser

        run_in_browser()
        return 0
    try:
        config = load_config(sys.argv[1:])
    except ValidationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    main, problem = create_app(config)
    if problem:
        print(f"error: the app cannot start: {problem}", file=sys.stderr)
    else:
        from app.ui.shell import warm_screens

        warm_screens()  # a server starts once: load every screen now, not on first tap
    from app.server.lan import banner
    from app.server.serve import serve

    print(banner(config), flush=True)
    serve(main, config)  # Flet's app behind our Host/Origin/key checks and headers
    return 0


if __name__ == "__main__":
    sys.exit(run())
