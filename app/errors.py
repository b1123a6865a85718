"""Typed errors shared by every layer, so the UI can turn each into a clear message."""

from __future__ import annotations


class LipCheckError(Exception):
    """Base class: anything the app can explain to the user."""


class ContentError(LipCheckError):
    """Shipped content (sections or quiz) is broken; names the file and the field."""

    def __init__(self, file: str, field: str, problem: str) -> None:
        self.file = file
        self.field = field
        self.problem = problem
        super().__init__(f"{file}: {field}: {problem}")


class ValidationError(LipCheckError, ValueError):
    """A value the user (or an import) supplied is not acceptable; never stored."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")
