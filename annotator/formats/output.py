"""Export targets written beside themselves under temporary names and renamed when complete.

A failed export leaves every target as it was and no temporary file behind. The renames happen
in the order the targets were opened, so a dataset card opened last appears last. Every target
passes ``check_output`` (no project, backup or special file is ever replaced) when it is opened
and again just before its rename; ``-o -`` (``STDOUT``) writes one file to standard output.
"""

from __future__ import annotations

import contextlib
import glob
import io
import os
import secrets
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from annotator.domain.errors import InputError
from annotator.storage.safety import STDOUT, check_output, disk_error, remove_stale_temporaries

__all__ = ["STDOUT", "Outputs", "atomic_outputs", "check_output", "write_synced"]
TEMPORARY_SUFFIX = ".part"  # ``.NAME.<random>.part``: what a killed export leaves behind


class Outputs:
    """The files and folders of one export, pending until ``commit``."""

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []  # (temporary, target)
        self._streams: list[IO[str]] = []
        self._stdout: list[io.TextIOWrapper] = []

    def file(self, target: Path) -> IO[str]:
        """A UTF-8 text stream (no newline translation) that will become ``target``;
        ``Path(STDOUT)`` gives standard output, written as it goes."""
        if str(target) == STDOUT:
            stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
            self._stdout.append(stream)
            return stream
        check_output(target)
        folder = _existing_folder(target)
        if target.is_dir():
            raise InputError("is a folder; give a file name", path=str(target))
        remove_stale_temporaries(folder, f".{glob.escape(target.name)}.*{TEMPORARY_SUFFIX}")
        temporary = folder / _temporary_name(target)
        # Mode 0o666 less the umask, like any file the user writes (mkstemp would make it 0600).
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        self._pending.append((temporary, target))
        stream = os.fdopen(handle, "w", encoding="utf-8", newline="")
        self._streams.append(stream)
        return stream

    def folder(self, target: Path) -> Path:
        """An empty folder that will become ``target``, which must be missing or empty."""
        check_output(target)
        parent = _existing_folder(target)
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            raise InputError("already exists and is not an empty folder; give a new folder name",
                             path=str(target))
        remove_stale_temporaries(parent, f".{glob.escape(target.name)}.*{TEMPORARY_SUFFIX}")
        temporary = parent / _temporary_name(target)
        temporary.mkdir()
        self._pending.append((temporary, target))
        return temporary

    def commit(self) -> None:
        for stream in self._streams:
            stream.flush()
            os.fsync(stream.fileno())
            stream.close()
        for wrapper in self._stdout:
            wrapper.flush()
            wrapper.detach()  # standard output stays open for the command's own messages
        for _, target in self._pending:
            check_output(target)  # what became of each name while the export ran
        for temporary, target in self._pending:
            if temporary.is_dir() and target.is_dir():
                target.rmdir()  # empty, checked when it was opened
            temporary.replace(target)

    def discard(self) -> None:
        for wrapper in self._stdout:
            with contextlib.suppress(OSError, ValueError):
                wrapper.flush()
                wrapper.detach()
        for stream in self._streams:
            with contextlib.suppress(OSError):  # closing flushes, which fails on a full disk
                stream.close()
        for temporary, _ in self._pending:
            if temporary.is_dir():
                shutil.rmtree(temporary, ignore_errors=True)
            else:
                temporary.unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_outputs(target: Path) -> Iterator[Outputs]:
    """Open targets through the yielded ``Outputs``; all are renamed into place on success.

    A failed write (a full disk, a file size limit) becomes one sentence naming ``target``.
    """
    outputs = Outputs()
    try:
        yield outputs
        outputs.commit()
    except OSError as error:
        outputs.discard()
        raise disk_error(error, target, "export") from error
    except BaseException:
        outputs.discard()
        raise


def write_synced(path: Path, text: str) -> None:
    """Write a small UTF-8 file inside a pending folder and sync it to disk."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())


def _temporary_name(target: Path) -> str:
    # The process id last: a later export removes what a killed one left (see safety).
    return f".{target.name}.{secrets.token_hex(8)}x.{os.getpid()}{TEMPORARY_SUFFIX}"


def _existing_folder(target: Path) -> Path:
    folder = target.parent if str(target.parent) else Path()
    if not folder.is_dir():
        raise InputError("the folder for the export does not exist", path=str(target))
    return folder
