"""The stance view: who takes which stance toward what, in this document or the project.

A table of holder × target with the count of each polarity, and a stacked bar chart of the same
numbers; double-clicking a cell lists its spans, and choosing one jumps to it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.analysis.stance import POLARITIES, StanceCell, StanceCount, stance_table
from annotator.ui.deferred import after_first_paint
from annotator.ui.plain import menu_text, tooltip
from annotator.ui.schemanames import value_name
from annotator.ui.session import Session
from annotator.ui.sliced import Sliced
from annotator.ui.stancechart import COLOURS, IN_DOCK, ChartWindow, StanceChart

if TYPE_CHECKING:
    from PySide6.QtCharts import QChart

_CELL = Qt.ItemDataRole.UserRole + 1


class StanceView(QWidget):
    """Holder × target stance counts, following every edit through the session."""

    def __init__(self, session: Session, current_document: Callable[[], str],
                 jump: Callable[[str, str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.current_document = current_document
        self.jump = jump
        self.cells: list[StanceCell] = []
        self._count = Sliced(self)  # the whole project's count, between the window's events
        self._count.finished.connect(self._show_cells)
        self._count.failed.connect(self._count_failed)
        self.state = QLabel()
        self.state.hide()
        self.scope = QComboBox()
        self.scope.addItem(self.tr("This document"), "document")
        self.scope.addItem(self.tr("Whole project"), "project")
        self.scope.currentIndexChanged.connect(lambda _index: self.refresh())
        self.table = QTableWidget(0, 2 + len(POLARITIES) + 1)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Holder"), self.tr("Target"), *(value_name("polarity", p) for p in POLARITIES),
             self.tr("Total")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setResizeContentsPrecision(100)  # rows measured to fit
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.cellDoubleClicked.connect(self._open_cell)
        self._chart: StanceChart | None = None
        self.chart_window: ChartWindow | None = None
        self.window_button = QPushButton(self.tr("Chart in a window"))
        self.window_button.setToolTip(tooltip(self.tr(
            "Open the chart in a window of its own, which can be made larger")))
        self.window_button.clicked.connect(self.open_chart_window)
        top = QHBoxLayout()
        top.addWidget(self.scope)
        top.addWidget(self.state)
        top.addStretch(1)
        top.addWidget(self.window_button)
        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self.refresh)
        for signal in (session.span_added, session.span_changed):
            signal.connect(lambda span: self._changed(span.label))
        session.span_removed.connect(lambda _doc, _span: self._timer.start())
        session.speakers_changed.connect(self._timer.start)

    def _changed(self, label: str) -> None:
        if label == "Stance":
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._count.cancel()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        after_first_paint(self, lambda: self._timer.start(0))  # counted once its frame is shown

    def document_shown(self, _doc_id: str) -> None:
        self._timer.start()

    def refresh(self) -> None:
        """Count again for the chosen scope (only while shown: counting reads every span)."""
        if not self.isVisible():
            return
        self._count.cancel()
        if self.scope.currentData() == "project":  # every document: slices between events
            self._count.start(StanceCount(self.session.project).steps())
            self.state.setText(self.tr("Counting…"))
            self.state.show()
            return
        doc_id = self.current_document()
        self._show_cells(stance_table(self.session.project, doc_id) if doc_id else [])

    def _count_failed(self, message: str) -> None:
        self.state.setText(self.tr("Could not count: %s") % message)

    def _show_cells(self, cells: list[StanceCell]) -> None:
        self.cells = cells
        self.state.hide()
        self._fill_table()
        self._fill_chart()

    def counting(self) -> bool:
        """Whether a count of the whole project is still running."""
        return self._count.running()

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self.cells))
        for row, cell in enumerate(self.cells):
            values = [cell.holder or "—", cell.target or "—",
                      *(str(cell.count(p)) for p in POLARITIES), str(cell.total)]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)  # table cells are drawn as plain text
                item.setData(_CELL, row)
                if 2 <= column < 2 + len(POLARITIES) and value != "0":
                    item.setForeground(QColor(COLOURS[POLARITIES[column - 2]]))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()

    @property
    def chart(self) -> QChart:
        """The dock's stacked bar chart (ui/stancechart.py)."""
        return self.chart_panel().chart

    def chart_panel(self) -> StanceChart:
        """The chart under the table, made on first use (QtCharts loads then)."""
        if self._chart is None:
            self._chart = StanceChart(IN_DOCK, label_length=22)
            self.splitter.addWidget(self._chart)
            self.splitter.setStretchFactor(1, 2)  # the bars get two thirds of the height
            self.splitter.setSizes([1, 2])
        return self._chart

    def _fill_chart(self) -> None:
        self.chart_panel().show_cells(self.cells)
        if self.chart_window is not None:
            self.chart_window.panel.show_cells(self.cells)

    def open_chart_window(self) -> None:
        """The chart in a window of its own, larger and with more pairs, following the counts."""
        if self.chart_window is None:
            self.chart_window = ChartWindow(self)
        self.chart_window.panel.show_cells(self.cells)
        self.chart_window.show()
        self.chart_window.raise_()

    def spans_of(self, row: int, column: int) -> list[tuple[str, str]]:
        """The (document, span) pairs behind a cell: one polarity's, or all of the row's."""
        cell = self.cells[row]
        if 2 <= column < 2 + len(POLARITIES):
            return list(cell.spans.get(POLARITIES[column - 2], []))
        return [found for spans in cell.spans.values() for found in spans]

    def _open_cell(self, row: int, column: int) -> None:
        found = self.spans_of(row, column)
        if len(found) == 1:
            self.jump(*found[0])
            return
        menu = QMenu(self)
        project = self.session.project
        for doc_id, span_id in found[:50]:
            span = project.span(span_id)
            text = project.document(doc_id).canonical_text[span.start:span.end]
            short = text if len(text) <= 60 else text[:60] + "…"
            action = menu.addAction(menu_text(short.replace("\n", " ")))
            action.triggered.connect(lambda _c=False, d=doc_id, s=span_id: self.jump(d, s))
        rect = self.table.visualRect(self.table.model().index(row, column))
        menu.popup(self.table.viewport().mapToGlobal(rect.center()))

