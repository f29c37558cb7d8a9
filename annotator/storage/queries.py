"""Read-only questions other layers ask of a project file, answered in SQL here so that nothing
outside ``storage`` touches a connection (``tests/storage/test_layering.py`` checks it).

Offsets are code points of the canonical text, end exclusive.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from annotator.storage.project import Project
from annotator.storage.project import stored_document_ids as stored_ids
from annotator.storage.tables import SPANS

SpanRow = tuple[str, str, str, str, int, int, int]
"""A span as an export reads it, without a ``Span`` object: ``(id, label, attrs, author,
start, end, revision)``, ``attrs`` still the stored JSON object text. Writers of a million
spans read these, so they stay plain tuples in this one documented order."""

SPAN_ROW_COLUMNS = ("id", "label", "attrs", "author", "start", "end", "revision")
_SPAN_ORDER = 'start, "end", label, id'
_BATCH = 500  # values bound in one IN (...) lookup


def export_span_rows(project: Project, doc_id: str, *, by: str = "all") -> list[SpanRow]:
    """The live spans of ``doc_id`` as ``SpanRow``s, by ``by`` only unless it is ``all``,
    ordered by start, end, label and id."""
    author = "" if by == "all" else " AND author = ?"
    rows: list[SpanRow] = project.conn.execute(
        f"SELECT {SPANS.column_list(SPAN_ROW_COLUMNS)} FROM spans"
        f" WHERE doc_id = ? AND deleted = 0{author} ORDER BY {_SPAN_ORDER}",
        (doc_id,) if by == "all" else (doc_id, by)).fetchall()
    return rows


def span_marks(project: Project, *, excluding: str
               ) -> Iterator[tuple[str, str, str, int, int, str]]:
    """``(doc_id, author, label, start, end, attrs JSON)`` of every live span not by
    ``excluding``, by document, then start, end and id."""
    yield from project.conn.execute(
        f"SELECT {SPANS.column_list(('doc_id', 'author', 'label', 'start', 'end', 'attrs'))}"
        ' FROM spans WHERE deleted = 0 AND author != ? ORDER BY doc_id, start, "end", id',
        (excluding,))


def span_marks_of(project: Project, doc_ids: Sequence[str], *, excluding: str,
                  columns: Sequence[str] = ("doc_id", "author", "label", "start", "end", "attrs")
                  ) -> list[tuple[Any, ...]]:
    """``span_marks`` of the documents ``doc_ids`` only (at most a few hundred): the named
    columns of their live spans not by ``excluding``, ordered as ``span_marks`` orders them."""
    marks = ", ".join("?" * len(doc_ids))
    rows: list[tuple[Any, ...]] = project.conn.execute(
        f"SELECT {SPANS.column_list(columns)} FROM spans WHERE doc_id IN ({marks})"
        ' AND deleted = 0 AND author != ? ORDER BY doc_id, start, "end", id',
        (*doc_ids, excluding)).fetchall()
    return rows


def document_ids_after(project: Project, after: str, count: int) -> list[str]:
    """The ids of the ``count`` documents after id ``after``, in the order of the ids (as
    ``span_marks`` groups them)."""
    return [str(r[0]) for r in project.conn.execute(
        "SELECT id FROM documents WHERE id > ? ORDER BY id LIMIT ?", (after, count))]


def document_count(project: Project) -> int:
    return int(project.conn.execute("SELECT count(*) FROM documents").fetchone()[0])


def span_rowid_after(project: Project, after: int, count: int) -> int | None:
    """The rowid of the ``count``-th span (live or not) after rowid ``after``, or the last
    rowid when fewer follow, or ``None`` when none does: where a slice of spans ends."""
    row = project.conn.execute(
        "SELECT rowid FROM spans WHERE rowid > ? ORDER BY rowid LIMIT 1 OFFSET ?",
        (after, count - 1)).fetchone()
    if row is not None:
        return int(row[0])
    last = project.conn.execute("SELECT max(rowid) FROM spans WHERE rowid > ?",
                                (after,)).fetchone()[0]
    return None if last is None else int(last)


def status_counts(project: Project) -> list[tuple[str, str, int]]:
    """``(analyst, status, documents)`` for each analyst and status they set."""
    return [(str(a), str(s), int(n)) for a, s, n in project.conn.execute(
        "SELECT analyst, status, count(*) FROM document_status GROUP BY analyst, status")]


def live_span_counts(project: Project, *, by_label: bool = False,
                     rowids: tuple[int, int] | None = None) -> list[tuple[str, str, int]]:
    """``(author, label, live spans)`` per author and label, ordered by both; with
    ``by_label`` false the label is empty and the count is the author's total. With
    ``rowids``, of the spans whose rowid is in that inclusive range only."""
    where, parameters = ("", ()) if rowids is None else (" AND rowid BETWEEN ? AND ?", rowids)
    if by_label:
        rows = project.conn.execute(
            f"SELECT author, label, count(*) FROM spans WHERE deleted = 0{where}"
            " GROUP BY author, label ORDER BY author, label", parameters)
    else:
        rows = project.conn.execute(
            f"SELECT author, '', count(*) FROM spans WHERE deleted = 0{where}"
            " GROUP BY author ORDER BY author", parameters)
    return [(str(a), str(label), int(n)) for a, label, n in rows]


def span_authors(project: Project, label: str) -> dict[str, str]:
    """Every live span of ``label``: its id to its author."""
    return {str(span_id): str(author) for span_id, author in project.conn.execute(
        "SELECT id, author FROM spans WHERE label = ? AND deleted = 0", (label,))}


def stored_document_ids(project: Project, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` the project has as document ids, in a few lookups."""
    return stored_ids(project.conn, ids)


def first_documents_by_sha(project: Project, shas: Iterable[str]) -> dict[str, str]:
    """For each of ``shas`` the project has, the id of its first document in import order."""
    hashes = sorted(set(shas))
    first_by_sha: dict[str, tuple[int, str]] = {}
    for first in range(0, len(hashes), _BATCH):
        chunk = hashes[first:first + _BATCH]
        for sha, rowid, doc_id in project.conn.execute(
                "SELECT text_sha256, rowid, id FROM documents"
                f" WHERE text_sha256 IN ({', '.join('?' * len(chunk))})", chunk):
            if sha not in first_by_sha or rowid < first_by_sha[sha][0]:
                first_by_sha[sha] = (rowid, doc_id)
    return {sha: doc_id for sha, (_, doc_id) in first_by_sha.items()}


StanceMark = tuple[str, str, str, str, str]
"""``(doc_id, span_id, holder, target, polarity)`` of one span; a missing attribute is ``""``."""

_STANCE_MARKS = (
    "SELECT s.doc_id, s.id, coalesce(json_extract(s.attrs, '$.holder'), ''),"
    " coalesce(json_extract(s.attrs, '$.target'), ''),"
    " coalesce(json_extract(s.attrs, '$.polarity'), '')"
    " FROM spans s JOIN documents d ON d.id = s.doc_id"
    " WHERE s.label = ? AND s.deleted = 0{where} ORDER BY d.rowid, s.start, s.\"end\", s.id")


def stance_marks(project: Project, label: str, doc_id: str | None = None, *,
                 rowids: tuple[int, int] | None = None, author: str | None = None
                 ) -> list[StanceMark]:
    """The live spans of ``label`` as ``StanceMark``s, in import order, then by start, end and
    id: of ``doc_id`` only if given, of the documents whose rowid is in the inclusive range
    ``rowids`` if that is given, else of every document; by ``author`` only if given."""
    parameters: tuple[object, ...]
    if doc_id is not None:
        where, parameters = " AND s.doc_id = ?", (label, doc_id)
    elif rowids is not None:
        where, parameters = " AND d.rowid BETWEEN ? AND ?", (label, *rowids)
    else:
        where, parameters = "", (label,)
    if author is not None:
        where, parameters = f"{where} AND s.author = ?", (*parameters, author)
    return [(str(d), str(i), str(h), str(t), str(p)) for d, i, h, t, p in
            project.conn.execute(_STANCE_MARKS.format(where=where), parameters)]


def document_rowids(project: Project) -> tuple[int, int]:
    """The smallest and largest document rowid (``(0, -1)`` with no documents)."""
    low, high = project.conn.execute("SELECT min(rowid), max(rowid) FROM documents").fetchone()
    return (0, -1) if low is None else (int(low), int(high))
