"""The Search panel: folded text search in this document or the whole project.

Matching folds the query and the text alike (``علي`` finds ``علی``, ``ك`` finds ``ک``, Persian
digits find ASCII ones). Hits are code point ranges of the canonical text, end exclusive.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QHideEvent, QKeyEvent
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
from annotator.text import find_all

if TYPE_CHECKING:
    from annotator.ui.textview import AnnotationView

RESULT_LIMIT = 1000
CONTEXT = 30  # code points shown on each side of a hit
HIT_ROLE = Qt.ItemDataRole.UserRole + 1


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
        super().hideEvent(event)

    def _enter(self) -> None:
        self.run()
        if self.results.count():
            self.results.setCurrentRow(0)
            self.open_hit(self.results.item(0))

    def run(self) -> None:
        """Search now and list the hits; highlights every hit in the shown document."""
        self._timer.stop()
        query = self.query.text()
        project = self.project
        current = self.view.doc_id
        whole = self.scope.currentIndex() == self.WHOLE_PROJECT
        self.results.clear()
        hits = find_hits(project, query, None if whole else current) if whole or current else []
        titles = {d.id: d.title for d in project.document_summaries()} if hits else {}
        texts: dict[str, str] = {}
        for doc_id, start, end in hits:
            if doc_id not in texts:
                texts[doc_id] = project.document(doc_id).canonical_text
            excerpt = context_of(texts[doc_id], start, end)
            # A mark of the interface's direction first: a Latin title must not turn a Persian
            # line left to right.
            direction = "\u200f" if self.isRightToLeft() else "\u200e"
            item = QListWidgetItem(direction + (f"{titles.get(doc_id, doc_id)}: {excerpt}"
                                                if whole else excerpt))
            item.setData(HIT_ROLE, (doc_id, start, end))
            item.setToolTip(titles.get(doc_id, doc_id))
            self.results.addItem(item)
        if not query.strip():
            self.summary.setText("")
        elif len(hits) >= RESULT_LIMIT:
            self.summary.setText(self.tr("The first %d hits are shown.") % RESULT_LIMIT)
        else:
            self.summary.setText(self.tr("%d hit(s).") % len(hits))
        self._highlight_current()

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
