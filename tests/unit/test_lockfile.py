"""requirements.lock must cover everything pyproject.toml names, within its ranges.

A dependency added to pyproject.toml without `python3 tools/dev.py lock` would
otherwise be missing from every install (they are `--require-hashes --no-deps`).
"""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from tools import dev, lockfile, web_vendor

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LOCKED = lockfile.load()
NAMED = [
    *PYPROJECT["project"]["dependencies"],
    *PYPROJECT["project"]["optional-dependencies"]["test"],
    *PYPROJECT["build-system"]["requires"],
]


@pytest.mark.parametrize("text", NAMED)
def test_every_requirement_is_pinned_inside_its_range(text: str) -> None:
    req = Requirement(text)
    pin = LOCKED.get(lockfile.norm(req.name))
    assert pin is not None, f"{req.name} is not in requirements.lock: run tools/dev.py lock"
    assert req.specifier.contains(pin.version, prereleases=True), (
        f"requirements.lock pins {req.name}=={pin.version}, outside {req.specifier}"
    )
    assert pin.hashes, f"{req.name} has no --hash in requirements.lock"


def test_lock_is_closed_under_dependencies() -> None:
    """Every dependency of every locked package installed here is locked too (what
    `pip install --no-deps` relies on), and installed at the locked version."""
    missing: list[str] = []
    for pin in LOCKED.values():
        try:
            dist = metadata.distribution(pin.name)
        except metadata.PackageNotFoundError:
            continue  # only for other platforms or Pythons (e.g. colorama on Windows)
        assert dist.version == pin.version, f"{pin.name} {dist.version}, locked {pin.version}"
        for text in dist.requires or []:
            req = Requirement(text)
            needed = req.marker is None or req.marker.evaluate({"extra": ""})
            if needed and lockfile.norm(req.name) not in LOCKED:
                missing.append(f"{req.name} (needed by {pin.name})")
    assert not missing, missing


def test_offline_build_vendors_locked_versions() -> None:
    for pin in web_vendor.pins(web_vendor.APP_DEPS, LOCKED):
        name, version = pin.split("==")
        assert LOCKED[lockfile.norm(name)].version == version


def test_a_name_missing_from_the_lock_stops_the_offline_build() -> None:
    with pytest.raises(SystemExit, match="not in requirements.lock: nosuchpackage"):
        web_vendor.pins(["tinydb", "nosuchpackage"], LOCKED)


def test_wheel_with_unlocked_bytes_is_refused(tmp_path: Path) -> None:
    wheel = tmp_path / "tinydb-4.9.0-py3-none-any.whl"
    wheel.write_bytes(b"not the real wheel")
    with pytest.raises(SystemExit, match="does not match any hash"):
        web_vendor.check_hash(wheel, LOCKED["tinydb"])


def test_parse_reads_names_versions_and_continued_hashes() -> None:
    text = (
        "# header\n"
        "Flet_Web==1.0.5 \\\n"
        "    --hash=sha256:" + "a" * 64 + " \\\n"
        "    --hash=sha256:" + "b" * 64 + "\n"
        "    # via lip-twitch-check (pyproject.toml)\n"
        'colorama==0.4.6 ; sys_platform == "win32" \\\n'
        "    --hash=sha256:" + "c" * 64 + "\n"
    )
    pins = lockfile.parse(text)
    assert pins["flet-web"] == lockfile.Pin("flet-web", "1.0.5", frozenset({"a" * 64, "b" * 64}))
    assert pins["colorama"].version == "0.4.6"
    assert pins["colorama"].hashes == {"c" * 64}


def test_install_key_follows_the_lock(tmp_path: Path) -> None:
    """A changed lock means a rebuilt environment; the same lock means none."""
    lock, project = tmp_path / "requirements.lock", tmp_path / "pyproject.toml"
    project.write_text("[project]\n")
    lock.write_text("tinydb==4.9.0\n")
    first = dev.install_key(lock, project)
    assert dev.install_key(lock, project) == first
    lock.write_text("tinydb==4.8.2\n")
    assert dev.install_key(lock, project) != first
