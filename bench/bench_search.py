"""Searching 10,000 documents (30 MB) with ``Project.search``.

Three queries: ``علي`` (typed with Arabic yeh; folding finds ``علی`` in about half of the
documents, part of longer words included), a word in no document (the whole corpus is
scanned), and a common word with ``limit=100`` (what a results panel asks for first). The
baseline is ``str.find`` over folded texts already in memory: the floor, without SQLite.
The first search after opening is reported beside them.

The scale step builds projects of 10,000, 30,000 and 100,000 documents (``bench.scale_corpus``,
about 2,000 characters each) and searches each in a fresh process: the first search, a common
word (``limit=100``, what the panel lists first), a rare word and an absent one; the process's
peak resident memory (100,000 against 10,000 documents: within 2×) and what stays resident;
and the longest the Search panel holds the event loop while it lists the first 1,000 hits of
the common word (at most 100 ms).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from annotator.formats.importing import import_files
from annotator.storage.project import Project
from annotator.text import search_fold
from bench import corpus, scale_corpus
from bench.harness import Context, Result, median, peak_memory, timed

DOCUMENTS = 10_000
QUERIES = (("علي", None), (corpus.ABSENT_WORD, None), ("ایران", 100))
SCALE_SIZES = (10_000, 30_000, 100_000)
SCALE_QUERIES = (("common word, limit 100", scale_corpus.COMMON_WORD, 100),
                 ("rare word", scale_corpus.RARE_WORD, None),
                 ("absent word", scale_corpus.ABSENT_WORD, None))


def run(ctx: Context) -> list[Result]:
    count = ctx.size(DOCUMENTS, minimum=5)
    texts = corpus.documents(count, seed=ctx.seed)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    size = f"{count:,} documents, {megabytes:.1f} MB"
    path = ctx.path("search.annot")
    Project.create(path, analyst="bench").close()
    with Project.open(path, analyst="bench") as project:
        import_files(project, corpus.write_files(texts, ctx.workdir / "texts"))
        while project.index_pending():  # as the window does after an import
            pass
    ctx.log(f"search: {size}")
    results = []
    with Project.open(path, analyst="bench", read_only=True) as project:
        first = timed(lambda: project.search(QUERIES[0][0]))
        folded = [search_fold(d.canonical_text) for d in project.documents()]
        for query, limit in QUERIES:
            hits = len(project.search(query, limit=limit))
            needle = search_fold(query)
            measured, baseline = ctx.compare(
                lambda q=query, n=limit: project.search(q, limit=n),
                lambda n=needle: _find_in_memory(folded, n))
            shown = f"{query!r}" + (f", limit {limit}" if limit else "")
            results.append(Result(
                f"search {shown}", "Project.search across every document", "s",
                median(measured), 0.050, "max", median(baseline),
                "str.find over folded texts in memory", measured, baseline,
                f"{size}, {hits:,} hits"))
    with Project.open(path, analyst="bench", read_only=True) as project:
        memory = peak_memory(lambda: project.search(QUERIES[0][0]))
    results.append(Result(
        "first search after opening", "the first Project.search of an open project", "s",
        first, 1.0, "max", size=size,
        notes=f"one measurement; Python heap peak {memory.python_peak / 2**20:.1f} MB, RSS "
              f"grew {memory.rss_growth / 2**20:.1f} MB"))
    return results + _scale(ctx)


def _scale(ctx: Context) -> list[Result]:
    """Search projects of each of ``SCALE_SIZES`` documents, each in a process of its own."""
    results: list[Result] = []
    peaks: dict[int, float] = {}
    left: dict[int, float] = {}
    for full in SCALE_SIZES:
        count = ctx.size(full, minimum=20)
        path = ctx.path(f"search-scale-{count}.annot")
        scale_corpus.make_project(path, count)
        size = f"{count:,} documents, {path.stat().st_size / 1e6:.0f} MB file"
        ctx.log(f"search at scale: {size}")
        out = subprocess.run(  # noqa: S603 - this interpreter and this module, our own arguments
            [sys.executable, "-m", "bench.bench_search", str(path), str(ctx.repeats)],
            check=True, capture_output=True, text=True)
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        path.unlink()
        peaks[count] = figures["peak_mb"]
        results.append(Result(
            f"scale search {count:,}: first", "the first search of a fresh process (common word, "
            "limit 100)", "s", figures["first_s"], 0.100, "max", size=size))
        for name, _query, _limit in SCALE_QUERIES:
            results.append(Result(
                f"scale search {count:,}: {name}", "Project.search", "s", median(figures[name]),
                0.100, "max", runs=figures[name], size=size))
        results.append(Result(
            f"scale search {count:,}: longest event-loop block", "the Search panel listing the "
            "first 1,000 hits of the common word", "s", figures["block_s"], 0.100, "max",
            size=size, notes=f"{figures['listed']:,} hits listed"))
        left[count] = figures["left_mb"]
    smallest, largest = min(peaks), max(peaks)
    results.append(Result(
        f"scale search peak RSS, {largest:,} vs {smallest:,} documents", "peak resident memory "
        "of the searching process", "MB", peaks[largest], 2.0, "ratio", peaks[smallest],
        f"the same at {smallest:,} documents",
        notes="; ".join(f"{n:,}: peak {peaks[n]:.0f} MB, {left[n]:.1f} MB left resident"
                        for n in sorted(peaks))))
    return results


def _measure_scale(path: Path, repeats: int) -> dict[str, object]:
    """The figures of ``_scale`` for one project, in this (fresh) process."""
    import os

    import psutil

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    process = psutil.Process()
    figures: dict[str, object] = {}
    with Project.open(path, analyst="bench", read_only=True) as project:
        project.search(scale_corpus.ABSENT_WORD)  # opens the index's pages: not a search's cost
        before = process.memory_info().rss
        figures["first_s"] = timed(lambda: project.search(scale_corpus.COMMON_WORD, limit=100))
        for name, query, limit in SCALE_QUERIES:
            figures[name] = sorted(timed(lambda q=query, n=limit: project.search(q, limit=n))
                                   for _ in range(repeats))
        figures["left_mb"] = (process.memory_info().rss - before) / 2**20
        figures["peak_mb"] = _peak_rss_mb()  # before Qt is loaded: the searches' own
        figures["block_s"], figures["listed"] = _panel_block(project)
    return figures


def _panel_block(project: Project) -> tuple[float, int]:
    """The longest gap between two turns of the event loop while the panel lists the hits."""
    import time

    from PySide6.QtCore import QEvent, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from annotator.ui.search import SearchPanel
    from annotator.ui.textview import AnnotationView

    app = QApplication.instance() or QApplication([])
    holder = QWidget()  # owns the view and the panel, so Qt deletes them, not Python
    view = AnnotationView(holder)
    panel = SearchPanel(project, view, lambda _doc_id: None, holder)
    panel.scope.setCurrentIndex(SearchPanel.WHOLE_PROJECT)
    panel.query.setText(scale_corpus.COMMON_WORD)
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now
        if not panel.listing:
            app.quit()

    ticker = QTimer(holder, interval=0)
    ticker.timeout.connect(tick)
    ticker.start()
    QTimer.singleShot(0, panel.run)
    last[0] = time.perf_counter()
    app.exec()
    ticker.stop()
    listed = panel.results.count()
    holder.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    return max(gaps), listed


def _peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _find_in_memory(folded: list[str], needle: str) -> int:
    hits = 0
    for text in folded:
        start = text.find(needle)
        while start >= 0:
            hits += 1
            start = text.find(needle, start + len(needle))
    return hits


if __name__ == "__main__":
    print(json.dumps(_measure_scale(Path(sys.argv[1]), int(sys.argv[2]))))
