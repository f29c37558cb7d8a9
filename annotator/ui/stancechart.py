"""The Stance tab's bar chart: an overview of the most marked holder → target pairs.

The table above it lists every pair; the chart shows the ``limit`` most marked ones, the most
marked at the top, each bar ``BAR_LINES`` lines high so its label stays readable.
In a dock shorter than that the chart scrolls instead of squeezing its bars, a line under it
says how many pairs it leaves to the table, and a button opens the same chart, with more pairs,
in a window of its own that the analyst can make as large as the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QDialog, QFrame, QScrollArea, QVBoxLayout, QWidget

from annotator.analysis.stance import POLARITIES, StanceCell
from annotator.lazy import lazy
from annotator.ui.plain import plain_label
from annotator.ui.schemanames import value_name

if TYPE_CHECKING:  # QtCharts loads when the chart is first drawn (annotator/lazy.py)
    from PySide6 import QtCharts
    from PySide6.QtCharts import QChart
else:
    QtCharts = lazy("PySide6.QtCharts")

COLOURS = {"favor": "#2ca02c", "against": "#d62728", "neutral": "#7f7f7f"}
IN_DOCK = 10  # pairs charted in the dock: an overview, beside the table that has them all
IN_WINDOW = 40  # pairs charted in the chart's own window
# Lines of the axis font per bar: Qt Charts draws a pair's name as "…" when its row is not well
# over a line high (measured with the Persian font: 26 px rows, 17 px lines gave only "…").
BAR_LINES = 2.2
CHART_FRAME = 90  # px for the count axis, the legend and the margins around the bars


class StanceChart(QWidget):
    """A stacked bar chart of the ``limit`` most marked pairs, scrolling when it is short."""

    def __init__(self, limit: int, label_length: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit = limit
        self.label_length = label_length  # characters of a pair's name on the axis
        self.chart: QChart = QtCharts.QChart()
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        # A dock is narrow: the chart's own margins would leave its axis labels no room and Qt
        # would draw them as "…".
        self.chart.setMargins(QMargins(0, 0, 0, 0))
        self.chart.setBackgroundRoundness(0)
        self.chart.layout().setContentsMargins(0, 0, 0, 0)
        self.view = QtCharts.QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setWidget(self.view)
        self.more = plain_label()
        self.more.setWordWrap(True)
        self.more.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.area, 1)
        layout.addWidget(self.more)

    def show_cells(self, cells: list[StanceCell]) -> None:
        """Chart the most marked of ``cells`` (ties in their order), most marked at the top."""
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        charted = sorted(cells, key=lambda c: -c.total)[:self.limit]
        left = len(cells) - len(charted)
        self.more.setText(self.tr("The %1 most marked pairs; %2 more in the table.")
                          .replace("%1", str(len(charted))).replace("%2", str(left)))
        self.more.setVisible(left > 0)
        bar = QFontMetrics(self._axis_font()).height() * BAR_LINES
        self.view.setFixedHeight(CHART_FRAME + round(bar * len(charted)))
        if charted:
            self._draw(charted[::-1])  # a horizontal chart draws its first bar lowest

    def _draw(self, cells: list[StanceCell]) -> None:
        series = QtCharts.QHorizontalStackedBarSeries()
        for polarity in POLARITIES:
            bars = QtCharts.QBarSet(value_name("polarity", polarity))  # a default value: translated
            bars.setColor(QColor(COLOURS[polarity]))
            bars.append([float(cell.count(polarity)) for cell in cells])
            series.append(bars)
        self.chart.addSeries(series)
        categories = QtCharts.QBarCategoryAxis()
        # Numbered from the top: an axis keeps one bar per distinct name, and two long names
        # shortened alike would share one.
        categories.append([_short(f"{len(cells) - i}. {cell.holder or '—'} → {cell.target or '—'}",
                                  self.label_length) for i, cell in enumerate(cells)])
        categories.setLabelsFont(self._axis_font())
        self.chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        counts = QtCharts.QValueAxis()
        counts.setLabelFormat("%d")
        counts.setLabelsFont(self._axis_font())
        most = max(cell.total for cell in cells)
        counts.setRange(0, most)
        counts.setTickCount(max(2, min(most + 1, 6)))  # whole numbers, never crowded
        self.chart.addAxis(counts, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(counts)

    def _axis_font(self) -> QFont:
        """The axes' labels one point smaller than the panel's text."""
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() - 1, 7.0))
        return font


class ChartWindow(QDialog):
    """The chart on its own, resizable and with more pairs; it follows the tab's counts."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Stance chart"))
        self.setSizeGripEnabled(True)
        self.panel = StanceChart(IN_WINDOW, label_length=40)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        self.resize(720, 640)


def _short(text: str, limit: int) -> str:
    """An axis label that leaves the bars their room (the table beside has the full text)."""
    return text if len(text) <= limit else text[:limit - 1] + "…"
