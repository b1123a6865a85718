"""The follow-up safety net: ask the person to check again when it lasts or gets worse."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from app.insights.diary import severity_trend
from app.records import DiaryEntry

FollowUpReason = Literal["lasting", "worsening"]

#: "More than two weeks": 15 days after first noticing it, not 14.
LASTING_AFTER_DAYS = 14

#: The guide's "When to Consult a Doctor" advice, quoted.
DOCTOR_ADVICE: tuple[str, ...] = (
    "Consult a healthcare professional if the twitching persists or worsens despite "
    "lifestyle adjustments.",
    "Seek medical advice if the lip twitching is accompanied by other concerning symptoms. "
    "These include muscle weakness, numbness, facial drooping, slurred speech, or vision "
    "changes.",
    "Also, consult a doctor if the twitching causes pain, discomfort, or interferes with daily "
    "activities like eating or speaking.",
    "Early detection can aid effective treatment if a serious underlying condition is present.",
)

#: The Learn section with the full advice.
WHEN_TO_SEE_A_DOCTOR = "when-to-see-a-doctor"

#: Standard emergency advice, not from the guide, and labelled so.
EMERGENCY_NOTE = (
    "Standard emergency advice (not from the guide): if your face suddenly droops, an arm "
    "is weak, or your speech is slurred, call your emergency number now."
)


@dataclass(frozen=True)
class FollowUp:
    """A prompt to retake the check; `reasons` says which rule fired."""

    reasons: tuple[FollowUpReason, ...]
    title: str
    message: str
    advice: tuple[str, ...] = DOCTOR_ADVICE
    emergency_note: str = EMERGENCY_NOTE
    action_label: str = "Take the check again"
    learn_link: str = WHEN_TO_SEE_A_DOCTOR


def followup_prompt(
    first_noticed: date | None, diary: Sequence[DiaryEntry], today: date
) -> FollowUp | None:
    """A follow-up when it has lasted more than 14 days or the diary shows it getting worse.

    Lasting: `today - first_noticed` is more than 14 days (a future date never counts).
    Worsening: the average severity (none 0, mild 1, strong 2) of the diary entries
    of the last 7 days is above that of the 7 days before them, each week holding at
    least 3 entries (see severity_trend). Entries after `today` are ignored.
    """
    reasons: list[FollowUpReason] = []
    parts: list[str] = []
    if first_noticed is not None:
        lasted = (today - first_noticed).days
        if lasted > LASTING_AFTER_DAYS:
            reasons.append("lasting")
            parts.append(f"You first noticed the twitching {lasted} days ago, more than two weeks.")
    if severity_trend(diary, today) == "worse":
        reasons.append("worsening")
        parts.append(
            "Your diary shows more or stronger twitching in the last 7 days than in the "
            "7 days before them."
        )
    if not reasons:
        return None
    parts.append(
        "Take the check again (if the twitching has stopped, you can skip it), and read the "
        "guide's advice on when to see a doctor."
        if reasons == ["lasting"]
        else "Take the check again, and read the guide's advice on when to see a doctor."
    )
    return FollowUp(tuple(reasons), _TITLES[tuple(reasons)], " ".join(parts))


_TITLES: dict[tuple[FollowUpReason, ...], str] = {
    ("lasting",): "It has been more than two weeks",
    ("worsening",): "Your diary shows it getting worse",
    ("lasting", "worsening"): "More than two weeks, and getting worse",
}
