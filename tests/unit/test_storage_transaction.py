"""Batching: one flush per file and one on_commit per action; all or nothing."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from app.errors import ValidationError
from app.storage import BatchAbortedError
from tests.unit.storage_fixtures.factories import diary, drink, open_store, result, sleep

DAY = date(2026, 11, 24)


def test_open_of_a_new_folder_fires_once(tmp_path: Path) -> None:
    hooks: list[int] = []
    open_store(tmp_path, hooks=hooks)
    assert hooks == [1]


def test_single_write_fires_the_hook_once(tmp_path: Path) -> None:
    hooks: list[int] = []
    store = open_store(tmp_path, hooks=hooks)
    hooks.clear()
    store.drinks.add(drink(1))
    assert hooks == [1]
    store.results.add(result(1))  # a new month file: the file and meta.json, one commit
    assert hooks == [1, 1]


def test_reads_do_not_fire_the_hook(tmp_path: Path) -> None:
    hooks: list[int] = []
    store = open_store(tmp_path, hooks=hooks)
    store.drinks.add(drink(1))
    hooks.clear()
    store.drinks.total_ml(DAY)
    store.results.list()
    store.sleep.get(DAY)
    assert hooks == []


def test_batch_writes_each_file_once_and_fires_once(tmp_path: Path) -> None:
    hooks: list[int] = []
    store = open_store(tmp_path, hooks=hooks)
    store.drinks.add(drink(0))
    hooks.clear()
    month = tmp_path / "drinks" / "2026-11.json"
    inode = os.stat(month).st_ino
    with store.transaction():
        for n in range(1, 20):
            store.drinks.add(drink(n))
        store.sleep.upsert(sleep())
        store.diary.upsert(diary())
        assert os.stat(month).st_ino == inode  # nothing written yet
        assert hooks == []
    assert hooks == [1]
    assert os.stat(month).st_ino != inode
    assert open_store(tmp_path).drinks.total_ml(DAY) == 20 * 250


def test_nested_batches_commit_at_the_outermost(tmp_path: Path) -> None:
    hooks: list[int] = []
    store = open_store(tmp_path, hooks=hooks)
    hooks.clear()
    with store.transaction():
        store.drinks.add(drink(1))
        with store.transaction():
            store.drinks.add(drink(2))
        assert hooks == []
    assert hooks == [1]


def test_exception_in_a_batch_keeps_nothing(tmp_path: Path) -> None:
    hooks: list[int] = []
    store = open_store(tmp_path, hooks=hooks)
    store.drinks.add(drink(1))
    hooks.clear()
    with pytest.raises(RuntimeError), store.transaction():
        store.drinks.add(drink(2))
        store.results.add(result(1))
        raise RuntimeError("user action failed")
    assert hooks == []
    assert store.drinks.total_ml(DAY) == 250
    assert store.results.list() == []
    assert open_store(tmp_path).drinks.total_ml(DAY) == 250


def test_a_refused_write_inside_a_batch_does_not_spoil_it(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    with store.transaction():
        store.drinks.add(drink(1))
        with pytest.raises(ValidationError):
            store.drinks.add(drink(1))  # duplicate: refused before anything was written
        store.drinks.add(drink(2))
    assert open_store(tmp_path).drinks.total_ml(DAY) == 500


def test_a_write_that_fails_half_way_aborts_the_whole_batch(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    with pytest.raises(BatchAbortedError), store.transaction():
        store.drinks.add(drink(1))
        try:
            with store.transaction():
                store.drinks.add(drink(2))
                raise OSError("disk went away half way through an action")
        except OSError:
            pass  # the caller swallows it; the batch must still not commit half
    assert open_store(tmp_path).drinks.total_ml(DAY) == 0


def test_failing_hook_does_not_lose_the_write(tmp_path: Path) -> None:
    def boom() -> None:
        raise RuntimeError("sync failed")

    store = open_store(tmp_path)
    store.on_commit = boom
    store.drinks.add(drink(1))
    assert open_store(tmp_path).drinks.total_ml(DAY) == 250
