"""Where the data folder is, on each platform."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

from app.storage.atomic import ensure_dir

APP_DIR_NAME = "lip-twitch-check"


def resolve_data_dir(
    env: Mapping[str, str], *, platform: str | None = None, home: Path | None = None
) -> Path:
    """LIPCHECK_DATA_DIR, else FLET_APP_STORAGE_DATA (set by packaged Flet apps), else the
    platform's user data folder. The folder is created if missing.

    `platform` and `home` default to sys.platform and the user's home; tests pass them.
    """
    platform = platform or sys.platform
    home = home or Path(env.get("HOME") or env.get("USERPROFILE") or Path.home())
    if env.get("LIPCHECK_DATA_DIR"):
        folder = Path(env["LIPCHECK_DATA_DIR"])
    elif env.get("FLET_APP_STORAGE_DATA"):
        folder = Path(env["FLET_APP_STORAGE_DATA"])
    elif platform.startswith("win"):
        base = env.get("APPDATA") or str(home / "AppData" / "Roaming")
        folder = Path(base) / APP_DIR_NAME
    elif platform == "darwin":
        folder = home / "Library" / "Application Support" / APP_DIR_NAME
    else:
        xdg = env.get("XDG_DATA_HOME", "")
        base = xdg if Path(xdg).is_absolute() else str(home / ".local" / "share")
        folder = Path(base) / APP_DIR_NAME
    folder = folder.expanduser()
    ensure_dir(folder)
    return folder
