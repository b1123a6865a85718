"""The data-wide use cases (app.services.data) on a real store, without Flet: a backup
is checked before anything is replaced, export and import round-trip, erase, theme."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import pytest

from app.errors import LipCheckError, ValidationError
from app.quiz import Quiz, evaluate
from app.records import DiaryEntry
from app.services import Services, data, habits, history
from app.services.check import save_result
from tests.unit.conftest import NOW

TODAY = NOW.date()


def _fill(services: Services, quiz: Quiz) -> None:
    save_result(services, evaluate(quiz, {"red_flags": ("none",)}))
    habits.log_drink(services, 250)
    habits.log_drink(services, 300)
    history.save_diary_day(services, DiaryEntry(TODAY, "mild", 1, "low"))


def test_a_backup_is_checked_without_changing_anything(services: Services, quiz: Quiz) -> None:
    _fill(services, quiz)
    name, backup = data.export_backup(services)
    assert name == f"lip-twitch-check-backup-{TODAY.isoformat()}.json"
    preview = data.check_backup(services, backup)
    assert (preview.results, preview.drinks, preview.sleep, preview.diary) == (1, 2, 0, 1)
    assert "1 check results, 2 drinks" in preview.message


@pytest.mark.parametrize(
    "bad",
    [b"", b"\xff\xfe not text", b"{}", b"[1, 2]", json.dumps({"format": "other"}).encode()],
)
def test_a_bad_file_is_refused_by_the_check_and_by_the_import(
    services: Services, quiz: Quiz, bad: bytes
) -> None:
    _fill(services, quiz)
    with pytest.raises(LipCheckError) as checked:
        data.check_backup(services, bad)
    assert str(checked.value)
    with pytest.raises(LipCheckError):
        data.import_backup(services, bad)
    assert len(history.results(services)) == 1 and habits.drunk_on(services, TODAY) == 550


def test_import_replaces_everything_with_the_backup(services: Services, quiz: Quiz) -> None:
    _fill(services, quiz)
    _name, backup = data.export_backup(services)
    habits.log_drink(services, 1000)
    data.set_theme(services, "dark")
    wakes: list[int] = []
    services.changes.listen(lambda: wakes.append(1))
    done = data.import_backup(services, backup)
    assert "Imported 1 check results, 2 drinks" in done.message
    assert done.theme == "system" == data.theme(services)
    assert habits.drunk_on(services, TODAY) == 550 and wakes == [1]


def test_csv_export_is_a_zip_of_every_kind(services: Services, quiz: Quiz) -> None:
    _fill(services, quiz)
    name, blob = data.export_csv(services)
    assert name.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        names = set(archive.namelist())
        drinks = archive.read("drinks.csv").decode()
    assert {"results.csv", "drinks.csv", "sleep.csv", "diary.csv"} <= names
    assert len(drinks.strip().splitlines()) == 3  # header and two drinks


def test_erase_leaves_nothing(services: Services, quiz: Quiz) -> None:
    _fill(services, quiz)
    data.erase(services)
    assert history.results(services) == [] and habits.drunk_on(services, TODAY) == 0
    assert history.diary_day(services, TODAY) is None
    assert habits.drunk_on(services, TODAY - timedelta(days=1)) == 0


def test_the_theme_is_saved_and_anything_else_refused(services: Services) -> None:
    assert data.set_theme(services, "light") == "light" == data.theme(services)
    for bad in ("", "blue", "Dark", "system "):
        with pytest.raises(ValidationError):
            data.set_theme(services, bad)
    assert data.theme(services) == "light"


def test_a_fresh_folder_has_no_repairs_to_tell(services: Services) -> None:
    assert data.repairs(services) == ()
    data.mark_repairs_told(services)
    assert data.data_dir(services).is_dir()
