"""What the offline app imports before its first screen: every import there is
start-up time in the browser, so the other screens and icalendar wait."""

from __future__ import annotations

import json
import subprocess
import sys

from app.config import ROOT
from app.ui.frame.shell import SCREENS, screen


def _modules_after(statement: str) -> set[str]:
    code = f"import json, sys\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(json.loads(out.stdout))


def test_the_browser_start_loads_only_the_first_screen() -> None:
    loaded = _modules_after("import app.ui.frame.pyodide_boot")
    for later in (
        "app.ui.history.screen",
        "app.ui.habits.screen",
        "app.ui.check.screen",
        "app.ui.pages.settings",
    ):
        assert later not in loaded, later
    assert "icalendar" not in loaded
    # Not vendored in the offline build: its data folder is fixed and its zone comes
    # from the browser (app/device.py), so these must stay off its import path.
    assert "platformdirs" not in loaded and "tzlocal" not in loaded


def test_every_screen_module_resolves_to_a_builder() -> None:
    for module in SCREENS:
        assert callable(screen(module)), module
