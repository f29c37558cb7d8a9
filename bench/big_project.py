"""A project file of about ``size`` bytes of real pages, made quickly, for the backup bench.

``make_big_project(path, size)`` builds a small project from ``scale_corpus`` (its generated
documents and marks, nothing taken from a real text) and then doubles its documents with
``INSERT ... SELECT`` (new ids, same texts) until the file holds ``size`` bytes: 1 GB in about
a minute, where importing that many documents one by one would take far longer. Every page is
a real table or index page; the file passes ``PRAGMA integrity_check``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bench.scale_corpus import make_project

SEED_DOCUMENTS = 500


def make_big_project(path: Path, size: int) -> int:
    """Create ``path`` of at least ``size`` bytes; returns the number of documents in it."""
    make_project(path, SEED_DOCUMENTS)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        page = int(conn.execute("PRAGMA page_size").fetchone()[0])
        while int(conn.execute("PRAGMA page_count").fetchone()[0]) * page < size:
            have = int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
            room = size - int(conn.execute("PRAGMA page_count").fetchone()[0]) * page
            per_document = max(1, int(conn.execute("PRAGMA page_count").fetchone()[0]) * page
                               // have)
            adding = max(1, min(have, room // per_document + 1))
            conn.execute("BEGIN")
            conn.execute(
                "INSERT INTO documents SELECT lower(hex(randomblob(16))), title, source,"
                " canonical_text, raw_text, alignment, metadata, text_sha256, length, encoding,"
                " author, created FROM documents LIMIT ?", (adding,))
            conn.execute("COMMIT")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    finally:
        conn.close()


if __name__ == "__main__":
    import sys
    import time

    started = time.perf_counter()
    count = make_big_project(Path(sys.argv[1]), int(float(sys.argv[2])))
    print(f"{count:,} documents, {Path(sys.argv[1]).stat().st_size:,} bytes in "
          f"{time.perf_counter() - started:.1f} s")
