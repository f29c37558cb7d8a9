"""Measure candidate search designs at several corpus sizes: ``python -m bench.search_designs``.

Each design is built into its own file from the same generated documents (``bench.corpus``, about
2,000 characters each; one in 1,000 holds ``RARE_WORD``) in batches of 1,000 documents a
transaction, as an import stores them, and then searched in a fresh process so that its peak
resident memory is the search's own. Designs:

- ``none``: no index; the search folds every text on the fly, one document at a time (also the
  baseline of the import-time ratio: storing the documents alone);
- ``memory``: the texts folded into memory on the first search (the design before issue #18);
- ``instr``: a folded copy of each text in a table, scanned by SQLite with ``instr``;
- ``fts-full``: a contentless FTS5 trigram index of the folded text (phrase queries);
- ``fts-none``: the same with ``detail=none`` (an AND of the needle's trigrams), smaller.

Every design verifies its candidates by folding the canonical text, so all find the same hits.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from annotator.text import search_fold
from bench import corpus

DESIGNS = ("none", "memory", "instr", "fts-full", "fts-none")
RARE_WORD = "کهکشان"
COMMON_WORD = "ایران"
BATCH = 1000


def _texts(count: int):
    for first in range(0, count, BATCH):
        texts = corpus.documents(min(BATCH, count - first), size_bytes=3500, seed=first + 1)
        for offset in range(0, len(texts), 1000):
            texts[offset] += " " + RARE_WORD + "."
        yield first, texts


def _schema(conn: sqlite3.Connection, design: str) -> None:
    conn.execute("CREATE TABLE documents (id TEXT PRIMARY KEY, title TEXT NOT NULL,"
                 " canonical_text TEXT NOT NULL, text_sha256 TEXT NOT NULL,"
                 " length INTEGER NOT NULL, metadata TEXT NOT NULL, alignment TEXT NOT NULL)")
    if design == "instr":
        conn.execute("CREATE TABLE search_text (id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL,"
                     " folded TEXT NOT NULL)")
    elif design.startswith("fts"):
        detail = design.split("-")[1]
        conn.execute("CREATE TABLE search_docs (id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL)")
        conn.execute("CREATE VIRTUAL TABLE search_index USING fts5(folded, content='',"
                     f" detail={detail}, tokenize='trigram case_sensitive 1')")


def build(path: Path, design: str, count: int) -> dict[str, float]:
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    _schema(conn, design)
    spent = 0.0
    chars = 0
    for first, texts in _texts(count):
        started = time.perf_counter()
        conn.execute("BEGIN")
        rows = [(f"d{first + n:07d}", f"t{first + n}", text,
                 hashlib.sha256(text.encode()).hexdigest(), len(text), "{}",
                 json.dumps([[len(text), len(text)]])) for n, text in enumerate(texts)]
        conn.executemany("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        if design == "instr":
            conn.executemany("INSERT INTO search_text(doc_id, folded) VALUES (?, ?)",
                             ((r[0], search_fold(r[2])) for r in rows))
        elif design.startswith("fts"):
            for row in rows:
                rowid = conn.execute("INSERT INTO search_docs(doc_id) VALUES (?)",
                                     (row[0],)).lastrowid
                conn.execute("INSERT INTO search_index(rowid, folded) VALUES (?, ?)",
                             (rowid, search_fold(row[2])))
        conn.execute("COMMIT")
        spent += time.perf_counter() - started
        chars += sum(len(t) for t in texts)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return {"import_s": spent, "file_mb": path.stat().st_size / 1e6, "chars": chars}


def _verify(rows, needle: str, limit: int | None) -> int:
    """Count the hits of ``needle`` in ``(doc_id, canonical_text)`` rows, at most ``limit``."""
    hits = 0
    for _doc_id, text in rows:
        folded = search_fold(text)
        start = folded.find(needle)
        while start >= 0:
            hits += 1
            if hits == limit:
                return hits
            start = folded.find(needle, start + len(needle))
    return hits


def _fts_query(needle: str, detail: str) -> str:
    if detail == "full":
        return '"' + needle.replace('"', '""') + '"'
    grams = {needle[i:i + 3] for i in range(len(needle) - 2)}
    return " AND ".join('"' + g.replace('"', '""') + '"' for g in sorted(grams))


def searcher(conn: sqlite3.Connection, design: str):
    if design == "memory":
        memory: list[str] = []  # the texts folded and joined on the first search, then kept

        def in_memory(needle: str, limit: int | None) -> int:
            if not memory:
                memory.append("\0".join(search_fold(text) for (text,) in conn.execute(
                    "SELECT canonical_text FROM documents ORDER BY rowid")))
            hits, start = 0, memory[0].find(needle)
            while start >= 0 and hits != limit:
                hits += 1
                start = memory[0].find(needle, start + len(needle))
            return hits
        return in_memory

    def search(needle: str, limit: int | None) -> int:
        if design == "none":
            rows = conn.execute("SELECT id, canonical_text FROM documents ORDER BY rowid")
        elif design == "instr":
            rows = ((doc_id, text) for doc_id, text, _folded in conn.execute(
                "SELECT s.doc_id, d.canonical_text, s.folded FROM search_text s"
                " JOIN documents d ON d.id = s.doc_id WHERE instr(s.folded, ?) > 0"
                " ORDER BY s.id", (needle,)))
        else:
            rows = conn.execute(
                "SELECT d.id, d.canonical_text FROM search_index i"
                " JOIN search_docs s ON s.id = i.rowid JOIN documents d ON d.id = s.doc_id"
                " WHERE search_index MATCH ? ORDER BY i.rowid",
                (_fts_query(needle, design.split("-")[1]),))
        return _verify(rows, needle, limit)
    return search


def _rss_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1]) / 1024
    return float("nan")


def search_figures(path: Path, design: str) -> dict[str, float]:
    conn = sqlite3.connect(path)
    conn.execute("SELECT count(*) FROM documents").fetchone()
    search = searcher(conn, design)
    before = _rss_mb("VmRSS")
    figures: dict[str, float] = {"rss_before_mb": before}
    queries = (("first", COMMON_WORD, 100), ("common_100", COMMON_WORD, 100),
               ("common_all", COMMON_WORD, None), ("rare", RARE_WORD, None),
               ("absent", corpus.ABSENT_WORD, None))
    for name, query, limit in queries:
        runs = []
        for _ in range(1 if name == "first" else 3):
            started = time.perf_counter()
            hits = search(search_fold(query), limit)
            runs.append(time.perf_counter() - started)
        figures[f"{name}_s"] = sorted(runs)[len(runs) // 2]
        figures[f"{name}_hits"] = hits
    figures["rss_peak_mb"] = _rss_mb("VmHWM")
    figures["rss_after_mb"] = _rss_mb("VmRSS")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--designs", nargs="+", default=list(DESIGNS))
    parser.add_argument("--workdir", type=Path,
                        default=Path(tempfile.gettempdir()) / "search-designs")
    parser.add_argument("--child", nargs=3)  # build|search, design, path
    args = parser.parse_args()
    if args.child:
        step, design, path = args.child
        count = args.sizes[0]
        result = build(Path(path), design, count) if step == "build" else search_figures(
            Path(path), design)
        print(json.dumps(result))
        return 0
    args.workdir.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        for design in args.designs:
            built = "none" if design == "memory" else design
            path = args.workdir / f"{built}-{size}.db"
            row: dict[str, object] = {"design": design, "documents": size}
            if design != "memory" or not path.exists():
                row |= _child("build", built, path, size)
            row |= _child("search", design, path, size)
            print(json.dumps(row), flush=True)
        for design in args.designs:
            (args.workdir / f"{design}-{size}.db").unlink(missing_ok=True)
    return 0


def _child(step: str, design: str, path: Path, size: int) -> dict[str, float]:
    out = subprocess.run(  # noqa: S603 - this interpreter and this module, our own arguments
        [sys.executable, "-m", "bench.search_designs", "--sizes", str(size), "--child", step,
         design, str(path)], check=True, capture_output=True, text=True, env=os.environ)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


if __name__ == "__main__":
    sys.exit(main())
