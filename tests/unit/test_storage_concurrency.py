"""Several sessions (threads) in one process share one store and lose nothing."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta
from pathlib import Path

from app.records import DrinkLog
from app.storage import Store, get_store
from tests.unit.storage_fixtures.factories import PLUS1, FakeClock, result

START = datetime(2026, 11, 1, 7, 0, tzinfo=PLUS1)


def test_two_threads_500_writes_each_all_present(tmp_path: Path) -> None:
    store = get_store(tmp_path, clock=FakeClock())
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def writer(name: str) -> None:
        try:
            shared = get_store(tmp_path)
            assert shared is store
            barrier.wait()
            for n in range(500):
                at = START + timedelta(minutes=n * 7)  # spreads over two months
                shared.drinks.add(DrinkLog(f"{name}-{n}", at, 100 + n % 50))
                if n % 100 == 0:
                    shared.results.add(result(n, at=at) if name == "a" else result(1000 + n, at=at))
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(name,)) for name in "ab"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []

    fresh = Store.open(tmp_path, clock=FakeClock())
    assert fresh.notices == ()
    drinks = fresh.snapshot().drinks
    assert len(drinks) == 1000
    assert {d.id for d in drinks} == {f"{x}-{n}" for x in "ab" for n in range(500)}
    assert fresh.results.count() == 10
    total = sum(fresh.drinks.daily_totals(date(2026, 11, 1), date(2026, 12, 31)).values())
    assert total == 2 * sum(100 + n % 50 for n in range(500))


def test_get_store_returns_one_instance_per_folder(tmp_path: Path) -> None:
    a = get_store(tmp_path / "x")
    assert get_store(tmp_path / "x") is a
    assert get_store(tmp_path / "x" / ".." / "x") is a
    assert get_store(tmp_path / "y") is not a
