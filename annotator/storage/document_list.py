"""The Documents panel's rows at any size: which documents, in which order, read a page at a time.

A project of 100,000 documents is too many ``DocumentSummary`` objects to build, filter and sort
in the window's thread on every keystroke. ``DocumentList`` keeps only each document's rowid and
folded title (a few megabytes at 100,000); it orders rowids in SQL and filters them against the
folded titles and the status rows, and builds summaries only for the page a view shows.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import Any

from annotator.domain.model import DocumentStatusValue, DocumentSummary, check_status
from annotator.domain.steps import Steps, finish
from annotator.storage.project import Project
from annotator.storage.tables import DOCUMENTS
from annotator.text import search_fold

TITLE, STATUS, SPANS, ANALYSTS = range(4)  # the orders ``arrange`` knows, the panel's columns
_SUMMARY_COLUMNS = ("id", "title", "source", "text_sha256", "length")
_BATCH = 500  # values bound in one IN (...) lookup
_SLICE = 200  # documents whose sort keys one step reads
_FOLDS = 5000  # titles one step folds
_COUNT = "(SELECT count(*) FROM spans s WHERE s.doc_id = d.id AND s.deleted = 0)"


class DocumentList:
    """The rowids of a project's documents, filtered and ordered, and summaries of a few.

    Call ``reload`` after documents are added, changed or removed (an import, a merge); status
    and span changes need no reload, since pages are read from the file each time they are asked
    for.
    """

    def __init__(self, project: Project) -> None:
        self.project = project
        self._rowids: list[int] = []  # import order
        self._by_title: list[int] = []
        self._titles: dict[int, str] = {}
        self._folded_titles: list[str] = []
        self._by_id: dict[str, int] = {}
        self._known: set[int] = set()  # the rowids read by ``reload``
        self.queries = 0  # statements run, for the tests that guard laziness

    def reload(self) -> None:
        """Read every document's rowid, id and title again (one statement)."""
        rows = self._run("SELECT rowid, id, title FROM documents ORDER BY title, rowid")
        self._by_title = [int(r[0]) for r in rows]
        self._by_id = {str(r[1]): int(r[0]) for r in rows}
        self._titles = {int(r[0]): str(r[2]) for r in rows}
        self._rowids = sorted(self._by_title)
        self._known = set(self._rowids)
        self._folded_titles = []  # folded by ``fold_steps``, or at the first filter

    def fold_steps(self) -> Steps[None]:
        """Fold the titles not folded yet (for filtering), a slice a step (``domain.steps``):
        opening a project need not wait for 100,000 titles to be folded."""
        folded, titles = self._folded_titles, self._titles
        while len(folded) < len(self._rowids):
            folded.extend(search_fold(titles[rowid]) for rowid in
                          self._rowids[len(folded):len(folded) + _FOLDS])
            yield

    def __len__(self) -> int:
        return len(self._rowids)

    def rowid(self, doc_id: str) -> int | None:
        return self._by_id.get(doc_id)

    def arrange(self, *, analyst: str, column: int = TITLE, descending: bool = False,
                status_rank: Mapping[str, int] | None = None) -> list[int]:
        """Every document's rowid ordered by ``column`` (ties in import order, as a stable sort
        of the import order would leave them). ``status_rank`` orders statuses as the panel
        names them; without it they order by their stored names."""
        return finish(self.arrange_steps(analyst=analyst, column=column, descending=descending,
                                         status_rank=status_rank))

    def arrange_steps(self, *, analyst: str, column: int = TITLE, descending: bool = False,
                      status_rank: Mapping[str, int] | None = None) -> Steps[list[int]]:
        """``arrange`` a small step at a time (``domain.steps``): the sort keys of a slice
        of documents a step, read in SQL, then one sort in memory."""
        if column == TITLE:  # in memory: a stable sort, as the import order leaves ties
            if not descending:
                return list(self._by_title)
            return sorted(self._rowids, key=self._titles.__getitem__, reverse=True)
        keys: dict[int, Any] = {}
        for first in range(0, len(self._rowids), _SLICE):
            chunk = self._rowids[first:first + _SLICE]
            keys.update(self._keys(column, analyst, status_rank or {}, chunk[0], chunk[-1]))
            yield
        # A stable sort of the import order, reversed or not, leaves ties in import order;
        # a document gone since ``reload`` is left out.
        return sorted((r for r in self._rowids if r in keys), key=keys.__getitem__,
                      reverse=descending)

    def _keys(self, column: int, analyst: str, ranks: Mapping[str, int], low: int, high: int
              ) -> Iterator[tuple[int, Any]]:
        """``(rowid, sort key)`` of the documents with rowids from ``low`` to ``high``."""
        if column == SPANS:
            yield from ((int(r[0]), int(r[1])) for r in self._run(
                f"SELECT d.rowid, {_COUNT} FROM documents d WHERE d.rowid BETWEEN ? AND ?",
                (low, high)))
        elif column == STATUS:  # by rank when ranked (every status is), else by name
            for rowid, status in self._run(
                    "SELECT d.rowid, coalesce(st.status, 'todo') FROM documents d"
                    " LEFT JOIN document_status st ON st.doc_id = d.id AND st.analyst = ?"
                    " WHERE d.rowid BETWEEN ? AND ?", (analyst, low, high)):
                yield int(rowid), ranks.get(status, len(ranks)) if ranks else str(status)
        else:  # every analyst's status, as the Analysts column lists them; none first
            for rowid, statuses in self._run(
                    "SELECT d.rowid, (SELECT group_concat(x, ',') FROM (SELECT analyst || ':' ||"
                    " status AS x FROM document_status WHERE doc_id = d.id ORDER BY analyst))"
                    " FROM documents d WHERE d.rowid BETWEEN ? AND ?", (low, high)):
                yield int(rowid), "" if statuses is None else f"\x01{statuses}"

    def matching(self, needle: str, *, analyst: str, statuses: Collection[str],
                 analysts: Collection[str]) -> set[int]:
        """Rowids of the documents a panel filter keeps: ``needle`` (already folded by
        ``search_fold``) in the folded title, or ``analyst``'s status (``todo`` when unset) in
        ``statuses``, or a status row whose status is in ``statuses`` or whose analyst is in
        ``analysts`` (the panel's Analysts column shows both)."""
        return finish(self.matching_steps(needle, analyst=analyst, statuses=statuses,
                                          analysts=analysts))

    def titled(self, needle: str) -> set[int]:
        """Rowids of the documents whose folded title contains ``needle`` (in memory)."""
        finish(self.fold_steps())
        return {rowid for rowid, title in zip(self._rowids, self._folded_titles, strict=True)
                if needle in title}

    def matching_steps(self, needle: str, *, analyst: str, statuses: Collection[str],
                       analysts: Collection[str]) -> Steps[set[int]]:
        """``matching`` a small step at a time (``domain.steps``): the titles at once, then
        the status rows of a slice of documents a step."""
        found = self.titled(needle)
        if not statuses and not analysts:
            return found
        for first in range(0, len(self._rowids), _SLICE):
            chunk = self._rowids[first:first + _SLICE]
            own: dict[int, str] = {}
            for rowid, who, status in self._run(
                    "SELECT d.rowid, st.analyst, st.status FROM documents d JOIN document_status"
                    " st ON st.doc_id = d.id WHERE d.rowid BETWEEN ? AND ?", (chunk[0], chunk[-1])):
                if who == analyst:
                    own[rowid] = status
                if who in analysts or status in statuses:
                    found.add(int(rowid))
            if "todo" in statuses:
                found.update(rowid for rowid in chunk if rowid not in own)
            yield
        return found & self._known

    def analysts(self) -> list[str]:
        """Every analyst the project knows."""
        return [str(r[0]) for r in self._run("SELECT name FROM analysts ORDER BY name")]

    def summaries(self, rowids: Sequence[int]) -> list[DocumentSummary]:
        """Summaries of the documents ``rowids``, in that order (a missing one is left out)."""
        by_rowid: dict[int, DocumentSummary] = {}
        for first in range(0, len(rowids), _BATCH):
            chunk = list(rowids[first:first + _BATCH])
            marks = _marks(chunk)
            statuses: dict[str, dict[str, DocumentStatusValue]] = {}
            for doc_id, who, status in self._run(
                    "SELECT st.doc_id, st.analyst, st.status FROM document_status st"
                    f" JOIN documents d ON d.id = st.doc_id WHERE d.rowid IN ({marks})", chunk):
                statuses.setdefault(str(doc_id), {})[str(who)] = check_status(status)
            for rowid, doc_id, title, source, sha, length, count in self._run(
                    f"SELECT d.rowid, {DOCUMENTS.column_list(_SUMMARY_COLUMNS, alias='d')},"
                    f" {_COUNT} FROM documents d WHERE d.rowid IN ({marks})", chunk):
                by_rowid[int(rowid)] = DocumentSummary(
                    doc_id, title, source, sha, length, count, statuses.get(doc_id, {}))
        return [by_rowid[r] for r in rowids if r in by_rowid]

    def _run(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        self.queries += 1
        rows: list[tuple[Any, ...]] = self.project.conn.execute(sql, parameters).fetchall()
        return rows


def _marks(values: Collection[object]) -> str:
    return ", ".join("?" * len(values))
