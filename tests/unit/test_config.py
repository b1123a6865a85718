"""Flags and environment variables decide where the app listens and keeps data."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.config import DEFAULT_HOST, DEFAULT_PORT, load_config
from app.errors import ValidationError


def test_defaults_are_loopback_only() -> None:
    config = load_config([], env={})
    assert (config.host, config.port) == (DEFAULT_HOST, DEFAULT_PORT) == ("127.0.0.1", 8550)
    assert config.url == "http://127.0.0.1:8550/"
    assert config.data_dir is None and config.start_now is None


def test_environment_then_flags_win() -> None:
    env = {"LIPCHECK_HOST": "0.0.0.0", "LIPCHECK_PORT": "9000", "LIPCHECK_DATA_DIR": "/tmp/x"}
    config = load_config([], env=env)
    assert (config.host, config.port, config.data_dir) == ("0.0.0.0", 9000, Path("/tmp/x"))
    assert config.url == "http://127.0.0.1:9000/"
    config = load_config(["--host", "192.168.1.5", "--port", "8600"], env=env)
    assert (config.host, config.port) == ("192.168.1.5", 8600)


@pytest.mark.parametrize("port", ["abc", "0", "70000", "-1"])
def test_bad_port_is_refused_clearly(port: str) -> None:
    with pytest.raises(ValidationError, match="port"):
        load_config(["--port", port], env={})


def test_pinned_clock_needs_an_offset() -> None:
    config = load_config([], env={"LIPCHECK_NOW": "2026-03-29T07:30:00+01:00"})
    assert config.start_now == datetime(2026, 3, 29, 6, 30, tzinfo=UTC)
    with pytest.raises(ValidationError, match="offset"):
        load_config([], env={"LIPCHECK_NOW": "2026-03-29T07:30:00"})
    with pytest.raises(ValidationError, match="ISO"):
        load_config([], env={"LIPCHECK_NOW": "tomorrow"})


@given(st.integers(min_value=1, max_value=65535))
def test_any_valid_port_is_accepted(port: int) -> None:
    assert load_config(["--port", str(port)], env={}).port == port
