"""Schema versions, and the steps that bring an older data folder up to date.

Schema 2 (layout.py) is the first one shipped, so there is no step yet. When a
release changes the layout it bumps layout.CURRENT_VERSION and adds one step here,
from the version before: it reads the old files and returns the files to write (and
None for old ones to delete). The runner copies every data file to
`backups/pre-v<N>-<stamp>/` first, then commits the step's files together with the
new meta.json through the journal, so a crash leaves the old layout or the new one.
`tests/unit/storage_fixtures/schema2/` is a folder written by the release that
shipped schema 2; every later release must open it with nothing lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from app.storage import journal, layout
from app.storage.atomic import ensure_dir, write_private
from app.storage.backups import BACKUP_DIR, stamp
from app.storage.journal import Changes

Step = Callable[[Path], Changes]
MIGRATIONS: dict[int, Step] = {}
"""from_version -> the step to from_version + 1."""
_VERSION = re.compile(rb'"schema_version"\s*:\s*(\d{1,9})(?![\d.eE])')


def folder_version(root: Path) -> int | None:
    """The schema meta.json names, or None if there is none to read."""
    try:
        found = _VERSION.search((root / layout.META).read_bytes()[:256])
    except OSError:
        return None
    return int(found.group(1)) if found else None


def keep_old_files(root: Path, version: int, now: datetime) -> Path:
    """Copy every data file a step may replace into backups/pre-v<N>-<stamp>/."""
    target = root / BACKUP_DIR / f"pre-v{version + 1}-{stamp(now)}"
    for rel in layout.data_files(root):
        if (root / rel).is_file():
            ensure_dir((target / rel).parent)
            write_private(target / rel, (root / rel).read_bytes())
    return target


def migrate(root: Path, now: datetime, steps: dict[int, Step] = MIGRATIONS) -> bool:
    """Run every step from the folder's schema to the current one; True if any ran.
    An older schema without a step is left alone (reading it then sees the damage)."""
    version = folder_version(root)
    ran = False
    while version is not None and version < layout.CURRENT_VERSION and version in steps:
        keep_old_files(root, version, now)
        changes = steps[version](root)
        files = {r for r in layout.data_files(root) if r != layout.META}
        for rel, data in changes.items():
            if layout.kind_of(rel) not in (None, "meta"):
                (files.discard if data is None else files.add)(rel)
        changes[layout.META] = layout.meta_bytes(files, version=version + 1)
        journal.commit(root, changes)
        version, ran = version + 1, True
    return ran
