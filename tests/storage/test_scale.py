"""Cheap guards that import, merge, check and agree stay linear, at two small sizes.

The statements an import runs grow by a constant per document and per span; the Python heap an
import, a merge, a check or an agreement needs does not grow with the corpus once it is larger
than one batch (the batches are made small here so that a small corpus spans many of them).
"""

from __future__ import annotations

import hashlib
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from annotator.analysis import agreement as agreement_module  # noqa: E402
from annotator.analysis.agreement import agreement  # noqa: E402
from annotator.formats import importing  # noqa: E402
from annotator.formats.importing import import_files  # noqa: E402
from annotator.storage.checks import check_project  # noqa: E402
from annotator.storage.merge import run as merge_run  # noqa: E402
from annotator.storage.merging import merge_files, merge_projects, open_source  # noqa: E402
from annotator.storage.project import Project  # noqa: E402
from bench import bench_scale, scale_corpus  # noqa: E402 - the bench package lives at the root

SMALL, LARGE = 15, 60


def _peak(function: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _import(folder: Path, count: int, *, trace: list[str] | None = None) -> Path:
    source = folder / f"corpus-{count}.jsonl"
    scale_corpus.write_jsonl(source, count)
    path = folder / f"import-{count}.annot"
    Project.create(path, analyst=bench_scale.ANALYST).close()
    with Project.open(path, analyst=bench_scale.ANALYST) as project:
        if trace is not None:
            project.conn.set_trace_callback(trace.append)
        report = import_files(project, [source])
    assert report.documents_added == count
    assert report.spans_added == count * scale_corpus.SPANS_PER_DOCUMENT
    return path


def _import_heap(folder: Path, count: int) -> int:
    """The import's peak Python heap past the bytes of its JSONL file, which is read whole."""
    peak = _peak(lambda: _import(folder, count))
    return peak - (folder / f"corpus-{count}.jsonl").stat().st_size


def test_import_runs_a_constant_number_of_statements_a_document(tmp_path: Path) -> None:
    small: list[str] = []
    large: list[str] = []
    _import(tmp_path, SMALL, trace=small)
    _import(tmp_path, LARGE, trace=large)
    for kind in ("SELECT", ""):  # the queries, then every statement (each row of a batch)
        in_small = sum(s.lstrip().upper().startswith(kind) for s in small)
        in_large = sum(s.lstrip().upper().startswith(kind) for s in large)
        assert in_large / LARGE <= 1.1 * in_small / SMALL, (kind, in_small, in_large)
    selects = sum(s.lstrip().upper().startswith("SELECT") for s in large) / LARGE
    # No query per span: a document's 20 spans cost a few lookups (their speakers, at most).
    assert selects < scale_corpus.SPANS_PER_DOCUMENT, selects


def test_import_memory_does_not_grow_with_the_corpus(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importing, "BATCH", 5)
    small, large = _import_heap(tmp_path, SMALL), _import_heap(tmp_path, LARGE)
    assert small < 4 * 2**20, small  # a few documents: no buffer sized by the input limit
    assert large < 1.5 * small, (small, large)


def _fork(folder: Path, count: int) -> tuple[Path, Path]:
    lead, copy = folder / f"lead-{count}.annot", folder / f"ali-{count}.annot"
    scale_corpus.make_project(lead, count, bench_scale.ANALYST)
    bench_scale._fork(str(lead), str(copy))
    return lead, copy


def test_merge_check_and_agree_memory_do_not_grow_with_the_corpus(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(merge_run, "_BATCH", 25)
    monkeypatch.setattr(agreement_module, "DOCUMENTS_PER_STEP", 5)  # a batch, as merge's
    peaks: dict[str, list[int]] = {"merge": [], "check": [], "agree": []}
    for count in (SMALL, LARGE):
        lead, copy = _fork(tmp_path, count)
        peaks["merge"].append(_peak(lambda: merge_files(lead, [copy],  # noqa: B023
                                                        analyst=bench_scale.ANALYST)))
        with Project.open(lead, analyst=bench_scale.ANALYST, read_only=True) as project:
            assert project.conn.execute(
                "SELECT count(*) FROM spans WHERE author = ?", (bench_scale.SECOND,)
            ).fetchone()[0] == 5 * count
            peaks["check"].append(_peak(lambda: check_project(project)))
            peaks["agree"].append(_peak(lambda: agreement(project)))
            assert check_project(project) == []
    for step, (small, large) in peaks.items():
        assert large < 1.5 * small, (step, small, large)


def _merge_steps(folder: Path, count: int, copy: Path) -> tuple[int, int]:
    """Merge ``copy`` into a new project of ``count`` documents: the SQLite virtual-machine
    steps (in hundreds) the merge ran on the project's connection, and its statements."""
    lead = folder / f"target-{count}.annot"
    scale_corpus.make_project(lead, count, bench_scale.ANALYST)
    steps, statements = [0], [0]

    def step() -> int:
        steps[0] += 1
        return 0

    def statement(_: str) -> None:
        statements[0] += 1

    source = open_source(copy, project=lead)
    try:
        with Project.open(lead, analyst=bench_scale.ANALYST) as project:
            project.conn.set_progress_handler(step, 100)
            project.conn.set_trace_callback(statement)
            report = merge_projects(project, [source])
            project.conn.set_progress_handler(None, 0)
            project.conn.set_trace_callback(None)
    finally:
        source.close()
    assert (report.documents.unchanged, report.spans.added) == (COPY, 5 * COPY)
    assert report.statuses.unchanged == COPY
    return steps[0], statements[0]


COPY = 5  # documents in the copy merged into a small and a large project


def test_merging_a_few_documents_does_not_read_the_whole_project(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A copy of a few documents merged into a project of 15 or of 300: the work on the
    project (SQLite's steps, statements) is that of the copy's items, whatever the
    project's size (no scan of the project's documents or statuses)."""
    monkeypatch.setattr(merge_run, "_BATCH", 25)
    _, copy = _fork(tmp_path, COPY)
    small_steps, small_statements = _merge_steps(tmp_path, SMALL, copy)
    large_steps, large_statements = _merge_steps(tmp_path, 20 * SMALL, copy)
    assert large_statements == small_statements
    # A scan of the project's documents and statuses costs about 2% of these steps for
    # every 100 documents; the merge's own lookups cost the same at either size.
    assert large_steps < 1.05 * small_steps, (small_steps, large_steps)


def _reads() -> int:
    """The read system calls this process made so far (SQLite reads a page with one)."""
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("syscr:"):
            return int(line.split()[1])
    raise AssertionError("no syscr in /proc/self/io")


@pytest.mark.skipif(not Path("/proc/self/io").exists(), reason="needs Linux's /proc/self/io")
def test_merge_reads_a_copy_in_file_order_not_a_page_a_span(tmp_path: Path) -> None:
    """Spans with random ids (as ``new_id`` makes them), in files much larger than SQLite's
    page cache (shrunk to 20 pages here): read by id, every span's row is a page elsewhere
    in the copy and in the project, so the reads grow faster than the spans once the files
    outgrow the cache; read in file order, a page holds a dozen spans of each."""
    lead = tmp_path / "lead.annot"
    scale_corpus.make_project(lead, 60, bench_scale.ANALYST)
    with Project.open(lead, analyst=bench_scale.ANALYST) as project, project.transaction():
        ids = [str(r[0]) for r in project.conn.execute("SELECT id FROM spans")]
        project.conn.executemany(  # random-looking ids; the last two digits pick the fork's
            "UPDATE spans SET id = ? WHERE id = ?",
            [(hashlib.sha256(i.encode()).hexdigest()[:30] + i[-2:], i) for i in ids])
    copy = tmp_path / "ali.annot"
    bench_scale._fork(str(lead), str(copy))
    source = open_source(copy, project=lead)
    try:
        with Project.open(lead, analyst=bench_scale.ANALYST) as project:
            for conn in (project.conn, source.conn):
                conn.execute("PRAGMA cache_size = 20")
            before = _reads()
            report = merge_projects(project, [source])
            reads = _reads() - before
    finally:
        source.close()
    spans = report.spans.unchanged + report.spans.added
    assert (report.spans.unchanged, report.spans.added) == (20 * 60, 5 * 60)
    # Measured: read by id (the schema's pass and the merge's), 4,107 reads (2.7 a span); in
    # file order 1,600 (1.1), most of them the project's id index and the inserts.
    assert reads < 1.4 * spans, (reads, spans)
