"""Helpers for the reliability tests: table digests, child processes, permissions as root.

Long runs: ``ANNOTATOR_SOAK_ROUNDS`` (kill rounds, default 20) and
``ANNOTATOR_FUZZ_EXAMPLES`` (hypothesis examples per importer, default 100);
``make soak`` raises both.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

CHILD = Path(__file__).with_name("crash_child.py")
SOAK_ROUNDS = int(os.environ.get("ANNOTATOR_SOAK_ROUNDS", "20"))
FUZZ_EXAMPLES = int(os.environ.get("ANNOTATOR_FUZZ_EXAMPLES", "100"))

# Emoji outside the BMP, ZWNJ, Arabic letter variants and a line break, as the standard asks.
TEXTS = (
    "سفیر 😀 گفت: «ما می‌پردازیم» و كتاب‌ها را يافتيم.\nخبرنگار پرسید: چرا؟ 🇮🇷 پاسخی نبود.",
    "وزیر گفت که برنامه‌ها تغییر نمی‌کند؛ منتقدان گفتند 👍🏽 این ادعا درست نیست.",
)


def table_digest(source: Path | sqlite3.Connection) -> str:
    """A hash of every row of every table, independent of how the file's pages are laid out.

    Give a path (read through SQLite, so a write-ahead log left by a killed process is
    applied) or, for a project this process holds open, its connection.
    """
    conn = sqlite3.connect(source) if isinstance(source, Path) else source
    try:
        digest = hashlib.sha256()
        # A virtual table (the search index) cannot be scanned: its shadow tables hold its rows.
        tables = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table'"
            " AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name").fetchall()
        for table, sql in tables:
            digest.update(table.encode())
            # A WITHOUT ROWID table (one of the index's) is read in the order of its key.
            order = "" if "WITHOUT ROWID" in sql.upper() else " ORDER BY rowid"
            for row in conn.execute(f'SELECT * FROM "{table}"{order}'):
                digest.update(repr(row).encode())
    finally:
        if isinstance(source, Path):
            conn.close()
    return digest.hexdigest()


def child_command(mode: str, project: Path, seed: int, arg: str = "", limit: int = 0
                  ) -> list[str]:
    command = [sys.executable, str(CHILD), mode, str(project), str(seed), arg]
    return [*command, str(limit)] if limit else command


def read_lines(output: str) -> list[dict[str, object]]:
    """The child's JSON lines; a last line cut by the kill is not an acknowledgement."""
    lines = []
    for line in output.splitlines():
        try:
            lines.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return lines


def _drop_write_override() -> None:
    """In the child, before exec: remove root's power to write files it may not write."""
    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop, cap_dac_override = 24, 1
    if libc.prctl(pr_capbset_drop, cap_dac_override, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def run_without_root_writes(code: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run ``python -c code`` so that file permissions bind it, even when the tests run as root.

    As root, the child loses CAP_DAC_OVERRIDE (from its bounding set, so exec keeps it out);
    the test is skipped only when even that is impossible.
    """
    preexec: Callable[[], None] | None = None
    if os.geteuid() == 0:
        preexec = _drop_write_override
    try:
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=timeout, check=False, preexec_fn=preexec)
    except subprocess.SubprocessError as error:
        if preexec is not None and "prctl" in str(error):
            pytest.skip("running as root without CAP_SETPCAP: permissions cannot bind a child")
        raise
