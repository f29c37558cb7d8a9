"""How large an input may be: a bound on the memory and time one import can take.

A file over ``MAX_INPUT_BYTES`` is refused before it is read; a document whose text is over
``MAX_DOCUMENT_CHARS`` code points is refused before it is normalized (a whole book is about
a million; a larger "document" is nearly always a CSV whose unclosed quote swallowed the rest
of the file). Both are refused with one sentence naming the file, and the line when known.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from annotator.domain.errors import InputError
from annotator.storage.rules import MAX_DOCUMENT_CHARS

__all__ = ["MAX_DOCUMENT_CHARS", "MAX_INPUT_BYTES", "check_document_length", "check_input_size",
           "read_limited"]

MAX_INPUT_BYTES = 100 * 2**20
_GROWTH_CHUNK = 2**20  # bytes read a call past the size a file reported, as it grows


def check_input_size(path: Path, status: os.stat_result | None = None) -> None:
    """Refuse a file over ``MAX_INPUT_BYTES`` without reading it, and anything that is not a
    regular file (a device such as ``/dev/zero`` says it is empty and never ends; a pipe
    would wait for a writer forever). ``status``: the file's ``stat()``, when the caller has
    just taken it."""
    try:
        status = status or path.stat()
    except OSError:
        return  # the reader names what is wrong with a file it cannot open
    if stat.S_ISDIR(status.st_mode):
        return  # a folder is expanded, or refused, by the caller
    if not stat.S_ISREG(status.st_mode):
        raise InputError("is not a regular file (a device, pipe or socket); import from a "
                         "file", path=str(path))
    if status.st_size > MAX_INPUT_BYTES:
        _too_large(path, status.st_size)


def read_limited(path: Path) -> bytes:
    """The bytes of the regular file ``path``, read no further than ``MAX_INPUT_BYTES``: the
    size the file system reports is not trusted (it may grow while it is read)."""
    check_input_size(path)
    with path.open("rb") as stream:
        # Ask for the size the file says plus one byte: a read of n bytes allocates n at once,
        # so asking for the limit would take 100 MiB for every file, however small.
        expected = min(os.fstat(stream.fileno()).st_size, MAX_INPUT_BYTES) + 1
        chunks = [stream.read(expected)]
        read = len(chunks[0])
        if read == expected:  # more than it said (it grew, or is in /proc): on, a chunk a time
            while read <= MAX_INPUT_BYTES and (chunk := stream.read(_GROWTH_CHUNK)):
                chunks.append(chunk)
                read += len(chunk)
    if read > MAX_INPUT_BYTES:
        _too_large(path, read)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _too_large(path: Path, size: int) -> None:
    raise InputError(
        f"is {size / 2**20:,.0f} MiB, over the {MAX_INPUT_BYTES // 2**20} MiB an import may "
        "read at once; split it into smaller files", path=str(path))


def check_document_length(length: int, path: str, line: int | None) -> None:
    """Refuse a document text longer than ``MAX_DOCUMENT_CHARS`` code points."""
    if length > MAX_DOCUMENT_CHARS:
        raise InputError(
            f"holds a text of {length:,} characters, over the {MAX_DOCUMENT_CHARS:,} one "
            "document may have (an unclosed quote in a CSV file can do this); split it",
            path=path, line=line)
