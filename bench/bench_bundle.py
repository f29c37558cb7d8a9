"""Bundle benchmarks: size on disk and start-up to the first painted window, each against a bare
PySide6 window (bench/bare_window.py) built and started the same way.

    python bench/bench_bundle.py [--quick]

``measure`` builds both bundles with PyInstaller under build/bench/ (about a minute; ``quick``
reuses them when present and takes fewer runs). Start-up is the time from just before the
process starts to the ``first-paint`` line the program prints on its first paint event
(ANNOTATOR_REPORT_FIRST_PAINT=1; offscreen platform, so no display is needed); the median of
nine runs, the program and its baseline interleaved so machine noise hits both. The same line
gives the CPU seconds each process had used by its first frame, reported beside: on a shared
machine the wall times stretch with the neighbours' work, the CPU times much less.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "build" / "bench"
BARE = ROOT / "bench" / "bare_window.py"
PYINSTALLER = Path(sys.executable).with_name("pyinstaller")
STARTUP_TARGET = 1.8  # start-up may take at most 1.8 times the bare window's (issue 18)
MB = 1_000_000


def folder_bytes(folder: Path) -> int:
    """Bytes of every file under ``folder``, symbolic links not followed."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def build(quick: bool) -> tuple[Path, Path]:
    """The program's bundle and the bare window's, built the same way (one folder, stripped on
    Linux); with ``quick``, earlier builds are reused."""
    app, bare = WORK / "dist" / "annotator", WORK / "dist" / "bare_window"
    common = [str(PYINSTALLER), "--noconfirm", "--clean", "--log-level", "ERROR",
              "--distpath", str(WORK / "dist"), "--workpath", str(WORK / "work")]
    strip = ["--strip"] if sys.platform.startswith("linux") else []
    builds = ((app / "annotator", [*common, str(ROOT / "build.spec")]),
              (bare / "bare_window", [*common, "--onedir", *strip, "--specpath", str(WORK),
                                      str(BARE)]))
    for program, command in builds:
        if not (quick and program.exists()):
            subprocess.run(command, check=True, cwd=ROOT)  # noqa: S603 - our own build
    return app, bare


def first_paint_seconds(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from starting ``command`` to the first-paint time it prints, and the CPU seconds
    it had used by then."""
    began = time.time()
    done = subprocess.run(  # noqa: S603 - our program or the baseline
        command, env=env, capture_output=True, text=True, timeout=120, check=False)
    stamps = [line.split()[1:3] for line in done.stdout.splitlines()
              if line.startswith("first-paint ")]
    if done.returncode != 0 or not stamps:
        raise RuntimeError(f"{command[0]} printed no first-paint (exit {done.returncode}): "
                           f"{done.stderr.strip()[-500:]}")
    return float(stamps[0][0]) - began, float(stamps[0][1])


def sample_project(folder: Path) -> Path:
    """A project holding the sample interview, as an analyst would open it."""
    sys.path.insert(0, str(ROOT))
    from annotator.formats.importing import import_files
    from annotator.storage.project import Project

    path = folder / "sample.annot"
    with Project.create(path, analyst="bench") as project:
        import_files(project, [ROOT / "resources" / "samples" / "interview-fa.txt"])
    return path


def startup(program: list[str], baseline: list[str], runs: int, folder: Path
            ) -> tuple[float, float, float, float]:
    """Median start-up of ``program`` and of ``baseline``, interleaved, after one warm-up each:
    wall seconds of each, then CPU seconds of each."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(folder / "home"), "LANG": "C.UTF-8",
           "QT_QPA_PLATFORM": "offscreen", "ANNOTATOR_REPORT_FIRST_PAINT": "1"}
    if sys.platform == "win32":
        env = {**os.environ, **{k: v for k, v in env.items() if k != "PATH"}}
    ours, theirs = [], []
    for run in range(runs + 1):
        measured = first_paint_seconds(program, env), first_paint_seconds(baseline, env)
        if run:  # the first pair warms the disk cache
            ours.append(measured[0])
            theirs.append(measured[1])
    return (statistics.median(w for w, _ in ours), statistics.median(w for w, _ in theirs),
            statistics.median(c for _, c in ours), statistics.median(c for _, c in theirs))


def figure(name: str, value: float, unit: str, baseline: float, target: float | None
           ) -> dict[str, Any]:
    return {"name": name, "value": round(value, 3), "unit": unit,
            "baseline": round(baseline, 3), "baseline_unit": unit,
            "ratio": round(value / baseline, 3), "target": target}


def measure(quick: bool = False) -> list[dict[str, Any]]:
    """Bundle size and start-up figures; ``target`` bounds the ratio (None: no target)."""
    app, bare = build(quick)
    runs = 3 if quick else 9
    results = [figure("bundle size (one folder) vs a bare PySide6 window's",
                      folder_bytes(app) / MB, "MB", folder_bytes(bare) / MB, None)]
    with tempfile.TemporaryDirectory(prefix="bench-bundle-") as name:
        folder = Path(name)
        project = str(sample_project(folder))
        gui = ["--analyst", "bench", "gui", project]
        source = startup([sys.executable, "-m", "annotator", *gui],
                         [sys.executable, str(BARE)], runs, folder)
        bundled = startup([str(app / "annotator"), *gui], [str(bare / "bare_window")], runs,
                          folder)
        for where, (wall, bare_wall, cpu, bare_cpu) in (
                ("from source, vs a bare window", source),
                ("bundle, vs a bare window's bundle", bundled)):
            results.append(figure(f"start-up to first paint, {where}", wall, "s", bare_wall,
                                  STARTUP_TARGET))
            # The CPU time the process had used by then: what load on the machine leaves alone.
            results.append(figure(f"CPU time to first paint, {where}", cpu, "s", bare_cpu,
                                  None))
    return results


if __name__ == "__main__":
    quick = "--quick" in sys.argv[1:]
    if shutil.which(str(PYINSTALLER)) is None:
        raise SystemExit("PyInstaller is missing: make dist installs it (.[dist])")
    for result in measure(quick):
        target = "" if result["target"] is None else f", target ratio <= {result['target']:g}"
        print(f"{result['name']}: {result['value']:g} {result['unit']} vs "
              f"{result['baseline']:g} {result['baseline_unit']}, ratio {result['ratio']:g}"
              f"{target}")
