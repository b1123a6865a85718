"""The self-check's use cases: save a result (a changed check is a new result linked
to the one it changed, never a replacement), and read or set the emergency number.
"""

from __future__ import annotations

from dataclasses import replace
from uuid import uuid4

from app.errors import ValidationError
from app.quiz import QuizResult
from app.quiz.emergency import chosen_number, known
from app.records import ResultRecord
from app.services.core import Services


def save_result(
    services: Services, result: QuizResult, changed_from: str | None = None
) -> ResultRecord:
    """Store a finished check. `changed_from` names the saved result whose answers were
    changed to give this one; that result stays, so nothing the person was told is lost."""
    record = result.to_record(id=uuid4().hex, taken_at=services.clock.now())
    if changed_from is not None:
        record = replace(record, changed_from=changed_from)
    services.store.results.add(record)
    return record


def change_answers(services: Services, result: QuizResult, earlier_id: str) -> ResultRecord:
    """A finished check whose answers were changed after `earlier_id` was saved: a new
    result that names the earlier one, which stays as it was."""
    if not earlier_id:
        raise ValidationError("changed_from", "name the result whose answers changed")
    return save_result(services, result, changed_from=earlier_id)


def emergency_number(services: Services, timezone: str | None = None) -> str:
    """The number the emergency result calls: the saved choice, else one for the zone
    (the person's, unless `timezone` is given)."""
    saved = services.app_settings().emergency_number
    return chosen_number(saved, timezone or services.reminders().timezone)


def set_emergency_number(services: Services, number: str) -> None:
    """Save the person's choice; only numbers from the list are accepted."""
    if known(number) is None:
        raise ValidationError("emergency_number", f"{number!r} is not in the list of numbers")
    settings = services.store.settings
    settings.save_app(replace(settings.get_app(), emergency_number=number))
