"""SQLite failures as plain sentences: damaged files, full disks, locks; where backups live.

Every connection to a project goes through ``GuardedConnection``, whose statements and row
fetches turn SQLite's low-level failures into ``annotator.domain.errors`` types naming the
file, wherever in the program they happen. Constraint errors and programming mistakes pass
through unchanged, because the code above handles or must see them.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Self

from annotator.domain.errors import (
    AnnotatorError,
    DamagedProjectError,
    DiskFullError,
    ProjectError,
    ProjectLockedError,
    ReadOnlyProjectError,
)
from annotator.storage.rules import SQLITE_HEADER as SQLITE_HEADER  # re-exported
from annotator.storage.rules import identify

BACKUP_SUFFIX = ".annot"

# Primary result codes (the low byte of the extended codes Python reports).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26
_IOERR_READ, _IOERR_SHORT_READ = 266, 522
_DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})

DISK_FULL = ("cannot be saved: the disk is full or the file may not grow any larger, "
             "and nothing of the failed step was kept")


def backup_folder(project_path: Path) -> Path:
    """Where the backups of ``project_path`` live: ``<name>.backups/`` beside the file."""
    return project_path.with_name(f"{project_path.name}.backups")


def backup_files(project_path: Path) -> list[Path]:
    """The backup files of a project, newest first (their names sort by time)."""
    folder = backup_folder(project_path)
    try:
        names = [p for p in folder.iterdir()
                 if p.name.endswith(BACKUP_SUFFIX) and not p.name.startswith(".")]
    except OSError:
        return []
    return sorted(names, key=lambda p: p.name, reverse=True)


def damaged_error(project_path: Path, detail: str) -> DamagedProjectError:
    """The one sentence for a damaged project: what is wrong and whether backups exist."""
    count = len(backup_files(project_path))
    detail = detail.splitlines()[0] if detail.strip() else "unknown fault"
    if len(detail) > 100:  # SQLite quotes whole statements from a damaged schema
        detail = detail[:100] + "…"
    if count:
        hint = (f"{count} backup(s) of it are in {backup_folder(project_path)}; "
                f"list and restore them with: annotator restore {project_path}")
    else:
        hint = "there is no backup of it"
    return DamagedProjectError(f"is damaged ({detail}); {hint}", path=str(project_path),
                               backups=count)


def check_file_header(path: Path) -> None:
    """Refuse, before SQLite touches it, a file that cannot be a project: empty or foreign."""
    try:
        kind = identify(path).kind
    except OSError as error:
        raise ProjectError(f"cannot be read ({error.strerror})", path=str(path)) from None
    if kind == "empty":
        raise damaged_error(path, "the file is empty")
    if kind == "foreign":
        if backup_files(path):
            raise damaged_error(path, "it no longer starts with an SQLite header")
        raise ProjectError("is not an Annotator project: it is not an SQLite database, or its "
                           "first bytes were destroyed, and there is no backup of it",
                           path=str(path))


def translate(error: sqlite3.Error, path: Path) -> AnnotatorError | None:
    """The user-facing error for an SQLite failure on ``path``, or None for our own bugs."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return None
    primary = code & 0xFF
    if primary in (_CORRUPT, _NOTADB):
        return damaged_error(path, str(error))
    if str(error).startswith(("no such column", "no such table", "malformed database schema")):
        # Our statements name only our own tables: a file without them has a damaged schema.
        return damaged_error(path, str(error))
    if primary == _FULL:
        return DiskFullError(DISK_FULL, path=str(path))
    if primary == _IOERR:
        if code in (_IOERR_READ, _IOERR_SHORT_READ):
            return ProjectError(f"cannot be read from the disk ({error})", path=str(path))
        return DiskFullError(DISK_FULL, path=str(path))
    if primary in (_BUSY, _LOCKED):
        return ProjectLockedError(
            "is open in another Annotator window or command; close it there first",
            path=str(path))
    if primary == _READONLY:
        return ReadOnlyProjectError("cannot be written (the file or its folder is read-only)",
                                    path=str(path))
    if primary == _CANTOPEN:
        return ProjectError(f"cannot be opened ({error})", path=str(path))
    return None


def disk_error(error: OSError, path: Path, what: str) -> AnnotatorError:
    """An ``OSError`` while writing ``path`` as one sentence; ``what`` says what was written."""
    if error.errno in _DISK_FULL_ERRNOS:
        return DiskFullError(f"cannot be written: the disk is full or the file may not grow any "
                             f"larger, so no {what} was made", path=str(path))
    return ProjectError(f"cannot be written ({error.strerror or error}), so no {what} was made",
                        path=str(path))


class GuardedCursor(sqlite3.Cursor):
    """A cursor whose statements and fetches raise our errors for SQLite's I/O failures."""

    def _fail(self, error: sqlite3.Error) -> BaseException:
        connection = self.connection
        if isinstance(connection, GuardedConnection):
            return translate(error, connection.path) or error
        return error

    def execute(self, sql: str, parameters: Any = (), /) -> Self:
        try:
            return super().execute(sql, parameters)
        except sqlite3.Error as error:
            raise self._fail(error) from error

    def executemany(self, sql: str, seq_of_parameters: Iterable[Any], /) -> Self:
        try:
            return super().executemany(sql, seq_of_parameters)
        except sqlite3.Error as error:
            raise self._fail(error) from error

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except sqlite3.Error as error:
            raise self._fail(error) from error

    def fetchmany(self, size: int | None = 1) -> list[Any]:
        try:
            return super().fetchmany(size)
        except sqlite3.Error as error:
            raise self._fail(error) from error

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()
        except sqlite3.Error as error:
            raise self._fail(error) from error

    def __next__(self) -> Any:
        try:
            return super().__next__()
        except sqlite3.Error as error:
            raise self._fail(error) from error


class GuardedConnection(sqlite3.Connection):
    """A connection that knows its file and hands out ``GuardedCursor`` cursors."""

    path: Path

    def execute(self, sql: str, parameters: Any = (), /) -> GuardedCursor:
        return self.cursor(GuardedCursor).execute(sql, parameters)

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> GuardedCursor:
        return self.cursor(GuardedCursor).executemany(sql, parameters)


def connect(path: Path, *, immutable: bool = False, timeout: float = 0.2) -> GuardedConnection:
    """Connect to ``path`` in autocommit mode (transactions are explicit).

    ``immutable`` opens a file we may not write: read-only, without side files or locks.
    """
    try:
        if immutable:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                                   isolation_level=None, factory=GuardedConnection)
        else:
            conn = sqlite3.connect(path, isolation_level=None, timeout=timeout,
                                   factory=GuardedConnection)
    except sqlite3.Error as error:
        raise translate(error, path) or ProjectError(f"cannot be opened ({error})",
                                                     path=str(path)) from error
    conn.path = path
    return conn


def fsync_folder(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (a no-op where folders cannot be synced)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
