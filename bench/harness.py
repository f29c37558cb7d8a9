"""What every benchmark shares: the run's settings, timing, memory and the figures it reports.

A figure (``Result``) is the median of ``ctx.repeats`` measurements, the median of a baseline
measured in the same run (interleaved with it, so drift on a shared machine hits both), their
ratio and the target it must meet.
"""

from __future__ import annotations

import gc
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

import psutil

Kind = Literal["ratio", "max"]


@dataclass
class Result:
    """One figure. ``kind`` says what the target bounds: ``ratio`` (value / baseline) or
    ``max`` (the value itself, in ``unit``)."""

    name: str
    what: str
    unit: str
    value: float
    target: float
    kind: Kind
    baseline: float | None = None
    baseline_what: str = ""
    runs: list[float] = field(default_factory=list)
    baseline_runs: list[float] = field(default_factory=list)
    size: str = ""
    notes: str = ""
    verdict: bool | None = None  # set by a benchmark that judges its own target
    target_label: str = ""  # how such a target reads, e.g. "median ≤ 16 ms"
    data: dict[str, Any] = field(default_factory=dict)  # a benchmark's own table (e.g. scale)

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline == 0:
            return None
        return self.value / self.baseline

    @property
    def passed(self) -> bool | None:
        """Whether the target is met; ``None`` for a figure without a target."""
        if self.verdict is not None or self.target_label:
            return self.verdict
        if self.target != self.target:  # NaN: no target
            return None
        measured = self.ratio if self.kind == "ratio" else self.value
        return measured is not None and measured <= self.target

    @property
    def target_text(self) -> str:
        if self.target_label:
            return self.target_label
        if self.target != self.target:
            return "–"
        if self.kind == "ratio":
            return f"≤ {self.target:g}×"
        if self.unit == "s" and self.target < 1:
            return f"≤ {self.target * 1000:g} ms"
        return f"≤ {self.target:g} {self.unit}"

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Result:
        """A figure from the plain records of benchmarks written as ``measure(quick)``:
        ``name, value, unit, baseline, ratio, target`` (a number bounding the ratio, a text
        judged by ``met``, or None) and optionally ``detail``, ``baseline_name``, ``met``."""
        target = record.get("target")
        known = {"name", "value", "unit", "baseline", "baseline_unit", "ratio", "target",
                 "detail", "baseline_name", "met"}
        extra = {k: v for k, v in record.items() if k not in known}
        baseline = record.get("baseline")
        result = cls(
            name=str(record["name"]), what=str(record.get("baseline_name", "")),
            unit=str(record.get("unit", "")), value=float(record["value"]),
            target=float(target) if isinstance(target, int | float) else float("nan"),
            kind="ratio", baseline=None if baseline is None else float(baseline),
            baseline_what=str(record.get("baseline_name", "")),
            size=str(record.get("detail", "")),
            notes=", ".join(f"{k} {v:.4g}" if isinstance(v, float) else f"{k} {v}"
                            for k, v in extra.items()))
        if isinstance(target, str):
            result.target_label = target
            met = record.get("met")
            result.verdict = None if met is None else bool(met)
        return result

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(ratio=self.ratio, passed=self.passed, target_text=self.target_text)
        return data


@dataclass
class Context:
    """Settings of one run, handed to every benchmark.

    ``scale`` multiplies every size (1.0 is the full benchmark); ``repeats`` is how many
    measurements each median takes; ``workdir`` is a temporary folder removed after the run.
    """

    scale: float
    repeats: int
    workdir: Path
    seed: int = 20261128
    log: Callable[[str], None] = print

    def size(self, full: int, minimum: int = 1) -> int:
        """``full`` scaled to this run, never below ``minimum``."""
        return max(minimum, round(full * self.scale))

    def path(self, name: str) -> Path:
        """A fresh path in the run's temporary folder (removing what a previous run left)."""
        target = self.workdir / name
        for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
            leftover.unlink(missing_ok=True)
        return target

    def compare(self, measure: Callable[[], object], baseline: Callable[[], object] | None = None,
                *, setup: Callable[[], object] | None = None,
                baseline_setup: Callable[[], object] | None = None
                ) -> tuple[list[float], list[float]]:
        """Seconds of ``repeats`` calls of ``measure`` and of ``baseline``, alternating.

        ``setup`` (and ``baseline_setup``) run untimed before each call.
        """
        measured: list[float] = []
        base: list[float] = []
        for round_number in range(self.repeats):
            pairs = [(measure, setup, measured)]
            if baseline is not None:
                pairs.append((baseline, baseline_setup, base))
            if round_number % 2:
                pairs.reverse()  # neither side always runs on a warmer machine
            for function, prepare, into in pairs:
                if prepare is not None:
                    prepare()
                into.append(timed(function))
        return measured, base


def timed(function: Callable[[], object]) -> float:
    """Seconds one call of ``function`` takes, with the garbage collector settled first."""
    gc.collect()
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


@dataclass
class Memory:
    """Peak growth during a call: Python heap (tracemalloc) and resident set (sampled)."""

    python_peak: int
    rss_growth: int


def peak_memory(function: Callable[[], object], *, interval: float = 0.005) -> Memory:
    """Run ``function`` once and report how far memory rose above where it started."""
    gc.collect()
    process = psutil.Process()
    start_rss = process.memory_info().rss
    peak_rss = start_rss
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak_rss
        while not stop.is_set():
            peak_rss = max(peak_rss, process.memory_info().rss)
            stop.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    tracemalloc.start()
    try:
        function()
        _, python_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        stop.set()
        sampler.join()
    peak_rss = max(peak_rss, process.memory_info().rss)
    return Memory(python_peak, peak_rss - start_rss)


@contextmanager
def workdir() -> Iterator[Path]:
    """A temporary folder for one run (``BENCH_TMPDIR`` chooses where), removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="annotator-bench-",
                                     dir=os.environ.get("BENCH_TMPDIR")) as folder:
        yield Path(folder)


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "pyside6": _version("PySide6"),
        "hazm": _version("hazm"),
        "orjson": _version("orjson"),
        "load_average": [round(n, 1) for n in os.getloadavg()],
    }


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


@dataclass
class ChildRun:
    """A child process's output and what it cost: wall seconds, CPU seconds (user + system)
    and peak resident memory (its ``ru_maxrss``)."""

    stdout: str
    seconds: float
    cpu: float
    peak_mb: float


def run_child(command: list[str], *, env: dict[str, str] | None = None,
              cwd: Path | None = None) -> ChildRun:
    """Run ``command`` to its end and measure it; a failure raises with the end of its stderr."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        child = subprocess.Popen(  # noqa: S603 - our own program
            command, stdout=out, stderr=errors, env=env, cwd=cwd)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            errors.seek(0)
            raise RuntimeError(f"{' '.join(command)} failed: "
                               f"{errors.read().decode(errors='replace')[-500:]}")
        out.seek(0)
        return ChildRun(out.read().decode(errors="replace"), seconds,
                        usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def offscreen_run(module: str, *args: str) -> tuple[dict[str, Any], ChildRun]:
    """Run ``python -m MODULE ARGS`` offscreen in a fresh settings folder, from the repository
    root: its last line of output read as JSON, and what the child cost."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as home:
        env["XDG_CONFIG_HOME"] = env["XDG_DATA_HOME"] = home
        done = run_child([sys.executable, "-m", module, *args],
                         cwd=Path(__file__).resolve().parent.parent, env=env)
    return dict(json.loads(done.stdout.strip().splitlines()[-1])), done


def offscreen_child(module: str, *args: str) -> dict[str, Any]:
    """The JSON last line of ``offscreen_run`` (the window benchmarks' children)."""
    return offscreen_run(module, *args)[0]
