"""The window's row tables (documents, spans, speakers): sortable, whole rows, under a filter
line, with columns that fit their headers and cells in a narrow dock."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.ui.models import DocumentsModel, SpansModel, SpeakersModel


@dataclass(frozen=True)
class Columns:
    """How one table's columns share a narrow dock: ``fitted`` ones are sized to their contents
    and header (numbers, status words, label names), so no header or short cell is ever cut;
    ``stretched`` takes the room left and elides its text in the middle (the whole of it in the
    cell's tooltip); the others start at ``ELIDED_WIDTH`` and elide too; when the columns do not
    fit the table's width, ``hidden_first`` are hidden in that order, so it never scrolls
    sideways (they come back when the dock is widened)."""

    fitted: tuple[int, ...]
    stretched: int
    hidden_first: tuple[int, ...]


COLUMNS: dict[type[QAbstractItemModel], Columns] = {
    DocumentsModel: Columns((DocumentsModel.STATUS, DocumentsModel.SPANS), DocumentsModel.TITLE,
                            (DocumentsModel.ANALYSTS,)),
    # A span's start and end say little to a reader (the rows are in text order anyway); its
    # attributes (who speaks, which polarity) are what the Inspector would otherwise be opened for.
    SpansModel: Columns((SpansModel.LABEL, SpansModel.START, SpansModel.END, SpansModel.AUTHOR),
                        SpansModel.TEXT, (SpansModel.END, SpansModel.START, SpansModel.AUTHOR,
                                          SpansModel.ATTRIBUTES)),
    SpeakersModel: Columns((SpeakersModel.NUMBER, SpeakersModel.NAME), SpeakersModel.NAME,
                           (SpeakersModel.AFFILIATION, SpeakersModel.ALIASES)),
}
FITTED = {model: columns.fitted for model, columns in COLUMNS.items()}
ELIDED_WIDTH = 100  # px: a few words of a title or a span's text; the short columns still fit


class ColumnFit(QObject):
    """Keeps ``table``'s columns within its width, hiding ``columns.hidden_first`` as needed."""

    def __init__(self, table: QTableView, columns: Columns) -> None:
        super().__init__(table)
        self.table = table
        self.columns = columns
        self._later = QTimer(self, singleShot=True, interval=0)
        self._later.timeout.connect(self.fit)
        model = table.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted,
                       model.rowsRemoved):
            signal.connect(self._later.start)
        # The header spans the viewport and is resized with it; asking for viewport() at
        # start-up would cost the first frame ~10 ms (ui/deferred.py).
        table.horizontalHeader().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.fit()  # at once: the resized table never shows a sideways scroll bar
        return False

    def width(self, column: int) -> int:
        """The least width ``column`` needs: its header's, and its cells' when fitted."""
        header = self.table.horizontalHeader()
        if column in self.columns.fitted:  # only the rows in sight are measured while shown
            return max(header.sectionSizeHint(column), self.table.sizeHintForColumn(column))
        return max(header.sectionSizeHint(column), ELIDED_WIDTH)

    def fit(self) -> None:
        """Show every column that fits, hiding the least useful first."""
        if not self.table.isVisible():  # measured when shown (a hidden table measures all rows)
            return
        room = self.table.horizontalHeader().width()
        shown = list(range(self.table.model().columnCount()))
        widths = {column: self.width(column) for column in shown}
        for column in self.columns.hidden_first:
            if sum(widths[c] for c in shown) <= room:
                break
            shown.remove(column)
        for column in widths:
            if self.table.isColumnHidden(column) != (column not in shown):
                self.table.setColumnHidden(column, column not in shown)


def fit_columns(table: QTableView, model: QAbstractItemModel) -> None:
    """Resize modes for ``table`` showing ``model`` (one of ``COLUMNS``'): short columns fit
    their contents and header; the long ones elide in the middle; the table never scrolls
    sideways while hiding its less useful columns can avoid it."""
    columns = COLUMNS[type(model)]
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setResizeContentsPrecision(200)  # sized from the first rows: fast on big projects
    table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    table.setWordWrap(False)
    for column in range(model.columnCount()):
        if column == columns.stretched:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        elif column in columns.fitted:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, max(header.sectionSizeHint(column), ELIDED_WIDTH))
    ColumnFit(table, columns)


def row_table(model: DocumentsModel | SpansModel) -> QTableView:
    """A read-only table of ``model`` that selects whole rows and sorts by any column."""
    table = QTableView()
    table.setModel(model)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    fit_columns(table, model)
    return table


def filtered_table(table: QTableView, model: DocumentsModel | SpansModel, placeholder: str,
                   extra: QWidget | None = None) -> QWidget:
    """``table`` under a line that filters ``model`` as the analyst types; ``extra`` below."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(2, 2, 2, 2)
    line = QLineEdit()
    line.setPlaceholderText(placeholder)
    line.setClearButtonEnabled(True)
    line.textChanged.connect(model.set_needle)
    layout.addWidget(line)
    layout.addWidget(table)
    if extra is not None:
        layout.addWidget(extra)
    return box
