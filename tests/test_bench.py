"""The benchmark harness runs end to end at a tiny size, so it cannot rot between full runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_quick_run_writes_every_figure(tmp_path: Path) -> None:
    output = tmp_path / "results.json"
    environment = {**os.environ, "BENCH_QUICK": "1", "BENCH_SCALE": "0.0005",
                   "BENCH_TMPDIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "bench", "-o", str(output)], cwd=ROOT,
                          env=environment, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads(output.read_text(encoding="utf-8"))
    assert report["repeats"] == 1
    assert {"cpu", "cores", "python", "sqlite", "pyside6", "hazm"} <= report["machine"].keys()
    names = {r["name"] for r in report["results"]}
    assert {"import (letters)", "import (hazm)", "export spans-jsonl", "export peak memory",
            "first search after opening"} <= names
    assert sum(name.startswith("search ") for name in names) == 3
    for result in report["results"]:
        assert result["value"] > 0 and len(result["runs"]) in (0, 1), result
        assert isinstance(result["passed"], bool)
    assert "| figure | size | value | baseline | ratio | target | result |" in done.stdout
    assert not list(tmp_path.glob("annotator-bench-*")), "the run's temporary folder was left"
