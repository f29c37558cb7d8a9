"""How each step's cost grows from 10,000 to 100,000 documents (``bench/scale_corpus.py``).

At each size: ``import`` of the corpus's JSONL (files of 5,000 documents, 20 spans each),
``index`` (the window's indexing of what the import left out of the search index, in its
steps), ``open`` (a read-only open that lists every document), ``search`` of a common and of
a rare word, ``export`` to spans-jsonl and claims-csv, ``check``, a ``backup``, the ``dashboard``'s
figures (label counts, progress, the stance table), ``merge`` of a second analyst's copy (a
share of the project to which they added 5 Claims a document) and ``agree`` on the merged
project. Each step runs in its own child process (the CLI where there is a command); its wall
time and peak resident memory (the child's ``ru_maxrss``) are measured once per size.

Figures: per step the growth exponent of its CPU time (user + system of the child) between
the smallest and largest size (``log(t2/t1) / log(n2/n1)``, target ≤ 1.1) and, for search,
export, merge and check, the peak memory at the largest size over the smallest (target ≤ 2×).
The wall times and their exponents are in the notes: on a shared two-core machine they
measure the neighbours as much as the step, so the target is judged on CPU time.
``BENCH_SCALE_SIZES=10000,30000`` chooses the sizes (scaled by ``BENCH_SCALE``); at full size
the whole run takes well over 25 min on this machine under load (see the README), so run it
alone, once.

Run one step by hand: ``python -m bench.bench_scale STEP PROJECT [ARG]``.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench import scale_corpus
from bench.harness import Context, Result

SIZES = (10_000, 30_000, 100_000)
PER_FILE = 5_000  # documents a JSONL file (an import reads at most 100 MiB a file)
ANALYST = "lead"
SECOND = "ali"
INDEX_STEP = 32  # documents a step of indexing, as the window's Session takes them
MEMORY_BOUNDED = ("search common", "search rare", "export spans-jsonl", "export claims-csv",
                  "merge", "check")


@dataclass
class Step:
    seconds: float
    cpu: float
    peak_mb: float


def run_child(command: Sequence[str]) -> Step:
    """Run ``command``; its wall time, CPU time and peak resident memory. Fails loudly."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        child = subprocess.Popen(  # noqa: S603 - our own program
            command, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            errors.seek(0)
            raise RuntimeError(f"{' '.join(command)} failed: "
                               f"{errors.read().decode(errors='replace')[-500:]}")
    return Step(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def _cli(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "annotator", "--analyst", ANALYST, *map(str, args)]


def _py(step: str, *args: str | Path) -> list[str]:
    return [sys.executable, "-m", "bench.bench_scale", step, *map(str, args)]


def _steps(folder: Path, parts: list[Path]) -> list[tuple[str, list[str]]]:
    project = folder / "lead.annot"
    return [
        ("import", _cli("import", project, *parts)),
        ("index", _py("index", project)),
        ("open", _py("open", project)),
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


def measure_size(folder: Path, count: int, log: Callable[[str], None]) -> dict[str, Step]:
    """Every step at ``count`` documents, in order (merge needs the copy made before it)."""
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    parts = []
    for first in range(0, count, PER_FILE):
        part = folder / f"part-{first // PER_FILE:03d}.jsonl"
        scale_corpus.write_jsonl(part, min(PER_FILE, count - first), start=first)
        parts.append(part)
    log(f"scale: {count:,} documents written in {time.perf_counter() - started:.0f} s")
    subprocess.run(_cli("new", folder / "lead.annot"),  # noqa: S603 - our own program
                   check=True, capture_output=True)
    figures: dict[str, Step] = {}
    for name, command in _steps(folder, parts):
        if name == "merge":
            started = time.perf_counter()
            run_child(_py("fork", folder / "lead.annot", folder / f"{SECOND}.annot"))
            log(f"scale: {SECOND}'s copy made in {time.perf_counter() - started:.0f} s")
        figures[name] = step = run_child(command)
        log(f"scale: {count:,} {name}: {step.seconds:.1f} s, {step.peak_mb:.0f} MB")
    shutil.rmtree(folder)  # the next size needs the disk
    return figures


def exponent(n1: int, t1: float, n2: int, t2: float) -> float:
    return math.log(t2 / t1) / math.log(n2 / n1)


def run(ctx: Context) -> list[Result]:
    given = os.environ.get("BENCH_SCALE_SIZES", "")
    full = tuple(int(n) for n in given.split(",")) if given else SIZES
    sizes = [ctx.size(n, minimum=20 * (i + 1)) for i, n in enumerate(full)]
    table = {n: measure_size(ctx.workdir / str(n), n, ctx.log) for n in sizes}
    first, last = sizes[0], sizes[-1]
    span = f"{first:,} → {last:,} documents"
    results = []
    for name in table[first]:
        cells = "; ".join(f"{n:,}: {table[n][name].seconds:.2f} s, {table[n][name].peak_mb:.0f} MB"
                          for n in sizes)
        pairs = ", ".join(f"{exponent(a, table[a][name].seconds, b, table[b][name].seconds):.2f}"
                          for a, b in itertools.pairwise(sizes))
        wall = exponent(first, table[first][name].seconds, last, table[last][name].seconds)
        cpu = ", ".join(f"{n:,}: {table[n][name].cpu:.1f} s" for n in sizes)
        results.append(Result(
            f"scale {name} (CPU-time exponent)", f"growth of the child's CPU time, {span}", "",
            exponent(first, table[first][name].cpu, last, table[last][name].cpu),
            1.1, "max", size=span,
            notes=f"wall {cells}; wall-time exponent {wall:.2f} (pairwise {pairs}); "
                  f"CPU {cpu}"))
        if name in MEMORY_BOUNDED:
            results.append(Result(
                f"scale {name} (peak memory)", f"peak RSS at {last:,} over {first:,}", "×",
                table[last][name].peak_mb / table[first][name].peak_mb, 2.0, "max", size=span,
                notes=cells))
    return results


# -- the steps without a CLI command, run in a child process --------------------------------

def _open(path: str) -> None:
    from annotator.storage.project import Project

    with Project.open(path, analyst=ANALYST, read_only=True) as project:
        summaries = project.document_summaries()
    assert summaries


def _index(path: str) -> None:
    from annotator.storage.project import Project

    with Project.open(path, analyst=ANALYST) as project:
        while project.index_pending(INDEX_STEP):  # as the window does, a step at a time
            pass


def _search(path: str, word: str) -> None:
    from annotator.storage.project import Project

    with Project.open(path, analyst=ANALYST, read_only=True) as project:
        hits = project.search(word)
    print(f"{len(hits)} hits")


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
