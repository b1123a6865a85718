"""One entry point for people and CI: `python3 tools/dev.py run|test|build-web|lock`.

It needs only python3. On first use it makes `.venv` and installs exactly what
`requirements.lock` pins (hash-checked), then the project itself without
dependencies. `run` and `test` share that one environment, so whichever comes
second installs nothing; a changed lock file (or pyproject.toml) rebuilds it.
`test` also installs Debian's chromium with apt when it is missing, so a fresh
clone works with two commands. `lock` re-resolves requirements.lock with uv.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed"
LOCK = ROOT / "requirements.lock"
PYPROJECT = ROOT / "pyproject.toml"
CHROMIUM = "/usr/bin/chromium"
# The Python behind any venv this runs in (say `.venv/bin/python tools/dev.py test`),
# so rebuilding .venv never runs from inside the folder it clears.
BASE_PYTHON = getattr(sys, "_base_executable", "") or sys.executable
# The resolver that writes requirements.lock; installed into .venv only by `lock`.
UV = "uv==0.13.9"


def sh(*cmd: str | Path) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=ROOT)


def quiet(*cmd: str | Path) -> None:
    """Run a step whose output only matters when it fails: then print all of it."""
    done = subprocess.run([str(c) for c in cmd], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        print("+", " ".join(str(c) for c in cmd), flush=True)
        sys.stdout.write(done.stdout)
        sys.stderr.write(done.stderr)
        sys.exit(f"install step failed (exit {done.returncode}); output above")


def install_key(lock: Path = LOCK, pyproject: Path = PYPROJECT) -> str:
    """What the environment is built from: the lock, pyproject.toml and the Python."""
    digest = hashlib.sha256(lock.read_bytes() + pyproject.read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def ensure_venv() -> None:
    """Build .venv from the lock once; rebuild it from scratch when the lock changes,
    so it holds exactly the locked versions and nothing left over."""
    wanted = install_key()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    print("Installing the locked dependencies into .venv (about a minute)...", flush=True)
    quiet(BASE_PYTHON, "-m", "venv", "--clear", VENV)
    pip = (PY, "-m", "pip", "--quiet", "--disable-pip-version-check")
    quiet(*pip, "install", "--require-hashes", "--no-deps", "-r", LOCK)
    # The project installs no packages (app/ is run from the work tree); this records
    # its metadata. The build backend comes from the lock too, not from a fresh download.
    quiet(*pip, "install", "--no-deps", "--no-build-isolation", "-e", ".")
    STAMP.write_text(wanted)


def build_requirements() -> list[str]:
    import tomllib  # 3.11+: imported after main() has checked the version

    return list(tomllib.loads(PYPROJECT.read_text())["build-system"]["requires"])


def lock(rest: list[str]) -> int:
    """Re-resolve requirements.lock: runtime + test extras + the build backend, for
    every Python the project supports, with the hash of every file of each pin.

    uv runs from a throwaway venv, so the project's .venv holds only what the lock says.
    """
    with tempfile.TemporaryDirectory() as tmp:
        tool = Path(tmp) / "venv"
        quiet(BASE_PYTHON, "-m", "venv", tool)
        tool_bin = tool / BIN.name
        quiet(tool_bin / PY.name, "-m", "pip", "--quiet", "install", UV)
        build = Path(tmp) / "build-requirements.in"
        build.write_text("\n".join(build_requirements()) + "\n")
        cmd = [
            tool_bin / "uv",
            "pip",
            "compile",
            "--quiet",
            "--universal",
            "--generate-hashes",
            "--extra",
            "test",
            "--python-version",
            "3.11",
            "--custom-compile-command",
            "python3 tools/dev.py lock",
            "-o",
            LOCK,
            PYPROJECT,
            build,
            *rest,
        ]
        done = subprocess.run([str(c) for c in cmd], cwd=ROOT)
        if done.returncode == 0:
            LOCK.write_text(LOCK.read_text().replace(str(build), "build-system.requires"))
            print(f"wrote {LOCK.name}; the next run or test installs from it")
    return done.returncode


def ensure_chromium() -> None:
    """Install Debian's chromium when it is missing; never a downloaded browser."""
    if Path(os.environ.get("LIPCHECK_CHROMIUM", CHROMIUM)).exists():
        return
    apt = shutil.which("apt-get")
    if apt is None:
        sys.exit(
            "Chromium is missing and apt-get is not available: install chromium, or set "
            "LIPCHECK_CHROMIUM to a Chromium binary."
        )
    sudo: list[str] = [] if os.geteuid() == 0 else ["sudo"]
    sh(*sudo, apt, "update", "-qq")
    sh(*sudo, apt, "install", "-y", "-qq", "chromium")


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - run by whatever python3 is found
        sys.exit(f"Python 3.11 or newer is needed (this is {sys.version.split()[0]}).")
    command, rest = (argv[0], argv[1:]) if argv else ("run", [])
    if command == "lock":
        return lock(rest)
    if command not in ("run", "test", "build-web"):
        print(__doc__)
        return 2
    ensure_venv()
    if command == "run":
        return subprocess.call([str(PY), "main.py", *rest], cwd=ROOT)
    if command == "test":
        ensure_chromium()
        sh(PY, "-m", "ruff", "check", ".")
        sh(PY, "-m", "mypy")
        return subprocess.call([str(PY), "-m", "pytest", *rest], cwd=ROOT)
    return subprocess.call([str(PY), "-m", "tools.build_web", *rest], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
