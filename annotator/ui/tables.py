"""The window's row tables (documents, spans, speakers): sortable, whole rows, under a filter
line, with columns that fit their headers and cells in a narrow dock."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.ui.models import DocumentsModel, SpansModel, SpeakersModel

# Per table: the columns sized to their contents and header (numbers, status words, label
# names, short names), so no header or short cell is ever cut; every other column starts at
# ELIDED_WIDTH (or its header's width) and elides its text, the whole of it in the cell's
# tooltip; the last column takes what room is left.
FITTED: dict[type[QAbstractItemModel], tuple[int, ...]] = {
    DocumentsModel: (DocumentsModel.STATUS, DocumentsModel.SPANS),
    SpansModel: (SpansModel.LABEL, SpansModel.START, SpansModel.END, SpansModel.AUTHOR),
    SpeakersModel: (SpeakersModel.NUMBER, SpeakersModel.NAME),
}
ELIDED_WIDTH = 100  # px: a few words of a title or a span's text; the short columns still fit


def fit_columns(table: QTableView, model: QAbstractItemModel) -> None:
    """Resize modes for ``table`` showing ``model`` (one of ``FITTED``'s): short columns fit
    their contents and header; long ones start at ``ELIDED_WIDTH`` and elide in the middle."""
    fitted = FITTED[type(model)]
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setResizeContentsPrecision(200)  # sized from the first rows: fast on big projects
    table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    table.setWordWrap(False)
    for column in range(model.columnCount()):
        if column in fitted:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, max(header.sectionSizeHint(column), ELIDED_WIDTH))


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
