"""The Python half of the web build: wheels for Pyodide and the app archive.

Pyodide's worker unpacks `app.tar.gz`, puts its `__pypackages__` on sys.path and
pip-installs `requirements.txt` with micropip, which needs the network. So every
runtime dependency is unpacked into `__pypackages__` here and requirements.txt is
left empty: the app then never fetches anything at run time.

Wheels come from the package registry once (pip download for the Pyodide
platform and Python 3.14) and are kept in a git-ignored cache folder, so later
builds work offline. Versions come from requirements.lock, the same pins .venv is
installed from, so the browser runs what the tests ran; every wheel, cached or
fresh, must match one of the lock's hashes for that version.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import re
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tools import lockfile

ROOT = Path(__file__).resolve().parent.parent
WHEEL_CACHE = ROOT / ".cache" / "web-wheels"
# Pyodide 314.x (Python 3.14): the ABI named in flet_web/web/pyodide/pyodide-lock.json
PYODIDE_PLATFORM = "pyemscripten_2026_0_wasm32"
PYODIDE_PYTHON = "3.14"
# flet's own dependencies in Pyodide (httpx and oauthlib are skipped there by markers),
# then the app's: tinydb, and icalendar with its dependencies on Python >= 3.13.
FLET_DEPS = ("flet", "repath", "six", "msgpack")
APP_DEPS = (*FLET_DEPS, "tinydb", "icalendar", "python-dateutil", "tzdata")
FIXED_MTIME = 315532800  # 1980-01-01: the archive is byte-for-byte reproducible
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
# Inside wheels: what the app never loads at run time.
_SKIP = re.compile(r"(^|/)(__pycache__|tests?)/|\.pyi$|\.dist-info/RECORD$|(^|/)py\.typed$")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def pins(names: Iterable[str], locked: Mapping[str, lockfile.Pin] | None = None) -> list[str]:
    """`name==version` with the versions requirements.lock pins."""
    locked = lockfile.load() if locked is None else locked
    missing = [name for name in names if lockfile.norm(name) not in locked]
    if missing:
        raise SystemExit(f"not in requirements.lock: {', '.join(missing)}")
    return [f"{name}=={locked[lockfile.norm(name)].version}" for name in names]


def check_hash(wheel: Path, pin: lockfile.Pin) -> None:
    """A wheel whose bytes the lock does not vouch for is never vendored."""
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest not in pin.hashes:
        raise SystemExit(
            f"{wheel} does not match any hash requirements.lock has for "
            f"{pin.name}=={pin.version}; delete it and build again"
        )


def _cached(pin: str, cache: Path) -> Path | None:
    name, version = pin.split("==")
    for wheel in sorted(cache.glob("*.whl")):
        w_name, w_version = wheel.name.split("-")[:2]
        if _norm(w_name) == _norm(name) and w_version == version:
            return wheel
    return None


def fetch_wheels(names: Iterable[str], cache: Path = WHEEL_CACHE) -> list[Path]:
    """The wheels for Pyodide, downloading only the ones not in the cache yet."""
    locked = lockfile.load()
    wanted = pins(names, locked)
    cache.mkdir(parents=True, exist_ok=True)
    missing = [pin for pin in wanted if _cached(pin, cache) is None]
    if missing:
        cmd = [
            sys.executable,
            "-m",
            "pip",
            "download",
            "-qq",
            "--no-deps",
            "--only-binary=:all:",
            "--platform",
            PYODIDE_PLATFORM,
            "--platform",
            "any",
            "--python-version",
            PYODIDE_PYTHON,
            "--implementation",
            "cp",
            "--abi",
            f"cp{PYODIDE_PYTHON.replace('.', '')}",
            "--abi",
            "none",
            "--dest",
            str(cache),
            *missing,
        ]
        print("+ pip download", " ".join(missing), flush=True)
        subprocess.run(cmd, check=True)
    found = [_cached(pin, cache) for pin in wanted]
    absent = [pin for pin, wheel in zip(wanted, found, strict=True) if wheel is None]
    if absent:
        raise SystemExit(f"no Pyodide wheel found for: {', '.join(absent)}")
    wheels = [wheel for wheel in found if wheel is not None]
    for pin, wheel in zip(wanted, wheels, strict=True):
        check_hash(wheel, locked[lockfile.norm(pin.split("==")[0])])
    return wheels


@dataclass
class AppFiles:
    """The app archive's content before packing.

    `loose` files are unpacked by the worker as they are: the app's sources and
    packages with compiled extensions (msgpack), which must be real files.
    `zipped` pure-Python packages go into one uncompressed zip file named
    `__pypackages__`: the worker puts that path on sys.path (it checks only that
    it exists) and zipimport reads it in place, so the browser does not write
    ~1,500 files (tzdata alone has 600) at every start.
    """

    loose: dict[str, bytes] = field(default_factory=dict)
    zipped: dict[str, bytes] = field(default_factory=dict)


def _wheel_contents(wheel: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(wheel) as archive:
        return {
            info.filename: archive.read(info)
            for info in archive.infolist()
            if not info.is_dir() and not _SKIP.search(info.filename)
        }


def source_files(root: Path, entries: Iterable[str]) -> dict[str, bytes]:
    """main.py, app/ and content/ as they are in the work tree (no caches)."""
    files: dict[str, bytes] = {}
    for entry in entries:
        path = root / entry
        paths = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for item in paths:
            rel = item.relative_to(root).as_posix()
            if "__pycache__" in rel or rel.endswith((".pyc", ".pyo")):
                continue
            files[rel] = item.read_bytes()
    return files


def tar_gz(files: Mapping[str, bytes]) -> bytes:
    """A reproducible .tar.gz: sorted entries, fixed times and owners."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name in sorted(files):
            data = files[name]
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(data), FIXED_MTIME, 0o644
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            tar.addfile(info, io.BytesIO(data))
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, compresslevel=9, mtime=0) as gz:
        gz.write(raw.getvalue())
    return out.getvalue()


def app_files(sources: Mapping[str, bytes], wheels: Iterable[Path]) -> AppFiles:
    """Sources, vendored packages and an empty requirements.txt (so micropip, and
    the network, are never used)."""
    files = AppFiles(loose={**sources, "requirements.txt": b""})
    for wheel in wheels:
        contents = _wheel_contents(wheel)
        binary = any(name.endswith(".so") for name in contents)
        (files.loose if binary else files.zipped).update(contents)
    return files


def stored_zip(files: Mapping[str, bytes]) -> bytes:
    """A reproducible zip with uncompressed entries (the tar.gz around it compresses)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name in sorted(files):
            archive.writestr(zipfile.ZipInfo(name, ZIP_DATE), files[name])
    return out.getvalue()


def pack(files: AppFiles) -> bytes:
    return tar_gz({**files.loose, "__pypackages__": stored_zip(files.zipped)})
