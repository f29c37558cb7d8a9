"""Issue 16, item 30: no command runs unbounded on hostile input. ``suggest`` gives each
document a time budget; a text that would keep the rules busy is named and skipped."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from annotator.domain.model import Document
from annotator.storage.project import Project

NORMAL = "خبرنگار: چرا این تصمیم گرفته شد؟\nوزیر: ما گفتیم که برنامه‌ها تغییر نمی‌کند."
HOSTILE = "گفت: " * 12_000  # 60,000 characters of reported speech and nothing else


def test_suggest_stops_a_hostile_document_within_its_budget(tmp_path: Path) -> None:
    project = tmp_path / "p.annot"
    with Project.create(project, analyst="tester") as opened:
        ids = [opened.add_document(Document("", title, f"{title}.txt", text, text,
                                            ((len(text), len(text)),))).id
               for title, text in (("hostile", HOSTILE), ("normal", NORMAL))]
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "--analyst", "t", "suggest", str(project), "--json"],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "ANNOTATOR_SUGGEST_SECONDS": "0.3"})
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    assert result.stderr == (f"annotator: warning: {project}: document {ids[0]}: suggestions "
                             "stopped after 0.3 s (a text too long or too dense for the "
                             "rules); none are given for it\n")
    rows = json.loads(result.stdout)
    assert rows and {row["doc_id"] for row in rows} == {ids[1]}
    assert elapsed < 20, elapsed
