"""The Flet app as an ASGI app, for app/server to put its guard in front of.

Built here because only the UI layer imports Flet (flet and flet_web alike);
`flet_web.fastapi.app(...)` is flet-web's documented way to get what `ft.run`
mounts, so the server layer can serve it with uvicorn and change no installed file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any


def flet_asgi(main: Callable[..., Any], assets_dir: Path) -> tuple[Any, Path]:
    """The Flet ASGI app with the whole web client served locally (no CDN), and the
    folder the stock client's files come from."""
    import flet_web
    import flet_web.fastapi as flet_fastapi

    app = flet_fastapi.app(main, assets_dir=str(assets_dir), no_cdn=True)
    return app, Path(flet_web.get_package_web_dir())
