"""Ship Python bytecode, so the browser does not compile every module at each start.

Pyodide runs with sys.dont_write_bytecode, so without .pyc files it compiles the
standard library and every app module from source on every page load (measured
here: loadPyodide 2.0 s -> 0.9 s with a compiled standard library). The
bytecode is made at build time by the same Pyodide runtime the site ships,
under Node.js (tools/web_template/compile_pyc.mjs). Hash-based unchecked .pyc
files (PEP 552) don't depend on file times. Without Node.js the build still
works and the site just starts more slowly.
"""

from __future__ import annotations

import io
import posixpath
import shutil
import subprocess
import tarfile
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "web_template" / "compile_pyc.mjs"
# Standard-library parts nothing in a Flet app imports: the REPL, help() texts, IDLE.
STDLIB_DROP = ("_pyrepl/", "pydoc_data/", "pydoc.py", "idlelib/", "turtledemo/", "ensurepip/")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def compile_all(
    pyodide_dir: Path, sources: Mapping[str, bytes]
) -> tuple[str, dict[str, bytes]] | None:
    """{name.py: source} -> (cache tag, {name.py: pyc bytes}); None without Node.js."""
    node = shutil.which("node")
    if node is None:
        print("note: Node.js not found, so no bytecode is shipped (the site starts slower)")
        return None
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in.tar", Path(tmp) / "out.tar"
        with tarfile.open(src, "w") as tar:
            for name in sorted(sources):
                info = tarfile.TarInfo(name)
                info.size = len(sources[name])
                tar.addfile(info, io.BytesIO(sources[name]))
        subprocess.run(
            [node, str(SCRIPT), str(pyodide_dir), str(src), str(out)], check=True, timeout=600
        )
        with tarfile.open(out) as tar:
            result = {}
            for member in tar.getmembers():
                handle = tar.extractfile(member)
                if handle is not None:
                    result[member.name] = handle.read()
    tag = result.pop(".cache_tag").decode()
    errors = [line for line in result.pop(".errors").decode().splitlines() if line]
    if errors:  # the browser's Python could not import these: stop the build
        raise SystemExit("Python 3.14 (Pyodide) cannot compile:\n  " + "\n  ".join(errors))
    return tag, {name[:-1]: data for name, data in result.items() if name.endswith(".pyc")}


def add_pycache(files: dict[str, bytes], compiled: Mapping[str, bytes], tag: str) -> None:
    """For unpacked files: each .pyc where the import system looks, __pycache__/."""
    for name, pyc in compiled.items():
        folder, base = posixpath.split(name)
        files[posixpath.join(folder, "__pycache__", f"{base[:-3]}.{tag}.pyc")] = pyc


def add_beside(files: dict[str, bytes], compiled: Mapping[str, bytes]) -> None:
    """For a zip on sys.path: x.pyc beside x.py, where zipimport looks (and prefers it)."""
    for name, pyc in compiled.items():
        files[name + "c"] = pyc


def stdlib_sources(stdlib_zip: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(stdlib_zip)) as archive:
        return {
            info.filename: archive.read(info)
            for info in archive.infolist()
            if info.filename.endswith(".py") and not info.filename.startswith(STDLIB_DROP)
        }


def compiled_stdlib(stdlib_zip: bytes, compiled: Mapping[str, bytes]) -> bytes:
    """The standard-library zip with bytecode in place of sources (zipimport loads a
    lone x.pyc), entries stored uncompressed: the whole file is gzipped for transfer,
    and imports then skip a per-file inflate."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(stdlib_zip)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst,
    ):
        for info in sorted(src.infolist(), key=lambda i: i.filename):
            name = info.filename
            if name.startswith(STDLIB_DROP) or info.is_dir():
                continue
            if name in compiled:
                name, data = name + "c", compiled[name]
            else:
                data = src.read(info)
            dst.writestr(zipfile.ZipInfo(name, ZIP_DATE), data)
    return out.getvalue()
