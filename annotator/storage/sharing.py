"""Share a project: one self-contained, verified copy to hand to another analyst.

The copy is made with SQLite's ``VACUUM INTO`` (a consistent snapshot read through the WAL,
never a raw copy of a file in WAL mode), in rollback-journal mode so that it is one file,
checked by opening it, then renamed into place.
"""

from __future__ import annotations

import contextlib
import glob
import os
import sqlite3
from pathlib import Path

from annotator.domain.errors import DiskFullError, ProjectError
from annotator.storage.project import Project
from annotator.storage.rules import identify, identify_open
from annotator.storage.safety import (
    check_output,
    disk_error,
    is_disk_full,
    remove_stale_temporaries,
)


def share_project(project: Project, out: str | Path) -> Path:
    """Write a self-contained copy of ``project`` to ``out`` and return its path.

    The copy is written under a temporary name beside ``out``, verified (integrity check,
    application id, not in WAL mode) and renamed over ``out``; on any failure ``out`` is left
    as it was. Refuses to write over the project itself or any other Annotator project.
    """
    out = Path(out)
    if _same_file(out, project.path):
        raise ProjectError("is the open project itself; choose another name for the copy",
                           path=str(out))
    if out.is_dir():
        raise ProjectError("is a folder; give a file name for the copy", path=str(out))
    if out.is_file() and _is_project(out):
        raise ProjectError("is an Annotator project, which may hold someone's work; remove it "
                           "first or choose another name for the copy", path=str(out))
    if not out.parent.is_dir():
        raise ProjectError("the folder for the copy does not exist", path=str(out))
    check_output(out, project_name_ok=True)
    remove_stale_temporaries(out.parent, f".{glob.escape(out.name)}.*{SHARING_SUFFIX}*")
    temporary = out.with_name(f".{out.name}.{os.getpid()}{SHARING_SUFFIX}")
    _remove_with_side_files(temporary)
    try:
        try:
            project.conn.execute("VACUUM INTO ?", (str(temporary),))
        except (sqlite3.Error, DiskFullError) as error:
            if isinstance(error, DiskFullError) or is_disk_full(error):
                raise DiskFullError(DISK_FULL_COPY, path=str(out)) from error
            raise ProjectError(f"cannot write the copy: {error}", path=str(out)) from error
        verify_copy(temporary, shown_as=out)
        _fsync(temporary)
        check_output(out, project_name_ok=True)  # what became of the name meanwhile
        temporary.replace(out)
        _fsync_folder(out.parent)
    except OSError as error:
        raise disk_error(error, out, "copy") from error
    finally:
        _remove_with_side_files(temporary)
    return out


SHARING_SUFFIX = ".sharing"  # ``.OUT.<pid>.sharing``: what a killed share leaves behind
DISK_FULL_COPY = ("cannot be written: the disk is full or the file may not grow any larger, "
                  "so no copy was made and the project was not changed")


def _remove_with_side_files(path: Path) -> None:
    for leftover in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)


def verify_copy(path: Path, *, shown_as: Path | None = None) -> None:
    """Raise ``ProjectError`` unless ``path`` is a sound, single-file Annotator project."""
    name = str(shown_as or path)
    with path.open("rb") as handle:
        header = handle.read(100)
    if identify(path).kind in ("empty", "foreign"):
        raise ProjectError("the copy is not a SQLite file", path=name)
    if header[18:20] != b"\x01\x01":
        # VACUUM INTO writes rollback-journal files; make sure, as a WAL copy is not one file.
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
        finally:
            conn.close()
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
        if problems:
            raise ProjectError(f"the copy failed SQLite's integrity check: {problems[0]}",
                               path=name)
        identity = identify_open(conn)
        if not identity.ours:
            raise ProjectError("the copy lacks Annotator's application id", path=name)
        if identity.wal:
            raise ProjectError("the copy is still in WAL mode", path=name)
    except sqlite3.Error as error:
        raise ProjectError(f"the copy cannot be read back: {error}", path=name) from error
    finally:
        conn.close()


def _is_project(path: Path) -> bool:
    return identify(path).ours


def _same_file(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return a.exists() and a.samefile(b)
    except OSError:
        return False


def _fsync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    # Makes the rename durable; not every platform lets a folder be opened.
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
