"""SIGKILL at random moments: every acknowledged edit survives, imports are whole or absent,
exports never leave a truncated file under their name, and the file stays sound.

A kill of the process is what these tests make; they do not cut the power (the page cache
survives a SIGKILL), which is what ``synchronous=FULL`` is for.
"""

from __future__ import annotations

import json
import random
import re
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path
from typing import Any

import crash_child
from reliability_support import SOAK_ROUNDS, child_command, read_lines

from annotator.formats.importing import import_files
from annotator.storage.backups import list_backups, verify
from annotator.storage.checks import check_project
from annotator.storage.project import Project

Key = tuple[str, str]
IMPORTED_ID = re.compile(r"[0-9a-f]{12}-\d+-\d+")  # the child's document ids: tag-file-row


def kill_at_random(command: list[str], delay: float) -> list[dict[str, Any]]:
    """Start the child, wait until it is ready plus ``delay`` seconds, SIGKILL it; its lines."""
    # Unbuffered: communicate() reads the pipe itself, so nothing may sit in a reader's buffer.
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0)
    assert child.stdout is not None
    first = child.stdout.readline().decode()
    if '"ready"' not in first:
        child.kill()
        _, err = child.communicate(timeout=30)
        raise AssertionError(f"the child did not start: {first!r} {err.decode()}")
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    out, err = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL, err  # it was still working when killed
    return read_lines(first + out.decode("utf-8", "replace"))


def acknowledged(lines: list[dict[str, Any]]
                 ) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """The acknowledged steps, and the step that was under way when the kill came, if any."""
    acks: list[dict[str, Any]] = []
    doing = None
    for line in lines:
        if line["kind"] == "doing":
            doing = line
        elif line["kind"] == "ack":
            acks.append({k: v for k, v in line.items() if k != "relations"})
            acks.extend(line.get("relations", []))  # what a span's deletion did to relations
            doing = None
    return acks, doing


def assert_sound(path: Path) -> None:
    with Project.open(path, analyst="verifier", read_only=True) as project:
        assert [r[0] for r in project.conn.execute("PRAGMA integrity_check")] == ["ok"]
        assert check_project(project) == []


def test_acknowledged_edits_survive_sigkill(filled_project: Path) -> None:
    rng = random.Random(20261128)
    expected: dict[Key, dict[str, Any]] = {}
    total = 0
    for round_number in range(SOAK_ROUNDS):
        lines = kill_at_random(child_command("edits", filled_project, round_number),
                               rng.uniform(0.0, 0.25))
        acks, in_flight = acknowledged(lines)
        total += len(acks)
        for ack in acks:
            expected[(ack["entity"], ack["id"])] = ack
        assert_sound(filled_project)
        with Project.open(filled_project, analyst="verifier", read_only=True) as project:
            for key, ack in list(expected.items()):
                found = _state(project, key)
                if found == ack:
                    continue
                # Only the step under way may differ: it may have committed unacknowledged.
                assert in_flight is not None and found is not None, (round_number, key, ack)
                under_way = {(in_flight["entity"], in_flight["id"]),
                             *(("relation", r) for r in in_flight.get("also", []))}
                assert key in under_way, (key, ack, found, in_flight)
                if key[0] == "status":
                    assert found["status"] == in_flight["status"]
                else:
                    assert found["revision"] == ack["revision"] + 1, (key, ack, found)
                expected[key] = found
    assert total > SOAK_ROUNDS, "the children were killed before they acknowledged anything"
    backups = list_backups(filled_project)
    assert backups, "timed backups were made while editing"
    assert all(verify(b.path) == "" for b in backups)
    print(f"{SOAK_ROUNDS} kills survived, {total} acknowledged edits all present, "
          f"{len(backups)} backups verified")


def _state(project: Project, key: Key) -> dict[str, Any] | None:
    entity, item_id = key
    conn = project.conn
    if entity == "span":
        row = conn.execute('SELECT start, "end", label, revision, deleted FROM spans WHERE id = ?',
                           (item_id,)).fetchone()
        return None if row is None else {
            "kind": "ack", "entity": "span", "id": item_id, "start": row[0], "end": row[1],
            "label": row[2], "revision": row[3], "deleted": bool(row[4])}
    if entity == "relation":
        row = conn.execute("SELECT revision, deleted FROM relations WHERE id = ?",
                           (item_id,)).fetchone()
        return None if row is None else {
            "kind": "ack", "entity": "relation", "id": item_id, "revision": row[0],
            "deleted": bool(row[1])}
    if entity == "speaker":
        row = conn.execute("SELECT 1 FROM speakers WHERE id = ?", (item_id,)).fetchone()
        return None if row is None else {"kind": "ack", "entity": "speaker", "id": item_id}
    statuses = project.statuses(item_id)
    return None if "crash" not in statuses else {
        "kind": "ack", "entity": "status", "id": item_id, "status": statuses["crash"]}


def test_an_import_killed_at_any_moment_is_whole_or_absent(filled_project: Path,
                                                          tmp_path: Path) -> None:
    rng = random.Random(7)
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    acknowledged_imports: set[str] = set()
    cut_short = 0
    for round_number in range(max(4, SOAK_ROUNDS * 2 // 5)):
        lines = kill_at_random(child_command("import", filled_project, round_number,
                                             str(inputs)), rng.uniform(0.0, 0.15))
        acks, in_flight = acknowledged(lines)
        acknowledged_imports |= {a["id"].removesuffix(".csv") for a in acks}
        cut_short += in_flight is not None
        assert_sound(filled_project)
        with Project.open(filled_project, analyst="verifier", read_only=True) as project:
            groups = Counter(d.id.rsplit("-", 1)[0] for d in project.document_summaries()
                             if IMPORTED_ID.fullmatch(d.id))
        assert all(count == crash_child.ROWS for count in groups.values()), groups
        assert acknowledged_imports <= set(groups)
    assert cut_short, "no kill landed during an import"
    print(f"imports: {len(acknowledged_imports)} acknowledged, {cut_short} cut short, "
          "none partial")


def test_an_export_killed_at_any_moment_never_leaves_a_truncated_file(
        filled_project: Path, tmp_path: Path) -> None:
    source = tmp_path / "many.csv"
    crash_child.write_csv(source, "many")
    with Project.open(filled_project, analyst="tester") as project:
        import_files(project, [source])
        documents = len(project.document_summaries())
    output = tmp_path / "out" / "dataset.jsonl"
    output.parent.mkdir()
    rng = random.Random(11)
    complete = cut_short = 0
    for round_number in range(max(4, SOAK_ROUNDS * 2 // 5)):
        lines = kill_at_random(child_command("export", filled_project, round_number,
                                             str(output)), rng.uniform(0.0, 0.3))
        cut_short += acknowledged(lines)[1] is not None
        if output.exists():
            text = output.read_text(encoding="utf-8")
            assert text.endswith("\n")
            assert len([json.loads(line) for line in text.splitlines()]) == documents
            complete += 1
    assert complete, "no export finished before its kill"
    assert_sound(filled_project)
    assert cut_short, "no kill landed during an export"
    print(f"exports: {round_number + 1} kills, {cut_short} during an export, the file under "
          "its name complete every time")
