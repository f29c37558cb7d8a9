"""Helpers for the tests of issue 16's breaks (test_attack_*.py)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from reliability_support import table_digest

from annotator.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``annotator --analyst tester ARGS``: exit status, stdout, stderr."""
    capsys.readouterr()
    status = main(["--analyst", "tester", *args])
    out, err = capsys.readouterr()
    return status, out, err


def refused_import(project: Path, bad: Path, capsys: pytest.CaptureFixture[str], message: str,
                   line: int | None, *extra: str) -> None:
    """Importing ``bad`` exits 1 with one sentence "annotator: PATH[:LINE]: MESSAGE…", no
    traceback, and leaves the project's bytes and tables as they were."""
    before_bytes = hashlib.sha256(project.read_bytes()).hexdigest()
    before_tables = table_digest(project)
    status, _, err = run(capsys, "import", str(project), str(bad), *extra)
    where = f"{bad}:{line}" if line else f"{bad}"
    assert status == 1, err
    assert err.startswith(f"annotator: {where}: {message}"), err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert table_digest(project) == before_tables
    assert hashlib.sha256(project.read_bytes()).hexdigest() == before_bytes
