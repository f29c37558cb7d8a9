"""The integrity checks of a backup and of ``annotator check`` run with a large page cache:
with SQLite's default 2 MB, checking a 1.8 GB project took 11.1 s of CPU against 1.1 s at
180 MB (exponent 1.24, issue 18); with 64 MiB 4.1 s against 0.4 s."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.domain.model import Document
from annotator.storage import backups, safety
from annotator.storage.checks import check_project
from annotator.storage.project import Project


def _statements(conn: object) -> list[str]:
    seen: list[str] = []
    conn.set_trace_callback(seen.append)  # type: ignore[attr-defined]
    return seen


def test_the_integrity_check_runs_with_a_large_cache_and_keeps_the_connections_own(
        tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "plain.db")
    conn.execute("PRAGMA cache_size = -500")
    seen = _statements(conn)
    assert safety.integrity_problems(conn) == ["ok"]
    check = seen.index("PRAGMA integrity_check")
    assert f"PRAGMA cache_size = -{safety.INTEGRITY_CACHE_KIB}" in seen[:check]
    assert conn.execute("PRAGMA cache_size").fetchone() == (-500,)
    assert safety.INTEGRITY_CACHE_KIB >= 64 * 1024


def test_check_and_a_backups_verification_use_it(project: Project,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    text = "كتاب 😀\u200cها\r\n"
    project.add_document(Document("", "t", "s", text, text, ((len(text), len(text)),)))
    seen = _statements(project.conn)
    assert check_project(project) == []
    project.conn.set_trace_callback(None)
    check = seen.index("PRAGMA integrity_check")
    assert f"PRAGMA cache_size = -{safety.INTEGRITY_CACHE_KIB}" in seen[:check]
    verified: list[object] = []
    real = backups.integrity_problems
    monkeypatch.setattr(backups, "integrity_problems",
                        lambda conn: verified.append(conn) or real(conn))
    made = backups.make_backup(project.conn, project.path, "manual")
    assert made.exists() and len(verified) == 1
