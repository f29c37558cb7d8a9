"""The errors the core layers raise; the CLI prints them as one line, the window as a dialog."""

from __future__ import annotations

import re

# Line breaks, other controls and bidi overrides: in a file name they could break a message
# into lines that fake another message, or reorder what is shown.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def shown(text: str) -> str:
    """``text`` on one line, with line breaks and other control characters as escapes
    (``\\n``, ``\\x1b``, ``\\u202e``): what every message shows of a name it did not choose."""
    return _UNSHOWABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char)
    if named:
        return named
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


class AnnotatorError(Exception):
    """A failure the user can act on, described in one plain sentence.

    ``path`` names the file at fault and ``line`` (1-based) the line in it, when known;
    ``str(error)`` gives ``"PATH:LINE: message"``, ``"PATH: message"`` or just the message,
    always one line (see ``shown``).
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
        return shown(f"{where}: {self.message}" if where else self.message)


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
