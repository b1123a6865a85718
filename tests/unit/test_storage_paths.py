"""Where the data folder is."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.storage import resolve_data_dir


@pytest.mark.parametrize(
    ("env", "platform", "expected"),
    [
        ({"LIPCHECK_DATA_DIR": "{t}/mine", "FLET_APP_STORAGE_DATA": "{t}/flet"}, "linux", "mine"),
        ({"LIPCHECK_DATA_DIR": "", "FLET_APP_STORAGE_DATA": "{t}/flet"}, "linux", "flet"),
        ({"XDG_DATA_HOME": "{t}/xdg"}, "linux", "xdg/lip-twitch-check"),
        ({}, "linux", "home/.local/share/lip-twitch-check"),
        ({"XDG_DATA_HOME": "relative/path"}, "linux", "home/.local/share/lip-twitch-check"),
        ({}, "darwin", "home/Library/Application Support/lip-twitch-check"),
        ({"APPDATA": "{t}/Roaming"}, "win32", "Roaming/lip-twitch-check"),
        ({}, "win32", "home/AppData/Roaming/lip-twitch-check"),
    ],
)
def test_resolve_data_dir(
    tmp_path: Path, env: dict[str, str], platform: str, expected: str
) -> None:
    filled = {k: v.format(t=tmp_path) for k, v in env.items()}
    got = resolve_data_dir(filled, platform=platform, home=tmp_path / "home")
    assert got == tmp_path / expected
    assert got.is_dir()  # created when missing
