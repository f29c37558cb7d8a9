"""A child process that edits a project through a SQLite VFS shim that models a power cut.

Usage: python powercut_child.py PROJECT WORKDIR EDITS SEED [unsynced]

The shim (registered, with ctypes, as the default VFS of the very libsqlite3 that Python's
``sqlite3`` uses) forwards every call to SQLite's own ``unix`` VFS, except ``xSync`` and
``xDelete``: after an ``xSync`` of a project file succeeds, that file's bytes are copied to
``WORKDIR/durable/``; ``xDelete`` removes the copy. ``durable/`` is therefore what a disk that
keeps nothing unsynced would hold. A power cut between two syncs leaves exactly the durable
state after the first, so the shim saves a snapshot of ``durable/`` after every sync and delete
(and after each acknowledged edit): together, the snapshots are every state a power cut can
leave. Each snapshot is named ``<sequence>-<edits acknowledged so far>``.

Each edit is printed as a JSON line once its call returned (the acknowledgement). With
``unsynced``, the project is opened with ``synchronous = OFF``, as a control: then edits are
acknowledged before they are durable, and the checker must find them missing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import random
import shutil
import sqlite3
import sys
from pathlib import Path
from typing import Any

_c = ctypes
METHOD_NAMES = ("xClose", "xRead", "xWrite", "xTruncate", "xSync", "xFileSize", "xLock",
                "xUnlock", "xCheckReservedLock", "xFileControl", "xSectorSize",
                "xDeviceCharacteristics", "xShmMap", "xShmLock", "xShmBarrier", "xShmUnmap",
                "xFetch", "xUnfetch")
VFS_NAMES = ("xOpen", "xDelete", "xAccess", "xFullPathname", "xDlOpen", "xDlError", "xDlSym",
             "xDlClose", "xRandomness", "xSleep", "xCurrentTime", "xGetLastError",
             "xCurrentTimeInt64", "xSetSystemCall", "xGetSystemCall", "xNextSystemCall")


class IoMethods(_c.Structure):
    _fields_ = (("iVersion", _c.c_int), *((name, _c.c_void_p) for name in METHOD_NAMES))


class File(_c.Structure):
    _fields_ = (("pMethods", _c.c_void_p),)


class Vfs(_c.Structure):
    _fields_ = (("iVersion", _c.c_int), ("szOsFile", _c.c_int), ("mxPathname", _c.c_int),
                ("pNext", _c.c_void_p), ("zName", _c.c_char_p), ("pAppData", _c.c_void_p),
                *((name, _c.c_void_p) for name in VFS_NAMES))


OPEN = _c.CFUNCTYPE(_c.c_int, _c.c_void_p, _c.c_void_p, _c.c_void_p, _c.c_int,
                    _c.POINTER(_c.c_int))
DELETE = _c.CFUNCTYPE(_c.c_int, _c.c_void_p, _c.c_void_p, _c.c_int)
SYNC = _c.CFUNCTYPE(_c.c_int, _c.c_void_p, _c.c_int)


class PowerCutVfs:
    """The shim; ``track`` names the folder and file-name prefix of the project's files."""

    def __init__(self, project: Path, work: Path) -> None:
        self.project = project
        self.durable = work / "durable"
        self.snapshots = work / "snapshots"
        self.durable.mkdir(parents=True)
        self.snapshots.mkdir()
        self.sequence = 0
        self.acknowledged = 0
        self.paths: dict[int, str] = {}  # sqlite3_file address -> its path
        self.tables: dict[int, IoMethods] = {}  # SQLite's methods table -> our copy
        self.original_sync: dict[int, Any] = {}  # our copy's address -> SQLite's xSync
        for path in project.parent.iterdir():  # what is on the disk before we start
            if self._tracked(str(path)) and path.is_file():
                shutil.copyfile(path, self.durable / path.name)
        lib = _c.CDLL(ctypes.util.find_library("sqlite3"))
        lib.sqlite3_libversion.restype = _c.c_char_p
        if lib.sqlite3_libversion().decode() != sqlite3.sqlite_version:
            raise RuntimeError("Python's sqlite3 does not use the system libsqlite3")
        lib.sqlite3_vfs_find.restype = _c.POINTER(Vfs)
        unix = lib.sqlite3_vfs_find(None)
        self.unix = unix
        self.unix_open = OPEN(unix.contents.xOpen)
        self.unix_delete = DELETE(unix.contents.xDelete)
        self.vfs = Vfs()
        _c.memmove(_c.addressof(self.vfs), unix, _c.sizeof(Vfs))
        self.vfs.zName = b"powercut"
        self.vfs.pNext = None
        self._open, self._delete, self._sync = OPEN(self.open), DELETE(self.delete), \
            SYNC(self.sync)
        self.vfs.xOpen = _c.cast(self._open, _c.c_void_p)
        self.vfs.xDelete = _c.cast(self._delete, _c.c_void_p)
        if lib.sqlite3_vfs_register(_c.byref(self.vfs), 1) != 0:
            raise RuntimeError("sqlite3_vfs_register failed")

    def _tracked(self, path: str) -> bool:
        candidate = Path(path)
        # The project file and its -wal and -journal; not its backups, nor other files.
        return candidate.parent == self.project.parent and \
            candidate.name.startswith(self.project.name) and \
            not candidate.name.endswith(".backups")

    def open(self, vfs: int, name: int | None, file: int, flags: int, out: Any) -> int:
        result = self.unix_open(_c.cast(self.unix, _c.c_void_p), name, file, flags, out)
        methods = File.from_address(file).pMethods
        if result != 0 or not name or not methods:
            return int(result)
        path = _c.string_at(name).decode()
        if not self._tracked(path):
            return int(result)
        table = self.tables.get(methods)
        if table is None:
            table = IoMethods.from_buffer_copy(IoMethods.from_address(methods))
            self.original_sync[_c.addressof(table)] = SYNC(table.xSync)
            table.xSync = _c.cast(self._sync, _c.c_void_p)
            self.tables[methods] = table
        File.from_address(file).pMethods = _c.addressof(table)
        self.paths[file] = path
        return int(result)

    def sync(self, file: int, flags: int) -> int:
        result = self.original_sync[File.from_address(file).pMethods](file, flags)
        if result == 0:
            path = Path(self.paths[file])
            shutil.copyfile(path, self.durable / path.name)
            self.snapshot()
        return int(result)

    def delete(self, vfs: int, name: int, sync_folder: int) -> int:
        result = self.unix_delete(_c.cast(self.unix, _c.c_void_p), name, sync_folder)
        path = _c.string_at(name).decode()
        if result == 0 and self._tracked(path):
            (self.durable / Path(path).name).unlink(missing_ok=True)
            self.snapshot()
        return int(result)

    def snapshot(self) -> None:
        self.sequence += 1
        shutil.copytree(self.durable,
                        self.snapshots / f"{self.sequence:05d}-{self.acknowledged:04d}")


def _edits(project: Any, count: int, seed: int, shim: PowerCutVfs) -> None:
    rng = random.Random(seed)
    doc = next(project.documents())
    length = len(doc.canonical_text)
    live: list[str] = []
    for _ in range(count):
        roll = rng.random()
        if not live or roll < 0.45:
            start = rng.randrange(0, length - 6)
            span = project.add_span(doc.id, start, start + rng.randrange(1, 6), "Claim",
                                    {"type": "factual"})
            live.append(span.id)
        elif roll < 0.75:
            span = project.span(rng.choice(live))
            start = rng.randrange(0, length - 6)
            span = project.update_span(span.id, start=start, end=start + 3)
        elif roll < 0.9:
            span_id = live.pop(rng.randrange(len(live)))
            project.delete_span(span_id)
            span = project.span(span_id)
        else:
            span = project.add_span(doc.id, 0, 4, "Speaker", {})
            live.append(span.id)
        shim.acknowledged += 1
        print(json.dumps({"ack": shim.acknowledged, "id": span.id, "start": span.start,
                          "end": span.end, "revision": span.revision,
                          "deleted": span.deleted}), flush=True)
        shim.snapshot()


def main() -> int:
    project_path, work, count = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    seed = int(sys.argv[4])
    unsynced = len(sys.argv) > 5 and sys.argv[5] == "unsynced"
    shim = PowerCutVfs(project_path, work)
    from annotator.storage import project as project_module

    if unsynced:
        real = project_module._set_pragmas

        def lax(conn: sqlite3.Connection, *, wal: bool) -> None:
            real(conn, wal=wal)
            conn.execute("PRAGMA synchronous = OFF")

        project_module._set_pragmas = lax  # type: ignore[assignment]
    with project_module.Project.open(project_path, analyst="powercut") as project:
        _edits(project, count, seed, shim)
    return 0


if __name__ == "__main__":
    sys.exit(main())
