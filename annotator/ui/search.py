"""The Search panel: folded text search in this document or the whole project.

Matching folds the query and the text alike (``علي`` finds ``علی``, ``ك`` finds ``ک``, Persian
digits find ASCII ones). Hits are code point ranges of the canonical text, end exclusive.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QHideEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.storage.project import Project
from annotator.storage.search import SearchHit
from annotator.text import find_all

if TYPE_CHECKING:
    from annotator.ui.textview import AnnotationView

RESULT_LIMIT = 1000
CONTEXT = 30  # code points shown on each side of a hit
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
# The longest the panel lists hits before it lets the window handle events (one more page of
# documents may follow, a few milliseconds): a search of 100,000 documents never freezes it.
SLICE_SECONDS = 0.03


def find_hits(project: Project, query: str, doc_id: str | None = None,
              limit: int = RESULT_LIMIT) -> list[tuple[str, int, int]]:
    """``(doc_id, start, end)`` of every folded match of ``query`` in one document or all of
    them, in document order, at most ``limit``; offsets are code points, end exclusive.

    All search in the window goes through here, so a faster backend replaces only this body.
    """
    if not query.strip() or limit <= 0:
        return []
    return [(hit.doc_id, hit.start, hit.end)
            for hit in project.search(query, doc_id=doc_id, limit=limit)]


def context_of(text: str, start: int, end: int, width: int = CONTEXT) -> str:
    """A one-line excerpt around ``[start, end)`` with the hit between ⟦ and ⟧."""
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    excerpt = ("…" if start > width else "") + left + "⟦" + text[start:end] + "⟧" + right + (
        "…" if end + width < len(text) else "")
    return " ".join(excerpt.split())


class SearchPanel(QWidget):
    """Query box, scope, result list; activating a result shows the hit in the document."""

    THIS_DOCUMENT, WHOLE_PROJECT = 0, 1

    def __init__(self, project: Project, view: AnnotationView,
                 show_document: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.view = view
        self._show_document = show_document
        self.query = QLineEdit()
        self.query.setObjectName("search_query")
        self.query.setPlaceholderText(self.tr("Search (علي finds علی)"))
        self.query.setClearButtonEnabled(True)
        self.query.installEventFilter(self)
        self.scope = QComboBox()
        self.scope.setObjectName("search_scope")
        self.scope.addItems([self.tr("This document"), self.tr("Whole project")])
        self.results = QListWidget()
        self.results.setObjectName("search_results")
        self.results.setWordWrap(True)
        self.results.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(self.scope)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.summary)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.run)
        self._next_slice = QTimer(self, singleShot=True, interval=0)
        self._next_slice.timeout.connect(self._list_slice)
        self._pending: Iterator[SearchHit] | None = None
        self._whole = False
        self._shown = ("", "", "")  # doc_id, title, text of the document of the last hit
        self.query.textChanged.connect(lambda _text: self._timer.start())
        self.query.returnPressed.connect(self._enter)
        self.scope.currentIndexChanged.connect(lambda _i: self.run())
        self.results.itemActivated.connect(self.open_hit)
        self.results.itemClicked.connect(self.open_hit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter in the query searches; without this the window's Enter shortcut would take it.
        if (watched is self.query and event.type() == QEvent.Type.ShortcutOverride
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            event.accept()
            return True
        return super().eventFilter(watched, event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()  # the window may be closing with its project
        self._next_slice.stop()  # and a search still listing pauses until the panel is back
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pending is not None:
            self._next_slice.start()

    def _enter(self) -> None:
        self.run()
        if self.results.count():
            self.results.setCurrentRow(0)
            self.open_hit(self.results.item(0))

    def run(self) -> None:
        """Search now and list the hits, a slice at a time (see ``SLICE_SECONDS``); highlights
        every hit in the shown document."""
        self._timer.stop()
        self._next_slice.stop()
        query = self.query.text()
        project = self.project
        current = self.view.doc_id
        self._whole = self.scope.currentIndex() == self.WHOLE_PROJECT
        self.results.clear()
        self._pending = None
        self._shown = ("", "", "")
        if query.strip() and (self._whole or current):
            self._pending = project.search_hits(query, doc_id=None if self._whole else current)
            self._list_slice()
        else:
            self.summary.setText("")
        self._highlight_current()

    @property
    def listing(self) -> bool:
        """Whether a search is still listing its hits."""
        return self._pending is not None

    def _list_slice(self) -> None:
        """List hits for about ``SLICE_SECONDS``, then let the window handle its events."""
        pending = self._pending
        if pending is None:
            return
        deadline = time.monotonic() + SLICE_SECONDS
        for hit in pending:
            self._add(hit.doc_id, hit.start, hit.end)
            if self.results.count() >= RESULT_LIMIT:
                break
            if time.monotonic() > deadline:
                self.summary.setText(self.tr("%d hit(s).") % self.results.count())
                self._next_slice.start()
                return
        self._pending = None
        if self.results.count() >= RESULT_LIMIT:
            self.summary.setText(self.tr("The first %d hits are shown.") % RESULT_LIMIT)
        else:
            self.summary.setText(self.tr("%d hit(s).") % self.results.count())

    def _add(self, doc_id: str, start: int, end: int) -> None:
        if self._shown[0] != doc_id:  # hits come by document: read each document once
            document = self.project.document(doc_id)
            self._shown = (doc_id, document.title, document.canonical_text)
        _, title, text = self._shown
        excerpt = context_of(text, start, end)
        # A mark of the interface's direction first: a Latin title must not turn a Persian
        # line left to right.
        direction = "\u200f" if self.isRightToLeft() else "\u200e"
        item = QListWidgetItem(direction + (f"{title}: {excerpt}" if self._whole else excerpt))
        item.setData(HIT_ROLE, (doc_id, start, end))
        item.setToolTip(title)
        self.results.addItem(item)

    def _highlight_current(self) -> None:
        view = self.view
        if not view.doc_id or not self.query.text().strip():
            view.set_hits([])
            return
        view.set_hits(find_all(view.text, self.query.text()))

    def document_shown(self, _doc_id: str) -> None:
        """The window shows another document: search it again, or highlight the hits there."""
        if self.scope.currentIndex() == self.THIS_DOCUMENT and self.query.text().strip():
            self.run()
        else:
            self._highlight_current()

    def open_hit(self, item: QListWidgetItem | None) -> None:
        """Show the hit's document, select the hit and highlight every hit in that document."""
        if item is None:
            return
        doc_id, start, end = item.data(HIT_ROLE)
        if self.view.doc_id != doc_id:
            self._show_document(doc_id)
        self.view.set_current_span(None)
        self.view.select_range(start, end)
        self._highlight_current()

    def focus_query(self) -> None:
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()
