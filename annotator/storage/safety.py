"""SQLite failures as plain sentences: damaged files, full disks, locks; where backups live.

Every connection to a project goes through ``GuardedConnection``, whose statements and row
fetches turn SQLite's low-level failures into ``annotator.domain.errors`` types naming the
file, wherever in the program they happen. Constraint errors and programming mistakes pass
through unchanged, because the code above handles or must see them.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import stat
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from annotator.domain.errors import (
    AnnotatorError,
    DamagedProjectError,
    DiskFullError,
    InputError,
    ProjectError,
    ProjectLockedError,
    ReadOnlyProjectError,
)
from annotator.storage.rules import SQLITE_HEADER as SQLITE_HEADER  # re-exported
from annotator.storage.rules import identify

if TYPE_CHECKING:
    import threading

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


BACKUP_STAMP = "%Y-%m-%dT%H-%M-%S.%fZ"  # the UTC time a backup's name starts with


def backup_files(project_path: Path) -> list[Path]:
    """The backup files of a project, newest first by the time their names record.

    A time later than now (written while the clock was ahead) ranks below every time up to
    now: the backup just made is always the newest, and rotation never deletes it.
    """
    folder = backup_folder(project_path)
    try:
        names = [p for p in folder.iterdir()
                 if p.name.endswith(BACKUP_SUFFIX) and not p.name.startswith(".")]
    except OSError:
        return []
    now = datetime.now(UTC).strftime(BACKUP_STAMP)
    return sorted(names, key=lambda p: (p.name[:len(now)] <= now, p.name), reverse=True)


def remove_stale_temporaries(folder: Path, pattern: str) -> list[Path]:
    """Remove what a killed export, share or backup left in ``folder``: files matching the
    glob ``pattern`` whose name carries, as its last all-digit ``.``-separated piece, the id of
    a process that is gone (``.NAME.<token>.<pid>.part``). Returns what was removed."""
    removed: list[Path] = []
    try:
        found = list(folder.glob(pattern))
    except OSError:
        return removed
    for path in found:
        pid = next((piece for piece in reversed(path.name.split(".")) if piece.isdigit()), "")
        if pid and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path)
                else:
                    path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True


PROJECT_SUFFIXES = (".annot", ".annot-wal", ".annot-shm", ".annot-journal")
STDOUT = "-"  # ``-o -``: the one way to write into something that is not a regular file


def check_output(target: Path, *, project_name_ok: bool = False) -> None:
    """Refuse an output target that may hold someone's work or is not a plain file.

    Refused: a ``.annot`` name (or a project's ``-wal``, ``-shm``, ``-journal``) unless
    ``project_name_ok`` (``share`` writes one), anything inside a ``<project>.backups`` folder,
    an existing file that is an Annotator project or backup whatever its name, and anything
    that exists and is neither a regular file nor a folder (a device, a pipe, a socket; a
    symbolic link is judged by what it points to). Every export and ``share`` target passes
    here when opened and again just before it is renamed into place.
    """
    if not project_name_ok and target.name.lower().endswith(PROJECT_SUFFIXES):
        raise InputError("is the name of an Annotator project file; an export never writes "
                         "one: choose another name", path=str(target))
    if any(part.endswith(".backups") for part in target.resolve().parent.parts):
        raise InputError("is inside a project's backup folder, which only Annotator writes; "
                         "choose another folder", path=str(target))
    try:
        mode = target.stat().st_mode
    except OSError:
        return  # absent (or unreadable, which the write itself reports)
    if stat.S_ISDIR(mode):
        return  # the caller says whether it wants a folder
    if not stat.S_ISREG(mode):
        raise InputError("is not a regular file (a device, pipe or socket) and is never "
                         f"replaced; give -o {STDOUT} to write an export to standard output",
                         path=str(target))
    if is_project_file(target):
        raise InputError("is an Annotator project or backup, which may hold someone's work; "
                         "remove it first or choose another name", path=str(target))


def is_project_file(path: Path) -> bool:
    """Whether ``path`` starts as an Annotator project (or a backup of one) does."""
    try:
        return identify(path).kind == "ours"
    except OSError:
        return False


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


# What SQLite says when the stored declaration of the search index (a virtual table) is not
# the one we wrote: the file's schema is damaged.
_VIRTUAL_TABLE_FAULTS = ("unrecognized option", "vtable constructor failed", "no such module",
                         "no such tokenizer")


def translate(error: sqlite3.Error, path: Path) -> AnnotatorError | None:
    """The user-facing error for an SQLite failure on ``path``, or None for our own bugs."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return None
    primary = code & 0xFF
    if primary in (_CORRUPT, _NOTADB):
        return damaged_error(path, str(error))
    if str(error).startswith(("no such column", "no such table", "malformed database schema",
                              *_VIRTUAL_TABLE_FAULTS)):
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


def is_disk_full(error: sqlite3.Error) -> bool:
    """Whether SQLite failed because the disk (or the file size limit) had no more room."""
    return (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF in (_FULL, _IOERR)


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
        except UnicodeDecodeError as error:  # SQLite's message quotes a damaged schema's bytes
            connection = self.connection
            if isinstance(connection, GuardedConnection):
                raise damaged_error(connection.path, "its schema is not valid text") from error
            raise

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


def connect(path: Path, *, immutable: bool = False, timeout: float = 0.2,
            threads: bool = False) -> GuardedConnection:
    """Connect to ``path`` in autocommit mode (transactions are explicit).

    ``immutable`` opens a file we may not write: read-only, without side files or locks.
    ``threads``: other threads may use the connection too (SQLite serialises them).
    """
    try:
        if immutable:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                                   isolation_level=None, factory=GuardedConnection,
                                   check_same_thread=not threads)
        else:
            conn = sqlite3.connect(path, isolation_level=None, timeout=timeout,
                                   factory=GuardedConnection, check_same_thread=not threads)
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


# ``PRAGMA integrity_check`` looks every index entry up in its table: with SQLite's default
# 2 MB page cache those lookups are random reads that grow faster than the file (a 1.8 GB
# project: 11.1 s of CPU against 1.1 s at 180 MB; with this cache 4.1 s against 0.4 s).
INTEGRITY_CACHE_KIB = 64 * 1024


def integrity_problems(conn: Any) -> list[str]:
    """What ``PRAGMA integrity_check`` finds (``["ok"]`` for a sound file), checked with a
    page cache of ``INTEGRITY_CACHE_KIB``; the connection's own cache size is kept."""
    kept = int(conn.execute("PRAGMA cache_size").fetchone()[0])
    conn.execute(f"PRAGMA cache_size = -{INTEGRITY_CACHE_KIB}")
    try:
        return [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.execute(f"PRAGMA cache_size = {kept}")


READ_AHEAD_STEP = 8 * 1024 * 1024  # bytes a step of ``read_ahead``, between looks at ``cancel``
_OPEN_DESCRIPTORS = Path("/proc/self/fd")


def read_ahead(path: Path, *, cancel: threading.Event | None = None) -> int:
    """Read ``path`` once from start to end into the operating system's page cache, so that an
    integrity check, which reads the file in B-tree order (random reads), then finds its pages
    there instead of waiting on the disk for each; returns the bytes read (0 when it did not).

    Never closes a descriptor of a file this process has open: on POSIX closing any descriptor
    of a file drops every ``fcntl`` lock the process holds on it, the project's exclusive lock
    among them. A file open here (the project, through SQLite) is read through that very
    descriptor, by offset, leaving its position alone; only a file nobody in this process has
    open gets a descriptor of its own. Where the open descriptors cannot be listed (no
    ``/proc``) only Windows, whose locks belong to the handle, opens one. A file larger than
    half the memory, which could not stay in the cache, is not read. ``cancel`` (an event)
    stops the reading between steps.
    """
    try:
        size = path.stat().st_size
        if size > _physical_memory() // 2:
            return 0
        held = _descriptor_of(path)
        if held is not None:
            return _read_through(held, size, cancel)
        if _OPEN_DESCRIPTORS.is_dir() or os.name == "nt":
            handle = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
            try:
                return _read_through(handle, size, cancel)
            finally:
                os.close(handle)
    except OSError:
        pass  # only a speed-up: the check that follows reads the file anyway
    return 0


def _physical_memory() -> int:
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):  # not POSIX: assume room for it
        return 1 << 62


def _descriptor_of(path: Path) -> int | None:
    """A descriptor this process has open on ``path`` (Linux's ``/proc/self/fd``), or None."""
    if not _OPEN_DESCRIPTORS.is_dir():
        return None
    wanted = path.stat()
    for entry in _OPEN_DESCRIPTORS.iterdir():
        try:
            found = os.fstat(int(entry.name))
        except (OSError, ValueError):
            continue  # closed since it was listed (the listing's own descriptor among them)
        if stat.S_ISREG(found.st_mode) and (found.st_dev, found.st_ino) == (
                wanted.st_dev, wanted.st_ino):
            return int(entry.name)
    return None


def _read_through(handle: int, size: int, cancel: threading.Event | None) -> int:
    """Read ``size`` bytes of ``handle`` by offset (its position unchanged): into /dev/null
    inside the kernel where ``sendfile`` can, else into memory."""
    done = 0
    sink = os.open(os.devnull, os.O_WRONLY) if hasattr(os, "sendfile") else -1
    try:
        while done < size and not (cancel is not None and cancel.is_set()):
            step = min(READ_AHEAD_STEP, size - done)
            if sink >= 0:
                read = os.sendfile(sink, handle, done, step)
            elif hasattr(os, "pread"):
                read = len(os.pread(handle, step, done))
            else:  # Windows, only ever our own handle: its position is ours to move
                read = len(os.read(handle, step))
            if read <= 0:
                break
            done += read
    finally:
        if sink >= 0:
            os.close(sink)
    return done
