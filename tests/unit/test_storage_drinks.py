"""Drinks repository: add, undo, totals, month partitions."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.errors import ValidationError
from app.records import DrinkLog
from tests.unit.storage_fixtures.factories import PLUS1, drink, open_store

DAY = date(2026, 11, 24)


def test_add_then_total_and_list(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.drinks.add(drink(1, ml=250, minute=30))
    store.drinks.add(drink(2, ml=500, minute=0))
    assert store.drinks.total_ml(DAY) == 750
    assert [d.id for d in store.drinks.list_day(DAY)] == ["d2", "d1"]
    assert store.drinks.total_ml(DAY + timedelta(days=1)) == 0


def test_survives_reopen(tmp_path: Path) -> None:
    open_store(tmp_path).drinks.add(drink(1, ml=330))
    again = open_store(tmp_path)
    assert again.drinks.list_day(DAY) == [drink(1, ml=330)]
    assert again.notices == ()


def test_day_is_the_wall_clock_date_of_the_drink(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    minus5 = timezone(timedelta(hours=-5))
    late = DrinkLog("late", datetime(2026, 11, 30, 23, 30, tzinfo=minus5), 200)
    store.drinks.add(late)
    assert store.drinks.total_ml(date(2026, 11, 30)) == 200
    assert store.drinks.total_ml(date(2026, 12, 1)) == 0  # though it is Dec 1 in UTC
    assert (tmp_path / "drinks" / "2026-11.json").exists()
    assert not (tmp_path / "drinks" / "2026-12.json").exists()


def test_each_month_has_its_own_small_file(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.drinks.add(drink(1, day=date(2026, 10, 5)))
    store.drinks.add(drink(2, day=DAY))
    october = json.loads((tmp_path / "drinks" / "2026-10.json").read_text())
    november = json.loads((tmp_path / "drinks" / "2026-11.json").read_text())
    assert [d["id"] for d in october["drinks"].values()] == ["d1"]
    assert [d["id"] for d in november["drinks"].values()] == ["d2"]
    assert november["_meta"]["1"] == {"schema_version": 2, "kind": "drinks"}


def test_remove_returns_the_drink_for_undo(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.drinks.add(drink(1))
    store.drinks.add(drink(2, ml=400))
    removed = store.drinks.remove("d2")
    assert removed == drink(2, ml=400)
    assert store.drinks.total_ml(DAY) == 250
    store.drinks.add(removed)
    assert open_store(tmp_path).drinks.total_ml(DAY) == 650


def test_remove_finds_a_drink_in_a_month_not_yet_loaded(tmp_path: Path) -> None:
    open_store(tmp_path).drinks.add(drink(9, day=date(2024, 2, 29)))
    store = open_store(tmp_path)
    assert store.drinks.remove("d9") == drink(9, day=date(2024, 2, 29))
    assert store.drinks.remove("d9") is None
    assert open_store(tmp_path).drinks.total_ml(date(2024, 2, 29)) == 0


def test_remove_with_day_hint_and_unknown_id(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.drinks.add(drink(1))
    assert store.drinks.remove("nope", day=DAY) is None
    assert store.drinks.remove("d1", day=DAY) == drink(1)


def test_duplicate_id_in_the_same_month_is_refused(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.drinks.add(drink(1))
    with pytest.raises(ValidationError, match="already saved"):
        store.drinks.add(drink(1, ml=999))
    assert store.drinks.total_ml(DAY) == 250


def test_daily_totals_cover_every_day_across_months(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.drinks.add(drink(1, day=date(2026, 10, 31), ml=100))
    store.drinks.add(drink(2, day=date(2026, 11, 1), ml=200))
    store.drinks.add(drink(3, day=date(2026, 11, 1), ml=300, minute=5))
    totals = store.drinks.daily_totals(date(2026, 10, 30), date(2026, 11, 2))
    assert totals == {
        date(2026, 10, 30): 0,
        date(2026, 10, 31): 100,
        date(2026, 11, 1): 500,
        date(2026, 11, 2): 0,
    }


def test_daily_totals_reject_a_backwards_range(tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        open_store(tmp_path).drinks.daily_totals(DAY, DAY - timedelta(days=1))


def test_reading_an_empty_month_creates_no_file(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    assert store.drinks.total_ml(date(2020, 1, 1)) == 0
    assert store.drinks.daily_totals(date(2020, 1, 1), date(2020, 3, 1))[date(2020, 2, 1)] == 0
    assert not (tmp_path / "drinks").exists() or not any((tmp_path / "drinks").iterdir())


def test_only_drink_logs_are_accepted(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    with pytest.raises(ValidationError, match="DrinkLog"):
        store.drinks.add({"id": "x", "at": "2026-11-24T08:00:00+01:00", "ml": 5})  # type: ignore[arg-type]
    assert store.drinks.list_day(DAY) == []


def test_offsets_are_kept(tmp_path: Path) -> None:
    at = datetime(2026, 11, 24, 7, 5, 3, 123456, tzinfo=PLUS1)
    open_store(tmp_path).drinks.add(DrinkLog("x", at, 100))
    (back,) = open_store(tmp_path).drinks.list_day(DAY)
    assert back.at == at and back.at.utcoffset() == timedelta(hours=1)
