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


def _scale_table(counts: tuple[int, ...]) -> dict[int, dict[str, dict[str, float]]]:
    """A made-up scale table: ``linear`` grows with the work, ``square`` with its square and
    ``window`` carries the window's own figures."""
    table: dict[int, dict[str, dict[str, float]]] = {}
    for n in counts:
        table[n] = {
            "linear": {"seconds": n / 50, "cpu": n / 100, "peak_mb": 40.0},
            "square": {"seconds": (n / 100) ** 2, "cpu": (n / 100) ** 2, "peak_mb": n / 10},
            "window": {"seconds": 2.0, "cpu": 1.0, "peak_mb": 100.0,
                       "filter_max_ms": 20.0 + n / 100, "switch_max_ms": 30.0,
                       "stance_max_ms": 40.0, "dashboard_max_ms": 50.0},
        }
    return table


def test_scale_figures_judge_growth_on_cpu_time_and_memory_on_peaks(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from bench import bench_scale

    monkeypatch.setattr(bench_scale, "MEMORY_BOUNDED", ("linear", "square"))
    counts = (1_000, 4_000, 16_000)
    figures = {r.name: r for r in bench_scale.results(counts, _scale_table(counts))}
    linear, square = figures["scale linear (CPU-time exponent)"], figures[
        "scale square (CPU-time exponent)"]
    assert linear.value == pytest.approx(1.0) and linear.passed is True
    assert square.value == pytest.approx(2.0) and square.passed is False
    assert all(load != load for load in linear.data.pop("load"))  # not measured: NaN
    assert linear.data == {"sizes": [1_000, 4_000, 16_000], "step": "linear",
                           "measured": ["", "", ""], "seconds": [20.0, 80.0, 320.0],
                           "cpu": [10.0, 40.0, 160.0], "peak_mb": [40.0, 40.0, 40.0]}
    assert figures["scale linear (peak memory)"].passed is True
    assert figures["scale square (peak memory)"].value == pytest.approx(16.0)
    highest = figures["scale: the highest peak memory of any step"]
    assert (highest.value, highest.passed, highest.notes) == (
        1600.0, False, "square at 16,000 documents")
    keystroke = figures["scale: the window's longest filter keystroke"]
    assert (keystroke.value, keystroke.passed) == (180.0, False)
    assert figures["scale: the window's longest document switch"].passed is True


def test_one_scale_size_gives_its_figures_without_growth() -> None:
    from bench import bench_scale

    figures = {r.name: r for r in bench_scale.results((4_000,), _scale_table((4_000,)))}
    assert figures["scale square (CPU time)"].value == 1600.0
    assert figures["scale square (CPU time)"].passed is None
    assert not any("exponent" in name for name in figures)
    assert figures["scale: the highest peak memory of any step"].value == 400.0


def test_the_scale_plot_draws_a_line_per_step(tmp_path: Path) -> None:
    from bench import bench_scale, plot_scale

    counts = (1_000, 10_000)
    report = {"when": "now", "load_at_start": [1.0], "results": [
        r.to_json() for r in bench_scale.results(counts, _scale_table(counts))]}
    out = plot_scale.draw(json.loads(json.dumps(report)), tmp_path / "plot" / "scale.png")
    from PySide6.QtGui import QColor, QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (plot_scale.WIDTH, plot_scale.HEIGHT)
    panels = plot_scale.MARGIN_LEFT + 2 * plot_scale.PANEL_WIDTH + plot_scale.GAP + 10
    colours = {image.pixelColor(x, y).name() for x in range(panels)  # the legend left out
               for y in range(image.height())}
    steps = [s.step for s in plot_scale.series(report)]
    assert steps == ["linear", "square", "window"]
    for number in range(len(steps)):
        assert QColor(plot_scale.COLOURS[number]).name() in colours
    assert QColor(plot_scale.COLOURS[len(steps)]).name() not in colours
    with pytest.raises(ValueError, match="no scale figures"):
        plot_scale.draw({"results": []}, tmp_path / "none.png")


def test_the_scale_benchmark_runs_every_step_at_a_tiny_size(tmp_path: Path) -> None:
    from bench import bench_scale

    output = tmp_path / "results.json"
    environment = {**os.environ, "BENCH_QUICK": "1", "BENCH_SCALE_SIZES": "20,40",
                   "BENCH_TMPDIR": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "bench", "scale", "-o", str(output)],
                          cwd=ROOT, env=environment, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    results = json.loads(output.read_text(encoding="utf-8"))["results"]
    steps = [r["data"]["step"] for r in results if "step" in r["data"]]
    assert steps == ["import", "index", "window", "list documents", "search common", "search rare",
                     "export spans-jsonl", "export claims-csv", "check", "backup",
                     "dashboard", "merge", "agree"]
    for result in results:
        assert result["size"] in ("20 → 40 documents", "40 documents"), result
        assert isinstance(result["passed"], bool), result
        if "step" in result["data"]:
            assert result["data"]["sizes"] == [20, 40]
            assert all(v > 0 for key in ("seconds", "cpu", "peak_mb")
                       for v in result["data"][key]), result
    cache = tmp_path / "annotator-bench-scale"
    assert sorted(p.name for p in cache.glob("*/part-*.jsonl")) == [
        "part-0000000-20.jsonl", "part-0000000-40.jsonl"]
    assert {p.name for p in cache.glob("*/measured-*.json")} == {
        "measured-20.json", "measured-40.json"}
    assert bench_scale.PER_FILE > 40


def test_a_scale_size_measured_before_is_read_back_when_asked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bench import bench_scale

    monkeypatch.setenv("BENCH_TMPDIR", str(tmp_path))
    monkeypatch.setenv("BENCH_SCALE_SIZES", "1000,4000")
    monkeypatch.setenv("BENCH_SCALE_REUSE", "1")
    table = _scale_table((1_000, 4_000))
    bench_scale.cache_folder().mkdir(parents=True)
    for n, when, load in ((1_000, "2026-12-01T10:00:00Z", 1.0),
                          (4_000, "2026-12-02T10:00:00Z", 2.5)):
        record = {"when": when, "seconds": 1.0, "load": load, "steps": table[n]}
        (bench_scale.cache_folder() / f"measured-{n}.json").write_text(json.dumps(record))

    def measure(*_: object) -> None:
        raise AssertionError("a size measured before was measured again")

    monkeypatch.setattr(bench_scale, "measure_size", measure)
    said: list[str] = []
    figures = bench_scale.run(Context(scale=1.0, repeats=1, workdir=tmp_path, log=said.append))
    square = next(r for r in figures if r.name == "scale square (CPU-time exponent)")
    assert square.value == pytest.approx(2.0)
    assert square.data["measured"] == ["2026-12-01T10:00:00Z", "2026-12-02T10:00:00Z"]
    assert square.data["load"] == [1.0, 2.5]
    assert said == ["scale: 1,000 documents: the measurement of 2026-12-01T10:00:00Z reused",
                    "scale: 4,000 documents: the measurement of 2026-12-02T10:00:00Z reused"]


def test_a_run_of_some_benchmarks_keeps_the_others_figures() -> None:
    from bench.run import keep_others

    def figure(name: str, module: str, when: str) -> dict[str, object]:
        return {"name": name, "module": module, "when": when}

    previous = {"when": "old", "scale": 1.0, "repeats": 5, "results": [
        figure("import", "bench_import", "old"), figure("scale a", "bench_scale", "old"),
        figure("scale gone", "bench_scale", "old"), {"name": "untagged"}]}
    report = {"when": "new", "scale": 1.0, "repeats": 5, "errors": {},
              "results": [figure("scale a", "bench_scale", "new")]}
    merged = keep_others(previous, report)
    assert [(r["name"], r["when"]) for r in merged["results"]] == [
        ("import", "old"), ("untagged", "old"), ("scale a", "new")]
    assert merged["kept_from"] == ["old"]
    quick = {**report, "scale": 0.01}
    assert keep_others(previous, quick) is quick
