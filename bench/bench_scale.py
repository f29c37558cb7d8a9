"""How each step's cost grows from 10,000 to 100,000 documents (``bench/scale_corpus.py``).

At each size: ``import`` of the corpus's JSONL (files of 5,000 documents, 20 spans each) into a
new project, which every later step then uses: ``index`` (the window's indexing of what
the import left out of the search index, in its steps), ``window`` (the project opened in the
window, offscreen: first frame, the Documents panel scrolled, filtered and sorted, three document
switches, the stance view over the project, the dashboard's agreement; the child of
``bench/bench_window_scale.py``), ``list documents`` (a read-only open listing every
document), ``search`` of a common and of a rare word (the search index; every hit, read
lazily as the Search panel reads them), ``export`` to spans-jsonl and claims-csv, ``check``,
a ``backup`` (``storage/backups.py``, what the automatic backups run; see below), the
``dashboard``'s figures (label counts, progress, the stance table), ``merge`` of a second
analyst's copy (a share of the project to which they added 5 Claims a document, made untimed
just before) and ``agree`` on the merged project. Each step runs in its own child process (the
CLI where there is a command); its wall time, CPU time (user + system) and peak resident memory
(the child's ``ru_maxrss``) are measured once per size, except the backup's: before each of its
``BACKUP_RUNS`` runs the project file alone is evicted from the page cache
(``POSIX_FADV_DONTNEED``), so that every run reads it from the disk as the first backup after a
start does, and its figures are the runs' medians (each run's CPU time in ``cpu_runs``); a warm
cache at 10,000 and a cold one at 100,000 would otherwise make its growth exponent.

The JSONL parts are generated once and kept in ``$BENCH_TMPDIR/annotator-bench-scale/`` (or
the system's temporary folder), keyed by the generator's source, so the sizes share them and a
second run generates nothing; delete the folder to reclaim the disk (about 9.5 MB a 1,000
documents). The projects live in the run's temporary folder and each size's is removed when
its steps are done (at 100,000 several GB at once: the project and the second analyst's copy,
about 1.8 GB each, two backups of the project, the exports). On the shared two-core machine
at load 4-8 the sizes took 4, 16 and 37 minutes (61, 192 and 640 s of the steps' CPU time).

Figures (each with the whole table in ``data``, for ``python -m bench --plot``): per step the
growth exponent of its CPU time between the smallest and largest size (``log(t2/t1) /
log(n2/n1)``, target ≤ 1.1); for search, export, merge and check the peak memory at the largest
size over the smallest (target ≤ 2×); the highest peak of any step at any size (target ≤ 1 GB);
at the largest size the window's longest filter keystroke and document switch (≤ 100 ms). Wall
times and their exponents are in the notes: on a shared two-core machine they measure the
neighbours as much as the step, so the targets are judged on CPU time.
``BENCH_SCALE_SIZES=10000,30000`` chooses the sizes (scaled by ``BENCH_SCALE``; ``BENCH_QUICK``
makes them 100, 300, 1,000). Each size's measurement is also kept beside the corpus as
``measured-N.json``; ``BENCH_SCALE_REUSE=1`` reads a size back from there instead of measuring
it again (the figures carry each size's date and load average in ``data["measured"]`` and
``data["load"]``), so the sizes can be measured in separate runs, the long 100,000 alone.

Run: ``python -m bench scale`` (every size), one step by hand: ``python -m bench.bench_scale
STEP PROJECT [ARG]``.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench import scale_corpus
from bench.harness import ChildRun, Context, Result, offscreen_run, run_child

SIZES = (10_000, 30_000, 100_000)
PER_FILE = 5_000  # documents a JSONL file (an import reads at most 100 MiB a file)
ANALYST = "lead"
SECOND = "ali"
BACKUP_RUNS = 3  # cold-cache runs of the backup step, their median kept
MEMORY_BOUNDED = ("search common", "search rare", "export spans-jsonl", "export claims-csv",
                  "merge", "check")
PEAK_LIMIT_MB = 1000.0
BLOCK_LIMIT_MS = 100.0
# The window child's steps (bench_window_scale: until done, longest block, its CPU), ms.
WINDOW_STEPS = {"filter": ("filter, a title typed", "filter, a status name typed"),
                "switch": ("switch document",), "stance": ("stance, whole project",),
                "dashboard": ("dashboard figures",)}


def _cli(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "annotator", "--analyst", ANALYST, *map(str, args)]


def _py(step: str, *args: str | Path) -> list[str]:
    return [sys.executable, "-m", "bench.bench_scale", step, *map(str, args)]


def cache_folder() -> Path:
    """Where the generated JSONL parts are kept between runs: named by a hash of the
    generator's source, so a changed generator never reuses an old corpus."""
    source = Path(scale_corpus.__file__).read_bytes()
    key = hashlib.sha256(source + str(PER_FILE).encode()).hexdigest()[:12]
    root = Path(os.environ.get("BENCH_TMPDIR") or tempfile.gettempdir())
    return root / "annotator-bench-scale" / key


def corpus_parts(count: int, log: Callable[[str], None]) -> list[Path]:
    """The JSONL files of the first ``count`` documents, written only where missing (each
    under a temporary name first, so a run stopped midway leaves no half file)."""
    folder = cache_folder()
    folder.mkdir(parents=True, exist_ok=True)
    parts, made, started = [], 0, time.perf_counter()
    for first in range(0, count, PER_FILE):
        n = min(PER_FILE, count - first)
        part = folder / f"part-{first:07d}-{n}.jsonl"
        if not part.exists():
            partial = part.with_suffix(f".{os.getpid()}.partial")
            scale_corpus.write_jsonl(partial, n, start=first)
            partial.replace(part)
            made += n
        parts.append(part)
    if made:
        log(f"scale: {made:,} documents generated into {folder} in "
            f"{time.perf_counter() - started:.0f} s")
    return parts


def _steps(folder: Path, parts: list[Path]) -> list[tuple[str, list[str]]]:
    project = folder / "lead.annot"
    return [
        ("import", _cli("import", project, *parts)),
        ("index", _py("index", project)),
        ("window", []),  # offscreen, through bench_window_scale's child
        ("list documents", _py("open", project)),
        ("search common", _py("search", project, scale_corpus.COMMON_WORD)),
        ("search rare", _py("search", project, scale_corpus.RARE_WORD)),
        ("export spans-jsonl", _cli("export", "--format", "spans-jsonl", "-o",
                                    folder / "spans.jsonl", project)),
        ("export claims-csv", _cli("export", "--format", "claims-csv", "-o",
                                   folder / "claims.csv", project)),
        ("check", _cli("check", project)),
        ("backup", _py("backup", project)),
        ("dashboard", _py("dashboard", project)),
        ("merge", _cli("merge", project, folder / f"{SECOND}.annot")),
        ("agree", _cli("agree", project)),
    ]


def _figures(run: ChildRun, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"seconds": run.seconds, "cpu": run.cpu, "peak_mb": run.peak_mb, **(extra or {})}


def _window(project: Path) -> dict[str, Any]:
    window, run = offscreen_run("bench.bench_window_scale", "window", str(project))
    figures = {"first_frame_ms": window["first_frame_ms"], "rss_peak": window["rss_peak"]}
    for key, names in WINDOW_STEPS.items():
        steps = [window["steps"][name] for name in names]
        figures[f"{key}_done_ms"] = max(step[0] for step in steps)
        figures[f"{key}_max_ms"] = max(step[1] for step in steps)
        figures[f"{key}_cpu_ms"] = max(step[2] for step in steps)
    return _figures(run, figures)


def measure_size(folder: Path, count: int, log: Callable[[str], None]
                 ) -> dict[str, dict[str, Any]]:
    """Every step at ``count`` documents, in order (merge needs the copy made before it):
    per step its ``seconds``, ``cpu`` and ``peak_mb`` (and the window's own figures)."""
    folder.mkdir(parents=True, exist_ok=True)
    parts = corpus_parts(count, log)
    subprocess.run(_cli("new", folder / "lead.annot"),  # noqa: S603 - our own program
                   check=True, capture_output=True)
    figures: dict[str, dict[str, Any]] = {}
    for name, command in _steps(folder, parts):
        if name == "merge":
            fork = run_child(_py("fork", folder / "lead.annot", folder / f"{SECOND}.annot"))
            log(f"scale: {SECOND}'s copy made in {fork.seconds:.0f} s (untimed)")
        if name == "window":
            figures[name] = step = _window(folder / "lead.annot")
        elif name == "backup":
            figures[name] = step = cold_backup(folder / "lead.annot", command)
        else:
            figures[name] = step = _figures(run_child(command))
        log(f"scale: {count:,} {name}: {step['seconds']:.1f} s wall, {step['cpu']:.1f} s CPU, "
            f"{step['peak_mb']:.0f} MB (load {os.getloadavg()[0]:.1f})")
    shutil.rmtree(folder)  # the next size needs the disk
    return figures


def evict(path: Path) -> None:
    """Drop ``path``'s pages from the page cache (written back first), so the next reader
    reads it from the disk. Only a file no process of ours holds open is evicted here."""
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
        os.posix_fadvise(handle, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(handle)


def cold_backup(project: Path, command: list[str]) -> dict[str, Any]:
    """The backup step ``BACKUP_RUNS`` times, the project evicted from the page cache before
    each: the medians, and every run's CPU time. The backups of all runs but the last are
    deleted; the last is kept, as one run kept it, for the later steps' opens to find."""
    folder = project.with_name(f"{project.name}.backups")
    runs = []
    for number in range(BACKUP_RUNS):
        before = set(folder.iterdir()) if folder.is_dir() else set()
        evict(project)
        runs.append(run_child(command))
        if number < BACKUP_RUNS - 1:
            for made in set(folder.iterdir()) - before:
                made.unlink()
    return _figures(ChildRun("", statistics.median(r.seconds for r in runs),
                             statistics.median(r.cpu for r in runs),
                             statistics.median(r.peak_mb for r in runs)),
                    {"cpu_runs": [round(r.cpu, 3) for r in runs]})


def exponent(n1: int, t1: float, n2: int, t2: float) -> float:
    if t1 <= 0 or t2 <= 0 or n1 == n2:
        return float("nan")
    return math.log(t2 / t1) / math.log(n2 / n1)


def sizes(ctx: Context) -> list[int]:
    given = os.environ.get("BENCH_SCALE_SIZES", "")
    full = tuple(int(n) for n in given.split(",")) if given else SIZES
    return [ctx.size(n, minimum=20 * (i + 1)) for i, n in enumerate(full)]


def run(ctx: Context) -> list[Result]:
    """Measure every size (with ``BENCH_SCALE_REUSE=1``, a size measured before on the same
    corpus is read back from its ``measured-N.json`` instead, its date in the figures)."""
    counts = sizes(ctx)
    reuse = os.environ.get("BENCH_SCALE_REUSE", "") not in ("", "0")
    table: dict[int, dict[str, dict[str, Any]]] = {}
    measured: dict[int, tuple[str, float]] = {}
    for n in counts:
        kept = cache_folder() / f"measured-{n}.json"
        if reuse and kept.exists():
            record = json.loads(kept.read_text(encoding="utf-8"))
            ctx.log(f"scale: {n:,} documents: the measurement of {record['when']} reused")
        else:
            started = time.perf_counter()
            steps = measure_size(ctx.workdir / str(n), n, ctx.log)
            took = time.perf_counter() - started
            ctx.log(f"scale: {n:,} documents took {took:.0f} s in all")
            record = {"when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                      "seconds": round(took, 1), "load": os.getloadavg()[0], "steps": steps}
            kept.write_text(json.dumps(record, indent=1), encoding="utf-8")
        table[n], measured[n] = record["steps"], (record["when"], round(record["load"], 1))
    return results(counts, table, measured)


def _column(counts: Sequence[int], table: dict[int, dict[str, dict[str, Any]]], step: str,
            key: str) -> list[float]:
    return [float(table[n][step][key]) for n in counts]


def results(counts: Sequence[int], table: dict[int, dict[str, dict[str, Any]]],
            measured: dict[int, tuple[str, float]] | None = None) -> list[Result]:
    """The figures of a measured ``table`` (size → step → its figures); ``measured`` says
    when each size was measured and the load average then."""
    first, last = counts[0], counts[-1]
    span = f"{first:,} → {last:,} documents"
    dates = [(measured or {}).get(n, ("", float("nan"))) for n in counts]
    out = []
    for name in table[first]:
        data = {"sizes": list(counts), "step": name, "measured": [d[0] for d in dates],
                "load": [d[1] for d in dates],
                **{key: _column(counts, table, name, key) for key in ("seconds", "cpu",
                                                                      "peak_mb")}}
        cells = "; ".join(f"{n:,}: {table[n][name]['seconds']:.2f} s wall, "
                          f"{table[n][name]['cpu']:.2f} s CPU, "
                          f"{table[n][name]['peak_mb']:.0f} MB" for n in counts)
        pairs = ", ".join(f"{exponent(a, table[a][name]['cpu'], b, table[b][name]['cpu']):.2f}"
                          for a, b in itertools.pairwise(counts))
        wall = exponent(first, data["seconds"][0], last, data["seconds"][-1])
        if first == last:  # one size: its CPU time, no growth to judge
            out.append(Result(f"scale {name} (CPU time)", "the child's CPU time", "s",
                              data["cpu"][0], float("nan"), "max", size=span, notes=cells,
                              data=data))
            continue
        out.append(Result(
            f"scale {name} (CPU-time exponent)", f"growth of the child's CPU time, {span}", "",
            exponent(first, data["cpu"][0], last, data["cpu"][-1]), 1.1, "max", size=span,
            notes=f"{cells}; CPU-time exponents pairwise {pairs}; wall-time exponent "
                  f"{wall:.2f}", data=data))
        if name in MEMORY_BOUNDED:
            out.append(Result(
                f"scale {name} (peak memory)", f"peak RSS at {last:,} over {first:,}", "×",
                data["peak_mb"][-1] / data["peak_mb"][0], 2.0, "max", size=span,
                notes=cells))
    highest = max((table[n][s]["peak_mb"], n, s) for n in counts for s in table[n])
    out.append(Result(
        "scale: the highest peak memory of any step", "peak RSS of the costliest child", "MB",
        highest[0], PEAK_LIMIT_MB, "max", size=span,
        notes=f"{highest[2]} at {highest[1]:,} documents"))
    window = table[last]["window"]
    for key, what in (("filter_max_ms", "the window's longest filter keystroke"),
                      ("switch_max_ms", "the window's longest document switch"),
                      ("stance_max_ms", "the window's longest block counting stance"),
                      ("dashboard_max_ms", "the window's longest block computing the dashboard")):
        cpu = key.replace("_max_", "_cpu_")
        out.append(Result(
            f"scale: {what}", f"{what}, at {last:,} documents (wall; its CPU in the notes)",
            "ms", window[key], BLOCK_LIMIT_MS, "max", size=f"{last:,} documents",
            notes="; ".join(f"{n:,}: {table[n]['window'][key]:.0f} ms"
                            f" ({table[n]['window'].get(cpu, math.nan):.0f} ms CPU)"
                            for n in counts),
            data={"sizes": list(counts), key: [table[n]["window"][key] for n in counts],
                  cpu: [table[n]["window"].get(cpu, math.nan) for n in counts]}))
    return out


# -- the steps without a CLI command, run in a child process --------------------------------

def _open(path: str) -> None:
    from annotator.storage.project import Project

    with Project.open(path, analyst=ANALYST, read_only=True) as project:
        summaries = project.document_summaries()
    assert summaries


def _index(path: str) -> None:
    from annotator.storage.project import Project

    with Project.open(path, analyst=ANALYST) as project:
        while project.index_pending():  # as the window does, a step at a time
            pass


def _search(path: str, word: str) -> None:
    from annotator.storage.project import Project

    with Project.open(path, analyst=ANALYST, read_only=True) as project:
        hits = sum(1 for _ in project.search_hits(word))  # every hit, read as the window does
    print(f"{hits} hits")


def _backup(path: str) -> None:
    from annotator.storage.backups import make_backup
    from annotator.storage.project import Project

    with Project.open(path, analyst=ANALYST, read_only=True) as project:
        make_backup(project.conn, project.path, "bench")


def _dashboard(path: str) -> None:
    from annotator.analysis.agreement import label_counts, progress
    from annotator.analysis.stance_by_author import stance_table_by
    from annotator.storage.project import Project

    with Project.open(path, analyst=ANALYST, read_only=True) as project:
        assert label_counts(project) and progress(project)
        stance_table_by(project, None)


def _fork(path: str, copy: str) -> None:
    """The second analyst's copy: a share of ``path`` where they added 5 Claims a document,
    at the first 5 Claims' places (half of them with another type)."""
    from annotator.domain.model import utc_now
    from annotator.storage.merge.versions import version_hash
    from annotator.storage.project import Project
    from annotator.storage.sharing import share_project
    from annotator.storage.tables import SPANS, stored_json

    with Project.open(path, analyst=ANALYST, read_only=True) as project:
        share_project(project, copy)
    with Project.open(copy, analyst=SECOND) as project, project.transaction():
        project.conn.execute("INSERT OR IGNORE INTO analysts(name, created) VALUES (?, ?)",
                             (SECOND, utc_now()))
        now = utc_now()
        rows = project.conn.execute(
            "SELECT id, doc_id, start, \"end\", attrs FROM spans WHERE label = 'Claim'"
            " AND substr(id, -2) IN ('04', '05', '06', '07', '08')").fetchall()
        new = []
        for number, (span_id, doc_id, start, end, attrs) in enumerate(rows):
            values = json.loads(attrs)
            if number % 2:
                values["type"] = "opinion" if values["type"] != "opinion" else "factual"
            version: dict[str, object] = {
                "id": f"{SECOND}-{span_id}", "author": SECOND, "created": now,
                "modified": now, "revision": 1, "deleted": False, "start": start, "end": end,
                "label": "Claim", "attrs": values}
            new.append(SPANS.values(SPANS.row({**version, "history": [version_hash(version)]},
                                              doc_id)))
        project.conn.executemany(SPANS.insert(), new)
        project.conn.executemany(
            "INSERT INTO edits(at, analyst, action, entity, entity_id, doc_id, detail)"
            " VALUES (?, ?, 'add span', 'span', ?, ?, ?)",
            ((now, SECOND, row[0], row[1], stored_json({"label": "Claim"})) for row in new))


_CHILD_STEPS: dict[str, Callable[..., None]] = {
    "open": _open, "index": _index, "search": _search, "backup": _backup, "dashboard": _dashboard,
    "fork": _fork}

if __name__ == "__main__":
    _CHILD_STEPS[sys.argv[1]](*sys.argv[2:])
