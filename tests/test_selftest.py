"""``annotator --self-test`` from source: every check holds, and a broken step fails it."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator import selftest


def test_the_self_test_passes_from_source(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "annotator", "--self-test"], env=env,
                            capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    names = [name for name, _ in selftest.CHECKS]
    assert len(lines) == len(names) + 1 and lines[-1] == "self-test passed"
    for line, name in zip(lines, names, strict=False):
        assert line.split(maxsplit=1)[1].startswith(name), line
        assert line.startswith(("ok ", "skip ")), line
    assert "one after an emoji" in result.stdout and "(offscreen)" in result.stdout
    assert not list(tmp_path.rglob("*.annot")), "the self-test left a project behind"


def test_a_failing_check_fails_the_self_test(monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    monkeypatch.setattr(selftest, "resource_file", lambda *parts: tmp_path / "missing.txt")
    out = io.StringIO()
    assert selftest.run_self_test(out, window=False) is False
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("ok       create project")
    assert lines[1].startswith("FAIL     import sample") and "missing.txt" in lines[1]
    assert lines[2].startswith("not run  mark spans")
    assert lines[-1] == "self-test failed"


def test_exported_offsets_are_really_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    real = selftest._export

    def shifted(state: selftest._State, fmt: str, name: str, offsets: str = "canonical") -> Path:
        path = real(state, fmt, name, offsets)
        if fmt == "spans-csv":  # move every start one code point, as a UTF-16 bug would
            with path.open(encoding="utf-8", newline="") as stream:
                rows = list(csv.DictReader(stream))
            for row in rows:
                row["start"] = str(int(row["start"]) + 1)
            with path.open("w", encoding="utf-8", newline="") as stream:
                writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
                writer.writeheader()
                writer.writerows(rows)
        return path

    monkeypatch.setattr(selftest, "_export", shifted)
    out = io.StringIO()
    assert selftest.run_self_test(out, window=False) is False
    assert "FAIL     export spans-csv: CheckFailed: spans.csv: span" in out.getvalue()
