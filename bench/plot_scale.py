"""Draw the scale benchmark's table: CPU time and peak memory against size, log-log.

``python -m bench --plot [PNG]`` (default ``docs/screenshots/scale.png``) reads the figures of
``bench/results.json`` (or ``-o FILE``) that ``bench/bench_scale.py`` wrote, each holding its
step's table in ``data``: ``sizes``, ``cpu`` and ``seconds`` (wall), ``peak_mb``. Two panels, one
line per step; the dashed grey line beside the time grows in proportion to the size (exponent
1), so a step's line steeper than it grows faster than the work; the legend gives each step's
CPU-time growth exponent between the smallest and the largest size. Drawn with QPainter on a
QImage (offscreen), so it needs nothing the project does not already have.
"""

from __future__ import annotations

import itertools
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WIDTH, HEIGHT = 1500, 640
MARGIN_LEFT, MARGIN_TOP, MARGIN_BOTTOM = 90, 70, 70
PANEL_WIDTH, LEGEND_WIDTH, GAP = 520, 230, 110
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b",
           "#e377c2", "#7f7f7f", "#bcbd22", "#000000", "#aec7e8", "#98df8a", "#c5b0d5")


@dataclass(frozen=True)
class Series:
    step: str
    sizes: list[int]
    cpu: list[float]
    peak_mb: list[float]


def series(report: dict[str, Any]) -> list[Series]:
    """The steps of ``report``'s scale figures, in the order they were measured."""
    out = []
    for result in report.get("results", []):
        data = result.get("data") or {}
        if {"step", "sizes", "cpu", "peak_mb"} <= data.keys():
            out.append(Series(str(data["step"]), [int(n) for n in data["sizes"]],
                              [float(t) for t in data["cpu"]],
                              [float(m) for m in data["peak_mb"]]))
    return out


class _Axis:
    """A logarithmic mapping of ``[low, high]`` onto ``[start, end]`` pixels."""

    def __init__(self, low: float, high: float, start: float, end: float) -> None:
        if high <= low:
            low, high = low / 2, high * 2
        self.low, self.high = math.log10(low), math.log10(high)
        self.start, self.end = start, end

    def __call__(self, value: float) -> float:
        share = (math.log10(value) - self.low) / (self.high - self.low)
        return self.start + share * (self.end - self.start)

    def ticks(self) -> list[float]:
        """1, 2 and 5 times the powers of ten inside the range (only the powers if many)."""
        decades = self.high - self.low
        steps = ((1.0,) if decades > 3 else (1.0, 2.0, 5.0) if decades > 2
                 else (1.0, 2.0, 3.0, 5.0, 7.0) if decades > 1 else (1.0, 1.5, 2.0, 3.0, 5.0, 7.0))
        out = []
        for power in range(math.floor(self.low), math.ceil(self.high) + 1):
            for step in steps:
                value = step * 10.0 ** power
                if self.low - 1e-9 <= math.log10(value) <= self.high + 1e-9:
                    out.append(value)
        return out


def _label(value: float) -> str:
    if value >= 1000:
        return f"{value:,.0f}"
    return f"{value:g}"


def _panel(painter: Any, left: float, title: str, sizes: Sequence[int],
           lines: Sequence[tuple[str, list[float]]], reference: bool) -> None:
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QPen

    top, bottom = MARGIN_TOP, HEIGHT - MARGIN_BOTTOM
    values = [v for _, line in lines for v in line if v > 0]
    x = _Axis(min(sizes), max(sizes), left, left + PANEL_WIDTH)
    y = _Axis(min(values) * 0.8, max(values) * 1.25, bottom, top)
    painter.setPen(QPen(QColor("#dddddd"), 1))
    for tick in y.ticks():
        painter.drawLine(QPointF(left, y(tick)), QPointF(left + PANEL_WIDTH, y(tick)))
    painter.setPen(QPen(QColor("#333333"), 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRectF(left, top, PANEL_WIDTH, bottom - top))
    for tick in y.ticks():
        painter.drawText(QRectF(left - 85, y(tick) - 10, 78, 20),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         _label(tick))
    for size in sorted(set(sizes)):
        painter.drawLine(QPointF(x(size), bottom), QPointF(x(size), bottom + 5))
        painter.drawText(QRectF(x(size) - 60, bottom + 6, 120, 20),
                         Qt.AlignmentFlag.AlignHCenter, _label(size))
    painter.drawText(QRectF(left, bottom + 30, PANEL_WIDTH, 20), Qt.AlignmentFlag.AlignHCenter,
                     "documents (log scale)")
    painter.drawText(QRectF(left, top - 30, PANEL_WIDTH, 22), Qt.AlignmentFlag.AlignHCenter,
                     title)
    if reference and len(sizes) > 1:
        start = min(line[0] for _, line in lines if line[0] > 0)
        end = start * sizes[-1] / sizes[0]
        painter.setPen(QPen(QColor("#999999"), 2, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x(sizes[0]), y(start)), QPointF(x(sizes[-1]), y(end)))
    for number, (_, line) in enumerate(lines):
        colour = QColor(COLOURS[number % len(COLOURS)])
        points = [QPointF(x(n), y(v)) for n, v in zip(sizes, line, strict=True) if v > 0]
        painter.setPen(QPen(colour, 3))
        for a, b in itertools.pairwise(points):
            painter.drawLine(a, b)
        painter.setBrush(colour)
        for point in points:
            painter.drawEllipse(point, 5, 5)


def _when(report: dict[str, Any]) -> str:
    """When the sizes were measured and the load average then (as the figures record it)."""
    for result in report.get("results", []):
        data = result.get("data") or {}
        if data.get("measured") and all(data["measured"]):
            return "; ".join(f"{n:,} documents {when[:16].replace('T', ' ')}, load {load}"
                             for n, when, load in zip(data["sizes"], data["measured"],
                                                      data.get("load", ["?"] * len(
                                                          data["sizes"])), strict=True))
    return f"{report.get('when', '')}, load average {report.get('load_at_start', ['?'])[0]}"


def _growth(item: Series) -> str:
    """The CPU time's growth exponent between the smallest and the largest size."""
    if len(item.sizes) < 2 or min(item.cpu[0], item.cpu[-1]) <= 0:
        return ""
    power = math.log(item.cpu[-1] / item.cpu[0]) / math.log(item.sizes[-1] / item.sizes[0])
    return f"n^{power:.2f}"


def draw(report: dict[str, Any], out: Path) -> Path:
    """Draw ``report``'s scale figures into the PNG ``out``; its path."""
    found = series(report)
    if not found:
        raise ValueError("holds no scale figures: run `python -m bench scale` first")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPen

    _app = QGuiApplication.instance() or QGuiApplication(["plot_scale"])
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    sizes = found[0].sizes
    painter.drawText(QRectF(0, 8, WIDTH, 24), Qt.AlignmentFlag.AlignHCenter,
                     f"Annotator at scale ({_when(report)})")
    _panel(painter, MARGIN_LEFT, "CPU time of the step's process (s)", sizes,
           [(s.step, s.cpu) for s in found], reference=True)
    _panel(painter, MARGIN_LEFT + PANEL_WIDTH + GAP, "peak resident memory (MB)", sizes,
           [(s.step, s.peak_mb) for s in found], reference=False)
    legend = MARGIN_LEFT + 2 * PANEL_WIDTH + GAP + 30
    for number, item in enumerate(found):
        y = MARGIN_TOP + 10 + 24 * number
        painter.setPen(QPen(QColor(COLOURS[number % len(COLOURS)]), 4))
        painter.drawLine(legend, y, legend + 30, y)
        painter.setPen(QPen(QColor("#222222"), 1))
        painter.drawText(QRectF(legend + 38, y - 10, LEGEND_WIDTH - 40, 20),
                         Qt.AlignmentFlag.AlignVCenter, f"{item.step}  {_growth(item)}")
    y = MARGIN_TOP + 10 + 24 * len(found)
    painter.setPen(QPen(QColor("#999999"), 2, Qt.PenStyle.DashLine))
    painter.drawLine(legend, y, legend + 30, y)
    painter.setPen(QPen(QColor("#222222"), 1))
    painter.drawText(QRectF(legend + 38, y - 10, LEGEND_WIDTH - 40, 20),
                     Qt.AlignmentFlag.AlignVCenter, "∝ documents")
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out), "PNG"):
        raise OSError(f"{out}: cannot write the plot")
    return out
