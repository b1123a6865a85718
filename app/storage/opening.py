"""What opening a data folder does before anything is read, in order, and migrations.

Each step leaves the folder as it was or in a state the next open also accepts, so
a crash while opening is just another cut-short open. Files change only through the
Keeper (repairs, notice on disk first) or a journalled commit.

Schema 2 is the first one shipped, so MIGRATIONS has no step yet. A release that
changes the layout bumps layout.CURRENT_VERSION and adds a step from the version
before, returning the files to write (None: delete). The runner first copies every
data file to `backups/pre-v<N>-<stamp>/`, then commits the step's files with the new
meta.json, so a crash leaves the old layout or the new one. Every release must open
`tests/unit/storage_fixtures/schema2/` (written by the one that shipped schema 2).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from pathlib import Path

from app.storage import layout
from app.storage.backups import BACKUP_DIR, stamp
from app.storage.files import (
    JOURNAL_NAME,
    PRIVATE_DIR,
    Changes,
    JournalError,
    commit,
    ensure_dir,
    replay,
    write_private,
)
from app.storage.folder import LOCK_NAME
from app.storage.repair import Keeper, RecoveryNotice, move_aside

Step = Callable[[Path], Changes]
MIGRATIONS: dict[int, Step] = {}
"""from_version -> the step to from_version + 1."""


def folder_version(root: Path) -> int | None:
    """The schema meta.json names, or None if there is none to read."""
    try:
        found = layout.VERSION_RE.search((root / layout.META).read_bytes()[:256])
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
    version, ran = folder_version(root), False
    while version is not None and version < layout.CURRENT_VERSION and version in steps:
        keep_old_files(root, version, now)
        changes = steps[version](root)
        present = {r for r in layout.data_files(root) if r != layout.META}
        changes[layout.META] = layout.meta_bytes(layout.listed_after(present, changes), version + 1)
        commit(root, changes)
        version, ran = version + 1, True
    return ran


def keep_private(root: Path) -> None:
    """A data folder given with --data-dir may already exist with 0755: tighten it to
    0700 when it is ours (it holds meta.json) or still empty, never someone else's."""
    with suppress(OSError):
        if (root / layout.META).exists() or all(e.name == LOCK_NAME for e in root.iterdir()):
            os.chmod(root, PRIVATE_DIR)


def refuse_newer(root: Path) -> None:
    """Data a newer version wrote is never read as damage (and so never replaced).
    This code writes `_meta` first, so the first bytes normally say the version; a
    file that does not say it there (padded, reordered) is searched in full."""
    for rel in layout.data_files(root):
        try:
            with open(root / rel, "rb") as handle:
                head = handle.read(256)
                if not layout.VERSION_RE.search(head):
                    head += handle.read()
        except OSError:
            continue  # unreadable: dealt with as damage when read
        layout.check_not_newer(head, rel)


def replay_journal(keeper: Keeper) -> bool:
    """Finish a commit a crash cut short; a journal that cannot be read is kept aside."""
    try:
        return replay(keeper.root)
    except JournalError as exc:
        path = keeper.root / JOURNAL_NAME
        reason = f"an unfinished save could not be completed ({exc})"
        keeper.notices.add(RecoveryNotice(path, move_aside(path, keeper.clock()), None, reason))
        return True


def fix_folders(keeper: Keeper) -> None:
    """A file where a folder of data files belongs is moved aside (its files are
    then missing, and restored from the backup)."""
    for kind in layout.PARTITIONED:
        folder = keeper.root / kind
        if os.path.lexists(folder) and not folder.is_dir():
            keeper.recover(kind, "a file is where a folder should be", use_backup=False)


def load_meta(keeper: Keeper) -> bool:
    """Migrate, read meta.json (restoring it if it is gone but the folder is not new)
    and learn which data files must exist, listing any it did not know of yet."""
    root = keeper.root
    changed = migrate(root, keeper.clock())
    meta = None
    if os.path.lexists(root / layout.META):
        meta = keeper.load(layout.META)
    elif layout.data_files(root) or keeper.backups.good_copy(layout.META):
        meta = keeper.recover(layout.META, "the file was missing")
    listed = layout.manifest(meta) if meta is not None else None
    present = {rel for rel in layout.data_files(root) if layout.kind_of(rel) != "meta"}
    keeper.expected.update(present if listed is None else listed)
    old_index = os.path.lexists(root / layout.OLD_INDEX)
    if listed is None or not listed >= present or old_index:
        keeper.expected.update(present)
        changes: Changes = {layout.META: layout.meta_bytes(keeper.expected)}
        commit(root, {**changes, **({layout.OLD_INDEX: None} if old_index else {})})
        changed = True
    return changed


def restore_missing(keeper: Keeper) -> None:
    """A listed file that is gone is lost data, not "no data": restore it."""
    gone = [rel for rel in sorted(keeper.expected) if not os.path.lexists(keeper.root / rel)]
    for rel in gone:
        keeper.recover(rel, "the file was missing")
    lost = {rel for rel in gone if not os.path.lexists(keeper.root / rel)}
    if lost:
        keeper.expected -= lost
        commit(keeper.root, {layout.META: layout.meta_bytes(keeper.expected)})
