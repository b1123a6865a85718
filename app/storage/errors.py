"""Typed storage errors, so the UI can show a clear message instead of a traceback."""

from __future__ import annotations

from app.errors import LipCheckError


class StorageError(LipCheckError):
    """Saving or reading the data folder failed (disk full, no permission, ...)."""


class NewerDataError(StorageError):
    """The folder holds data a newer version wrote; it is refused, never replaced."""

    def __init__(self, where: str, version: int, current: int) -> None:
        super().__init__(
            "This data was written by a newer version of Lip Twitch Check; update the app. "
            f"({where} uses schema {version}; this version reads schema {current}. "
            "Nothing was changed.)"
        )


class FolderInUseError(StorageError):
    """Another process already has this data folder open."""

    def __init__(self, folder: object) -> None:
        super().__init__(
            f"Lip Twitch Check is already running with the data folder {folder}. "
            "Use the window that is already open, or close it first: only one app "
            "at a time can use a data folder."
        )


class BatchAbortedError(StorageError):
    """An earlier write in this batch failed, so nothing in the batch was saved."""


class ImportFileError(LipCheckError):
    """A backup offered for import is not acceptable; nothing was changed. `where`
    names the part of the file ("Record 12 in drinks"), `problem` what is wrong."""

    def __init__(self, where: str, problem: str) -> None:
        self.where, self.problem = where, problem
        message = f"{where}: {problem}" if where else problem
        super().__init__(message if message.endswith(".") else message + ".")


ImportError_ = ImportFileError
