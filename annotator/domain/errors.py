"""The errors the core layers raise; the CLI prints them as one line, the window as a dialog."""

from __future__ import annotations


class AnnotatorError(Exception):
    """A failure the user can act on, described in one plain sentence.

    ``path`` names the file at fault and ``line`` (1-based) the line in it, when known;
    ``str(error)`` gives ``"PATH:LINE: message"``, ``"PATH: message"`` or just the message.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class InputError(AnnotatorError):
    """An input file (text, CSV, JSONL, schema) cannot be imported as it is."""


class ProjectError(AnnotatorError):
    """The project file is missing, damaged, foreign or unusable."""


class ProjectLockedError(ProjectError):
    """Another process holds the project file open for writing."""


class NewerProjectError(ProjectError):
    """The project file was written by a newer Annotator than this one."""


class ReadOnlyProjectError(ProjectError):
    """A write was attempted on a project opened read-only."""


class InvariantError(AnnotatorError):
    """A value breaks one of the model's rules (a span outside its text, an unknown label)."""


class DamagedProjectError(ProjectError):
    """The project file is damaged; ``backups`` counts the backups that could replace it."""

    def __init__(self, message: str, *, path: str | None = None, backups: int = 0) -> None:
        super().__init__(message, path=path)
        self.backups = backups


class DiskFullError(ProjectError):
    """A write failed because the disk is full or the file may not grow any larger."""
