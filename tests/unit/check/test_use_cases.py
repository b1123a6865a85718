"""The self-check's use cases (app.services.check) on a real store: a changed check
never loses the result it changed, and the emergency number is the person's choice
or their zone's."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.config import AppConfig
from app.errors import ValidationError
from app.quiz import Quiz, evaluate
from app.quiz.emergency import NUMBERS, default_number
from app.services import Services, build_services, history
from app.services.check import (
    change_answers,
    emergency_number,
    save_result,
    set_emergency_number,
)
from tests.unit.conftest import NOW, FixedClock


def test_a_changed_emergency_result_is_kept_beside_the_new_one(
    services: Services, quiz: Quiz, clock: FixedClock
) -> None:
    first = save_result(services, evaluate(quiz, {"red_flags": ("speech",)}))
    clock.advance(minutes=2)
    changed = change_answers(services, evaluate(quiz, {"red_flags": ("none",)}), first.id)
    stored = {r.id: r for r in (history.result(services, i) for i in (first.id, changed.id)) if r}
    assert stored[first.id].tier == "emergency" and stored[first.id].changed_from is None
    assert stored[changed.id].changed_from == first.id
    assert [row.id for row in history.results(services)] == [changed.id, first.id]


def test_a_result_is_saved_at_the_app_clock_s_time(services: Services, quiz: Quiz) -> None:
    record = save_result(services, evaluate(quiz, {"red_flags": ("none",)}))
    assert record.taken_at == NOW
    assert history.result(services, record.id) == record


def test_changed_answers_must_name_the_earlier_result(services: Services, quiz: Quiz) -> None:
    with pytest.raises(ValidationError):
        change_answers(services, evaluate(quiz, {"red_flags": ("none",)}), "")
    assert history.results(services) == []


def test_without_a_choice_the_number_is_the_person_s_zone_s(services: Services) -> None:
    assert emergency_number(services) == "999"  # the fixture's zone is Europe/London


@pytest.mark.parametrize(
    ("zone", "number"),
    [
        ("Europe/London", "999"),
        ("Europe/Paris", "112"),
        ("America/New_York", "911"),
        ("Australia/Sydney", "000"),
        ("Pacific/Auckland", "111"),
        ("Asia/Tokyo", "119"),
        ("UTC", "112"),
        ("Mars/Olympus", "112"),
        ("America/Sao_Paulo", "192"),
        ("America/Manaus", "192"),
        ("America/Buenos_Aires", "107"),
        ("America/Bogota", "112"),
        ("America/Mexico_City", "911"),
        ("America/Toronto", "911"),
        ("US/Pacific", "911"),
    ],
)
def test_the_default_number_follows_the_zone(zone: str, number: str) -> None:
    assert default_number(zone) == number


@given(st.text(max_size=40))
def test_any_zone_gives_a_number_from_the_list(zone: str) -> None:
    assert default_number(zone) in {n.number for n in NUMBERS}


def test_the_list_has_the_common_numbers() -> None:
    assert {"112", "911", "999", "000", "111", "119"} <= {n.number for n in NUMBERS}


def test_a_chosen_number_wins_over_the_zone_and_survives_a_restart(
    services: Services, tmp_path: Path
) -> None:
    assert emergency_number(services, "Europe/London") == "999"
    set_emergency_number(services, "000")
    assert emergency_number(services, "Europe/London") == "000"
    again = build_services(AppConfig(data_dir=tmp_path, start_now=NOW))
    assert emergency_number(again, "America/Chicago") == "000"


@pytest.mark.parametrize("bad", ["", "12345", "9 1 1", "x"])
def test_a_number_not_in_the_list_is_refused_and_nothing_is_saved(
    services: Services, bad: str
) -> None:
    with pytest.raises(ValidationError):
        set_emergency_number(services, bad)
    assert services.app_settings().emergency_number == ""


def test_every_label_fits_a_small_phone() -> None:
    """At 320 px the dropdown shows about 23 characters before cutting the label off."""
    assert all(len(n.label) <= 22 for n in NUMBERS), [n.label for n in NUMBERS if len(n.label) > 22]
