"""The benchmark harness runs end to end at a tiny size, so it cannot rot between full runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import Context, Result  # noqa: E402 - the bench package lives at the root
from bench.run import run_module, table  # noqa: E402 - as above


def test_quick_run_writes_every_figure(tmp_path: Path) -> None:
    output = tmp_path / "results.json"
    environment = {**os.environ, "BENCH_QUICK": "1", "BENCH_SCALE": "0.0005",
                   "BENCH_TMPDIR": str(tmp_path)}
    # Only these three: the window and bundle benchmarks start processes and build bundles.
    command = [sys.executable, "-m", "bench", "import", "export", "search", "-o", str(output)]
    done = subprocess.run(command, cwd=ROOT,
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


def test_records_of_measure_benchmarks_become_figures(tmp_path: Path) -> None:
    records = [
        {"name": "start-up", "value": 1.2, "unit": "s", "baseline": 0.5, "baseline_unit": "s",
         "ratio": 2.4, "target": 2.0},
        {"name": "bundle size", "value": 300.0, "unit": "MB", "baseline": 200.0,
         "baseline_unit": "MB", "ratio": 1.5, "target": None},
        {"name": "add one span", "detail": "1000 k code points", "value": 9.5, "unit": "ms",
         "baseline": None, "baseline_name": "", "ratio": None, "target": "median ≤ 16 ms",
         "met": True, "p90": 12.25},
    ]
    module = SimpleNamespace(measure=lambda quick: records if quick else [])
    context = Context(scale=0.01, repeats=1, workdir=tmp_path)
    startup, size, add = run_module(module, context)  # type: ignore[arg-type]
    assert (startup.ratio, startup.passed, startup.target_text) == (2.4, False, "≤ 2×")
    assert (size.passed, size.target_text) == (None, "–")
    assert (add.passed, add.target_text, add.size, add.notes) == (
        True, "median ≤ 16 ms", "1000 k code points", "p90 12.25")
    shown = table({"results": [r.to_json() for r in (startup, size, add)]}, markdown=True)
    assert "| add one span | 1000 k code points | 9.5 ms | – | – | median ≤ 16 ms | met |" in shown
    assert isinstance(Result.from_record(records[0]), Result)


def test_the_learning_benchmark_runs_without_the_corpus(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from bench import bench_learning

    monkeypatch.setattr(bench_learning, "CORPUS", tmp_path / "absent")
    said: list[str] = []
    context = Context(scale=0.1, repeats=1, workdir=tmp_path, log=said.append)
    [speed] = run_module(bench_learning, context)
    assert speed.name == "learn on 20 generated documents (CPU time)"
    assert speed.value > 0 and speed.passed is True
    assert any("the learning curve is skipped" in line for line in said)
    text, marks = bench_learning.generated_documents(1)[0]
    assert all(text[start:end].strip() == text[start:end] != "" for _, start, end in marks)


def test_the_foreign_import_benchmark_runs_at_a_tiny_size(tmp_path: Path) -> None:
    output = tmp_path / "results.json"
    environment = {**os.environ, "BENCH_QUICK": "1", "BENCH_SCALE": "0.005",
                   "BENCH_TMPDIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "bench", "foreign", "-o", str(output)],
                          cwd=ROOT, env=environment, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    results = json.loads(output.read_text(encoding="utf-8"))["results"]
    assert [r["name"] for r in results] == [
        f"import {fmt}, one long document" for fmt in ("doccano", "label-studio", "brat")]
    for result in results:
        assert result["size"].startswith("200 spans in one document"), result
        assert result["value"] > 0 and result["baseline"] > 0 and result["passed"], result
