"""Shared fixtures: a fresh project file per test, never the user's real settings."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.storage.project import Project

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "interview-fa.txt"

os.environ["LANG"] = "C.UTF-8"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    path = tmp_path / "test.annot"
    Project.create(path, analyst="tester").close()
    return path


@pytest.fixture
def project(project_path: Path) -> Iterator[Project]:
    with Project.open(project_path, analyst="tester") as opened:
        yield opened


@pytest.fixture
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")
