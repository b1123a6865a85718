"""The device's zone and the one fallback for a zone that cannot be loaded (app/device.py).

Detection is checked in a fresh interpreter per case, as the real app does it: once
per process, from the process environment (tzlocal reads TZ first).
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.config import ROOT
from app.device import _loadable, browser_zone, device_zone, load_zone


def _in_fresh_python(code: str, tz: str) -> str:
    env = {"PATH": "/usr/bin:/bin", "TZ": tz}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


@pytest.mark.parametrize(
    ("tz", "expected"),
    [
        ("America/Chicago", "America/Chicago"),
        (":Asia/Tokyo", "Asia/Tokyo"),
        ("/usr/share/zoneinfo/Europe/Paris", "Europe/Paris"),
    ],
)
def test_the_device_zone_follows_tz(tz: str, expected: str) -> None:
    if not Path("/usr/share/zoneinfo", expected).is_file():
        pytest.skip("needs the system zone database")
    code = "from app.device import device_zone; print(device_zone())"
    assert _in_fresh_python(code, tz) == expected


def test_a_zone_that_cannot_load_becomes_the_device_zone() -> None:
    code = (
        "from app.device import load_zone\n"
        "print(load_zone('Not/AZone'), load_zone('../etc/passwd'), load_zone(''))"
    )
    assert _in_fresh_python(code, "Asia/Tokyo") == "Asia/Tokyo Asia/Tokyo Asia/Tokyo"


def test_a_loadable_zone_is_kept() -> None:
    moment = datetime(2025, 3, 20, 23, 30, tzinfo=UTC)
    assert moment.astimezone(load_zone("Pacific/Auckland")).date().day == 21
    assert str(load_zone("UTC")) == "UTC"


@given(st.text(max_size=80))
def test_any_text_gives_a_usable_zone(name: str) -> None:
    zone = load_zone(name)
    assert datetime(2025, 1, 1, tzinfo=UTC).astimezone(zone).year in (2024, 2025)
    if _loadable(name) is None:
        assert str(zone) == device_zone()


def test_the_browser_zone_is_unknown_outside_a_browser() -> None:
    assert browser_zone() == ""  # no `js` module in CPython; the e2e test covers Pyodide
