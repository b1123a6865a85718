"""The person's data as a whole: export (JSON backup, CSV files), import (check the
file first, then replace everything), erase, theme, and what the store repaired.

Import is two steps on purpose: `check_backup` reads and validates the whole file
without changing anything, so the screen asks "Replace all your data?" only about
a file that will import; `import_backup` then replaces everything, all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Self

from app.errors import ValidationError
from app.records import Theme
from app.services.core import Services
from app.storage import ImportFileError, RecoveryNotice, Snapshot, parse_backup

THEMES: tuple[Theme, ...] = ("system", "light", "dark")


@dataclass(frozen=True)
class ImportSummary:
    """How many records of each kind a backup holds, in words."""

    results: int
    drinks: int
    sleep: int
    diary: int

    @classmethod
    def of(cls, snap: Snapshot) -> Self:
        return cls(len(snap.results), len(snap.drinks), len(snap.sleep), len(snap.diary))

    @property
    def message(self) -> str:
        return f"Imported {self.counts}"

    @property
    def counts(self) -> str:
        """The counts in words; the check before an import names them the same way."""
        return (
            f"{self.results} check results, {self.drinks} drinks, "
            f"{self.sleep} nights of sleep and {self.diary} diary days."
        )


@dataclass(frozen=True)
class BackupPreview(ImportSummary):
    """What a checked backup holds (the counts the confirmation names)."""

    @property
    def message(self) -> str:
        return f"It holds {self.counts}"


@dataclass(frozen=True)
class ImportDone:
    """The import's outcome: the toast to show and the theme that now applies."""

    message: str
    theme: Theme


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ImportFileError("", "This is not a text backup file") from None


def check_backup(services: Services, data: bytes) -> BackupPreview:
    """Read and check a whole backup file; changes nothing. Raises ImportFileError."""
    return BackupPreview.of(parse_backup(_text(data)))


def import_backup(services: Services, data: bytes) -> ImportDone:
    """Replace all data with a backup's (checked again, all or nothing)."""
    summary = ImportSummary.of(services.store.import_json(_text(data)))
    services.changes.notify()
    return ImportDone(summary.message, services.app_settings().theme)


def _stamp(services: Services) -> str:
    return services.now().strftime("%Y-%m-%d")


def export_backup(services: Services) -> tuple[str, bytes]:
    """(file name, bytes) of a JSON backup that import_backup accepts."""
    name = f"lip-twitch-check-backup-{_stamp(services)}.json"
    return name, services.store.export_json().encode("utf-8")


def export_csv(services: Services) -> tuple[str, bytes]:
    """(file name, bytes) of a zip with results, drinks, sleep and diary as CSV files."""
    import io
    import zipfile  # only here: the offline app's start-up does not need it

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in sorted(services.store.export_csv().items()):
            archive.writestr(name, text)
    return f"lip-twitch-check-csv-{_stamp(services)}.zip", buffer.getvalue()


def erase(services: Services) -> None:
    """Delete all data, backups included (the screen confirms first)."""
    services.store.erase_all()
    services.changes.notify()


def theme(services: Services) -> Theme:
    return services.app_settings().theme


def set_theme(services: Services, choice: str) -> Theme:
    """Save the theme; anything but light, dark or system is refused."""
    chosen = next((t for t in THEMES if t == choice), None)
    if chosen is None:
        raise ValidationError("theme", "choose system, light or dark")
    settings = services.store.settings
    settings.save_app(replace(settings.get_app(), theme=chosen))
    return chosen


def data_dir(services: Services) -> Path:
    return services.store.data_dir


def repairs(services: Services) -> tuple[RecoveryNotice, ...]:
    """What the store repaired or set aside since it was opened."""
    return services.store.notices


def mark_repairs_told(services: Services) -> None:
    """The person was told at start; Settings still lists them until restart."""
    services.store.mark_notices_seen()
