"""How long ``annotator merge`` takes at 10,000 documents and 100,000 spans.

Run: ``.venv/bin/python bench/merge_scale.py [FOLDER]``. Builds a lead's project with 10,000
documents and 50,000 spans, forks it with ``share``, lets the copy's analyst edit every one of
those spans (a new revision) and add 50,000 more, then times merging the copy back.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from annotator.domain.model import Document, new_id, utc_now
from annotator.storage.merging import merge_files
from annotator.storage.project import Project
from annotator.storage.sharing import share_project

DOCUMENTS = 10_000
SPANS_PER_DOCUMENT = 5  # in the base; the fork adds as many again
TEXT = "سفیر 😀 گفت که قیمت‌ها پایین می‌آید و علی و کتاب‌ها را دید. " * 4


def build(folder: Path) -> tuple[Path, Path]:
    base = folder / "lead.annot"
    with Project.create(base, analyst="lead") as project, project.transaction():
        rows = []
        for number in range(DOCUMENTS):
            text = f"{number} {TEXT}"
            doc = project.add_document(
                Document("", f"doc {number}", "bench", text, text, ((len(text), len(text)),)))
            now = utc_now()
            rows += [(new_id(), doc.id, 10 * i, 10 * i + 5, "Claim", "{}", "lead", now, now)
                     for i in range(SPANS_PER_DOCUMENT)]
        project.conn.executemany(
            'INSERT INTO spans(id, doc_id, start, "end", label, attrs, author, created, modified)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    fork = folder / "ali.annot"
    with Project.open(base, analyst="lead", read_only=True) as project:
        share_project(project, fork)
    with Project.open(fork, analyst="ali") as project, project.transaction():
        now = utc_now()
        project.conn.execute("UPDATE spans SET label = 'Turn', modified = ?,"
                             " revision = revision + 1", (now,))
        docs = [r[0] for r in project.conn.execute("SELECT id FROM documents")]
        project.conn.executemany(
            'INSERT INTO spans(id, doc_id, start, "end", label, attrs, author, created, modified)'
            " VALUES (?, ?, ?, ?, 'Stance', '{\"polarity\": \"favor\"}', 'ali', ?, ?)",
            [(new_id(), doc, 10 * i + 1, 10 * i + 8, now, now)
             for doc in docs for i in range(SPANS_PER_DOCUMENT)])
    return base, fork


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
    started = time.perf_counter()
    base, fork = build(folder)
    built = time.perf_counter() - started
    started = time.perf_counter()
    report = merge_files(base, [fork], analyst="lead")
    merged = time.perf_counter() - started
    started = time.perf_counter()
    again = merge_files(base, [fork], analyst="lead")
    repeated = time.perf_counter() - started
    print(json.dumps({"documents": report.documents.to_json(), "spans": report.spans.to_json(),
                      "build_seconds": round(built, 1), "merge_seconds": round(merged, 1),
                      "merge_again_seconds": round(repeated, 1),
                      "again_changed": again.changed}, indent=2))


if __name__ == "__main__":
    main()
