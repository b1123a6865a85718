"""Serve the Flet app through our own ASGI layer, with uvicorn, as flet_web does.

`flet_web.fastapi.app(...)` is flet-web's documented way to get the Flet app as an
ASGI app (it is what `ft.run` mounts); we wrap it in `Guard` and run uvicorn
ourselves with the settings flet-web uses, so no installed file is changed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.config import AppConfig
from app.server.access import LOOPBACK_NAMES, Access
from app.server.client import client_files
from app.server.guard import Guard


def access_for(config: AppConfig) -> Access:
    """Loopback names always; the --host too when it names one address."""
    hosts = set(LOOPBACK_NAMES)
    if config.host not in ("0.0.0.0", "::"):
        hosts.add(config.host.lower().strip("[]"))
    return Access(port=config.port, hosts=frozenset(hosts), token=config.token)


def build(main: Callable[..., Any], config: AppConfig) -> Guard:
    """The guarded ASGI app (a test can serve it with any ASGI server)."""
    import flet_web
    import flet_web.fastapi as flet_fastapi

    flet_app = flet_fastapi.app(main, assets_dir=str(config.assets_dir), no_cdn=True)
    files = client_files(Path(flet_web.get_package_web_dir()))
    return Guard(flet_app, access_for(config), files)


def serve(main: Callable[..., Any], config: AppConfig) -> None:
    """Block serving until Ctrl+C (uvicorn handles the signals)."""
    import uvicorn

    uvicorn.run(
        build(main, config),
        host=config.host,
        port=config.port,
        ws="websockets-sansio",
        log_level="warning",
        proxy_headers=False,
        server_header=False,
        lifespan="on",
    )
