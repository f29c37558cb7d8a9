"""A full disk, made with RLIMIT_FSIZE in a child process: writes past the limit fail with
EFBIG (SIGXFSZ ignored, as the command does). The project keeps every edit that returned,
nothing of the step that failed, and the message is one sentence saying the disk is full.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import crash_child
from reliability_support import child_command, read_lines, table_digest

from annotator.storage.checks import check_project
from annotator.storage.project import Project

SLACK = 48 * 1024  # how far past the project's size writes may go


def run_cli_limited(limit: int, *args: str | Path) -> subprocess.CompletedProcess[str]:
    code = (
        "import resource, sys\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, resource.RLIM_INFINITY))\n"
        "from annotator.cli import main\n"
        f"sys.exit(main({[str(a) for a in args]!r}))\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=False, env={"ANNOTATOR_ANALYST": "tester",
                                                         "PATH": "/usr/bin:/bin"})


def test_edits_stop_with_a_clear_message_and_keep_what_returned(filled_project: Path) -> None:
    with Project.open(filled_project, analyst="verifier", read_only=True) as project:
        before = {span.id: (span.start, span.end, span.revision, span.deleted)
                  for doc in project.document_summaries()
                  for span in project.spans(doc.id, include_deleted=True)}
    limit = filled_project.stat().st_size + SLACK
    result = subprocess.run(child_command("edits", filled_project, 5, "", limit),
                            capture_output=True, text=True, timeout=120, check=False)
    lines = read_lines(result.stdout)
    assert result.returncode == 1, result.stderr
    error = lines[-1]
    assert error["kind"] == "error" and error["type"] == "DiskFullError", error
    assert str(filled_project) in str(error["message"])
    assert "the disk is full" in str(error["message"])
    acks = [line for line in lines if line["kind"] == "ack" and line["entity"] == "span"]
    assert len(acks) > 3
    failed = next(line for line in reversed(lines) if line["kind"] == "doing")
    with Project.open(filled_project, analyst="verifier", read_only=True) as project:
        assert check_project(project) == []
        final = {}
        for ack in acks:
            final[ack["id"]] = ack
        for span_id, ack in final.items():
            span = project.span(span_id)
            assert (span.start, span.end, span.revision, span.deleted) == (
                ack["start"], ack["end"], ack["revision"], ack["deleted"])
        if failed["entity"] == "span" and failed["id"] in before and failed["id"] not in final:
            span = project.span(failed["id"])  # a span of the project's own, as it was
            assert (span.start, span.end, span.revision, span.deleted) == before[span.id]
        elif failed["entity"] == "span" and failed["id"] not in final:
            assert project.conn.execute("SELECT 1 FROM spans WHERE id = ?",
                                        (failed["id"],)).fetchone() is None


def test_an_import_that_fills_the_disk_changes_nothing(filled_project: Path,
                                                       tmp_path: Path) -> None:
    source = tmp_path / "big.csv"
    crash_child.write_csv(source, "big", rows=400)
    assert source.stat().st_size > 4 * SLACK
    before = table_digest(filled_project)
    result = run_cli_limited(filled_project.stat().st_size + SLACK,
                             "import", filled_project, source)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert f"{filled_project}: cannot be saved: the disk is full" in result.stderr
    assert "Traceback" not in result.stderr
    assert table_digest(filled_project) == before
    with Project.open(filled_project, analyst="verifier", read_only=True) as project:
        assert check_project(project) == []


def test_an_export_that_fills_the_disk_leaves_no_file(filled_project: Path,
                                                      tmp_path: Path) -> None:
    source = tmp_path / "big.csv"
    crash_child.write_csv(source, "big", rows=400)
    with Project.open(filled_project, analyst="tester") as project:
        from annotator.formats.importing import import_files

        import_files(project, [source])
    output = tmp_path / "out" / "big.jsonl"
    output.parent.mkdir()
    result = run_cli_limited(64 * 1024, "export", filled_project, "--format", "jsonl",
                             "-o", output)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert f"{output}: cannot be written: the disk is full" in result.stderr
    assert list(output.parent.iterdir()) == []
