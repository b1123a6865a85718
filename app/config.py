"""App configuration, built once from flags and the environment.

Everything that differs between a test, a phone and a laptop lives here, so a
test can build an isolated app by passing its own config (the Flask app-factory
idea).
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.errors import ValidationError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8550
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{16,128}")


@dataclass(frozen=True)
class AppConfig:
    """Where things are and where to listen; `start_now` pins the clock for tests."""

    content_dir: Path = ROOT / "content"
    assets_dir: Path = ROOT / "assets"
    data_dir: Path | None = None
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    start_now: datetime | None = None
    token: str | None = None
    """The key a browser must present (LAN mode always has one); None: no key asked."""

    @property
    def lan(self) -> bool:
        """Listening where other machines may connect: any --host but a loopback name."""
        return self.host not in LOOPBACK_HOSTS

    @property
    def quiz_path(self) -> Path:
        return self.content_dir / "quiz.toml"

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::") else self.host
        return f"http://{host}:{self.port}/"


def _port(text: str, source: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise ValidationError(source, f"port must be a number, got {text!r}") from None
    if not 1 <= port <= 65535:
        raise ValidationError(source, f"port must be between 1 and 65535, got {port}")
    return port


def _now(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError("LIPCHECK_NOW", f"not an ISO date-time: {text!r}") from None
    if value.tzinfo is None:
        raise ValidationError("LIPCHECK_NOW", "must include a UTC offset, e.g. +00:00")
    return value


def _token(wanted: bool, text: str | None, lan: bool) -> str | None:
    """LIPCHECK_TOKEN (checked), else a fresh random key when one is needed."""
    if text:
        if not TOKEN_RE.fullmatch(text):
            raise ValidationError("LIPCHECK_TOKEN", "must be 16 to 128 letters, digits, '-' or '_'")
        return text
    return secrets.token_urlsafe(24) if wanted or lan else None


def load_config(argv: Sequence[str], env: Mapping[str, str] = os.environ) -> AppConfig:
    """Flags win over environment variables, which win over the defaults."""
    parser = argparse.ArgumentParser(
        prog="main.py", description="Serve Lip Twitch Check for a browser on this machine."
    )
    parser.add_argument(
        "--host",
        default=env.get("LIPCHECK_HOST", DEFAULT_HOST),
        help="address to listen on (default 127.0.0.1: only this machine can connect)",
    )
    parser.add_argument(
        "--port", default=env.get("LIPCHECK_PORT", str(DEFAULT_PORT)), help="port (default 8550)"
    )
    parser.add_argument("--data-dir", default=env.get("LIPCHECK_DATA_DIR"), help="data folder")
    parser.add_argument(
        "--token",
        action="store_true",
        help="ask for a secret key also on 127.0.0.1 (always asked with any other --host;"
        " set LIPCHECK_TOKEN to choose the key, e.g. to keep a bookmark)",
    )
    args = parser.parse_args(list(argv))
    host = str(args.host).strip()
    if not host:
        raise ValidationError("--host", "must not be empty")
    return AppConfig(
        data_dir=Path(args.data_dir) if args.data_dir else None,
        host=host,
        port=_port(str(args.port), "--port"),
        start_now=_now(env.get("LIPCHECK_NOW")),
        token=_token(args.token, env.get("LIPCHECK_TOKEN"), host not in LOOPBACK_HOSTS),
    )
