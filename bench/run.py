"""Find the benchmarks, run them, print the figures and write ``bench/results.json``.

    python -m bench                    # every benchmark, full size, 5 runs each
    python -m bench search export      # only the modules whose name contains one of these
                                       # (the others' last figures stay in results.json)
    python -m bench scale              # only bench_scale (a whole name selects that one alone)
    BENCH_QUICK=1 python -m bench      # a smoke run: 1% size, 1 run each
    python -m bench --show             # the tables of the last run, from bench/results.json
    python -m bench --plot             # draw its scale figures into docs/screenshots/scale.png

A benchmark is a module ``bench/bench_<name>.py`` with ``run(ctx: Context) -> list[Result]``,
or with ``measure(quick: bool) -> list[dict]`` (plain records, see ``Result.from_record``).
A benchmark that fails is reported and makes the exit status 1; the others still run.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from bench.harness import Context, Result, machine, workdir

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"
PLOT = HERE.parent / "docs" / "screenshots" / "scale.png"


def discover(names: Sequence[str] = ()) -> list[ModuleType]:
    """The ``bench_*`` modules of this package (only those matching ``names``, if given)."""
    found = sorted(info.name for info in pkgutil.iter_modules([str(HERE)])
                   if info.name.startswith("bench_"))
    if names:  # a name that is a benchmark's own selects it alone, any other every match
        short = {m.removeprefix("bench_") for m in found}
        found = [m for m in found if any(
            n == m.removeprefix("bench_") if n in short else n in m.removeprefix("bench_")
            for n in names)]
    modules = [importlib.import_module(f"bench.{name}") for name in found]
    for module in modules:
        if not callable(getattr(module, "run", getattr(module, "measure", None))):
            raise SystemExit(
                f"bench/{module.__name__.split('.')[-1]}.py has neither run(ctx) nor measure()")
    return modules


def run_module(module: ModuleType, ctx: Context) -> list[Result]:
    """The figures of one benchmark module, whichever of the two forms it takes."""
    if callable(getattr(module, "run", None)):
        return list(module.run(ctx))
    return [Result.from_record(r) for r in module.measure(quick=ctx.scale < 1.0)]


def run(modules: Sequence[ModuleType], *, scale: float, repeats: int,
        log: Callable[[str], None]) -> dict[str, Any]:
    """Run every module's ``run(ctx)`` and return the report that ``results.json`` holds."""
    results: list[dict[str, Any]] = []
    errors: dict[str, str] = {}
    load_at_start = [round(n, 1) for n in os.getloadavg()]
    started = time.perf_counter()
    when = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    with workdir() as folder:
        for module in modules:
            module_dir = folder / module.__name__.split(".")[-1]
            module_dir.mkdir()
            ctx = Context(scale=scale, repeats=repeats, workdir=module_dir, log=log)
            try:
                results += [{**r.to_json(), "module": module_dir.name, "when": when}
                            for r in run_module(module, ctx)]
            except Exception as error:  # one broken benchmark must not hide the others
                errors[module.__name__] = f"{type(error).__name__}: {error}"
                log(f"{module.__name__} failed: {errors[module.__name__]}")
    return {
        "when": when,
        "scale": scale,
        "repeats": repeats,
        "seconds": round(time.perf_counter() - started, 1),
        "load_at_start": load_at_start,
        "machine": machine(),
        "results": results,
        "errors": errors,
    }


def keep_others(previous: dict[str, Any], report: dict[str, Any]) -> dict[str, Any]:
    """``report`` (a run of some benchmarks) with ``previous``'s figures of the others, each
    keeping its ``when``, if both ran at the same scale and repeats (else ``report`` alone)."""
    if (previous.get("scale"), previous.get("repeats")) != (report["scale"], report["repeats"]):
        return report
    ran = {r["module"] for r in report["results"]} | {
        name.split(".")[-1] for name in report["errors"]}
    names = {r["name"] for r in report["results"]}
    kept = [{**r, "when": r.get("when", previous.get("when", "?"))}
            for r in previous.get("results", [])
            if r.get("module") not in ran and r["name"] not in names]
    if not kept:
        return report
    return {**report, "results": kept + report["results"],
            "kept_from": sorted({r["when"] for r in kept})}


def _number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "–"
    if unit == "s" and value < 0.01:
        return f"{value * 1000:.2f} ms"
    if unit == "s" and value < 1:
        return f"{value * 1000:.0f} ms"
    if unit in ("", "×"):  # exponents, ratios: next to targets such as 1.1
        return f"{value:.2f} {unit}".strip()
    if unit == "MB" or unit == "s":
        return f"{value:.2f} {unit}"
    return f"{value:.1f} {unit}".strip()


def table(report: dict[str, Any], *, markdown: bool) -> str:
    """The figures as a plain or Markdown table."""
    header = ("figure", "size", "value", "baseline", "ratio", "target", "result")
    rows = []
    for r in report["results"]:
        ratio = "–" if r["ratio"] is None else f"{r['ratio']:.2f}×"
        verdict = {True: "met", False: "MISSED", None: "–"}[r["passed"]]
        rows.append((r["name"], r["size"], _number(r["value"], r["unit"]),
                     _number(r["baseline"], r["unit"]), ratio, r["target_text"], verdict))
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(str(row[i])) for row in (header, *rows)) for i in range(len(header))]
    return "\n".join("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True))
                     for row in (header, *rows))


def describe(report: dict[str, Any]) -> str:
    m = report["machine"]
    return (f"{m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; Python {m['python']}, "
            f"SQLite {m['sqlite']}, PySide6 {m['pyside6']}, hazm {m['hazm']}; "
            f"median of {report['repeats']} run(s), scale {report['scale']:g}; load average "
            f"{report.get('load_at_start', ['?'])[0]} at the start, {m['load_average'][0]} at "
            "the end" + (f"; the other figures kept from the run(s) of "
                         f"{', '.join(report['kept_from'])}" if report.get("kept_from") else ""))


def main(argv: Sequence[str] | None = None) -> int:
    quick = os.environ.get("BENCH_QUICK", "") not in ("", "0")
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("only", nargs="*", help="run only benchmarks whose name contains this")
    parser.add_argument("--repeats", type=int,
                        default=int(os.environ.get("BENCH_REPEATS", 1 if quick else 5)),
                        help="measurements per median (default 5; 1 with BENCH_QUICK=1)")
    parser.add_argument("--scale", type=float,
                        default=float(os.environ.get("BENCH_SCALE", 0.01 if quick else 1.0)),
                        help="fraction of the full sizes (default 1; 0.01 with BENCH_QUICK=1)")
    parser.add_argument("-o", "--output", type=Path, default=RESULTS,
                        help=f"where to write the JSON report (default {RESULTS})")
    parser.add_argument("--show", action="store_true",
                        help="print the tables of the last run (the JSON report) and stop")
    parser.add_argument("--plot", type=Path, nargs="?", const=PLOT, metavar="PNG",
                        help="draw the scale figures of the JSON report against size into PNG "
                             f"(default {PLOT.relative_to(HERE.parent)}) and stop")
    args = parser.parse_args(argv)
    if args.plot:
        from bench.plot_scale import draw

        report = json.loads(args.output.read_text(encoding="utf-8"))
        try:
            print(draw(report, args.plot))
        except ValueError as error:
            print(f"{args.output}: {error}", file=sys.stderr)
            return 1
        return 0
    if args.show:
        report = json.loads(args.output.read_text(encoding="utf-8"))
    else:
        modules = discover(args.only)

        def log(line: str) -> None:
            print(line, file=sys.stderr, flush=True)

        report = run(modules, scale=args.scale, repeats=args.repeats, log=log)
        if args.only and args.output.exists():
            report = keep_others(json.loads(args.output.read_text(encoding="utf-8")), report)
        args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n",
                               encoding="utf-8")
    print(table(report, markdown=False))
    print()
    print(describe(report))
    print()
    print(table(report, markdown=True))
    failed = [r["name"] for r in report["results"] if r["passed"] is False]
    if failed:
        print(f"\nmissed: {', '.join(failed)}")
    for name, error in report.get("errors", {}).items():
        print(f"\n{name} failed: {error}")
    return 1 if report.get("errors") else 0


if __name__ == "__main__":
    sys.exit(main())
