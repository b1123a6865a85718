"""Fields added after schema 2 shipped: files written before them still read, and
the new values survive a real store on disk."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app import codec
from app.errors import ValidationError
from app.records import AppSettings, ResultRecord
from app.storage.store import Store

WHEN = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _result(**kw: object) -> ResultRecord:
    base: dict[str, object] = dict(
        id="r2",
        taken_at=WHEN,
        quiz_id="q",
        quiz_version="1",
        tier="emergency",
        triggers=(),
        reasons=("x",),
        answers=(("red_flags", ("speech",)),),
    )
    return ResultRecord(**{**base, **kw})  # type: ignore[arg-type]


def test_a_schema_2_result_without_the_link_reads_as_unlinked() -> None:
    doc = codec.encode(_result())
    del doc["changed_from"]
    assert codec.decode(ResultRecord, doc).changed_from is None


def test_schema_2_settings_without_an_emergency_number_read_as_automatic() -> None:
    assert (
        codec.decode(AppSettings, {"theme": "dark", "first_noticed": None}).emergency_number == ""
    )


def test_unknown_fields_are_still_refused() -> None:
    with pytest.raises(ValidationError, match="not a known field"):
        codec.decode(AppSettings, {"theme": "dark", "first_noticed": None, "colour": "red"})


@pytest.mark.parametrize("bad", ["", "r2"])
def test_a_result_cannot_be_changed_from_nothing_or_itself(bad: str) -> None:
    with pytest.raises(ValidationError, match="changed_from"):
        _result(changed_from=bad)


@pytest.mark.parametrize("bad", ["91 1", "abc", "1234567", "+44"])
def test_emergency_number_must_be_a_short_number(bad: str) -> None:
    with pytest.raises(ValidationError, match="emergency_number"):
        AppSettings(emergency_number=bad)


def test_link_and_number_survive_a_real_store(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    store.results.add(_result(id="r1"))
    store.results.add(_result(changed_from="r1"))
    store.settings.save_app(AppSettings(emergency_number="999"))
    again = Store.open(tmp_path)
    assert again.results.get("r2").changed_from == "r1"  # type: ignore[union-attr]
    assert again.settings.get_app().emergency_number == "999"
