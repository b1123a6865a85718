"""Emergency numbers to call from the emergency result: a short list, and a default.

Standard public-health information (the number each country publishes for an
ambulance), not from the lip twitching guide. The default is guessed from the
device's time zone, which the app already knows, and can always be changed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EmergencyNumber:
    number: str
    where: str  # short, so the label fits a 320 px phone

    @property
    def label(self) -> str:
        return f"{self.number} ({self.where})"


NUMBERS: tuple[EmergencyNumber, ...] = (
    EmergencyNumber("112", "Europe and more"),
    EmergencyNumber("911", "North America"),
    EmergencyNumber("999", "UK, Ireland, HK"),
    EmergencyNumber("000", "Australia"),
    EmergencyNumber("111", "New Zealand"),
    EmergencyNumber("119", "Japan, Korea"),
    EmergencyNumber("120", "China"),
    EmergencyNumber("10177", "South Africa"),
    EmergencyNumber("192", "Brazil"),
    EmergencyNumber("107", "Argentina"),
)
FALLBACK = "112"  # also answered on mobile phones in many countries outside Europe

# The most specific prefix wins; zones are IANA names such as "Europe/London". Only
# zones listed here get a number other than 112: a wrong default is worse than 112,
# which mobile networks in many countries also answer.
_NORTH_AMERICA = (
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Phoenix",
    "America/Anchorage",
    "America/Juneau",
    "America/Boise",
    "America/Detroit",
    "America/Indiana/",
    "America/Kentucky/",
    "America/North_Dakota/",
    "America/Adak",
    "America/Nome",
    "America/Sitka",
    "America/Menominee",
    "Pacific/Honolulu",
    "America/Toronto",
    "America/Vancouver",
    "America/Edmonton",
    "America/Winnipeg",
    "America/Halifax",
    "America/St_Johns",
    "America/Regina",
    "America/Moncton",
    "America/Whitehorse",
    "America/Yellowknife",
    "America/Iqaluit",
    "America/Glace_Bay",
    "America/Mexico_City",
    "America/Monterrey",
    "America/Tijuana",
    "America/Cancun",
    "America/Merida",
    "America/Chihuahua",
    "America/Hermosillo",
    "America/Mazatlan",
    "America/Matamoros",
    "America/Bahia_Banderas",
    "America/Ojinaga",
    "America/Ciudad_Juarez",
    "US/",
    "Canada/",
    "Mexico/",
)
_BRAZIL = (
    "America/Sao_Paulo",
    "America/Manaus",
    "America/Fortaleza",
    "America/Recife",
    "America/Bahia",
    "America/Belem",
    "America/Maceio",
    "America/Cuiaba",
    "America/Campo_Grande",
    "America/Porto_Velho",
    "America/Boa_Vista",
    "America/Rio_Branco",
    "America/Araguaina",
    "America/Santarem",
    "America/Noronha",
    "America/Eirunepe",
    "Brazil/",
)
_BY_ZONE: tuple[tuple[str, str], ...] = (
    ("Europe/London", "999"),
    ("Europe/Dublin", "999"),
    ("Europe/Belfast", "999"),
    ("Asia/Hong_Kong", "999"),
    ("Asia/Kuala_Lumpur", "999"),
    ("Asia/Kuching", "999"),
    ("Asia/Tokyo", "119"),
    ("Asia/Seoul", "119"),
    ("Asia/Taipei", "119"),
    ("Asia/Shanghai", "120"),
    ("Asia/Urumqi", "120"),
    ("Asia/Kolkata", "112"),
    ("Australia/", "000"),
    ("Pacific/Auckland", "111"),
    ("Pacific/Chatham", "111"),
    ("NZ", "111"),
    ("Africa/Johannesburg", "10177"),
    ("Europe/", "112"),
    ("America/Argentina/", "107"),
    ("America/Buenos_Aires", "107"),
    ("GB", "999"),
    ("Japan", "119"),
    *((zone, "911") for zone in _NORTH_AMERICA),
    *((zone, "192") for zone in _BRAZIL),
)


def known(number: str) -> EmergencyNumber | None:
    return next((n for n in NUMBERS if n.number == number), None)


def default_number(timezone: str) -> str:
    """The number for the device's zone, if the list has it; else 112."""
    best = ""
    found = FALLBACK
    for prefix, number in _BY_ZONE:
        if timezone.startswith(prefix) and len(prefix) > len(best) and known(number):
            best, found = prefix, number
    return found


def chosen_number(saved: str, timezone: str) -> str:
    """What to show: the person's own choice, else the default for their zone."""
    return saved if saved and known(saved) else default_number(timezone)
