"""The team dashboard: progress and label counts per analyst, agreement per label, and stance per
holder and target, each as a chart that can be saved as a PNG.

Figures come from ``analysis.agreement`` (``progress``, ``label_counts``, ``agreement``) and
``analysis.stance``; they are computed when the dashboard opens and when Refresh is pressed, not
on every edit (agreement reads every shared document), a small step at a time between the
window's events (``ui.sliced``), with "Computing…" shown until they are ready.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.analysis.adjudication import GOLD
from annotator.analysis.agreement import AgreementReport, agreement_steps, team_counts_steps
from annotator.analysis.stance import POLARITIES, StanceCell, StanceCount
from annotator.domain.model import STATUSES
from annotator.domain.steps import Steps
from annotator.storage.queries import document_count
from annotator.ui.models import ROW_ROLE
from annotator.ui.sliced import Sliced

if TYPE_CHECKING:
    from annotator.storage.project import Project

_Index = QModelIndex | QPersistentModelIndex
STATUS_COLOURS = {"todo": "#bdbdbd", "in progress": "#f0b429", "done": "#2e9e5b"}
POLARITY_COLOURS = {"favor": "#2e9e5b", "against": "#d64545", "neutral": "#8d99ae",
                    "other": "#d9d9d9"}
FIGURE_COLOURS = {"alpha": "#3366cc", "kappa": "#7f9fd9", "f1_exact": "#e08a1e",
                  "f1_overlap": "#f2c38a"}
ANALYST_COLOURS = ("#3366cc", "#dc3912", "#109618", "#990099", "#0099c6", "#dd4477",
                   "#66aa00", "#b82e2e")
STANCE_ROWS_CHARTED = 12


def _plain(text: str, limit: int = 40) -> str:
    """Project text for a chart (QtCharts draws labels as rich text): shortened and escaped."""
    shortened = text if len(text) <= limit else text[:limit - 1] + "…"
    return html.escape(shortened)


def other_count(cell: StanceCell) -> int:
    """Stance spans of a cell without one of the schema's three polarities."""
    return cell.total - sum(cell.count(p) for p in POLARITIES)


class StanceModel(QAbstractTableModel):
    """Stance counts per holder and target (``analysis.stance``), the most marked first."""

    HOLDER, TARGET, FAVOR, AGAINST, NEUTRAL, OTHER, TOTAL = range(7)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[StanceCell] = []

    def set_rows(self, rows: Sequence[StanceCell]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_object(self, row: int) -> StanceCell:
        return self._rows[row]

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Holder"), self.tr("Target"), self.tr("Favor"), self.tr("Against"),
                self.tr("Neutral"), self.tr("Other"), self.tr("Total"))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < 7):
            return self.headers()[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= self.FAVOR:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == self.HOLDER:
            return row.holder or self.tr("(no holder)")
        if column == self.TARGET:
            return row.target or self.tr("(no target)")
        counts = (*(row.count(p) for p in POLARITIES), other_count(row), row.total)
        return str(counts[column - 2])


class ChartPanel(QGroupBox):
    """One chart with a button that saves it as a PNG image."""

    def __init__(self, name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.name = name
        self.setObjectName(f"chart_{name}")
        self.view = QChartView()
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(300)
        self.chart = QChart()
        self.view.setChart(self.chart)
        self.save_button = QPushButton(self.tr("Save as PNG…"))
        self.save_button.setObjectName(f"save_{name}")
        self.save_button.clicked.connect(self.choose_file)
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        self.body.addLayout(buttons)

    def set_chart(self, chart: QChart) -> None:
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart = chart
        self.view.setChart(chart)

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save chart"), f"{self.name}.png", self.tr("PNG images (*.png)"))
        if name:
            path = Path(name if name.lower().endswith(".png") else name + ".png")
            if not self.save_png(path):
                parent = self.window()
                if isinstance(parent, Dashboard):
                    parent.say(self.tr("Could not write %s.") % path)

    def save_png(self, path: Path) -> bool:
        """Write the chart as drawn on screen to ``path`` (PNG); False when that failed."""
        return bool(self.view.grab().save(str(path), "PNG"))


class Dashboard(QDialog):
    """The project's team figures; Refresh computes them again."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.setWindowTitle(self.tr("Team dashboard"))
        self.project = project
        self.report: AgreementReport | None = None
        self.agreement_sets: dict[str, QBarSet] = {}
        self.agreement_labels: list[str] = []
        self._figures = Sliced(self)
        self._figures.finished.connect(self._show_figures)
        self._figures.failed.connect(self._failed)
        self._stance = Sliced(self)
        self._stance.finished.connect(self._show_stance)
        self._stance.failed.connect(self._failed)
        self._build()
        self.resize(1300, 900)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        top.addWidget(self.summary, 1)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.setObjectName("dashboard_refresh")
        refresh.clicked.connect(self.refresh)
        top.addWidget(refresh)
        layout.addLayout(top)

        grid_box = QWidget()
        grid = QGridLayout(grid_box)
        self.charts = {
            "progress": ChartPanel("progress", self.tr("Progress per analyst (documents)")),
            "labels": ChartPanel("labels", self.tr("Marks per label and analyst")),
            "agreement": ChartPanel("agreement", self.tr("Agreement per label")),
            "stance": ChartPanel("stance", self.tr("Stance per holder and target")),
        }
        self.agreement_table = QTableWidget()
        self.agreement_table.setObjectName("agreement_table")
        self.agreement_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.agreement_table.verticalHeader().hide()
        self.agreement_table.setMaximumHeight(220)
        self.agreement_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch)
        self.charts["agreement"].body.insertWidget(1, self.agreement_table)

        self.stance_model = StanceModel(self)
        self.stance_table = QTableView()
        self.stance_table.setObjectName("stance_table")
        self.stance_table.setModel(self.stance_model)
        self.stance_table.verticalHeader().hide()
        self.stance_table.setMaximumHeight(220)
        self.stance_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.stance_table.horizontalHeader().setStretchLastSection(True)
        self.stance_author = QComboBox()
        self.stance_author.setObjectName("stance_author")
        self.stance_author.activated.connect(lambda _i: self.refresh_stance())
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel(self.tr("Marks by:")))
        chooser.addWidget(self.stance_author, 1)
        self.charts["stance"].body.insertLayout(0, chooser)
        self.charts["stance"].body.insertWidget(2, self.stance_table)

        grid.addWidget(self.charts["progress"], 0, 0)
        grid.addWidget(self.charts["labels"], 0, 1)
        grid.addWidget(self.charts["agreement"], 1, 0)
        grid.addWidget(self.charts["stance"], 1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_box)
        layout.addWidget(scroll, 1)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status)

    def say(self, message: str) -> None:
        self.status.setText(message)

    # -- figures ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Compute every figure again from the project file, between the window's events (one
        computation at a time: a second Refresh starts it again)."""
        self._stance.cancel()
        self.summary.setText(self.tr("Computing…"))
        self._figures.start(team_figures(self.project))

    def computing(self) -> bool:
        """Whether figures are still being computed."""
        return self._figures.running() or self._stance.running()

    def _failed(self, message: str) -> None:
        self.summary.setText(self.tr("The figures could not be computed: %s") % message)

    def _show_figures(self, figures: TeamFigures) -> None:
        documents, (progress, counts), self.report = figures
        self._progress(progress, documents)
        self._labels(counts)
        self._agreement(self.report)
        chosen = self.stance_author.currentData()
        self.stance_author.clear()
        self.stance_author.addItem(self.tr("all analysts"), None)
        for analyst in sorted(counts):
            self.stance_author.addItem(analyst, analyst)
        # Gold's stance marks are the adjudicated answer; without them, everyone's are counted.
        index = self.stance_author.findData(chosen if chosen is not None or GOLD not in counts
                                            else GOLD)
        self.stance_author.setCurrentIndex(max(index, 0))
        self.refresh_stance()
        self.summary.setText(self.tr("%d document(s); %d shared by two or more analysts (%s).")
                             % (documents, self.report.documents,
                                "، ".join(self.report.analysts) or self.tr("none")))

    def _bar_chart(self, title: str, categories: Sequence[str],
                   series: QBarSeries | QStackedBarSeries | QHorizontalStackedBarSeries,
                   value_range: tuple[float, float] | None = None) -> QChart:
        """A bar chart; counts get an integer axis from 0, figures the given range."""
        chart = QChart()
        chart.setTitle(html.escape(title))
        chart.addSeries(series)
        category_axis = QBarCategoryAxis()
        category_axis.append([_plain(c) for c in categories])
        category_axis.setTruncateLabels(False)
        value_axis = QValueAxis()
        if value_range is not None:
            value_axis.setRange(*value_range)
            value_axis.setLabelFormat("%.1f")
            value_axis.setTickCount(round((value_range[1] - value_range[0]) / 0.2) + 1)
        else:
            stacked = not isinstance(series, QBarSeries)
            sets = series.barSets()
            heights = [sum(s.at(i) for s in sets) if stacked else max(s.at(i) for s in sets)
                       for i in range(len(categories))] if sets else []
            top = max([1, *heights])
            value_axis.setLabelFormat("%d")
            if top <= 10:
                value_axis.setRange(0, top)
                value_axis.setTickCount(int(top) + 1)
            else:
                value_axis.setRange(0, top)
                value_axis.applyNiceNumbers()
        horizontal = isinstance(series, QHorizontalStackedBarSeries)
        chart.addAxis(category_axis,
                      Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(value_axis,
                      Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(category_axis)
        series.attachAxis(value_axis)
        return chart

    def _progress(self, figures: dict[str, dict[str, int]], documents: int) -> None:
        analysts = [a for a, f in sorted(figures.items())
                    if a != GOLD and (f["spans"] or any(f[s] for s in STATUSES))]
        names = {"todo": self.tr("to do"), "in progress": self.tr("in progress"),
                 "done": self.tr("done")}
        series = QStackedBarSeries()
        for status in STATUSES:
            bar = QBarSet(names[status])
            bar.setColor(QColor(STATUS_COLOURS[status]))
            for analyst in analysts:
                f = figures[analyst]
                # A document an analyst never opened has no status row: it is still to do.
                value = (max(0, documents - f["in progress"] - f["done"]) if status == "todo"
                         else f[status])
                bar.append(value)
            series.append(bar)
        self.charts["progress"].set_chart(
            self._bar_chart(self.tr("Documents per status"), analysts, series))

    def _labels(self, counts: dict[str, dict[str, int]]) -> None:
        labels = list(self.project.schema.label_names)
        for row in counts.values():
            labels.extend(label for label in row if label not in labels)
        series = QBarSeries()
        for number, analyst in enumerate(sorted(counts)):
            bar = QBarSet(_plain(analyst))
            bar.setColor(QColor(ANALYST_COLOURS[number % len(ANALYST_COLOURS)]))
            for label in labels:
                bar.append(counts[analyst].get(label, 0))
            series.append(bar)
        self.charts["labels"].set_chart(
            self._bar_chart(self.tr("Live marks"), labels, series))

    def _agreement(self, report: AgreementReport) -> None:
        names = {"alpha": self.tr("alpha"), "kappa": self.tr("kappa"),
                 "f1_exact": self.tr("F1 exact"), "f1_overlap": self.tr("F1 overlap")}
        self.agreement_labels = list(report.labels)
        series = QBarSeries()
        self.agreement_sets = {}
        lowest = 0.0
        for key, name in names.items():
            bar = QBarSet(name)
            bar.setColor(QColor(FIGURE_COLOURS[key]))
            for figures in report.labels.values():
                value = getattr(figures, key)
                bar.append(0.0 if value is None else value)
                lowest = min(lowest, value or 0.0)
            series.append(bar)
            self.agreement_sets[key] = bar
        self.charts["agreement"].set_chart(self._bar_chart(
            self.tr("Agreement (an undefined figure is drawn as 0 and shown as – below)"),
            self.agreement_labels, series, (math.floor(lowest * 5) / 5, 1.0)))
        table = self.agreement_table
        headers = [self.tr("Label"), *names.values(), self.tr("Tokens")]
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(headers)
        rows = list(report.labels.items())
        polarity = report.stance_polarity
        table.setRowCount(len(rows) + 1)
        for row, (label, figures) in enumerate(rows):
            values = [label, *(_figure(getattr(figures, key)) for key in names),
                      str(figures.units)]
            for column, value in enumerate(values):
                table.setItem(row, column, QTableWidgetItem(value))
        last = [self.tr("Stance polarity"), _figure(polarity.alpha), _figure(polarity.kappa),
                self.tr("agreement %s") % _figure(polarity.agreement), "",
                self.tr("%d pair(s)") % polarity.matched]
        for column, value in enumerate(last):
            table.setItem(len(rows), column, QTableWidgetItem(value))

    def refresh_stance(self) -> None:
        """Count the stance marks of the chosen analyst (or everyone's) again."""
        author = self.stance_author.currentData()
        self._stance.start(StanceCount(
            self.project, author=author if isinstance(author, str) else None).steps())

    def _show_stance(self, rows: list[StanceCell]) -> None:
        rows.sort(key=lambda cell: -cell.total)  # stable: holder, then target, within a count
        self.stance_model.set_rows(rows)
        shown = list(reversed(rows[:STANCE_ROWS_CHARTED]))  # the most marked at the top
        series = QHorizontalStackedBarSeries()
        names = {"favor": self.tr("favor"), "against": self.tr("against"),
                 "neutral": self.tr("neutral"), "other": self.tr("no polarity")}
        for key, name in names.items():
            bar = QBarSet(name)
            bar.setColor(QColor(POLARITY_COLOURS[key]))
            for row in shown:
                bar.append(other_count(row) if key == "other" else row.count(key))
            series.append(bar)
        categories = [f"{row.holder or self.tr('(no holder)')} → "
                      f"{row.target or self.tr('(no target)')}" for row in shown]
        self.charts["stance"].set_chart(
            self._bar_chart(self.tr("Stance marks"), categories, series))


type TeamFigures = tuple[int, tuple[dict[str, dict[str, int]], dict[str, dict[str, int]]],
                         AgreementReport]
"""``(documents, (progress, label counts), agreement)``: what the dashboard draws."""


def team_figures(project: Project) -> Steps[TeamFigures]:
    """The dashboard's figures (but stance), a small step at a time (``domain.steps``)."""
    documents = document_count(project)
    yield
    counts = yield from team_counts_steps(project)
    report = yield from agreement_steps(project)
    return documents, counts, report


def _figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"
