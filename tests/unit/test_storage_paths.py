"""Where the data folder is: the variables first, then platformdirs' per-user folder,
which must stay the folder earlier versions used so existing data is found."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from platformdirs.macos import MacOS

from app.storage import resolve_data_dir

LINUX = "home/.local/share"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh home folder for platformdirs (it reads the process environment)."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    return tmp_path / "home"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LIPCHECK_DATA_DIR": "{t}/mine", "FLET_APP_STORAGE_DATA": "{t}/flet"}, "mine"),
        ({"LIPCHECK_DATA_DIR": "", "FLET_APP_STORAGE_DATA": "{t}/flet"}, "flet"),
        ({"LIPCHECK_DATA_DIR": "", "FLET_APP_STORAGE_DATA": ""}, f"{LINUX}/lip-twitch-check"),
        ({}, f"{LINUX}/lip-twitch-check"),
    ],
)
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux folder names")
def test_variables_win_then_the_linux_user_folder(
    tmp_path: Path, home: Path, env: dict[str, str], expected: str
) -> None:
    filled = {k: v.format(t=tmp_path) for k, v in env.items()}
    got = resolve_data_dir(filled)
    assert got == tmp_path / expected
    assert got.is_dir()  # created when missing


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG is for Linux")
@pytest.mark.parametrize(("xdg", "expected"), [("{t}/xdg", "xdg"), ("relative/path", LINUX)])
def test_only_an_absolute_xdg_data_home_counts(
    tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch, xdg: str, expected: str
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", xdg.format(t=tmp_path))
    assert resolve_data_dir({}) == tmp_path / expected / "lip-twitch-check"


def test_macos_keeps_application_support(home: Path) -> None:
    got = resolve_data_dir({}, dirs_class=MacOS)
    assert got == home / "Library" / "Application Support" / "lip-twitch-check"
