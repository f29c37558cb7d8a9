"""Importing one document of 40,000 spans from doccano, Label Studio and brat files.

The document (about 44,000 generated Persian words, so emoji, ZWNJ and Arabic letter
variants) is built with bulk SQL and exported with our own exporters to each of the three
formats and to our JSONL; each figure is ``import_files`` of one export into a new project,
against the import of our JSONL export of the same document, measured in the same rounds
(the order turns each round). The target is absolute: under 10 s each (it was 84 s when the
importers were quadratic in the spans of a document, issue 16 item 28). The notes give the
process's CPU seconds too: on a loaded machine the wall time is mostly waiting for a core.
"""

from __future__ import annotations

import json
import random
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from annotator.domain.model import Document
from annotator.formats.exporting import ExportOptions, export_project
from annotator.formats.importing import import_files
from annotator.storage.project import Project
from annotator.text import canonicalize, token_spans
from bench import corpus
from bench.harness import Context, Result, median, timed

SPANS = 40_000
SECONDS = 10.0
REPEATS = 3  # each round imports the document four times; 3 rounds are minutes already
FORMATS = {"doccano": "doccano.jsonl", "label-studio": "label-studio.json", "brat": "brat"}
_CHOICES = {"type": ("factual", "opinion", "prediction"), "checkworthy": ("yes", "no")}


def build(ctx: Context, path: Path, spans: int) -> int:
    """A letters project with one document of at least ``spans`` words and a Claim (with
    choice attributes) on each of its first ``spans`` words; the document's length."""
    rng = random.Random(ctx.seed)
    [text] = corpus.documents(1, size_bytes=spans * 11 + 2000, seed=ctx.seed)
    canonical = canonicalize(text, "letters")
    with Project.create(path, analyst="bench") as project:
        [document] = project.add_documents([Document(
            "", "one long interview", "bench", canonical.text, text,
            canonical.alignment.segments)])
        tokens = token_spans(document.canonical_text)
        if len(tokens) < spans:
            raise RuntimeError(f"the generated text has {len(tokens):,} words, not {spans:,}")
        now = "2026-01-01T00:00:00.000000Z"
        rows = [(str(uuid.UUID(int=rng.getrandbits(128), version=4)), document.id, start, end,
                 "Claim", json.dumps({k: rng.choice(v) for k, v in _CHOICES.items()}),
                 "bench", now, now) for start, end in tokens[:spans]]
        with project.transaction():
            project.conn.executemany(
                'INSERT INTO spans(id, doc_id, start, "end", label, attrs, author, created,'
                " modified, revision, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0)", rows)
    return len(document.canonical_text)


def run(ctx: Context) -> list[Result]:
    spans = ctx.size(SPANS, minimum=200)
    source = ctx.path("source.annot")
    ctx.log(f"foreign: building one document of {spans:,} spans")
    length = build(ctx, source, spans)
    exports = {"jsonl": ctx.workdir / "ours.jsonl"}
    exports.update((fmt, ctx.workdir / name) for fmt, name in FORMATS.items())
    with Project.open(source, analyst="bench", read_only=True) as project:
        for fmt, output in exports.items():
            export_project(project, output, ExportOptions(fmt))

    def importer(fmt: str) -> Callable[[], None]:
        target = ctx.workdir / f"into-{fmt}.annot"

        def step() -> None:
            with Project.open(target, analyst="bench") as project:
                report = import_files(project, [exports[fmt]], fmt=fmt)
            assert report.documents_added == 1 and report.spans_added == spans, report
        return step

    order = ["jsonl", *FORMATS]
    seconds: dict[str, list[float]] = {fmt: [] for fmt in order}
    cpu: dict[str, list[float]] = {fmt: [] for fmt in order}  # on a shared machine, the fair one
    for round_number in range(min(ctx.repeats, REPEATS)):
        turned = order[round_number % len(order):] + order[:round_number % len(order)]
        ctx.log(f"foreign: round {round_number + 1}, {', '.join(turned)}")
        for fmt in turned:
            Project.create(ctx.path(f"into-{fmt}.annot"), analyst="bench").close()
            started = time.process_time()
            seconds[fmt].append(timed(importer(fmt)))
            cpu[fmt].append(time.process_time() - started)
    size = f"{spans:,} spans in one document of {length:,} characters"
    return [Result(f"import {fmt}, one long document", f"import_files of our {fmt} export",
                   "s", median(seconds[fmt]), SECONDS, "max", median(seconds["jsonl"]),
                   "import_files of our JSONL export of the same document", seconds[fmt],
                   seconds["jsonl"], size, notes=f"CPU {median(cpu[fmt]):.1f} s against "
                   f"{median(cpu['jsonl']):.1f} s")
            for fmt in FORMATS]
