"""Reading requirements.lock, the one record of which versions this project runs.

`python3 tools/dev.py lock` writes it (uv pip compile --universal --generate-hashes);
tools/dev.py installs .venv from it, and the offline build (tools/web_vendor.py)
vendors the same versions for Pyodide, checked against the same hashes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

LOCK = Path(__file__).resolve().parent.parent / "requirements.lock"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")
_HASH = re.compile(r"--hash=sha256:([0-9a-f]{64})")


@dataclass(frozen=True)
class Pin:
    """One locked requirement: its exact version and the sha256 of every file of it."""

    name: str
    version: str
    hashes: frozenset[str]


def norm(name: str) -> str:
    """The PEP 503 form of a project name, so `Flet_Web` and `flet-web` are one key."""
    return re.sub(r"[-_.]+", "-", name).lower()


def parse(text: str) -> dict[str, Pin]:
    """Pins by normalised name, from a pip requirements file with hashes.

    A requirement spans its `name==version` line and the continuation lines after it.
    """
    pins: dict[str, Pin] = {}
    current = ""
    for line in text.splitlines():
        if match := _PIN.match(line):
            current = norm(match[1])
            pins[current] = Pin(current, match[2], frozenset())
        found = _HASH.findall(line)
        if current and found:
            pin = pins[current]
            pins[current] = replace(pin, hashes=pin.hashes | set(found))
    return pins


def load(path: Path = LOCK) -> dict[str, Pin]:
    if not path.is_file():
        raise SystemExit(f"{path.name} is missing: run `python3 tools/dev.py lock`")
    return parse(path.read_text(encoding="utf-8"))
