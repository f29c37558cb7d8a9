"""The Stance chart stays readable with many holder → target pairs: the dock charts the most
marked ones, each bar two lines of its font high (scrolling rather than squeezing), numbered so
that names shortened alike keep a bar each, says how many it leaves to the table, and opens the
chart, with more pairs, in a window of its own that follows the counts."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QChart
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot

from annotator.analysis.stance import StanceCell
from annotator.ui.mainwindow import MainWindow
from annotator.ui.stancechart import IN_DOCK, IN_WINDOW, StanceChart

PAIRS = 45


def categories(chart: QChart) -> list[str]:
    [axis] = chart.axes(Qt.Orientation.Vertical)
    assert isinstance(axis, QBarCategoryAxis)
    return list(axis.categories())


def mark_pairs(window: MainWindow, pairs: int) -> None:
    """``pairs`` stances, one holder, targets whose names agree in their first 30 characters;
    pair ``i`` is marked ``1 + i % 4`` times."""
    project, doc_id = window.project, window.view.doc_id
    holder = project.add_speaker("گوینده‌ای با نامی بسیار بلند").id
    for i in range(pairs):
        for k in range(1 + i % 4):
            project.add_span(doc_id, k, k + 2, "Stance", {
                "holder": holder, "target": f"موضوعی که نامش دراز است شمارهٔ {i}",
                "polarity": ("favor", "against", "neutral")[k % 3]})


def test_many_pairs_chart_the_most_marked_readably(qtbot: QtBot, window: MainWindow) -> None:
    mark_pairs(window, PAIRS)
    window.resize(1024, 700)
    window.stance_dock.raise_()
    stance = window.stance
    qtbot.waitUntil(lambda: stance.table.rowCount() == PAIRS)
    panel = stance.chart_panel()
    names = categories(stance.chart)
    assert len(names) == IN_DOCK == len(set(names))  # one bar per pair, none merged
    assert names[-1].startswith("1. ") and names[0].startswith(f"{IN_DOCK}. ")  # 1 at the top
    [series] = stance.chart.series()
    totals = [sum(bars.at(i) for bars in series.barSets()) for i in range(IN_DOCK)]
    assert totals == sorted(totals) and totals[-1] == max(c.total for c in stance.cells)
    line = QFontMetrics(panel._axis_font()).height()
    assert panel.view.height() >= 2 * line * IN_DOCK  # scrolls in the dock instead
    assert panel.area.verticalScrollBar().maximum() > 0
    assert not panel.more.isHidden()
    assert str(PAIRS - IN_DOCK) in panel.more.text()
    stance.window_button.click()
    chart_window = stance.chart_window
    assert chart_window is not None and chart_window.isVisible()
    assert len(categories(chart_window.panel.chart)) == IN_WINDOW
    assert chart_window.panel.more.text() == (
        f"The {IN_WINDOW} most marked pairs; {PAIRS - IN_WINDOW} more in the table.")
    once = next(cell for cell in stance.cells if cell.total == 1)  # the window follows edits
    window.session.unmark([span_id for found in once.spans.values() for _, span_id in found])
    qtbot.waitUntil(lambda: stance.table.rowCount() == PAIRS - 1)
    assert chart_window.panel.more.text() == (
        f"The {IN_WINDOW} most marked pairs; {PAIRS - 1 - IN_WINDOW} more in the table.")
    chart_window.close()


def test_a_few_pairs_leave_nothing_to_the_table() -> None:
    panel = StanceChart(IN_DOCK, label_length=22)
    cells = [StanceCell("s1", "الف", "ب"), StanceCell("s2", "ج", "د")]
    cells[0].spans["favor"] = [("d", "s1"), ("d", "s2")]
    cells[1].spans["against"] = [("d", "s3")]
    panel.show_cells(cells)
    assert categories(panel.chart) == ["2. ج → د", "1. الف → ب"]  # the most marked on top
    assert panel.more.isHidden()
