"""A dock's contents built when the dock is first shown, not with the window.

The Stance and Search panels sit in tabs behind Spans: the first frame does not show them, so
building them (their widgets, their Qt classes' Python enums) waits until their tab is raised
or code asks for them. ``LazyPanel(build)`` stands in the dock; ``panel()`` builds the real
widget on first call and returns it ever after. ``follow(dock)`` calls it when the dock comes on
screen (its tab raised, or opened from the View menu), so the real panel is in that same frame;
a window whose saved layout shows the tab builds it before its first frame, as before.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QDockWidget, QVBoxLayout, QWidget


class LazyPanel(QWidget):
    """Holds ``build``'s widget, made on first show or first ``panel()`` call."""

    def __init__(self, build: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build: Callable[[], QWidget] | None = build
        self._panel: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._panel is not None

    def panel(self) -> QWidget:
        """The real widget, built now if it was not yet."""
        if self._panel is None:
            assert self._build is not None
            build, self._build = self._build, None
            self._panel = build()
            self._layout.addWidget(self._panel)
            if self.isVisible():  # a child added to a shown widget is not shown by itself
                self._panel.show()
        return self._panel

    def follow(self, dock: QDockWidget) -> None:
        """Build when ``dock`` is shown on screen: opened, or its tab raised. (A tab behind
        another is "visible" to Qt, and gets show events, while it is not on screen.)"""
        dock.visibilityChanged.connect(self._dock_visible)

    def _dock_visible(self, visible: bool) -> None:
        if visible:
            self.panel()

    def paintEvent(self, event: QPaintEvent) -> None:
        self.panel()  # on screen without its dock saying so (a safety net)
        super().paintEvent(event)
