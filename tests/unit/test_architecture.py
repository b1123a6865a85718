"""The layer rules, checked on the source itself so a stray import fails CI.

Only app/ui (and main.py) may import flet, only app/storage may import tinydb,
and the pure domain packages never read the clock: `now` is passed in.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app"
PURE = ("app/quiz", "app/habits", "app/insights", "app/content.py", "app/records.py")
CLOCK_CALLS = {"now", "today", "utcnow", "time", "monotonic", "perf_counter"}


def _modules() -> list[Path]:
    return sorted(APP.rglob("*.py"))


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("path", _modules(), ids=_rel)
def test_flet_and_tinydb_stay_in_their_layer(path: Path) -> None:
    rel = _rel(path)
    found = _imports(path)
    if "flet" in found:
        assert rel.startswith("app/ui/"), f"{rel} imports flet"
    if "tinydb" in found:
        assert rel.startswith("app/storage/"), f"{rel} imports tinydb"


@pytest.mark.parametrize(
    "path", [p for p in _modules() if _rel(p).startswith(PURE)], ids=_rel
)
def test_domain_code_never_reads_the_clock(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            owner_name = (
                owner.id if isinstance(owner, ast.Name)
                else owner.attr if isinstance(owner, ast.Attribute)
                else ""
            )
            if node.func.attr in CLOCK_CALLS and owner_name in {"datetime", "date", "time"}:
                raise AssertionError(f"{_rel(path)}:{node.lineno} reads the clock")


def test_the_rules_see_real_code() -> None:
    """Guard against a check that passes because it looked at nothing."""
    ui = [p for p in _modules() if _rel(p).startswith("app/ui/")]
    storage = [p for p in _modules() if _rel(p).startswith("app/storage/")]
    assert any("flet" in _imports(p) for p in ui)
    assert any("tinydb" in _imports(p) for p in storage)
    assert len([p for p in _modules() if _rel(p).startswith(PURE)]) > 10
