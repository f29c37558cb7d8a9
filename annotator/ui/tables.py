"""The window's row tables (documents, spans): sortable, whole rows, under a filter line."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.ui.models import DocumentsModel, SpansModel


def row_table(model: DocumentsModel | SpansModel) -> QTableView:
    """A read-only table of ``model`` that selects whole rows and sorts by any column."""
    table = QTableView()
    table.setModel(model)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
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
