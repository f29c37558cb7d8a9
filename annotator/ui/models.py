"""Table models over the project: documents, the current document's spans, speakers.

Each model has column constants and a row-object role (``ROW_ROLE``) so views and tests reach
the domain object behind a row without parsing display strings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from annotator.domain.model import DocumentSummary, Span, Speaker
from annotator.text import search_fold

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


class _RowsModel[T](QAbstractTableModel):
    """A read-only table over a list of row objects; subclasses say how to show a cell."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[T]:
        return list(self._rows)

    def row_object(self, row: int) -> T:
        return self._rows[row]

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

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.display(row, index.column())
        if role == SORT_ROLE:
            return self.sort_key(row, index.column())
        return self.decoration(row, index.column(), role)

    def display(self, row: T, column: int) -> str:
        raise NotImplementedError

    def sort_key(self, row: T, column: int) -> Any:
        return self.display(row, column)

    def decoration(self, row: T, column: int, role: int) -> Any:
        return None


class DocumentsModel(_RowsModel[DocumentSummary]):
    TITLE, STATUS, SPANS, ANALYSTS = range(4)
    HEADERS = ("Title", "Status", "Spans", "Analysts")

    def __init__(self, analyst: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.analyst = analyst
        self.status_names: Callable[[str], str] = lambda status: status

    def display(self, row: DocumentSummary, column: int) -> str:
        if column == self.TITLE:
            return row.title
        if column == self.STATUS:
            return self.status_names(row.statuses.get(self.analyst, "todo"))
        if column == self.SPANS:
            return str(row.span_count)
        return "، ".join(f"{name}: {self.status_names(status)}"
                         for name, status in sorted(row.statuses.items()))

    def sort_key(self, row: DocumentSummary, column: int) -> Any:
        return row.span_count if column == self.SPANS else self.display(row, column)

    def find(self, doc_id: str) -> int:
        return next((i for i, row in enumerate(self._rows) if row.id == doc_id), -1)


class SpansModel(_RowsModel[Span]):
    LABEL, TEXT, ATTRIBUTES, START, END, AUTHOR = range(6)
    HEADERS = ("Label", "Text", "Attributes", "Start", "End", "Analyst")

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
            return row.label
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

    def find(self, span_id: str) -> int:
        return next((i for i, row in enumerate(self._rows) if row.id == span_id), -1)


class SpeakersModel(_RowsModel[Speaker]):
    NAME, ALIASES, ROLE, AFFILIATION = range(4)
    HEADERS = ("Name", "Aliases", "Role", "Affiliation")

    def display(self, row: Speaker, column: int) -> str:
        if column == self.NAME:
            return row.name
        if column == self.ALIASES:
            return "، ".join(row.aliases)
        if column == self.ROLE:
            return row.role
        return row.affiliation


class FoldedFilterProxy(QSortFilterProxyModel):
    """Sorts by ``SORT_ROLE`` and keeps rows whose cells contain the filter, folded like search
    (so ``علي`` finds ``علی``)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._needle = ""

    def set_needle(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = search_fold(text.strip())
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._needle:
            return True
        model = self.sourceModel()
        for column in range(model.columnCount()):
            value = model.data(model.index(source_row, column, source_parent))
            if value and self._needle in search_fold(str(value)):
                return True
        return False
