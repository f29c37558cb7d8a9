"""Automatic backups of an open project: on opening, and every ``backup_interval`` seconds of
editing; in the window on a worker thread, so that the window never waits for one.

The project's file is held with SQLite's exclusive lock, so no second connection can read it:
the worker copies through the project's own connection (opened with ``check_same_thread``
off). SQLite serialises the two threads on that connection; ``backups.make_backup`` copies in
small steps with a pause between them, so the window's reads and writes wait at most one step,
and a step is refused while the window is inside a write transaction. Checking the copy uses
the worker's own connection to the copy, not the project's.

``stop()`` (called when the project closes) sets the cancel flag and waits for the worker,
which then deletes its temporary file: closing leaves no partial file, and a process killed
mid-copy leaves only a temporary name that the next backup (or the next opening) removes.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from annotator.domain.errors import ProjectError
from annotator.storage import backups
from annotator.storage.backups import TEMPORARY_SUFFIX, BackupFailed, make_backup
from annotator.storage.safety import (
    backup_folder,
    damaged_error,
    read_ahead,
    remove_stale_temporaries,
)

BACKUP_INTERVAL_SECONDS = 10 * 60  # how often maybe_backup() backs up a changing project


class BackupThread:
    """A backup of the project behind ``conn`` to ``reason``, running from construction on."""

    def __init__(self, conn: sqlite3.Connection, project_path: Path, reason: str) -> None:
        self.reason = reason
        self.made: Path | None = None
        self.failure: BackupFailed | None = None
        self._conn = conn
        self._path = project_path
        self._cancel = threading.Event()
        # A daemon: a program that exits without closing its project is not kept alive by it.
        self._thread = threading.Thread(target=self._run, name=f"annotator backup ({reason})",
                                        daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self.made = make_backup(self._conn, self._path, self.reason, cancel=self._cancel)
        except BackupFailed as failure:
            self.failure = failure
        except Exception as error:  # reported to the window, never lost
            self.failure = BackupFailed(f"{type(error).__name__}: {error}")

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the backup to end; whether it has."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def stop(self) -> None:
        """Stop the backup (it is not made) and wait until its temporary file is gone."""
        self._cancel.set()
        self._thread.join()


class AutomaticBackups:
    """The automatic backups of ``Project`` (a mixin: it uses the project's ``conn``, ``path``
    and ``read_only``). With ``background_backups`` set (the window sets it), ``open`` and
    ``timed`` backups run on a ``BackupThread``; ``finish_backup`` collects one that ended."""

    path: Path
    conn: sqlite3.Connection
    read_only: bool

    def _init_backups(self, *, background: bool) -> None:
        self.backup_interval: float = BACKUP_INTERVAL_SECONDS
        self.backup_problem = ""  # why the last automatic backup failed, for the window
        self.background_backups = background
        self._last_backup_check = time.monotonic()
        self._backed_up = ""  # fingerprint of the project when last backed up
        self._running: BackupThread | None = None
        self._running_mark = ""

    def maybe_backup(self) -> Path | None:
        """Back up when ``backup_interval`` seconds passed since the last backup and the
        project changed since; returns the new backup, else None. In the background, the
        backup is started and this returns one that ended since the last call, if any.

        Cheap enough to call after every edit: it reads the clock and nothing else until
        a backup is due. A backup that fails is reported in ``backup_problem``, not raised.
        """
        made = self.finish_backup()
        if (self.read_only or self._running is not None
                or time.monotonic() - self._last_backup_check < self.backup_interval):
            return made
        self._last_backup_check = time.monotonic()
        if self._fingerprint() == self._backed_up:
            return made
        return self._backup("timed", required=False) or made

    @property
    def backup_running(self) -> bool:
        """Whether a backup is being made in the background (``finish_backup`` not yet called
        for it)."""
        return self._running is not None

    def finish_backup(self, *, wait: bool = False) -> Path | None:
        """Collect the background backup when it has ended (``wait``: wait for it): the backup
        made, or None (then ``backup_problem`` says why, when it failed)."""
        running = self._running
        if running is None or not running.wait(None if wait else 0):
            return None
        self._running = None
        if running.failure is not None:
            self.backup_problem = (f"the backup in {backup_folder(self.path)} failed: "
                                   f"{running.failure}")
            return None
        self._backed_up = self._running_mark
        self.backup_problem = ""
        return running.made

    def _stop_backup(self) -> None:
        """Stop a background backup (on closing): it leaves nothing behind."""
        if self._running is not None:
            self._running.stop()
            self._running = None

    def _fingerprint(self) -> str:
        return backups.fingerprint(self.conn)

    def _backup_on_open(self) -> None:
        """Back up a project that changed since its newest backup; either way make sure it is
        sound, as the verified backup or a quick check of the file shows. In the background
        the file is checked first and the backup then started."""
        self._last_backup_check = time.monotonic()
        folder = backup_folder(self.path)
        if folder.is_dir():  # what a killed backup left
            remove_stale_temporaries(folder, f".*{TEMPORARY_SUFFIX}*")
        if backups.has_edits(self.conn):  # a new, empty project has nothing to lose
            current = self._fingerprint()
            if current == backups.newest_fingerprint(self.path):
                self._backed_up = current
            elif self.background_backups:
                self._raise_if_damaged()
                self._backup("open", required=False)
                return
            elif self._backup("open", required=False) is not None or self.backup_problem:
                return  # the copy verified, or the file was checked when it failed
        self._raise_if_damaged()

    def _raise_if_damaged(self) -> None:
        read_ahead(self.path)  # through SQLite's own descriptor: the lock stays
        problem = [r[0] for r in self.conn.execute("PRAGMA quick_check")]
        if problem != ["ok"]:
            raise damaged_error(self.path, f"SQLite integrity check: {problem[0]}")

    def _backup(self, reason: str, *, required: bool) -> Path | None:
        """Make a verified backup, or start it in the background when it is automatic and
        ``background_backups`` is set. A damaged project raises ``DamagedProjectError``; any
        other failure raises when ``required``, else is kept in ``backup_problem``."""
        mark = self._fingerprint()
        if self.background_backups and not required:
            self._running_mark = mark
            self._running = BackupThread(self.conn, self.path, reason)
            return None
        try:
            made = backups.make_backup(self.conn, self.path, reason)
        except backups.BackupFailed as failure:
            self._raise_if_damaged()
            self.backup_problem = f"the backup in {backup_folder(self.path)} failed: {failure}"
            if required:
                raise ProjectError(f"was not changed: {self.backup_problem}",
                                   path=str(self.path)) from failure
            return None
        self._backed_up = mark
        self.backup_problem = ""
        return made
