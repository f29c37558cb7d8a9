"""Work that waits for a widget's first paint, so the window shows its document first.

``after_first_paint(widget, callback)`` calls ``callback`` on the event loop's turn after
``widget`` is first painted, or on the next turn when it has been painted already. Start-up
puts secondary work behind the document view's first frame this way (suggestions, the stance
counts): it runs a few milliseconds after the window appears, without the user doing anything.
A widget that is never painted (a window never shown) releases its callbacks after
``FALLBACK_MS`` of running event loop anyway, so nothing waits forever.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 1000
_PAINTED = "annotator_first_painted"


class _Gate(QObject):
    """Holds callbacks until the first Paint event of the widget it watches; a child of that
    widget, kept (released) afterwards rather than deleted."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.setObjectName("first_paint_gate")
        self._widget = widget
        self._callbacks: list[Callable[[], object]] = []
        self._released = False
        widget.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self, self._release)

    def add(self, callback: Callable[[], object]) -> None:
        self._callbacks.append(callback)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._released and watched is self._widget and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._release)  # after this frame reaches the screen
        return False

    def _release(self) -> None:
        if self._released:
            return
        self._released = True
        self._widget.removeEventFilter(self)
        self._widget.setProperty(_PAINTED, True)
        callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback()


def after_first_paint(widget: QWidget, callback: Callable[[], object]) -> None:
    """Call ``callback`` once ``widget`` has painted its first frame (see the module's doc)."""
    if widget.property(_PAINTED):
        QTimer.singleShot(0, widget, callback)
        return
    gate = widget.findChild(_Gate, "first_paint_gate", Qt.FindChildOption.FindDirectChildrenOnly)
    if not isinstance(gate, _Gate):
        gate = _Gate(widget)
    gate.add(callback)
