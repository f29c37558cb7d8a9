"""Table models over the project: documents, the current document's spans, speakers.

Each model has column constants and a row-object role (``ROW_ROLE``) so views and tests reach
the domain object behind a row without parsing display strings.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from annotator.domain.model import STATUSES, DocumentSummary, Span, Speaker
from annotator.domain.steps import finish
from annotator.storage.document_list import DocumentList
from annotator.storage.project import Project
from annotator.text import search_fold
from annotator.ui.plain import tooltip
from annotator.ui.schemanames import label_name
from annotator.ui.sliced import Sliced

ROW_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


class _Table(QAbstractTableModel):
    """A read-only table of ``_rows`` under the translated ``HEADERS``."""

    HEADERS: tuple[str, ...] = ()
    _rows: Sequence[object]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.HEADERS)):
            return self.tr(self.HEADERS[section])
        return None


class _RowsModel[T](_Table):
    """A read-only table over a list of row objects, filtered and sorted in Python.

    Filtering and sorting here rather than in a QSortFilterProxyModel keeps a table of 20,000
    spans cheap to refresh: the proxy calls back into Python once per row and comparison.
    """

    DEFAULT_SORT = 0

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[T] = []
        self._rows: list[T] = []
        self._needle = ""
        self._sort_column = self.DEFAULT_SORT
        self._descending = False

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._all = list(rows)
        self._rows = self._arranged()
        self.endResetModel()

    def set_needle(self, text: str) -> None:
        """Keep the rows with a cell containing ``text``, folded like search (علي finds علی)."""
        self.beginResetModel()
        self._needle = search_fold(text.strip())
        self._rows = self._arranged()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort_column = column
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._rows = self._arranged()
        self.layoutChanged.emit()

    def _arranged(self) -> list[T]:
        rows = self._all
        if self._needle:
            needle = self._needle
            rows = [row for row in rows
                    if any(needle in search_fold(self.display(row, column))
                           for column in range(len(self.HEADERS)))]
        if self._sort_column != self.DEFAULT_SORT or self._descending or not self.PRESORTED:
            column = self._sort_column
            rows = sorted(rows, key=lambda row: self.sort_key(row, column),
                          reverse=self._descending)
        return list(rows)

    PRESORTED = False  # rows arrive in DEFAULT_SORT order already

    def put(self, obj: T, *, new: bool = False) -> None:
        """Add a row object, or replace the one with the same ``id``, keeping filter and order.
        ``new`` says no row has that id (skips a search through every row)."""
        if not new:
            self.discard(getattr(obj, "id", None))
        self._all.insert(self._position(self._all, obj), obj)
        if self._needle or self._sort_column != self.DEFAULT_SORT or self._descending:
            self.beginResetModel()
            self._rows = self._arranged()
            self.endResetModel()
            return
        position = self._position(self._rows, obj)
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.insert(position, obj)
        self.endInsertRows()

    def discard(self, key: object) -> None:
        """Remove the row object whose ``id`` is ``key``, if there is one."""
        if key is None:
            return
        held = next((i for i, row in enumerate(self._all) if getattr(row, "id", None) == key), -1)
        if held < 0:
            return
        obj = self._all.pop(held)
        if obj in self._rows:
            position = self._rows.index(obj)
            self.beginRemoveRows(QModelIndex(), position, position)
            del self._rows[position]
            self.endRemoveRows()

    def _position(self, rows: list[T], obj: T) -> int:
        if not self.PRESORTED:
            return len(rows)
        return bisect_right(rows, self.sort_key(obj, self.DEFAULT_SORT),
                            key=lambda row: self.sort_key(row, self.DEFAULT_SORT))

    def rows(self) -> list[T]:
        return list(self._rows)

    def row_object(self, row: int) -> T:
        return self._rows[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:  # item views show cells as plain text, tooltips
            return tooltip(self.display(row, index.column()))  # would guess: escape them
        return self.decoration(row, index.column(), role)

    def display(self, row: T, column: int) -> str:
        raise NotImplementedError

    def sort_key(self, row: T, column: int) -> Any:
        return self.display(row, column)

    def decoration(self, row: T, column: int, role: int) -> Any:
        return None

    def find(self, key: str) -> int:
        """The row showing the object whose ``id`` is ``key``, or -1."""
        return next((i for i, row in enumerate(self._rows) if getattr(row, "id", None) == key),
                    -1)


class DocumentsModel(_Table):
    """The project's documents, any number of them: the order and the filter are kept as
    rowids (``storage.document_list``), and a row's summary is read from the file with its page
    when a view first asks for it, so 100,000 documents cost a few megabytes and no step walks
    all their summaries.

    The filter keeps a document whose title, status or analysts' names contain the text, folded
    like search (علي finds علی); counts are not matched."""

    TITLE, STATUS, SPANS, ANALYSTS = range(4)
    HEADERS = ("Title", "Status", "Spans", "Analysts")
    PAGE = 100  # summaries read together
    AT_ONCE = 2000  # documents ordered by status, count or analysts at once; more in slices
    arranged = Signal()  # an order computed between the window's events is shown

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.analyst = project.analyst
        self.documents = DocumentList(project)
        self.status_names: Callable[[str], str] = lambda status: status
        self._needle = ""
        self._sort_column = self.TITLE
        self._descending = False
        self._order: list[int] = []  # every document's rowid, in the current order
        self._rows: list[int] = []  # the rowids shown, in that order
        self._pages: dict[int, list[DocumentSummary]] = {}
        self.fetched = 0  # summaries read so far, for the tests that guard laziness
        self._loaded = False
        self._arranging = Sliced(self)  # the current order stays shown until then
        self._arranging.finished.connect(self._arranged)
        self._filtering = Sliced(self)
        self._filtering.finished.connect(self._filtered)
        self._folding = Sliced(self)

    def reload(self) -> None:
        """Read the project's documents again (after an import or a merge)."""
        self.beginResetModel()
        self.documents.reload()
        self._loaded = True
        self._folding.start(self.documents.fold_steps())  # ready for the first filter
        if self._sort_column != self.TITLE:  # shown by title until the chosen order is ready
            self._order = self.documents.arrange(analyst=self.analyst)
            self._filter()
        self._arrange()
        self.endResetModel()

    def refresh(self) -> None:
        """Show statuses and counts as they are now; the order and filter follow them."""
        if self._needle or self._sort_column != self.TITLE:
            self.beginResetModel()
            self._arrange()
            self.endResetModel()
            return
        self._pages.clear()
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(self.HEADERS) - 1))

    def set_needle(self, text: str) -> None:
        self.beginResetModel()
        self._needle = search_fold(text.strip())
        self._filter()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort_column = column
        self._descending = order == Qt.SortOrder.DescendingOrder
        if self._loaded:  # a view sorts as soon as it is given the model, before ``reload``
            self._arrange()
        self.layoutChanged.emit()

    def _arrange(self) -> None:
        """Order by title at once; by anything else in SQL, between the window's events when
        there are more than ``AT_ONCE`` documents (``arranging()`` until then)."""
        names = sorted(STATUSES, key=self.status_names)
        steps = self.documents.arrange_steps(
            analyst=self.analyst, column=self._sort_column, descending=self._descending,
            status_rank={status: rank for rank, status in enumerate(names)})
        self._arranging.cancel()
        if self._sort_column == self.TITLE or len(self.documents) <= self.AT_ONCE:
            self._order = finish(steps)
            self._filter()
        else:
            self._arranging.start(steps)

    def arranging(self) -> bool:
        """Whether an order is still being computed (the previous one is shown meanwhile)."""
        return self._arranging.running()

    def _arranged(self, order: list[int]) -> None:
        self.beginResetModel()
        self._order = order
        self._filter()
        self.endResetModel()
        self.arranged.emit()

    def _filter(self) -> None:
        """Keep the rows the needle matches: at once up to ``AT_ONCE`` documents; beyond, the
        titles at once and the statuses between the window's events (``filtering()``)."""
        self._pages.clear()
        self._filtering.cancel()
        needle = self._needle
        if not needle:
            self._rows = self._order
            return
        statuses = [s for s in STATUSES if needle in search_fold(self.status_names(s))]
        analysts = [a for a in self.documents.analysts() if needle in search_fold(a)]
        steps = self.documents.matching_steps(needle, analyst=self.analyst, statuses=statuses,
                                              analysts=analysts)
        if len(self.documents) <= self.AT_ONCE or not (statuses or analysts):
            self._keep(finish(steps))
            return
        self._keep(self.documents.titled(needle))
        self._filtering.start(steps)

    def _keep(self, kept: set[int]) -> None:
        self._rows = [rowid for rowid in self._order if rowid in kept]

    def filtering(self) -> bool:
        """Whether the filter's status matches are still being read (titles are shown)."""
        return self._filtering.running()

    def _filtered(self, kept: set[int]) -> None:
        self.beginResetModel()
        self._pages.clear()
        self._keep(kept)
        self.endResetModel()
        self.arranged.emit()

    def row_object(self, row: int) -> DocumentSummary:
        page = self._pages.get(row // self.PAGE)
        if page is None:
            first = row - row % self.PAGE
            page = self.documents.summaries(self._rows[first:first + self.PAGE])
            self._pages[row // self.PAGE] = page
            self.fetched += len(page)
        return page[row % self.PAGE]

    def find(self, key: str) -> int:
        """The row showing the document ``key``, or -1."""
        rowid = self.documents.rowid(key)
        if rowid is None:
            return -1
        try:
            return self._rows.index(rowid)
        except ValueError:
            return -1

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (not index.isValid() or not 0 <= index.row() < len(self._rows)
                or role not in _DOCUMENT_ROLES):
            return None
        row = self.row_object(index.row())
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, index.column())
        return tooltip(self.display(row, index.column()))  # escaped: tooltips guess rich text

    def display(self, row: DocumentSummary, column: int) -> str:
        if column == self.TITLE:
            return row.title
        if column == self.STATUS:
            return self.status_names(row.statuses.get(self.analyst, "todo"))
        if column == self.SPANS:
            return str(row.span_count)
        return "، ".join(f"{name}: {self.status_names(status)}"
                         for name, status in sorted(row.statuses.items()))


_DOCUMENT_ROLES = (ROW_ROLE, Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)


class SpansModel(_RowsModel[Span]):
    LABEL, TEXT, ATTRIBUTES, START, END, AUTHOR = range(6)
    HEADERS = ("Label", "Text", "Attributes", "Start", "End", "Analyst")
    DEFAULT_SORT = START
    PRESORTED = True  # the view's span index hands them over ordered by start

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.colours: dict[str, str] = {}
        self.describe: Callable[[Span], str] = lambda span: span.label

    def set_document(self, text: str, spans: Sequence[Span]) -> None:
        self.text = text
        self.set_rows(spans)

    def display(self, row: Span, column: int) -> str:
        if column == self.LABEL:
            return label_name(row.label)
        if column == self.TEXT:
            return self.text[row.start:row.end].replace("\n", " ")
        if column == self.ATTRIBUTES:
            description = self.describe(row)
            return description.partition(" — ")[2]
        if column == self.START:
            return str(row.start)
        if column == self.END:
            return str(row.end)
        return row.author

    def sort_key(self, row: Span, column: int) -> Any:
        if column == self.START:
            return row.start
        if column == self.END:
            return row.end
        return self.display(row, column)

    def decoration(self, row: Span, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and column == self.LABEL:
            return QColor(self.colours.get(row.label, "#888888"))
        return None


class SpeakersModel(_RowsModel[Speaker]):
    NUMBER, NAME, ALIASES, ROLE, AFFILIATION = range(5)
    HEADERS = ("#", "Name", "Aliases", "Role", "Affiliation")
    numbers: Mapping[str, int] = {}  # speaker id → its pinned number (ui/speakers.py)

    def display(self, row: Speaker, column: int) -> str:
        if column == self.NUMBER:
            return str(self.numbers.get(row.id, ""))
        if column == self.NAME:
            return row.name
        if column == self.ALIASES:
            return "، ".join(row.aliases)
        if column == self.ROLE:
            return row.role
        return row.affiliation

    def sort_key(self, row: Speaker, column: int) -> Any:
        return self.numbers.get(row.id, 0) if column == self.NUMBER else self.display(row, column)
