"""Search every document, or one, folding query and text alike (``علي`` finds ``علی``).

Hits are code point offsets into the canonical text, end exclusive. ``search_fold`` keeps the
length, so an offset in the folded text is the same offset in the canonical text.

The mechanism was chosen by measuring 10,000 documents (30 MB, ``python -m bench search``):
scanning a stored folded copy in SQL took 56 ms (``LIKE``) to 75 ms (``instr``) a query; an
FTS5 trigram index answered in 1–27 ms but made importing 10,000 documents about a second
slower and the file twice as large. A canonical text never changes after import, so the
folded texts are kept in memory instead, read on the first search and extended with the
documents added since: no schema change, nothing slower on import, 10–30 ms a query.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from annotator.domain.errors import InvariantError
from annotator.text import search_fold

CONTEXT_CHARS = 40  # code points of context on each side of a hit, within its line
_CHUNK = 500  # documents fetched per query when gathering context


@dataclass(frozen=True)
class SearchHit:
    """A match of the query in ``doc_id``: ``[start, end)`` in code points of its canonical
    text, with ``text`` the matched canonical text (``canonical[start:end]``) and up to
    ``CONTEXT_CHARS`` code points of the same line ``before`` and ``after`` it."""

    doc_id: str
    start: int
    end: int
    text: str
    before: str
    after: str


class SearchIndex:
    """The folded text of every document of one project file, kept in import order."""

    def __init__(self) -> None:
        self._rowids: list[int] = []
        self._ids: list[str] = []
        self._folded: list[str] = []

    def refresh(self, conn: sqlite3.Connection) -> None:
        """Fold the documents added since the last call (or all again, if any went away)."""
        count, last = conn.execute(
            "SELECT count(*), coalesce(max(rowid), 0) FROM documents").fetchone()
        if count == len(self._rowids) and last == (self._rowids[-1] if self._rowids else 0):
            return
        self._load(conn, after=self._rowids[-1] if self._rowids else 0)
        if len(self._rowids) != count:
            self._rowids, self._ids, self._folded = [], [], []
            self._load(conn, after=0)

    def _load(self, conn: sqlite3.Connection, *, after: int) -> None:
        for rowid, doc_id, text in conn.execute(
                "SELECT rowid, id, canonical_text FROM documents WHERE rowid > ?"
                " ORDER BY rowid", (after,)):
            self._rowids.append(rowid)
            self._ids.append(doc_id)
            self._folded.append(search_fold(text))

    def search(self, conn: sqlite3.Connection, query: str, *, doc_id: str | None = None,
               limit: int | None = None) -> list[SearchHit]:
        """Non-overlapping matches of ``query``, by document in import order, then by start.

        ``doc_id`` searches that document only; ``limit`` caps the number of hits. An empty
        query finds nothing.
        """
        if limit is not None and limit < 0:
            raise InvariantError("a search limit must not be negative")
        needle = search_fold(query)
        if not needle or limit == 0:
            return []
        found: list[tuple[int, str, int]] = []  # rowid, doc_id, start
        if doc_id is not None:
            row = conn.execute("SELECT rowid, canonical_text FROM documents WHERE id = ?",
                               (doc_id,)).fetchone()
            if row is None:
                raise InvariantError(f"there is no document {doc_id!r} in the project")
            _find(search_fold(row[1]), needle, row[0], doc_id, found, limit)
        else:
            self.refresh(conn)
            for rowid, ident, folded in zip(self._rowids, self._ids, self._folded, strict=True):
                if needle in folded and _find(folded, needle, rowid, ident, found, limit):
                    break
        return _with_context(conn, found, len(needle))


def _find(folded: str, needle: str, rowid: int, doc_id: str,
          found: list[tuple[int, str, int]], limit: int | None) -> bool:
    """Append the matches in one folded text; true once ``limit`` hits are found."""
    start = folded.find(needle)
    while start >= 0:
        found.append((rowid, doc_id, start))
        if limit is not None and len(found) >= limit:
            return True
        start = folded.find(needle, start + len(needle))
    return False


def _with_context(conn: sqlite3.Connection, found: list[tuple[int, str, int]], length: int
                  ) -> list[SearchHit]:
    rowids = sorted({rowid for rowid, _, _ in found})
    texts: dict[int, str] = {}
    for first in range(0, len(rowids), _CHUNK):
        chunk = rowids[first:first + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        texts.update(conn.execute(
            f"SELECT rowid, canonical_text FROM documents WHERE rowid IN ({marks})", chunk))
    hits = []
    for rowid, doc_id, start in found:
        text = texts[rowid]
        end = start + length
        before = text[max(0, start - CONTEXT_CHARS):start]
        after = text[end:end + CONTEXT_CHARS]
        hits.append(SearchHit(doc_id, start, end, text[start:end],
                              before[before.rfind("\n") + 1:], after.split("\n", 1)[0]))
    return hits
