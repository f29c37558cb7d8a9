"""Automatic backups of a project file, and restoring one of them.

Backups live in ``<project>.backups/`` beside the project (``interview.annot`` →
``interview.annot.backups/``), one self-contained SQLite file each, named
``<UTC time>.<reason>.annot`` so that names sort by age. Each is written with SQLite's backup
API under a temporary name, checked with ``PRAGMA integrity_check``, synced, then renamed:
a file with the final name is always a complete, verified backup. The copy is made in steps
of ``STEP_BYTES`` with a short pause between them, so that another thread using the same
connection (the window, when ``autobackup`` makes the copy) waits at most one step.
Reasons: ``open`` and ``timed`` are automatic; of them the newest ``KEEP_AUTOMATIC`` are kept
as long as together they take no more than ``KEEP_SIZE_FACTOR`` times the project's size (or
``KEEP_SIZE_FLOOR`` bytes when that is more), the newest one always. ``before-restore``,
``before-vN`` (before a migration) and ``damaged`` (a raw copy of a file that could not be
backed up properly) are never deleted by the program.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from annotator.domain.errors import DiskFullError, InputError, ProjectError, ProjectLockedError
from annotator.storage.rules import identify, identify_open
from annotator.storage.safety import (
    BACKUP_STAMP,
    backup_files,
    backup_folder,
    connect,
    disk_error,
    fsync_folder,
    integrity_problems,
    is_disk_full,
    read_ahead,
    remove_stale_temporaries,
)

KEEP_AUTOMATIC = 10
KEEP_SIZE_FACTOR = 3  # automatic backups take at most this many times the project's size ...
KEEP_SIZE_FLOOR = 256 * 1024 * 1024  # ... or this many bytes, whichever is more
STEP_BYTES = 256 * 1024  # copied per step of the backup API, holding the connection
STEP_PAUSE = 0.001  # seconds between steps, in which the connection's other users get in
_DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})
AUTOMATIC_REASONS = ("open", "timed")
_STAMP = BACKUP_STAMP
TEMPORARY_SUFFIX = ".part"  # ``.NAME.<pid>.part`` in the backup folder, while being written


class BackupFailed(Exception):
    """A backup could not be made or did not verify; ``str()`` says why in a few words;
    ``disk_full`` when there was no room for it."""

    def __init__(self, reason: str, *, disk_full: bool = False) -> None:
        super().__init__(reason)
        self.disk_full = disk_full


class BackupCancelled(BackupFailed):
    """The backup was stopped (the project is being closed) before it was complete."""

    def __init__(self) -> None:
        super().__init__("it was stopped because the project was closed")


@dataclass(frozen=True)
class BackupInfo:
    """One backup file as ``annotator restore`` lists it; counts are None when unreadable."""

    path: Path
    created: str  # UTC, "YYYY-MM-DD HH:MM:SS"
    reason: str
    size: int
    documents: int | None
    spans: int | None
    fingerprint: str


def fingerprint(conn: sqlite3.Connection) -> str:
    """What changes whenever the project changes: schema version, the newest audit entry and
    the newest row of each main table (each read from the end of its b-tree: cheap).

    Every user edit, import and merge writes an ``edits`` row, so an equal fingerprint means
    there is nothing new to back up; the row ids also catch writers that forget the audit.
    """
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    row = conn.execute("SELECT id, at FROM edits ORDER BY id DESC LIMIT 1").fetchone()
    newest = [conn.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0]
              for table in ("documents", "spans", "relations", "speakers")]
    last = f"{row[0]}:{row[1]}" if row else "0"
    return f"v{version}:{last}:" + ":".join(str(n or 0) for n in newest)


def has_edits(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM edits LIMIT 1").fetchone() is not None


def make_backup(conn: sqlite3.Connection, project_path: Path, reason: str, *,
                cancel: threading.Event | None = None) -> Path:
    """Copy the open project behind ``conn`` into its backup folder; returns the new file.

    Raises ``BackupFailed`` when the copy cannot be written or does not verify, and
    ``BackupCancelled`` as soon as ``cancel`` is set; nothing is left behind under a backup's
    name then. Writes made through ``conn`` while the copy is made are in it (SQLite brings the
    copy up to date), and a step never reads inside a write transaction.
    """
    folder = backup_folder(project_path)
    name = f"{datetime.now(UTC).strftime(_STAMP)}.{reason}.annot"
    final, temporary = folder / name, folder / f".{name}.{os.getpid()}{TEMPORARY_SUFFIX}"
    try:
        _make_folder(folder)
        remove_stale_temporaries(folder, f".*{TEMPORARY_SUFFIX}*")
        _copy_in_steps(conn, temporary, cancel)
        problem = verify(temporary, cancel=cancel)
        if cancel is not None and cancel.is_set():
            raise BackupCancelled
        if problem:
            raise BackupFailed(f"the copy does not verify: {problem}")
        _fsync_file(temporary)
        temporary.replace(final)
        fsync_folder(folder)
    except OSError as error:
        raise BackupFailed(error.strerror or str(error),
                           disk_full=error.errno in _DISK_FULL_ERRNOS) from error
    except sqlite3.Error as error:
        raise BackupFailed(str(error), disk_full=is_disk_full(error)) from error
    finally:
        for leftover in (temporary, Path(f"{temporary}-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
    if reason in AUTOMATIC_REASONS:
        _rotate(project_path)
    return final


def _copy_in_steps(conn: sqlite3.Connection, temporary: Path,
                   cancel: threading.Event | None) -> None:
    """SQLite's backup API: in one go when nothing else waits (no ``cancel``: the caller's own
    thread), else ``STEP_BYTES`` at a time with ``STEP_PAUSE`` after each step. The copy has no
    journal and is not synced here: it is a temporary file until it verifies, and is synced
    once then (a sync in the last step would hold ``conn`` until the whole file is on disk)."""
    page = int(conn.execute("PRAGMA page_size").fetchone()[0])

    def between_steps(_status: int, _remaining: int, _total: int) -> None:
        if cancel is not None and cancel.is_set():
            raise BackupCancelled
        time.sleep(STEP_PAUSE)

    destination = sqlite3.connect(temporary)
    try:
        destination.execute("PRAGMA journal_mode = OFF")
        destination.execute("PRAGMA synchronous = OFF")
        if cancel is None:
            conn.backup(destination)
        else:
            conn.backup(destination, pages=max(1, STEP_BYTES // page), progress=between_steps,
                        sleep=0.05)
    finally:
        destination.close()


def _make_folder(folder: Path) -> None:
    """Make the backup folder; a plain file in its place is named, not a cryptic error."""
    if folder.exists() and not folder.is_dir():
        raise BackupFailed(f"{folder} is a file where the backup folder should be; move it "
                           "away so that backups can be made")
    folder.mkdir(exist_ok=True)


def verify(path: Path, *, cancel: threading.Event | None = None) -> str:
    """An empty string when ``path`` is a sound Annotator project file, else what is wrong;
    setting ``cancel`` interrupts the check (its answer is then of no use)."""
    try:
        if identify(path).kind in ("empty", "foreign"):
            return "it is not an SQLite database"
        read_ahead(path, cancel=cancel)  # the check's random reads then find it in memory
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            if cancel is not None:
                conn.set_progress_handler(lambda: int(cancel.is_set()), 10_000)
            rows = integrity_problems(conn)
            if rows != ["ok"]:
                return f"SQLite integrity check: {rows[0]}"
            if not identify_open(conn).ours:
                return "it is not an Annotator project"
        finally:
            conn.close()
    except (OSError, sqlite3.Error) as error:
        return str(error)
    return ""


def newest_fingerprint(project_path: Path) -> str | None:
    """The fingerprint of the newest readable backup, or None when there is none."""
    for path in backup_files(project_path):
        mark = _contents(path)[2]
        if mark:
            return mark
    return None


def list_backups(project_path: str | Path) -> list[BackupInfo]:
    """Every backup of the project, newest first, with its counts when it can be read."""
    return [_describe(path) for path in backup_files(Path(project_path))]


def _describe(path: Path) -> BackupInfo:
    stamp, _, rest = path.name.partition(".")
    fraction, _, rest = rest.partition(".")
    reason = rest.removesuffix(".annot")
    try:
        created = datetime.strptime(f"{stamp}.{fraction}", _STAMP).strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        created = "unknown time"
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    documents, spans, mark = _contents(path)
    return BackupInfo(path, created, reason, size, documents, spans, mark)


def _contents(path: Path) -> tuple[int | None, int | None, str]:
    """The backup's document and span counts (None when unreadable) and its fingerprint ("" when
    unreadable). Opening a project needs only this, not the time parsed from the name, which
    would load and compile ``strptime``'s patterns at every start."""
    documents = spans = None
    mark = ""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            documents = int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
            spans = int(conn.execute(
                "SELECT count(*) FROM spans WHERE deleted = 0").fetchone()[0])
            mark = fingerprint(conn)
        finally:
            conn.close()
    except (sqlite3.Error, UnicodeDecodeError):  # the latter: SQLite quoting a damaged schema
        documents = spans = None
    return documents, spans, mark


def _rotate(project_path: Path) -> None:
    """Delete the automatic backups beyond the newest ``KEEP_AUTOMATIC``, and beyond those that
    fit in ``KEEP_SIZE_FACTOR`` times the project's size (at least ``KEEP_SIZE_FLOOR``); the
    newest is always kept."""
    automatic = [p for p in backup_files(project_path)
                 if any(p.name.endswith(f".{r}.annot") for r in AUTOMATIC_REASONS)]
    budget = max(KEEP_SIZE_FACTOR * _size(project_path), KEEP_SIZE_FLOOR)
    total = 0
    for number, path in enumerate(automatic):
        total += _size(path)
        if number >= KEEP_AUTOMATIC or (number > 0 and total > budget):
            path.unlink(missing_ok=True)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _fsync_file(path: Path) -> None:
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


@dataclass(frozen=True)
class RestoreReport:
    restored: Path
    from_backup: Path
    saved_current: Path | None  # where the replaced file was kept, if there was one


def find_backup(project_path: Path, choice: str) -> Path:
    """A backup named by its number in the listing (1 = newest), its file name, or a path."""
    files = backup_files(project_path)
    if choice.isdigit() and 1 <= int(choice) <= len(files):
        return files[int(choice) - 1]
    for candidate in (backup_folder(project_path) / choice, Path(choice)):
        if candidate.is_file():
            return candidate
    raise InputError(f"is not a backup of {project_path}; list them with: annotator restore "
                     f"{project_path}", path=choice)


def restore_backup(project_path: str | Path, choice: str) -> RestoreReport:
    """Replace the project with a backup, atomically; the current file is backed up first.

    Works when the project is damaged or missing. Refuses while another program has the
    project open, and refuses a backup that does not verify. A readable project is locked
    from its before-restore backup to the end, and the backup is copied into it in place (one
    SQLite transaction), so no other program can write in between or into a replaced file.
    """
    project_path = Path(project_path)
    backup = find_backup(project_path, choice)
    problem = verify(backup)
    if problem:
        raise ProjectError(f"cannot be restored: {problem}; choose another backup",
                           path=str(backup))
    # The checks a merge source passes (no triggers or views, nothing foreign, the schema as
    # Annotator writes it): a restored file is trusted as much as a merged one.
    from annotator.storage.merge.source import open_source  # loads sqlite-utils: restore only

    open_source(backup, purpose="restored").close()
    holder = _lock(project_path) if project_path.exists() else None
    try:
        if holder is not None:
            try:
                saved = make_backup(holder, project_path, "before-restore")
            except BackupFailed as failure:
                if failure.disk_full:
                    raise DiskFullError(_NO_ROOM, path=str(project_path)) from failure
                holder.close()  # damaged after all: keep its bytes and replace the file
                holder = None
        if holder is not None:
            _copy_into(backup, holder, project_path)
            return RestoreReport(project_path, backup, saved)
        saved_bytes = _keep_bytes(project_path) if project_path.exists() else None
        _replace_with(backup, project_path)
        return RestoreReport(project_path, backup, saved_bytes)
    finally:
        if holder is not None:
            holder.close()


_NO_ROOM = ("cannot be restored: the disk is full or the file may not grow any larger, so the "
            "project was left as it was")


def _lock(project_path: Path) -> sqlite3.Connection | None:
    """A connection holding the project's exclusive lock, or None when it cannot be read as a
    database (damaged or foreign); ``ProjectLockedError`` while another program has it."""
    conn = None
    try:
        conn = connect(project_path)
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("PRAGMA synchronous = FULL")
        # Refuses while another program has the project open; the lock is kept until close.
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("COMMIT")
        if not identify_open(conn).ours:
            conn.close()
            return None
        return conn
    except ProjectLockedError:
        if conn is not None:
            conn.close()
        raise
    except (ProjectError, sqlite3.Error):
        if conn is not None:
            conn.close()
        return None


def _copy_into(backup: Path, holder: sqlite3.Connection, project_path: Path) -> None:
    """Copy ``backup`` into the locked project in one transaction, in place. A backup whose
    page size differs cannot be copied into a WAL file: it replaces the file instead (still
    under the lock)."""
    source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        source.backup(holder)
        problem = [r[0] for r in holder.execute("PRAGMA quick_check")]
        if problem != ["ok"]:
            raise ProjectError(f"was restored but does not verify ({problem[0]}); restore "
                               "another backup", path=str(project_path))
    except sqlite3.Error as error:
        if is_disk_full(error):
            raise DiskFullError(_NO_ROOM, path=str(project_path)) from error
        source.close()
        _replace_with(backup, project_path)
    finally:
        source.close()


def _replace_with(backup: Path, project_path: Path) -> None:
    """Write ``backup`` beside a damaged or missing project and rename it into place."""
    temporary = project_path.with_name(f".{project_path.name}.restoring")
    try:
        source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        destination = sqlite3.connect(temporary)
        try:
            source.backup(destination)
        finally:
            destination.close()
            source.close()
        problem = verify(temporary)
        if problem:
            raise ProjectError(f"was not restored: the copy did not verify ({problem})",
                               path=str(project_path))
        _fsync_file(temporary)
        # A write-ahead log left by the replaced file would be replayed into the restored one.
        for side in ("-wal", "-shm"):
            Path(f"{project_path}{side}").unlink(missing_ok=True)
        temporary.replace(project_path)
        fsync_folder(project_path.parent)
    except OSError as error:
        raise disk_error(error, project_path, "restore") from error
    except sqlite3.Error as error:
        if is_disk_full(error):
            raise DiskFullError(_NO_ROOM, path=str(project_path)) from error
        raise ProjectError(f"was not restored ({error})", path=str(project_path)) from error
    finally:
        temporary.unlink(missing_ok=True)


def _keep_bytes(project_path: Path) -> Path:
    """Keep a damaged project byte for byte as a ``damaged`` backup: written under a temporary
    name and renamed, so a full disk leaves no truncated copy listed as a backup."""
    folder = backup_folder(project_path)
    kept = folder / f"{datetime.now(UTC).strftime(_STAMP)}.damaged.annot"
    temporary = folder / f".{kept.name}{TEMPORARY_SUFFIX}"
    wal = Path(f"{project_path}-wal")
    try:
        _make_folder(folder)
    except BackupFailed as failure:
        raise ProjectError(f"cannot be restored: {failure}", path=str(project_path)) from None
    try:
        shutil.copyfile(project_path, temporary)
        if wal.exists():
            shutil.copyfile(wal, f"{kept}-wal")
        _fsync_file(temporary)
        temporary.replace(kept)
    except OSError as error:
        Path(f"{kept}-wal").unlink(missing_ok=True)
        raise disk_error(error, project_path, "restore") from error
    finally:
        temporary.unlink(missing_ok=True)
    return kept
