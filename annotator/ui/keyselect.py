"""Selecting from the keyboard by clause and by paragraph (words: Qt's own Ctrl+Shift+arrows).

Ctrl+Shift+↓ selects the clause at the cursor, and each press adds the next clause;
Ctrl+Shift+↑ adds the clause before. Ctrl+Shift+PgDn and PgUp do the same by paragraph. The
units come from ``annotator.text.selection``, in code points and reading order, so they are the
same in right-to-left and left-to-right text. A label key then snaps and trims the selection.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from annotator.text.selection import clause_spans, paragraph_spans
from annotator.ui.textview import AnnotationView

translate = QCoreApplication.translate
Units = Callable[[str], list[tuple[int, int]]]


def grown(units: list[tuple[int, int]], start: int, end: int, step: int) -> tuple[int, int]:
    """The selection ``[start, end)`` grown by one unit forward (``step`` +1) or backward (-1);
    an empty selection becomes the unit at (or next to) the cursor."""
    if not units:
        return start, end
    if start == end:
        inside = [u for u in units if u[0] <= start < u[1]]
        ahead = [u for u in units if u[0] >= start] if step > 0 else []
        behind = [u for u in units if u[1] <= start]
        return (inside or ahead or behind[-1:] or units)[0]
    if step > 0:
        later = [u for u in units if u[1] > end]
        return (start, later[0][1]) if later else (start, end)
    earlier = [u for u in units if u[0] < start]
    return (earlier[-1][0], end) if earlier else (start, end)


def select_by(view: AnnotationView, units: Units, step: int) -> None:
    start, end = view.selected_range()
    if view.current_span() is not None and start == end:
        view.set_current_span(None)
    first, last = grown(units(view.text), start, end, step)
    view.select_range(first, last)


def install_selection_keys(window: QWidget, view: AnnotationView) -> None:
    """Add the clause and paragraph selection actions for ``view`` to ``window`` (listed in the
    F1 cheat sheet)."""
    rows: tuple[tuple[str, str, str, Units, int], ...] = (
        ("select_clause_next", translate("MainWindow", "Select the next clause too"),
         "Ctrl+Shift+Down", clause_spans, +1),
        ("select_clause_previous", translate("MainWindow", "Select the clause before too"),
         "Ctrl+Shift+Up", clause_spans, -1),
        ("select_paragraph_next", translate("MainWindow", "Select the next paragraph too"),
         "Ctrl+Shift+PgDown", paragraph_spans, +1),
        ("select_paragraph_previous", translate("MainWindow", "Select the paragraph before too"),
         "Ctrl+Shift+PgUp", paragraph_spans, -1),
    )
    for name, text, keys, units, step in rows:
        action = QAction(text, window)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(
            lambda _c=False, u=units, s=step: select_by(view, u, s))
        window.addAction(action)
