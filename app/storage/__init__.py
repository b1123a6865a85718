"""Local storage: atomic TinyDB files, split by month or year, with repair and backups.

Only this package imports tinydb. The UI needs just what is exported here.
"""

from app.storage.errors import (
    BatchAbortedError,
    FolderInUseError,
    ImportError_,
    ImportFileError,
    NewerDataError,
    StorageError,
)
from app.storage.exchange import Snapshot, parse_backup
from app.storage.folder import claim as claim_data_dir
from app.storage.folder import resolve_data_dir
from app.storage.layout import CURRENT_VERSION
from app.storage.repair import RecoveryNotice
from app.storage.results import ResultSummary
from app.storage.store import Store, get_store

__all__ = [
    "CURRENT_VERSION",
    "BatchAbortedError",
    "FolderInUseError",
    "ImportError_",
    "ImportFileError",
    "NewerDataError",
    "RecoveryNotice",
    "ResultSummary",
    "Snapshot",
    "StorageError",
    "Store",
    "claim_data_dir",
    "get_store",
    "parse_backup",
    "resolve_data_dir",
]
