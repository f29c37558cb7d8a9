"""Work that waits for a widget's first paint, so the window shows its document first.

``after_first_paint(widget, callback)`` calls ``callback`` on the event loop's turn after
``widget`` is first painted, or on the next turn when it has been painted already. Start-up
puts secondary work behind the document view's first frame this way (suggestions, the stance
counts): it runs a few milliseconds after the window appears, without the user doing anything.
A widget that is never painted (a window never shown) releases its callbacks after
``FALLBACK_MS`` of running event loop anyway, so nothing waits forever.

``at_first_paint(widget, callback)`` calls ``callback`` during that first Paint event itself
(the start-up benchmark's time stamp). A scroll area's pixels are painted by its viewport, whose
Paint events its own ``paintEvent`` handles: such a widget (the document view) calls
``painted(self)`` there, and is waited for itself. Start-up never asks for ``viewport()``: the
first call has PySide6 find the Python class of a widget Qt made, which sets up every QtWidgets
class not set up yet and their enums (some 80), about 10 ms before the first frame.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 1000
_PAINTED = "annotator_first_painted"
_GATE = "_annotator_first_paint_gate"


class _Gate(QObject):
    """Holds callbacks until the first Paint event of the widget it watches; a child of that
    widget, kept (released) afterwards rather than deleted."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        self._callbacks: list[Callable[[], object]] = []
        self._at_paint: list[Callable[[], object]] = []
        self._released = self._painted = False
        widget.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self, self._release)

    def add(self, callback: Callable[[], object], *, at_paint: bool = False) -> None:
        if at_paint and self._released:
            self._widget.installEventFilter(self)  # watching again, for this next frame
        (self._at_paint if at_paint else self._callbacks).append(callback)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            self.painted()
        return False

    def painted(self) -> None:
        at_paint, self._at_paint = self._at_paint, []
        for callback in at_paint:  # even after the fallback: they wait for a real frame
            callback()
        if self._released:
            self._widget.removeEventFilter(self)
        elif not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self._release)  # after this frame reaches the screen

    def _release(self) -> None:
        if self._released:
            return
        self._released = True
        if not self._at_paint:
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
    _gate(widget).add(callback)


def at_first_paint(widget: QWidget, callback: Callable[[], object]) -> None:
    """Call ``callback`` in ``widget``'s next Paint event: its first, when called before it."""
    _gate(widget).add(callback, at_paint=True)


def painted(widget: QWidget) -> None:
    """Tell ``widget``'s waiting work that it has painted (from its ``paintEvent``, for a
    widget whose Paint events arrive at another widget: a scroll area's viewport)."""
    gate = getattr(widget, _GATE, None)
    if isinstance(gate, _Gate):
        gate.painted()


def _gate(widget: QWidget) -> _Gate:
    """``widget``'s gate, made on first use; kept on the Python wrapper, since findChild would
    have PySide6 look up the Python class of each of the widget's children."""
    gate = getattr(widget, _GATE, None)
    if not isinstance(gate, _Gate):
        gate = _Gate(widget)
        setattr(widget, _GATE, gate)
    return gate
