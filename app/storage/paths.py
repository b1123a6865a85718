"""Where the data folder is, on each platform."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from app.storage.files import ensure_dir

APP_DIR_NAME = "lip-twitch-check"


def user_data_dir(dirs_class: type | None = None) -> Path:
    """The OS's per-user data folder (`~/.local/share/lip-twitch-check`, `%APPDATA%\\...`,
    roaming, no author folder: where earlier versions kept it). Imported here: the
    offline build never needs it. `dirs_class` lets tests ask another platform's rules."""
    import platformdirs

    cls = dirs_class or platformdirs.PlatformDirs
    return Path(cls(appname=APP_DIR_NAME, appauthor=False, roaming=True).user_data_dir)


def resolve_data_dir(env: Mapping[str, str], *, dirs_class: type | None = None) -> Path:
    """LIPCHECK_DATA_DIR, else FLET_APP_STORAGE_DATA (set by packaged Flet apps), else the
    platform's user data folder (HOME, XDG_DATA_HOME and APPDATA are read by platformdirs
    from the process environment). The folder is created if missing.
    """
    if env.get("LIPCHECK_DATA_DIR"):
        folder = Path(env["LIPCHECK_DATA_DIR"])
    elif env.get("FLET_APP_STORAGE_DATA"):
        folder = Path(env["FLET_APP_STORAGE_DATA"])
    else:
        folder = user_data_dir(dirs_class)
    folder = folder.expanduser()
    ensure_dir(folder)
    return folder
