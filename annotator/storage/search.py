"""Search every document, or one, folding query and text alike (``علي`` finds ``علی``).

Hits are code point offsets into the canonical text, end exclusive. ``search_fold`` keeps the
length, so an offset in the folded text is the same offset in the canonical text.

The mechanism was chosen by measuring 10,000 documents (30 MB, ``python -m bench search``):
scanning a stored folded copy in SQL took 56 ms (``LIKE``) to 75 ms (``instr``) a query; an
FTS5 trigram index answered in 1–27 ms but made importing 10,000 documents about a second
slower and the file twice as large. A canonical text never changes after import, so the
canonical and folded texts are kept in memory instead (two copies of the text, two or four
bytes a character each), read on the first search and extended with the documents added
since: no schema change, nothing slower on import, 1–40 ms a query.
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_right
from dataclasses import dataclass

from annotator.domain.errors import InvariantError
from annotator.text import search_fold

CONTEXT_CHARS = 40  # code points of context on each side of a hit, within its line


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
    """The folded text of every document of one project file, in import order, joined by NUL
    (which no canonical text holds) so one ``str.find`` pass finds every hit, and the canonical
    texts for the hits' context."""

    def __init__(self) -> None:
        self._clear()

    def _clear(self) -> None:
        self._rowids: list[int] = []
        self._ids: list[str] = []
        self._texts: list[str] = []
        self._starts: list[int] = []  # where each document's folded text begins in _joined
        self._joined = ""

    def refresh(self, conn: sqlite3.Connection) -> None:
        """Fold the documents added since the last call (or all again, if any went away)."""
        count, last = conn.execute(
            "SELECT count(*), coalesce(max(rowid), 0) FROM documents").fetchone()
        if count == len(self._rowids) and last == (self._rowids[-1] if self._rowids else 0):
            return
        self._load(conn, after=self._rowids[-1] if self._rowids else 0)
        if len(self._rowids) != count:
            self._clear()  # a document went away: start again
            self._load(conn, after=0)

    def _load(self, conn: sqlite3.Connection, *, after: int) -> None:
        known = bool(self._rowids)
        position = len(self._joined) + 1 if known else 0
        folded: list[str] = []
        for rowid, doc_id, text in conn.execute(
                "SELECT rowid, id, canonical_text FROM documents WHERE rowid > ?"
                " ORDER BY rowid", (after,)):
            self._rowids.append(rowid)
            self._ids.append(doc_id)
            self._texts.append(text)
            self._starts.append(position)
            folded.append(search_fold(text))
            position += len(text) + 1
        if folded:
            self._joined = "\0".join([self._joined, *folded] if known else folded)

    def search(self, conn: sqlite3.Connection, query: str, *, doc_id: str | None = None,
               limit: int | None = None) -> list[SearchHit]:
        """Non-overlapping matches of ``query``, by document in import order, then by start.

        ``doc_id`` searches that document only; ``limit`` caps the number of hits. An empty
        query finds nothing.
        """
        if limit is not None and limit < 0:
            raise InvariantError("a search limit must not be negative")
        needle = search_fold(query)
        if not needle or limit == 0 or "\0" in needle:
            return []
        wanted = limit if limit is not None else -1
        hits: list[SearchHit] = []
        if doc_id is not None:
            row = conn.execute("SELECT canonical_text FROM documents WHERE id = ?",
                               (doc_id,)).fetchone()
            if row is None:
                raise InvariantError(f"there is no document {doc_id!r} in the project")
            text, folded = row[0], search_fold(row[0])
            start = folded.find(needle)
            while start >= 0 and len(hits) != wanted:
                hits.append(_hit(text, doc_id, start, len(needle)))
                start = folded.find(needle, start + len(needle))
            return hits
        self.refresh(conn)
        joined, starts = self._joined, self._starts
        position = joined.find(needle)
        while position >= 0 and len(hits) != wanted:
            index = bisect_right(starts, position) - 1
            hits.append(_hit(self._texts[index], self._ids[index], position - starts[index],
                             len(needle)))
            position = joined.find(needle, position + len(needle))
        return hits


def _hit(text: str, doc_id: str, start: int, length: int) -> SearchHit:
    end = start + length
    before = text[max(0, start - CONTEXT_CHARS):start]
    after = text[end:end + CONTEXT_CHARS]
    line_end = after.find("\n")
    return SearchHit(doc_id, start, end, text[start:end], before[before.rfind("\n") + 1:],
                     after if line_end < 0 else after[:line_end])
