"""One entry point for people and CI: `python3 tools/dev.py run|test|build-web`.

It needs only python3. On first use it makes `.venv`, installs the project's
pinned dependencies there, and (for `test`) installs Debian's chromium with apt
when it is missing, so a fresh clone works with two commands.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed"
CHROMIUM = "/usr/bin/chromium"


def sh(*cmd: str | Path) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=ROOT)


def ensure_venv(extras: str) -> None:
    """Create .venv and install once per change of pyproject.toml and extras."""
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not PY.exists():
        sh(sys.executable, "-m", "venv", VENV)
    sh(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    sh(PY, "-m", "pip", "install", "--quiet", "-e", f".{extras}")
    STAMP.write_text(wanted)


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
    command, rest = (argv[0], argv[1:]) if argv else ("run", [])
    if command == "run":
        ensure_venv("")
        return subprocess.call([str(PY), "main.py", *rest], cwd=ROOT)
    if command == "test":
        ensure_venv("[test]")
        ensure_chromium()
        sh(PY, "-m", "ruff", "check", ".")
        sh(PY, "-m", "mypy")
        return subprocess.call([str(PY), "-m", "pytest", *rest], cwd=ROOT)
    if command == "build-web":
        ensure_venv("")
        return subprocess.call([str(PY), "-m", "tools.build_web", *rest], cwd=ROOT)
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
