"""This device's time zone, and the one fallback policy for a zone that cannot be loaded.

The person's "today", their drinks' times and their reminders all follow the zone in
their settings; when that zone cannot be loaded (say, a backup from a device with
newer zone data) every screen falls back the same way: to this device's zone, then
to UTC. Detection lives here, once, so no screen reads the system on its own.

Where the zone comes from:
- the offline build (Pyodide, sys.platform "emscripten") asks the browser
  (`Intl...resolvedOptions().timeZone`): Pyodide has no TZ, /etc/timezone or
  /etc/localtime, so anything else finds only UTC there;
- a server or desktop Python asks `tzlocal`, which knows each OS's own settings
  (TZ, /etc/timezone, /etc/localtime, the Windows registry, ...). It is imported only
  here, so the offline build neither ships nor loads it.
"""

from __future__ import annotations

import functools
import sys
from datetime import tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

FALLBACK = "UTC"


def _loadable(name: str) -> ZoneInfo | None:
    if not name or len(name) > 60 or name.startswith("/") or ".." in name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def browser_zone() -> str:
    """The zone the browser reports, in the offline build; "" when there is none."""
    try:
        import js  # Pyodide's bridge to JavaScript

        return str(js.Intl.DateTimeFormat.new().resolvedOptions().timeZone or "")
    except Exception:  # no browser, or an engine without Intl: "" means "not known"
        return ""


def system_zone() -> str:
    """The zone this computer is set to, per tzlocal; "" when it cannot tell."""
    import tzlocal

    try:
        return tzlocal.get_localzone_name() or ""
    except (LookupError, OSError, ValueError):  # conflicting or unreadable settings
        return ""


@functools.cache
def device_zone() -> str:
    """This device's IANA zone name, or "UTC" when it cannot be told; looked up once,
    as every screen build asks for it."""
    found = browser_zone() if sys.platform == "emscripten" else system_zone()
    return found if _loadable(found) else FALLBACK


def load_zone(name: str) -> tzinfo:
    """The zone `name`; if it cannot be loaded, this device's; if not even that, UTC."""
    return _loadable(name) or _loadable(device_zone()) or ZoneInfo(FALLBACK)
