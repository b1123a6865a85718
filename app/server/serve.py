"""Serve the Flet app through our own ASGI layer, with uvicorn, as flet_web does.

The UI layer builds the Flet ASGI app (app/ui/frame/web_client.py: only app/ui imports
Flet); we wrap it in `Guard` and run uvicorn ourselves with the settings flet-web
uses, so no installed file is changed.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import Any

from app.config import AppConfig
from app.server.access import LOOPBACK_NAMES, Access
from app.server.client import client_files, notify_files
from app.server.guard import Guard
from app.services.notices_feed import FEED


def access_for(config: AppConfig) -> Access:
    """Loopback names always; the --host too when it names one address."""
    hosts = set(LOOPBACK_NAMES)
    if config.host not in ("0.0.0.0", "::"):
        hosts.add(config.host.lower().strip("[]"))
    return Access(port=config.port, hosts=frozenset(hosts), token=config.token)


def build(main: Callable[..., Any], config: AppConfig) -> Guard:
    """The guarded ASGI app (a test can serve it with any ASGI server)."""
    from app.ui.frame.web_client import flet_asgi

    flet_app, web_dir = flet_asgi(main, config.assets_dir)
    return Guard(flet_app, access_for(config), {**client_files(web_dir), **notify_files()})


def serve(main: Callable[..., Any], config: AppConfig) -> None:
    """Block serving until Ctrl+C (uvicorn handles the signals)."""
    import uvicorn

    class Server(uvicorn.Server):
        async def shutdown(self, sockets: Any = None) -> None:
            """End the page's open long poll first (it answers at once), so Ctrl+C
            neither waits for it nor cancels it with a traceback."""
            FEED.close()
            await super().shutdown(sockets)

    settings = uvicorn.Config(
        build(main, config),
        host=config.host,
        port=config.port,
        ws="websockets-sansio",
        log_level="warning",
        proxy_headers=False,
        server_header=False,
        lifespan="on",
        timeout_graceful_shutdown=2,  # a Flet session still open after that is cut
    )
    with suppress(KeyboardInterrupt):  # uvicorn raises Ctrl+C again once it has shut down
        Server(settings).run()
