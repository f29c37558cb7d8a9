"""Exporting 1,000,000 spans (100 per document) to ``spans-jsonl``.

Time: ``export_project`` against serializing the very records it wrote, already in memory,
with orjson and writing them to a file. Memory: the peak Python heap (tracemalloc) of the
export at 1,000,000 spans against the same at 100,000 spans: flat means the ratio stays near 1.
The project is built with bulk SQL (``add_documents`` and one ``executemany`` of spans),
not one ``add_span`` call per span.
"""

from __future__ import annotations

import json
import os
import random
import time
import uuid
from pathlib import Path

import orjson

from annotator.domain.model import Document
from annotator.formats.exporting import ExportOptions, export_project
from annotator.storage.project import Project
from annotator.text import canonicalize, token_spans
from bench import corpus
from bench.harness import Context, Result, median, peak_memory, timed

SPANS = 1_000_000
SMALL_SPANS = 100_000
SPANS_PER_DOCUMENT = 100
_CHOICES = {"type": ("factual", "opinion", "prediction"), "checkworthy": ("yes", "no"),
            "quote": ("direct", "indirect", "none")}


def build(ctx: Context, path: Path, spans: int) -> None:
    """A letters project with ``spans`` spans over generated documents, inserted in bulk."""
    rng = random.Random(ctx.seed)
    count = max(1, spans // SPANS_PER_DOCUMENT)
    texts = corpus.documents(count, seed=ctx.seed)
    with Project.create(path, analyst="bench") as project:
        speakers = [project.add_speaker(f"گوینده {n}").id for n in range(20)]
        documents = []
        for text in texts:
            canonical = canonicalize(text, "letters")
            documents.append(Document("", "", "bench", canonical.text, text,
                                      canonical.alignment.segments))
        stored = project.add_documents(documents)
        rows = []
        now = "2026-01-01T00:00:00.000000Z"
        for document in stored:
            tokens = token_spans(document.canonical_text)
            for n in range(min(SPANS_PER_DOCUMENT, spans - len(rows))):
                start, end = tokens[rng.randrange(len(tokens))]
                if n % 4 == 0:
                    label, attrs = "Speaker", {"speaker": rng.choice(speakers)}
                else:
                    label = "Claim"
                    attrs = {k: rng.choice(v) for k, v in _CHOICES.items()}
                    attrs["speaker"] = rng.choice(speakers)
                rows.append((str(uuid.UUID(int=rng.getrandbits(128), version=4)), document.id,
                             start, end, label, json.dumps(attrs, ensure_ascii=False),
                             "bench", now, now))
        with project.transaction():
            project.conn.executemany(
                'INSERT INTO spans(id, doc_id, start, "end", label, attrs, author, created,'
                " modified, revision, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0)", rows)


def run(ctx: Context) -> list[Result]:
    spans = ctx.size(SPANS, minimum=200)
    small = ctx.size(SMALL_SPANS, minimum=100)
    large_path, small_path = ctx.path("large.annot"), ctx.path("small.annot")
    ctx.log(f"export: building projects of {spans:,} and {small:,} spans")
    build(ctx, large_path, spans)
    build(ctx, small_path, small)
    output = ctx.workdir / "spans.jsonl"
    copy = ctx.workdir / "baseline.jsonl"
    options = ExportOptions("spans-jsonl")

    def export(path: Path) -> None:
        with Project.open(path, analyst="bench", read_only=True) as project:
            report = export_project(project, output, options)
        assert report.spans == (spans if path == large_path else small), report

    ctx.log(f"export: {spans:,} spans, timing")
    measured: list[float] = []
    baseline: list[float] = []
    for round_number in range(ctx.repeats):
        steps = [lambda: measured.append(timed(lambda: export(large_path))),
                 lambda: baseline.append(_serialize_from_memory(output, copy))]
        if round_number % 2:
            steps.reverse()
        if not output.exists():
            export(large_path)  # the baseline serializes what the export writes
        for step in steps:
            step()
    megabytes = output.stat().st_size / 1e6
    ctx.log("export: peak memory at both sizes")
    large_memory = peak_memory(lambda: export(large_path))
    small_memory = peak_memory(lambda: export(small_path))
    mib = 2**20
    return [
        Result("export spans-jsonl", "export_project to spans-jsonl", "s", median(measured),
               2.0, "ratio", median(baseline), "orjson of the same records from memory, written",
               measured, baseline, f"{spans:,} spans, {megabytes:.0f} MB out"),
        Result("export peak memory", "peak Python heap during the export (tracemalloc)", "MB",
               large_memory.python_peak / mib, 1.5, "ratio", small_memory.python_peak / mib,
               f"the same at {small:,} spans", size=f"{spans:,} vs {small:,} spans",
               notes=f"RSS growth {large_memory.rss_growth / mib:.0f} MB vs "
                     f"{small_memory.rss_growth / mib:.0f} MB"),
    ]


def _serialize_from_memory(source: Path, target: Path, chunk: int = 50_000) -> float:
    """Seconds orjson takes to serialize ``source``'s records and write them to ``target``;
    reading and parsing the records (in chunks, to bound memory) is not counted."""
    seconds = 0.0
    with source.open("rb") as lines, target.open("wb") as out:
        while True:
            records = [orjson.loads(line) for _, line in zip(range(chunk), lines, strict=False)]
            if not records:
                break
            start = time.perf_counter()
            out.write(b"".join(orjson.dumps(r, option=orjson.OPT_APPEND_NEWLINE)
                               for r in records))
            seconds += time.perf_counter() - start
        start = time.perf_counter()
        out.flush()
        os.fsync(out.fileno())
        seconds += time.perf_counter() - start
    return seconds
