"""Serve Lip Twitch Check on this machine: `python main.py`, then open the printed URL."""

from __future__ import annotations

import os
import sys

from app.config import load_config
from app.errors import ValidationError
from app.storage import FolderInUseError, claim_data_dir, resolve_data_dir
from app.ui.frame.app import create_app


def run() -> int:
    if sys.platform == "emscripten":  # the offline web build: Python runs in the browser
        from app.ui.frame.pyodide_boot import run_in_browser

        run_in_browser()
        return 0
    try:
        config = load_config(sys.argv[1:])
    except ValidationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:  # one app per data folder: a second one stops here, saying so
        claim_data_dir(config.data_dir or resolve_data_dir(os.environ))
    except FolderInUseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError:
        pass  # the folder cannot even be made: the cannot-start page says why
    main, problem = create_app(config)
    if problem:
        print(f"error: the app cannot start: {problem}", file=sys.stderr)
    else:
        from app.ui.frame.shell import warm_screens

        warm_screens()  # a server starts once: load every screen now, not on first tap
    from app.server.lan import banner
    from app.server.serve import serve

    print(banner(config), flush=True)
    serve(main, config)  # Flet's app behind our Host/Origin/key checks and headers
    return 0


if __name__ == "__main__":
    sys.exit(run())
