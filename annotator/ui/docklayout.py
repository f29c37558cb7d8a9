"""Stable docks around a text column that does not move while the analyst works.

A dock's width is the analyst's (or the first layout's), never its content's: panels whose
content changes with the current mark sit in a ``StableScroll`` that wraps and scrolls inside
the dock; the text view keeps a minimum width, so docks shrink (or tab) before the text does;
and a saved layout whose docks left the text too little room is narrowed when it is restored.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QMainWindow,
    QScrollArea,
    QWidget,
)

from annotator.ui import settings

TEXT_MIN_EMS = 26          # the text column never gets narrower than this many average glyphs
DOCK_EMS = 40              # a right or left dock's first width
DOCK_MAX_SHARE = 0.3       # of the window's width: a restored dock wider than this is narrowed


def em(widget: QWidget) -> int:
    """The average glyph width of ``widget``'s font, in logical pixels (follows 2× scaling)."""
    return max(1, widget.fontMetrics().averageCharWidth())


class StableScroll(QScrollArea):
    """Scrolls ``panel`` and never asks for its content's width: the panel fills the dock's
    width, wrapping its long lines, and scrolls when the dock is narrower than its minimum."""

    def __init__(self, panel: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{panel.objectName() or 'panel'}_scroll")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Narrower than the panel's minimum, the dock scrolls sideways rather than widening.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setWidget(panel)

    def sizeHint(self) -> QSize:
        return QSize(em(self) * DOCK_EMS, em(self) * 60)

    def minimumSizeHint(self) -> QSize:
        return QSize(em(self) * 10, em(self) * 6)


def keep_text_width(view: QWidget) -> None:
    """Give the text column its minimum width (docks shrink or tab first)."""
    view.setMinimumWidth(em(view) * TEXT_MIN_EMS)


def narrow_docks(window: QMainWindow, docks: Sequence[QDockWidget]) -> None:
    """Narrow every docked panel of ``docks`` wider than its share of the window (a restored
    layout saved in a wider window, or one that followed its content before this rule). The
    window names its docks: ``findChildren`` would have PySide6 look at every child object,
    some 6 ms before the first frame."""
    cap = max(int(window.width() * DOCK_MAX_SHARE), em(window) * 12)
    wide = [dock for dock in docks
            if dock.isVisible() and not dock.isFloating() and dock.width() > cap
            and window.dockWidgetArea(dock) in (Qt.DockWidgetArea.LeftDockWidgetArea,
                                                Qt.DockWidgetArea.RightDockWidgetArea)]
    if wide:
        window.resizeDocks(wide, [cap] * len(wide), Qt.Orientation.Horizontal)


def first_layout(window: QMainWindow, inspector: QDockWidget, suggestions: QDockWidget,
                 speakers: QDockWidget) -> None:
    """The layout of a window without a saved one: the Inspector and the Suggestions share
    four fifths of the height equally, the Speakers have the rest. The Inspector scrolls a long
    form inside its dock; half the height left it mostly blank while the Suggestions, a list,
    showed only a few rows."""
    height = max(window.height() - 120, 300)
    window.resizeDocks([inspector, suggestions, speakers],
                       [height * 2 // 5, height * 2 // 5, height // 5], Qt.Orientation.Vertical)


def reading_area(area: Qt.DockWidgetArea) -> Qt.DockWidgetArea:
    """``area`` as seen from the interface's reading direction: in Persian the documents
    (declared left) sit on the right, where reading starts, and the Inspector on the left."""
    if QApplication.layoutDirection() != Qt.LayoutDirection.RightToLeft:
        return area
    swap = {Qt.DockWidgetArea.LeftDockWidgetArea: Qt.DockWidgetArea.RightDockWidgetArea,
            Qt.DockWidgetArea.RightDockWidgetArea: Qt.DockWidgetArea.LeftDockWidgetArea}
    return swap.get(area, area)


def state_setting(window: QMainWindow | None = None) -> settings.Setting:
    """Where the dock layout of a reading direction is kept (each has its own): the one
    ``window`` was built in, else the interface's."""
    right_to_left = getattr(window, "right_to_left", None)
    if right_to_left is None:
        right_to_left = QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    return settings.WINDOW_STATE_RTL if right_to_left else settings.WINDOW_STATE


def last_document(project: Path) -> str:
    """The id of the document shown last in ``project`` ('' when another project was last)."""
    path, _, doc_id = str(settings.get(settings.LAST_DOCUMENT)).rpartition("\n")
    return doc_id if path == str(project.resolve()) else ""


def remember_document(project: Path, doc_id: str) -> None:
    settings.put(settings.LAST_DOCUMENT, f"{project.resolve()}\n{doc_id}")
