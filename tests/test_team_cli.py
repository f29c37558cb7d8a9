"""share, merge and agree as scripts call them: the README's worked example."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from annotator.storage.project import Project

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "samples" / "interview-fa.txt"


def run(analyst: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ANNOTATOR_ANALYST": analyst}
    return subprocess.run([sys.executable, "-m", "annotator", *map(str, args)],
                          capture_output=True, text=True, timeout=120, env=env, check=False)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_share_merge_agree(tmp_path: Path) -> None:
    lead, ali, bita = (tmp_path / f"{n}.annot" for n in ("lead", "ali", "bita"))
    assert run("lead", "new", lead).returncode == 0
    assert run("lead", "import", lead, SAMPLE).returncode == 0
    for copy in (ali, bita):
        shared = run("lead", "share", lead, copy)
        assert shared.returncode == 0, shared.stderr
    for path, who, label in ((ali, "ali", "Claim"), (bita, "bita", "Claim")):
        with Project.open(path, analyst=who) as project:
            [summary] = project.document_summaries()
            project.add_span(summary.id, 0, 4, label)
            project.add_span(summary.id, 10, 20, "Stance", {"polarity": "favor"})
            project.set_status(summary.id, "done")
    merged = run("lead", "merge", lead, ali, bita, "--json")
    assert merged.returncode == 0, merged.stderr
    report = json.loads(merged.stdout)
    assert report["spans"]["added"] == 4 and report["statuses"]["added"] == 2
    agreed = run("lead", "agree", lead, "--json")
    assert agreed.returncode == 0, agreed.stderr
    figures = json.loads(agreed.stdout)
    assert figures["analysts"] == ["ali", "bita"] and figures["documents"] == 1
    assert figures["labels"]["Claim"]["f1_exact"] == 1.0
    assert figures["stance_polarity"]["agreement"] == 1.0
    text = run("lead", "agree", lead)
    assert "Claim" in text.stdout and text.returncode == 0
    assert run("lead", "check", lead).returncode == 0


def test_a_refused_merge_is_one_line_naming_the_file(tmp_path: Path) -> None:
    lead, bad = tmp_path / "lead.annot", tmp_path / "bad.annot"
    assert run("lead", "new", lead).returncode == 0
    assert run("lead", "share", lead, bad).returncode == 0
    conn = sqlite3.connect(bad)
    conn.execute("CREATE TRIGGER t AFTER INSERT ON spans BEGIN SELECT 1; END")
    conn.close()
    before = digest(lead)
    result = run("lead", "merge", lead, bad)
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert str(bad) in line and "trigger" in line
    assert digest(lead) == before
    refused = run("lead", "share", lead, lead)
    assert refused.returncode == 1 and "open project itself" in refused.stderr
