"""`annotator suggest` as scripts call it."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "samples" / "interview-fa.txt"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ANNOTATOR_ANALYST": "cli-tester"}
    return subprocess.run([sys.executable, "-m", "annotator", *map(str, args)],
                          capture_output=True, text=True, timeout=120, env=env, check=False)


def test_suggest_json_table_and_accept(tmp_path: Path) -> None:
    project = tmp_path / "p.annot"
    assert run("new", project).returncode == 0
    assert run("import", project, SAMPLE).returncode == 0

    listed = run("suggest", project, "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    text = SAMPLE.read_text(encoding="utf-8")
    assert rows and all(text[r["start"]:r["end"]] == r["text"] for r in rows)
    turn = next(r for r in rows if r["label"] == "Turn")
    assert turn["attrs"] == {"speaker": "جان میلر", "speaker_id": "", "role": "interviewer"}
    assert {"doc_id", "label", "start", "end", "text", "attrs", "rule"} <= set(turn)

    table = run("suggest", project)
    assert table.returncode == 0 and f"{len(rows)} suggestion(s)." in table.stdout

    accepted = run("suggest", project, "--accept", "--json")
    assert accepted.returncode == 0, accepted.stderr
    assert len(json.loads(accepted.stdout)) == len(rows)
    assert f"Accepted {len(rows)} suggestion(s) as spans and registered 2 new speaker(s)" \
        in accepted.stderr
    stats = json.loads(run("stats", project, "--json").stdout)
    assert stats["spans"] == len(rows) and stats["speakers"] == 2
    assert json.loads(run("suggest", project, "--json").stdout) == []
    assert run("check", project).returncode == 0


def test_suggest_unknown_document_is_one_line_and_changes_nothing(tmp_path: Path) -> None:
    project = tmp_path / "p.annot"
    run("new", project)
    run("import", project, SAMPLE)
    before = hashlib.sha256(project.read_bytes()).hexdigest()
    result = run("suggest", project, "--doc", "nope", "--accept")
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "nope" in result.stderr
    assert hashlib.sha256(project.read_bytes()).hexdigest() == before
