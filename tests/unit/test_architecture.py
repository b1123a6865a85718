"""The layer rules, checked on the source itself so a stray import fails CI.

Only app/ui (and main.py) may import flet, only app/storage may import tinydb,
and the pure domain packages never read the clock: `now` is passed in. Screens only
draw: app/ui never imports app.storage nor touches a store, and every use case is in
the application layer (app/services), which imports neither flet nor tinydb.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app"
PURE = (
    "app/quiz",
    "app/habits",
    "app/insights",
    "app/content.py",
    "app/content_search.py",
    "app/formats.py",
    "app/records.py",
)
CLOCK_CALLS = {"now", "today", "utcnow", "time", "monotonic", "perf_counter"}


def _modules() -> list[Path]:
    return sorted(APP.rglob("*.py"))


def _full_imports(path: Path) -> set[str]:
    """Every module imported, by its dotted name (late imports inside functions too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def _imports(path: Path) -> set[str]:
    return {name.split(".")[0] for name in _full_imports(path)}


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("path", _modules(), ids=_rel)
def test_flet_and_tinydb_stay_in_their_layer(path: Path) -> None:
    rel = _rel(path)
    found = _imports(path)
    for package in ("flet", "flet_web"):
        if package in found:
            assert rel.startswith("app/ui/"), f"{rel} imports {package}"
    if "tinydb" in found:
        assert rel.startswith("app/storage/"), f"{rel} imports tinydb"


def clock_reads(source: str) -> list[int]:
    """Line numbers that read the clock, whatever the import style or alias:
    datetime.now / date.today / time.time ..., called or only referenced."""
    tree = ast.parse(source)
    modules: dict[str, str] = {}  # alias -> "datetime" | "time"
    classes: set[str] = set()  # aliases of datetime.datetime / datetime.date
    functions: set[str] = set()  # aliases of time.time, time.monotonic, ...
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in ("datetime", "time"):
                    modules[alias.asname or alias.name] = alias.name
        elif isinstance(node, ast.ImportFrom) and node.module in ("datetime", "time"):
            for alias in node.names:
                name = alias.asname or alias.name
                if node.module == "datetime" and alias.name in ("datetime", "date"):
                    classes.add(name)
                if node.module == "time" and alias.name in CLOCK_CALLS:
                    functions.add(name)
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in functions:
            lines.append(node.lineno)
        if not isinstance(node, ast.Attribute) or node.attr not in CLOCK_CALLS:
            continue
        owner = node.value
        if (
            isinstance(owner, ast.Name)
            and (owner.id in classes or modules.get(owner.id) == "time")
            or (
                isinstance(owner, ast.Attribute)
                and isinstance(owner.value, ast.Name)
                and modules.get(owner.value.id) == "datetime"
                and owner.attr in ("datetime", "date")
            )
        ):
            lines.append(node.lineno)
    return sorted(lines)


@pytest.mark.parametrize("path", [p for p in _modules() if _rel(p).startswith(PURE)], ids=_rel)
def test_domain_code_never_reads_the_clock(path: Path) -> None:
    found = clock_reads(path.read_text(encoding="utf-8"))
    assert not found, f"{_rel(path)} reads the clock on lines {found}"


@pytest.mark.parametrize(
    "source",
    [
        "from datetime import datetime\nx = datetime.now()",
        "import datetime as dt\nx = dt.datetime.now(dt.UTC)",
        "from datetime import date as D\nx = D.today()",
        "from time import time\nx = time()",
        "import time\nx = time.monotonic()",
        "from datetime import datetime as dt\ndef f(clock=dt.now): ...",
    ],
)
def test_the_clock_check_sees_every_style(source: str) -> None:
    assert clock_reads(source)


def test_the_clock_check_allows_passing_now_in() -> None:
    source = (
        "from datetime import datetime, time\ndef f(now: datetime) -> time:\n    return now.time()"
    )
    assert clock_reads(source) == []


def test_the_rules_see_real_code() -> None:
    """Guard against a check that passes because it looked at nothing."""
    ui = [p for p in _modules() if _rel(p).startswith("app/ui/")]
    storage = [p for p in _modules() if _rel(p).startswith("app/storage/")]
    assert any("flet" in _imports(p) for p in ui)
    assert any("tinydb" in _imports(p) for p in storage)
    assert len([p for p in _modules() if _rel(p).startswith(PURE)]) > 10


UI = [p for p in _modules() if _rel(p).startswith("app/ui/")]
SERVICES = [p for p in _modules() if _rel(p).startswith("app/services/")]
MAX_FUNCTION_LINES = 50


def store_uses(source: str) -> list[int]:
    """Lines that reach a store: `.store` attribute access (services.store.results, ...)."""
    tree = ast.parse(source)
    return sorted(
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr in ("store", "_store")
    )


@pytest.mark.parametrize("path", UI, ids=_rel)
def test_screens_never_import_storage(path: Path) -> None:
    found = sorted(
        n for n in _full_imports(path) if n == "app.storage" or n.startswith("app.storage.")
    )
    assert not found, f"{_rel(path)} imports {found}: call app.services instead"


@pytest.mark.parametrize("path", UI, ids=_rel)
def test_screens_never_touch_the_store(path: Path) -> None:
    found = store_uses(path.read_text(encoding="utf-8"))
    assert not found, f"{_rel(path)} reaches the store on lines {found}: add a use case"


@pytest.mark.parametrize("path", SERVICES, ids=_rel)
def test_the_application_layer_imports_neither_flet_nor_tinydb(path: Path) -> None:
    assert not _imports(path) & {"flet", "flet_web", "tinydb"}, _rel(path)


@pytest.mark.parametrize(
    "source",
    [
        "x = ctx.services.store.results.list()",
        "s = services.store",
        "def f(a):\n    return a.store",
    ],
)
def test_the_store_check_sees_every_reach(source: str) -> None:
    assert store_uses(source)


def long_functions(source: str, limit: int = MAX_FUNCTION_LINES) -> list[tuple[str, int]]:
    """(name, lines) of every function or method longer than `limit` lines, decorators
    excluded, docstring included."""
    tree = ast.parse(source)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > limit:
                found.append((node.name, length))
    return found


@pytest.mark.parametrize("path", _modules(), ids=_rel)
def test_no_function_is_longer_than_fifty_lines(path: Path) -> None:
    found = long_functions(path.read_text(encoding="utf-8"))
    assert not found, f"{_rel(path)}: {found}"


def test_the_length_check_counts_lines() -> None:
    body = "".join(f"    x{i} = {i}\n" for i in range(MAX_FUNCTION_LINES))
    assert long_functions(f"def f():\n{body}") == [("f", MAX_FUNCTION_LINES + 1)]
    assert long_functions("def g():\n    return 1\n") == []


def test_the_new_rules_see_real_code() -> None:
    assert len(UI) > 20 and len(SERVICES) >= 5
    assert any("app.services" in _full_imports(p) for p in UI)
    assert any("app.storage" in _full_imports(p) for p in SERVICES)
