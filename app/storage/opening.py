"""What opening a data folder does before anything is read, in order.

Each step either leaves the folder as it was or moves it to a state the next
open also accepts, so a crash during opening is just another cut-short open.
They change files only through the Keeper (repairs, with notices on disk) or
the journal; each returns True when it changed something.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from app.storage import journal, layout, migrations
from app.storage.notices import NoticeLog, RecoveryNotice
from app.storage.recovery import Keeper, move_aside


def refuse_newer(root: Path) -> None:
    """Data a newer version wrote is never read as damage (and so never replaced):
    a look at each file's first bytes, before anything in the folder changes."""
    for rel in layout.data_files(root):
        try:
            with open(root / rel, "rb") as handle:
                head = handle.read(256)
        except OSError:
            continue  # unreadable: dealt with as damage when read
        layout.check_not_newer(head, rel)


def replay_journal(root: Path, notices: NoticeLog, now: datetime) -> bool:
    """Finish a commit a crash cut short; a journal that cannot be read is kept aside."""
    try:
        return journal.replay(root)
    except journal.JournalError as exc:
        path = root / journal.JOURNAL_NAME
        moved = move_aside(path, now)
        reason = f"an unfinished save could not be completed ({exc})"
        notices.add(RecoveryNotice(path, moved, None, reason))
        return True


def fix_folders(root: Path, keeper: Keeper) -> None:
    """A file where a folder of data files belongs is moved aside (its files are
    then missing, and restored from the backup)."""
    for kind in layout.PARTITIONED:
        folder = root / kind
        if os.path.lexists(folder) and not folder.is_dir():
            keeper.recover(kind, "a file is where a folder should be", use_backup=False)


def load_meta(root: Path, keeper: Keeper, now: datetime) -> bool:
    """Migrate, read meta.json (restoring it if it is gone but the folder is not new)
    and learn which data files must exist, listing any it did not know of yet."""
    changed = migrations.migrate(root, now)
    if os.path.lexists(root / layout.META):
        meta = keeper.load(layout.META)
    elif layout.data_files(root) or keeper.backups.good_copy(layout.META):
        meta = keeper.recover(layout.META, "the file was missing")
    else:
        meta = None
    files = layout.manifest(meta) if meta is not None else None
    present = {rel for rel in layout.data_files(root) if layout.kind_of(rel) != "meta"}
    keeper.expected.update(files if files is not None else present)
    if files is None or not files >= present:
        keeper.expected.update(present)
        journal.commit(root, {layout.META: layout.meta_bytes(keeper.expected)})
        changed = True
    return changed


def restore_missing(root: Path, keeper: Keeper) -> None:
    """A listed file that is gone is lost data, not "no data": restore it."""
    expected = keeper.expected
    gone = [
        rel
        for rel in sorted(expected - {layout.INDEX})  # the index is rebuilt when read
        if not os.path.lexists(root / rel)
    ]
    for rel in gone:
        keeper.recover(rel, "the file was missing")
    lost = {rel for rel in gone if not os.path.lexists(root / rel)}
    if lost:
        expected -= lost
        journal.commit(root, {layout.META: layout.meta_bytes(expected)})
