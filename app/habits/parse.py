"""Turn what people type into safe values, or a ValidationError with a clear message.

Nothing here raises anything else, whatever the input (property-tested), so the UI
can show ``error.problem`` next to the field.
"""

from __future__ import annotations

import math
import re
from datetime import time

from app.errors import ValidationError
from app.formats import format_amount, format_oz
from app.records import MAX_DRINK_ML, ML_PER_OZ, Unit

_MAX_LEN = 24
_NUMBER = r"(?:[0-9]+(?:[.,][0-9]+)?|[.,][0-9]+)"
_VOLUME = re.compile(
    rf"(?P<num>{_NUMBER})\s*(?P<unit>ml|millilit(?:er|re)s?|l|lit(?:er|re)s?"
    r"|oz|fl\.?\s*oz|ounces?)?",
    re.IGNORECASE | re.ASCII,
)
_UNITS_ML = {"ml": 1.0, "l": 1000.0, "oz": ML_PER_OZ}
_HOURS_DECIMAL = re.compile(rf"(?P<h>{_NUMBER})\s*(?:h|hr|hrs|hours?)?", re.I | re.A)
_HOURS_MINUTES = re.compile(
    r"(?P<h>[0-9]{1,2})\s*(?:h|hr|hrs|hours?|:)\s*(?P<m>[0-9]{1,2})\s*(?:m|min|mins|minutes?)?",
    re.I | re.A,
)
_CLOCK = re.compile(
    r"(?P<h>[0-9]{1,2})(?:\s*[:.h]\s*(?P<m>[0-9]{2}))?\s*(?P<ap>am|pm|a|p)?", re.I | re.A
)
_CLOCK_COMPACT = re.compile(r"(?P<h>[0-9]{2})(?P<m>[0-9]{2})", re.A)


def _clean(text: str, field: str, example: str) -> str:
    if not isinstance(text, str):
        raise ValidationError(field, f"enter a value, like {example}")
    cleaned = " ".join(text.split())
    if not cleaned:
        raise ValidationError(field, f"enter a value, like {example}")
    if len(cleaned) > _MAX_LEN:
        raise ValidationError(field, f"that is too long; enter something like {example}")
    return cleaned


def _number(raw: str, field: str) -> float:
    if re.fullmatch(r"[0-9]{1,3},[0-9]{3}", raw, re.A):
        raise ValidationError(field, "write the number without a thousands separator")
    value = float(raw.replace(",", "."))
    if not math.isfinite(value):
        raise ValidationError(field, "enter a real number")
    return value


def _unit_name(raw: str | None, default: Unit) -> str:
    if raw is None:
        return default
    low = raw.lower()
    if low.startswith("m"):
        return "ml"
    if low.startswith("l"):
        return "l"
    return "oz"


def _describe(ml: int, unit: Unit, *, round_up: bool) -> str:
    """A bound in the person's unit, rounded so that the shown value is really allowed."""
    if unit == "oz":
        tenths = ml / ML_PER_OZ * 10
        oz = (math.ceil(tenths) if round_up else math.floor(tenths)) / 10
        return format_oz(oz)
    return format_amount(ml, unit)


def _volume(text: str, unit: Unit, field: str, low: int, high: int, example: str) -> int:
    if unit not in ("ml", "oz"):
        raise ValidationError("unit", "choose ml or oz")
    cleaned = _clean(text, field, example)
    if cleaned.startswith("-"):
        raise ValidationError(field, "must be more than 0")
    match = _VOLUME.fullmatch(cleaned)
    if match is None:
        raise ValidationError(field, f"enter a number, like {example}")
    value = _number(match["num"], field) * _UNITS_ML[_unit_name(match["unit"], unit)]
    if value <= 0:
        raise ValidationError(field, "must be more than 0")
    ml = round(value)
    if ml < low:
        raise ValidationError(field, f"must be at least {_describe(low, unit, round_up=True)}")
    if ml > high:
        raise ValidationError(field, f"must be at most {_describe(high, unit, round_up=False)}")
    return ml


def parse_amount(text: str, unit: Unit) -> int:
    """One drink in ml. Plain numbers are in ``unit``; "250 ml", "8 oz", "0.5 l" also work."""
    return _volume(text, unit, "amount", 1, MAX_DRINK_ML, "250" if unit == "ml" else "8")


def parse_goal(text: str, unit: Unit) -> int:
    """Daily goal in ml, within what HydrationSettings accepts (250 to 10000 ml)."""
    return _volume(text, unit, "goal", 250, 10000, "2000" if unit == "ml" else "64")


def goal_from_entry(text: str, shown: str, current_ml: int, unit: Unit) -> int:
    """The goal field starts with the goal as shown, rounded in oz ("67.6" for
    2000 ml); saved untouched it keeps the exact goal, anything typed is parsed."""
    if text.strip() == shown.strip():
        return current_ml
    return parse_goal(text, unit)


def parse_cup_size(text: str, unit: Unit) -> int:
    """A quick-add cup size in ml (1 to 5000 ml)."""
    return _volume(text, unit, "cup size", 1, MAX_DRINK_ML, "250" if unit == "ml" else "8")


def parse_hours(text: str) -> float:
    """Hours slept: "7.5", "7,5", "7h30", "7:30" or "7 h"; more than 0 and at most 24."""
    cleaned = _clean(text, "hours", "7.5")
    if cleaned.startswith("-"):
        raise ValidationError("hours", "must be more than 0")
    if (match := _HOURS_MINUTES.fullmatch(cleaned)) is not None:
        minutes = int(match["m"])
        if minutes >= 60:
            raise ValidationError("hours", "minutes must be below 60")
        hours = int(match["h"]) + minutes / 60
    elif (match := _HOURS_DECIMAL.fullmatch(cleaned)) is not None:
        hours = _number(match["h"], "hours")
    else:
        raise ValidationError("hours", "enter hours as a number, like 7.5")
    if hours <= 0:
        raise ValidationError("hours", "must be more than 0")
    if hours > 24:
        raise ValidationError("hours", "must be at most 24")
    return hours


def parse_clock(text: str) -> time:
    """A time of day: "23:00", "7:30", "0730", "11pm", "7:30 am", "noon", "midnight"."""
    cleaned = _clean(text, "time", "23:00 or 11pm").lower().replace(".m.", "m").replace(".m", "m")
    if cleaned == "noon":
        return time(12, 0)
    if cleaned == "midnight":
        return time(0, 0)
    match = _CLOCK.fullmatch(cleaned) or _CLOCK_COMPACT.fullmatch(cleaned)
    if match is None:
        raise ValidationError("time", "enter a time like 23:00 or 11pm")
    hour = int(match["h"])
    minute = int(match["m"] or 0)
    marker = match.groupdict().get("ap")
    if minute > 59:
        raise ValidationError("time", "minutes must be between 00 and 59")
    if marker:
        if not 1 <= hour <= 12:
            raise ValidationError("time", "with am/pm the hour must be between 1 and 12")
        hour = hour % 12 + (12 if marker.startswith("p") else 0)
    elif hour > 23:
        raise ValidationError("time", "the hour must be between 0 and 23")
    return time(hour, minute)
