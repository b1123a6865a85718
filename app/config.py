"""App configuration, built once from flags and the environment.

Everything that differs between a test, a phone and a laptop lives here, so a
test can build an isolated app by passing its own config (the Flask app-factory
idea).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.errors import ValidationError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8550


@dataclass(frozen=True)
class AppConfig:
    """Where things are and where to listen; `start_now` pins the clock for tests."""

    content_dir: Path = ROOT / "content"
    assets_dir: Path = ROOT / "assets"
    data_dir: Path | None = None
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    start_now: datetime | None = None

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
    args = parser.parse_args(list(argv))
    return AppConfig(
        data_dir=Path(args.data_dir) if args.data_dir else None,
        host=args.host,
        port=_port(str(args.port), "--port"),
        start_now=_now(env.get("LIPCHECK_NOW")),
    )
