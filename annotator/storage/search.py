"""Search every document, or one, folding query and text alike (``علي`` finds ``علی``).

Hits are code point offsets into the canonical text, end exclusive. ``search_fold`` keeps the
length, so an offset in the folded text is the same offset in the canonical text.

The file holds a trigram index of every document's folded text (``search_index``, a contentless
FTS5 table with ``detail=none``: which documents hold each three-character string, nothing
more) and ``search_documents``, which gives each document its row in the index, in import
order. A search asks the index for the documents holding every trigram of the folded query,
a page at a time, and finds the hits by folding those documents' canonical texts; a query
shorter than three characters reads every document the same way. Memory is a page of
documents, whatever the size of the project. The design was chosen by measuring
(``python -m bench.search_designs``; see the design notes).

Imports and merges do not index: the documents they add are *pending* until
``index_pending`` indexes them, a step of about ``PENDING_STEP_SECONDS`` at a time in a short
transaction of its own (the window does it in idle time). Indexing goes in import order, so
the indexed documents are always the oldest ones and the pending ones are exactly those after
the newest indexed document (``pending_after``); a search reads the index for the former, then
folds and scans the pending ones a page at a time, which gives the same hits in the same order.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import NamedTuple

from annotator.domain.errors import InvariantError
from annotator.storage.tables import SEARCH_DOCUMENTS
from annotator.text import search_fold, search_pattern

CONTEXT_CHARS = 40  # code points of context on each side of a hit, within its line
PAGE_DOCUMENTS = 64  # documents read a statement: a few milliseconds of work
# A step of ``index_pending``: the documents it expects to index in this time, at most this many
# code points, and never less than one whole document (one of 1M code points is a ~0.1 s step).
PENDING_STEP_SECONDS = 0.015
PENDING_STEP_CHARS = 200_000
PENDING_STEP_DOCUMENTS = 256  # read a statement: more than a step of short documents takes
TRIGRAM = 3

SEARCH_SCHEMA = """
        CREATE TABLE search_documents (
            id INTEGER PRIMARY KEY,            -- the document's rowid in search_index
            doc_id TEXT NOT NULL UNIQUE        -- documents.id (no foreign key: derived data)
        );
        CREATE VIRTUAL TABLE search_index USING fts5(
            folded, content='', detail=none, columnsize=0,
            tokenize='trigram case_sensitive 1'
        );
        """


class SearchHit(NamedTuple):
    """A match of the query in ``doc_id``: ``[start, end)`` in code points of its canonical
    text, with ``text`` the matched canonical text (``canonical[start:end]``) and up to
    ``CONTEXT_CHARS`` code points of the same line ``before`` and ``after`` it. A named
    tuple: a common word gives thousands, and a frozen dataclass took four times as long to
    make."""

    doc_id: str
    start: int
    end: int
    text: str
    before: str
    after: str


def index_documents(conn: sqlite3.Connection, documents: Iterable[tuple[str, str]]) -> None:
    """Add ``(doc_id, canonical_text)`` documents to the search index, after those there; the
    caller's transaction makes them part of the same change as the documents' rows."""
    insert = SEARCH_DOCUMENTS.insert(columns=("doc_id",))
    for doc_id, text in documents:
        rowid = conn.execute(insert, (doc_id,)).lastrowid
        conn.execute("INSERT INTO search_index(rowid, folded) VALUES (?, ?)",
                     (rowid, search_fold(text)))


def pending_after(conn: sqlite3.Connection) -> int:
    """The documents' rowid after which every document is pending (0: all are): the rowid of
    the newest indexed document, as the index is only ever extended in import order."""
    row = conn.execute(
        "SELECT d.rowid FROM search_documents s JOIN documents d ON d.id = s.doc_id"
        " ORDER BY s.id DESC LIMIT 1").fetchone()
    return 0 if row is None else int(row[0])


def skipped_count(conn: sqlite3.Connection) -> int:
    """How many documents are missing from the index *before* its newest one, which search
    would never find (0 unless the file was changed behind the program's back); pending
    documents are not among them."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_documents'").fetchone() \
            is None:
        return 0
    return int(conn.execute(
        "SELECT count(*) FROM documents d WHERE d.rowid <= ? AND NOT EXISTS"
        " (SELECT 1 FROM search_documents s WHERE s.doc_id = d.id)",
        (pending_after(conn),)).fetchone()[0])


def pending_count(conn: sqlite3.Connection) -> int:
    """How many documents are not in the index yet."""
    return int(conn.execute("SELECT count(*) FROM documents WHERE rowid > ?",
                            (pending_after(conn),)).fetchone()[0])


def index_pending(conn: sqlite3.Connection, *, seconds: float = PENDING_STEP_SECONDS,
                  limit: int | None = None) -> int:
    """Index the oldest pending documents for about ``seconds``: the next one is left for
    another step when the rate (code points a second) measured so far in this step says it
    would end past ``seconds``, or when it would take the step past ``PENDING_STEP_CHARS``
    code points; the first is always indexed whole. ``limit`` caps the number of documents.
    How many were indexed (0: none was pending). The caller's transaction holds the step."""
    started = time.perf_counter()
    rows = conn.execute(
        "SELECT rowid, length FROM documents WHERE rowid > ? ORDER BY rowid LIMIT ?",
        (pending_after(conn), PENDING_STEP_DOCUMENTS if limit is None else max(limit, 0)),
    ).fetchall()
    chars = 0
    for done, (rowid, length) in enumerate(rows):
        if done:
            elapsed = time.perf_counter() - started
            if chars + length > PENDING_STEP_CHARS or elapsed + elapsed * length / chars > seconds:
                return done
        doc_id, text = conn.execute("SELECT id, canonical_text FROM documents WHERE rowid = ?",
                                    (rowid,)).fetchone()
        index_documents(conn, ((doc_id, text),))
        chars += max(int(length), 1)  # an empty document still costs its rows
    return len(rows)


def index_all(conn: sqlite3.Connection) -> None:
    """Index every document not yet indexed, in import order, a page at a time."""
    after = 0
    while rows := conn.execute(
            "SELECT d.rowid, d.id, d.canonical_text FROM documents d WHERE d.rowid > ?"
            " AND NOT EXISTS (SELECT 1 FROM search_documents s WHERE s.doc_id = d.id)"
            " ORDER BY d.rowid LIMIT ?", (after, PAGE_DOCUMENTS)).fetchall():
        index_documents(conn, ((doc_id, text) for _, doc_id, text in rows))
        after = rows[-1][0]


def search(conn: sqlite3.Connection, query: str, *, doc_id: str | None = None,
           limit: int | None = None) -> list[SearchHit]:
    """Non-overlapping matches of ``query``, by document in import order, then by start.

    ``doc_id`` searches that document only; ``limit`` caps the number of hits. An empty
    query finds nothing.
    """
    if limit is not None and limit < 0:
        raise InvariantError("a search limit must not be negative")
    return list(islice(hits(conn, query, doc_id=doc_id), limit))


def hits(conn: sqlite3.Connection, query: str, *, doc_id: str | None = None
         ) -> Iterator[SearchHit]:
    """The hits ``search`` gives, one at a time: each step reads at most a page of documents
    with a statement of its own, so a caller may stop, or pause between steps, at no cost."""
    needle = search_fold(query)
    pattern = search_pattern(query)
    if pattern is None or "\0" in needle:  # no canonical text holds NUL
        return
    if doc_id is not None:
        row = conn.execute("SELECT canonical_text FROM documents WHERE id = ?",
                           (doc_id,)).fetchone()
        if row is None:
            raise InvariantError(f"there is no document {doc_id!r} in the project")
        yield from _hits_in(doc_id, row[0], pattern)
        return
    for found_id, text in _candidates(conn, needle):
        yield from _hits_in(found_id, text, pattern)


def _candidates(conn: sqlite3.Connection, needle: str) -> Iterator[tuple[str, str]]:
    """``(doc_id, canonical_text)`` of every document that may hold ``needle``, in order."""
    indexed = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'search_documents'").fetchone() is not None
    if not indexed:  # a file from before the index, opened read-only: read every document
        sql = ("SELECT rowid, id, canonical_text FROM documents WHERE rowid > ?"
               " ORDER BY rowid LIMIT ?")
        parameters: tuple[str, ...] = ()
    elif len(needle) >= TRIGRAM:
        grams = sorted({needle[i:i + TRIGRAM] for i in range(len(needle) - TRIGRAM + 1)})
        match = " AND ".join('"' + gram.replace('"', '""') + '"' for gram in grams)
        sql = ("SELECT i.rowid, d.id, d.canonical_text FROM search_index i"
               " JOIN search_documents s ON s.id = i.rowid JOIN documents d ON d.id = s.doc_id"
               " WHERE search_index MATCH ? AND i.rowid > ? ORDER BY i.rowid LIMIT ?")
        parameters = (match,)
    else:  # too short for a trigram: every document is a candidate
        sql = ("SELECT s.id, d.id, d.canonical_text FROM search_documents s"
               " JOIN documents d ON d.id = s.doc_id WHERE s.id > ? ORDER BY s.id LIMIT ?")
        parameters = ()
    yield from _pages(conn, sql, parameters, 0)
    if indexed:  # then the pending documents, from after the newest indexed one at this step
        yield from _pages(conn, "SELECT rowid, id, canonical_text FROM documents"
                          " WHERE rowid > ? ORDER BY rowid LIMIT ?", (), pending_after(conn))


def _pages(conn: sqlite3.Connection, sql: str, parameters: tuple[str, ...], after: int
           ) -> Iterator[tuple[str, str]]:
    """``(doc_id, canonical_text)`` of the rows ``sql`` selects, a page at a time: its last
    two parameters are the key to start after and the page size, its rows ``(key, id, text)``."""
    while rows := conn.execute(sql, (*parameters, after, PAGE_DOCUMENTS)).fetchall():
        for _, found_id, text in rows:
            yield found_id, text
        after = rows[-1][0]


def _hits_in(doc_id: str, text: str, pattern: re.Pattern[str]) -> Iterator[SearchHit]:
    # The pattern matches the canonical text itself: folding it first cost twice as much.
    for match in pattern.finditer(text):
        start, end = match.span()
        before = text[max(0, start - CONTEXT_CHARS):start]
        after = text[end:end + CONTEXT_CHARS]
        line_end = after.find("\n")
        yield SearchHit(doc_id, start, end, match.group(), before[before.rfind("\n") + 1:],
                        after if line_end < 0 else after[:line_end])
