"""Serve Lip Twitch Check on this machine: `python main.py`, then open the printed URL."""

from __future__ import annotations

import sys

import flet as ft

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
    print(f"Lip Twitch Check: open {config.url} in your browser", flush=True)
    ft.run(
        main,
        view=ft.AppView.WEB_BROWSER,
        host=config.host,
        port=config.port,
        assets_dir=str(config.assets_dir),
        no_cdn=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(run())
