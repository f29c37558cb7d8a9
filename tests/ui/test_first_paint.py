"""ANNOTATOR_REPORT_FIRST_PAINT=1: the window prints when it first paints, then closes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from annotator.formats.importing import import_files
from annotator.storage.project import Project

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "interview-fa.txt"


def test_the_window_reports_its_first_paint_and_closes(tmp_path: Path) -> None:
    project = tmp_path / "p.annot"
    with Project.create(project, analyst="tester") as opened:
        import_files(opened, [SAMPLE])
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "QT_QPA_PLATFORM": "offscreen", "ANNOTATOR_REPORT_FIRST_PAINT": "1"}
    began = time.time()
    result = subprocess.run([sys.executable, "-m", "annotator", "--analyst", "tester", "gui",
                             str(project)], env=env, capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("first-paint "), result.stdout
    _, painted, cpu = lines[0].split()
    assert began < float(painted) < time.time()
    assert 0 < float(cpu) < 60  # the CPU seconds the process had used by its first frame
