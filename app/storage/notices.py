"""What was repaired, kept on disk so that a crash cannot hide a repair from the user.

A notice is written (atomically) before the repair it describes starts. If the
process dies part-way, the next open still finds it; a notice whose moved-aside
copy never came to exist describes a repair that did not happen (it is redone,
with a new notice, so the stale one is dropped). Notices stay until a screen has
shown them (`mark_seen`), and the newest MAX_KEPT at most are kept.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.storage.atomic import atomic_write, dumps

log = logging.getLogger(__name__)
NOTICES = "notices.json"
MAX_KEPT = 50
PARTITIONED = ("results", "drinks", "sleep", "diary")


@dataclass(frozen=True)
class RecoveryNotice:
    """Something was wrong with a file; tells the user what and where the old file is."""

    file: Path
    moved_to: Path | None
    restored_from: Path | None
    reason: str
    rebuilt: bool = False
    """True when the file was rebuilt from the other files (the History index)."""

    @property
    def message(self) -> str:
        name = self.file.name
        if self.file.parent.name in PARTITIONED:
            name = f"{self.file.parent.name}/{name}"
        parts = [f"The saved file {name} could not be used: {self.reason}."]
        if self.moved_to is not None:
            parts.append(f"The old file was kept as {self.moved_to}.")
        if self.rebuilt:
            parts.append("It was rebuilt from your other saved files.")
        elif self.restored_from is not None:
            parts.append(f"It was restored from the backup {self.restored_from}.")
        else:
            parts.append("No good backup of it was found, so it starts empty.")
        return " ".join(parts)


def _rel(root: Path, path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _doc(root: Path, n: RecoveryNotice) -> dict[str, Any]:
    return {
        "file": _rel(root, n.file),
        "moved_to": _rel(root, n.moved_to),
        "restored_from": _rel(root, n.restored_from),
        "reason": n.reason,
        "rebuilt": n.rebuilt,
    }


def _notice(root: Path, doc: Any) -> RecoveryNotice | None:
    """A notice read back, or None for anything this code did not write."""
    if not isinstance(doc, dict) or not isinstance(doc.get("file"), str):
        return None
    paths = [doc.get(k) for k in ("moved_to", "restored_from")]
    if not all(p is None or isinstance(p, str) for p in paths):
        return None
    reason, rebuilt = doc.get("reason"), doc.get("rebuilt")
    if not isinstance(reason, str) or not isinstance(rebuilt, bool):
        return None
    moved, restored = (None if p is None else root / p for p in paths)
    return RecoveryNotice(root / doc["file"], moved, restored, reason[:1000], rebuilt)


class NoticeLog:
    """The notices of one data folder: those not yet shown, plus this run's."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / NOTICES
        self.items: list[RecoveryNotice] = []
        self._unseen: list[RecoveryNotice] = []

    def load(self) -> None:
        """Read what earlier runs left unseen (a damaged notices file is dropped)."""
        try:
            raw = json.loads(self.path.read_bytes())
            docs = raw if isinstance(raw, list) else []
        except FileNotFoundError:
            docs = []
        except Exception:  # noqa: BLE001  # any damage: the notices are only a courtesy
            log.warning("the notices file could not be read; dropped")
            docs = []
        found = [n for n in (_notice(self.root, d) for d in docs[:MAX_KEPT]) if n is not None]
        kept = [n for n in found if n.moved_to is None or os.path.lexists(n.moved_to)]
        self._unseen = kept
        self.items[:0] = kept

    def add(self, notice: RecoveryNotice) -> None:
        """Record a repair on disk first; raises OSError if even that cannot be written."""
        unseen = [*self._unseen, notice][-MAX_KEPT:]
        atomic_write(self.path, dumps([_doc(self.root, n) for n in unseen]))
        self._unseen = unseen
        self.items.append(notice)

    def mark_seen(self) -> bool:
        """The user was told: later runs need not tell again. True if the file changed."""
        if not self._unseen:
            return False
        self._unseen = []
        try:
            self.path.unlink()
        except OSError:
            return False
        return True

    def clear(self) -> None:
        self.items.clear()
        self._unseen = []
