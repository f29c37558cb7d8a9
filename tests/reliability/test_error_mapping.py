"""SQLite's result codes become our errors, each one sentence naming the file."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest

from annotator.domain.errors import (
    DamagedProjectError,
    DiskFullError,
    ProjectError,
    ProjectLockedError,
    ReadOnlyProjectError,
)
from annotator.storage.safety import disk_error, translate

PATH = Path("/data/مصاحبه.annot")


def _error(code: int, message: str = "sqlite says no") -> sqlite3.Error:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code
    return error


@pytest.mark.parametrize(("code", "kind", "words"), [
    (11, DamagedProjectError, "is damaged (sqlite says no); there is no backup of it"),
    (26, DamagedProjectError, "is damaged"),
    (13, DiskFullError, "the disk is full or the file may not grow any larger"),
    (778, DiskFullError, "the disk is full"),  # SQLITE_IOERR_WRITE: EFBIG lands here
    (266, ProjectError, "cannot be read from the disk"),  # SQLITE_IOERR_READ
    (5, ProjectLockedError, "is open in another Annotator window or command"),
    (261, ProjectLockedError, "is open in another"),  # SQLITE_BUSY_RECOVERY
    (8, ReadOnlyProjectError, "cannot be written"),
    (14, ProjectError, "cannot be opened"),
])
def test_result_codes_become_one_sentence_naming_the_file(code: int, kind: type,
                                                          words: str) -> None:
    translated = translate(_error(code), PATH)
    assert type(translated) is kind
    assert str(translated).startswith(f"{PATH}: ") and words in str(translated)
    assert "\n" not in str(translated)


def test_our_own_mistakes_and_constraints_pass_through() -> None:
    assert translate(_error(1, "near \"SELEC\": syntax error"), PATH) is None  # SQLITE_ERROR
    assert translate(_error(19, "UNIQUE constraint failed"), PATH) is None


def test_a_table_or_column_that_is_missing_means_a_damaged_schema() -> None:
    # Found by flipping bits in a file: a damaged schema lost the spans' author column, and an
    # export read the file read-only (no integrity check) until the query failed.
    for message in ("no such table: spans", "no such column: author"):
        translated = translate(_error(1, message), PATH)
        assert translated is not None and "damaged" in str(translated)
    assert translate(sqlite3.Error("no code"), PATH) is None


def test_a_damaged_schema_message_is_cut_to_one_line() -> None:
    translated = translate(_error(11, "malformed database schema (x) - near\n  CREATE TABLE"
                                  + " x" * 200), PATH)
    assert translated is not None and "\n" not in str(translated)
    assert len(str(translated)) < 250


@pytest.mark.parametrize("number", [errno.ENOSPC, errno.EFBIG, errno.EDQUOT])
def test_os_write_failures_say_the_disk_is_full(number: int) -> None:
    error = disk_error(OSError(number, "no room"), PATH, "export")
    assert isinstance(error, DiskFullError)
    assert str(error) == (f"{PATH}: cannot be written: the disk is full or the file may not "
                          "grow any larger, so no export was made")
