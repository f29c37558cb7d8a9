"""A power cut at any moment keeps every acknowledged edit (issue 16).

``powercut_child.py`` edits a project through a SQLite VFS shim that keeps, beside the real
files, only what was fsynced, and snapshots that durable state after every sync: the states a
power cut can leave when nothing unsynced survives. Every snapshot must be a sound project
holding every edit acknowledged before it. A control run with ``synchronous = OFF`` must lose
acknowledged edits, which shows that the check can fail.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from reliability_support import SOAK_ROUNDS

CHILD = Path(__file__).with_name("powercut_child.py")
EDITS = 40  # per round: the snapshots of one round take about 40 MB
ROUNDS = max(1, SOAK_ROUNDS // 20)  # 1 in make test, 25 in make soak


def _run(project: Path, work: Path, *extra: str, seed: int = 7) -> list[dict[str, Any]]:
    result = subprocess.run([sys.executable, str(CHILD), str(project), str(work), str(EDITS),
                             str(seed), *extra], capture_output=True, text=True, timeout=300,
                            check=False)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def _lost(project: Path, work: Path, acks: list[dict[str, Any]]) -> tuple[int, list[str]]:
    """How many snapshots were checked, and what each that broke a promise lacked."""
    state: dict[str, dict[str, Any]] = {}
    states = [dict(state)]  # states[n]: each span as the first n acknowledgements left it
    for ack in acks:
        state[ack["id"]] = ack
        states.append(dict(state))
    faults = []
    snapshots = sorted((work / "snapshots").iterdir())
    for snapshot in snapshots:
        acknowledged = int(snapshot.name.split("-")[1])
        disk = work / "after-the-cut"
        shutil.rmtree(disk, ignore_errors=True)
        shutil.copytree(snapshot, disk)
        conn = sqlite3.connect(disk / project.name)
        try:
            sound = [r[0] for r in conn.execute("PRAGMA integrity_check")] == ["ok"]
            rows = {r[0]: r[1:] for r in conn.execute(
                'SELECT id, start, "end", revision, deleted FROM spans')}
        finally:
            conn.close()
        if not sound:
            faults.append(f"{snapshot.name}: not sound")
        following = states[min(acknowledged + 1, len(acks))]
        for span_id, ack in states[acknowledged].items():
            expected = (ack["start"], ack["end"], ack["revision"], int(ack["deleted"]))
            pending = following[span_id]  # the edit in progress may have committed already
            allowed = {expected, (pending["start"], pending["end"], pending["revision"],
                                  int(pending["deleted"]))}
            if rows.get(span_id) not in allowed:
                faults.append(f"{snapshot.name}: span {span_id} is {rows.get(span_id)}, "
                              f"acknowledged as {expected}")
    return len(snapshots), faults


def test_every_acknowledged_edit_survives_a_power_cut_at_any_moment(
        filled_project: Path, tmp_path: Path) -> None:
    for seed in range(ROUNDS):  # round after round on the same file
        work = tmp_path / "work"
        acks = _run(filled_project, work, seed=seed)
        assert len(acks) == EDITS
        checked, faults = _lost(filled_project, work, acks)
        assert checked > EDITS  # a snapshot after every sync as well as after each edit
        assert faults == [], f"round {seed}"
        shutil.rmtree(work)


def test_the_check_finds_edits_lost_without_fsync(filled_project: Path, tmp_path: Path) -> None:
    acks = _run(filled_project, tmp_path / "work", "unsynced")
    _, faults = _lost(filled_project, tmp_path / "work", acks)
    assert faults, "with synchronous = OFF, acknowledged edits must be found missing"
