"""How merging a second analyst's copy grows, with the corpus's span ids as they are and
with random ids (as ``new_id`` makes them in a real project), 10,000 → 30,000 documents.

Run: ``.venv/bin/python -m bench.merge_growth [FOLDER]`` (``BENCH_MERGE_SIZES=10000,30000``
chooses the sizes). At each size: ``scale_corpus.make_project``, then a copy of it whose span
ids are replaced by random-looking ones (their last two characters kept, which the fork
picks Claims by), each forked as ``bench_scale`` does (5 Claims a document added); each merge
runs in its own child process, three times, and its median CPU time (user + system) and peak
resident memory are printed. The figures with the corpus's ids (its spans lie in id order in
the file) are the same run's baseline for those with random ids, where reading by id touches
a page elsewhere for every span. Each size's folder is removed when it is measured.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path

from bench import bench_scale

RUNS = 3


def _randomise_ids(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        ids = [str(r[0]) for r in conn.execute("SELECT id FROM spans")]
        with conn:
            conn.executemany("UPDATE spans SET id = ? WHERE id = ?", [
                (hashlib.sha256(i.encode()).hexdigest()[:30] + i[-2:], i) for i in ids])
        conn.execute("VACUUM")  # the rows stay in file order; the id index is rebuilt
    finally:
        conn.close()


def _build(folder: Path, count: int) -> dict[str, Path]:
    folders = {"corpus ids": folder / "corpus", "random ids": folder / "random"}
    for name, place in folders.items():
        place.mkdir(parents=True)
        # In child processes: a child's peak memory counts its parent's at the fork.
        if name == "corpus ids":
            bench_scale.run_child([sys.executable, "-m", "bench.scale_corpus",
                                   str(place / "lead.annot"), str(count)])
        else:
            shutil.copy(folders["corpus ids"] / "lead.annot", place / "lead.annot")
            bench_scale.run_child([sys.executable, "-m", "bench.merge_growth", "--randomise",
                                   str(place / "lead.annot")])
        bench_scale.run_child(bench_scale._py("fork", place / "lead.annot",
                                              place / f"{bench_scale.SECOND}.annot"))
    return folders


def _merge(place: Path) -> bench_scale.Step:
    work = place / "work.annot"
    shutil.copy(place / "lead.annot", work)
    shutil.rmtree(place / "work.annot.backups", ignore_errors=True)
    return bench_scale.run_child(bench_scale._cli("merge", work,
                                                  place / f"{bench_scale.SECOND}.annot"))


def main() -> None:
    if sys.argv[1:2] == ["--randomise"]:
        _randomise_ids(Path(sys.argv[2]))
        return
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
    sizes = [int(n) for n in os.environ.get("BENCH_MERGE_SIZES", "10000,30000").split(",")]
    figures: dict[str, dict[int, tuple[float, float]]] = {}
    for count in sizes:
        folders = _build(root / str(count), count)
        steps: dict[str, list[bench_scale.Step]] = {name: [] for name in folders}
        for _ in range(RUNS):  # interleaved, so that both see the same neighbours
            for name, place in folders.items():
                steps[name].append(_merge(place))
        for name, runs in steps.items():
            cpu = statistics.median(s.cpu for s in runs)
            peak = max(s.peak_mb for s in runs)
            figures.setdefault(name, {})[count] = (cpu, peak)
            print(f"{count:,} documents, {name}: CPU {cpu:.1f} s (median of {RUNS}), "
                  f"peak {peak:.0f} MB, load {os.getloadavg()[0]:.1f}", flush=True)
        shutil.rmtree(root / str(count))
    first, last = sizes[0], sizes[-1]
    for name, by_size in figures.items():
        growth = bench_scale.exponent(first, by_size[first][0], last, by_size[last][0])
        print(f"{name}: CPU-time exponent {growth:.2f} (target ≤ 1.1), peak memory "
              f"{by_size[last][1] / by_size[first][1]:.2f}× (target ≤ 2)")


if __name__ == "__main__":
    main()
