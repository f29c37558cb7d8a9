"""Importing 10,000 text files (30 MB of Persian) into a new project.

``letters``: ``import_files`` against reading, decoding and inserting the same files with bare
``sqlite3`` ``executemany`` in one transaction (WAL, ``synchronous=FULL``, like the project).
``hazm``: ``import_files`` into a ``hazm`` project against hazm's own two repairs that the
project uses (``correct_spacing`` then ``seperate_mi``) applied to the same texts line by line.

An import leaves its documents out of the search index (they are pending until the window
indexes them in idle time), so three more figures measure the work it moved: indexing the
10,000 pending documents in the window's steps (the total, at most 1.5× the letters import
that left them pending), the longest step (at most 50 ms), and a search while all 10,000 are
pending (at most 1 s), beside the same search once they are indexed.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from annotator.formats.importing import import_files
from annotator.storage.project import Project
from annotator.text.hazm_support import spacing_normalizer
from bench import corpus
from bench.harness import Context, Result, median

DOCUMENTS = 10_000
PENDING_QUERY = "علي"  # found in about half of the documents


def run(ctx: Context) -> list[Result]:
    count = ctx.size(DOCUMENTS, minimum=5)
    texts = corpus.documents(count, seed=ctx.seed)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    paths = corpus.write_files(texts, ctx.workdir / "import")
    size = f"{count:,} documents, {megabytes:.1f} MB"
    spacing_normalizer()  # built once per process, as in the program; not an import's cost

    def fresh(level: str) -> None:
        Project.create(ctx.path("import.annot"), analyst="bench", normalization=level).close()

    def import_into_project() -> None:
        with Project.open(ctx.workdir / "import.annot", analyst="bench") as project:
            report = import_files(project, paths)
        assert report.documents_added == count, report

    def bare_sqlite() -> None:
        conn = sqlite3.connect(ctx.path("bare.sqlite"), isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("CREATE TABLE documents (id TEXT PRIMARY KEY, title TEXT, text TEXT)")
        rows = ((str(n), path.stem, path.read_bytes().decode("utf-8"))
                for n, path in enumerate(paths))
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO documents VALUES (?, ?, ?)", rows)
        conn.execute("COMMIT")
        conn.close()

    ctx.log(f"import: {size}, letters")
    letters, bare = ctx.compare(import_into_project, bare_sqlite, setup=lambda: fresh("letters"))
    normalizer = spacing_normalizer()

    def hazm_alone() -> None:
        for path in paths:
            text = path.read_bytes().decode("utf-8").replace("\r\n", "\n")
            for line in text.split("\n"):
                normalizer.seperate_mi(normalizer.correct_spacing(line))

    moved = _indexing(ctx, ctx.workdir / "import.annot", median(letters), size)
    ctx.log(f"import: {size}, hazm")
    hazm, hazm_base = ctx.compare(import_into_project, hazm_alone, setup=lambda: fresh("hazm"))
    return [
        Result("import (letters)", "import_files of .txt files into a letters project", "s",
               median(letters), 2.0, "ratio", median(bare),
               "read, decode, executemany in one transaction", letters, bare, size),
        Result("import (hazm)", "import_files of .txt files into a hazm project", "s",
               median(hazm), 1.5, "ratio", median(hazm_base),
               "hazm correct_spacing + seperate_mi line by line", hazm, hazm_base, size),
        *moved,
    ]


def _indexing(ctx: Context, path: Path, letters: float, size: str) -> list[Result]:
    """Search with every document pending, then index them in steps, then search again."""
    with Project.open(path, analyst="bench") as project:
        pending = project.pending_index_count()
        assert pending == len(project.document_summaries()), pending
        hits = len(project.search(PENDING_QUERY))
        searched, _ = ctx.compare(lambda: project.search(PENDING_QUERY))
        steps: list[float] = []
        cpu: list[float] = []  # the step's own work, without what the neighbours take
        while True:
            started, started_cpu = time.perf_counter(), time.process_time()
            indexed = project.index_pending()  # as the window's Session asks
            steps.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
            if not indexed:
                break
        indexed_search, _ = ctx.compare(lambda: project.search(PENDING_QUERY))
        assert len(project.search(PENDING_QUERY)) == hits
    return [
        Result("index pending documents", "index_pending() until none is left, "
               "after the letters import", "s", sum(steps), 1.5, "ratio", letters,
               "the letters import that left them pending", [sum(steps)], [letters], size,
               notes=f"{len(steps) - 1} steps, median {median(steps) * 1000:.1f} ms; "
                     "one measurement"),
        Result("longest indexing step", "the longest index_pending() step", "s",
               max(steps), 0.050, "max", size=size, runs=[max(steps)],
               notes=f"median {median(steps) * 1000:.1f} ms; CPU time: longest "
                     f"{max(cpu) * 1000:.1f} ms, median {median(cpu) * 1000:.1f} ms"),
        Result(f"all pending: search {PENDING_QUERY!r}", "Project.search with every document "
               "pending (scanned, not the index)", "s", median(searched), 1.0, "max",
               median(indexed_search), "the same search once they are indexed", searched,
               indexed_search, f"{pending:,} documents pending, {hits:,} hits"),
    ]
