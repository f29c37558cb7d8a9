"""Adjudication: analysts' marks side by side, their disagreements one by one, and the lead's
choice written into the ``gold`` analyst with one key.

Keys (in this window): N / P step through the disagreements, 1…9 take that analyst's version of
the current one into gold, A accepts every place where the analysts agree, E opens the place in
the main window for a hand edit, Ctrl+Z / Ctrl+Shift+Z undo and redo. Each key press is one
undoable step on the session's undo stack. Resolving a merge conflict is saved at once and is
not undoable (it is a new revision of the item, as in ``storage.merging``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QItemSelectionModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.analysis.adjudication import GOLD, Place, places, take
from annotator.domain.model import Span
from annotator.storage.merging import Conflict, conflicts
from annotator.ui.disagreements import DisagreementsModel, attribute_lines, kind_name
from annotator.ui.keylayout import with_persian_twins
from annotator.ui.models import ROW_ROLE
from annotator.ui.textview import AnnotationView, Ghost

if TYPE_CHECKING:
    from annotator.ui.session import Session

class _Pane(QWidget):
    """One analyst's marks on the document, read-only, under a plain-text heading."""

    def __init__(self, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(heading)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # analyst names come from files
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view = AnnotationView(self)
        self.view.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        layout.addWidget(self.heading)
        layout.addWidget(self.view)


class AdjudicationDialog(QDialog):
    """Compare analysts on one document and write the adjudicated version as ``gold``."""

    def __init__(self, session: Session, view: AnnotationView, *,
                 show_document: Callable[[str], None], open_span: Callable[[str, str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adjudication")
        self.session = session
        self.project = session.project
        self.main_view = view  # the main window's text, where E shows the current place
        self._show_document = show_document
        self._open_span = open_span
        self.doc_id = ""
        self.analysts: list[str] = []
        self.panes: dict[str, _Pane] = {}
        self.analyst_checks: dict[str, QCheckBox] = {}
        self._conflicts: list[Conflict] = []
        self._syncing = False
        self._places: list[Place] = []
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self.recompute)
        self.setWindowTitle(self.tr("Adjudicate"))
        self._build()
        self._build_keys()
        session = self.session
        session.span_added.connect(lambda span: self._span_event(span.doc_id))
        session.span_changed.connect(lambda span: self._span_event(span.doc_id))
        session.span_removed.connect(lambda doc_id, _span_id: self._span_event(doc_id))
        session.schema_changed.connect(self._schema_changed)
        session.speakers_changed.connect(self._schema_changed)
        session.documents_changed.connect(self.refresh_documents)
        session.edit_failed.connect(self.say)
        self.resize(1300, 850)

    # -- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Document:")))
        self.documents = QComboBox()
        self.documents.setObjectName("adjudication_document")
        self.documents.activated.connect(lambda _i: self.show_document(
            str(self.documents.currentData())))
        top.addWidget(self.documents, 1)
        self.analyst_box = QGroupBox(self.tr("Analysts to compare"))
        self.analyst_layout = QHBoxLayout(self.analyst_box)
        top.addWidget(self.analyst_box, 2)
        layout.addLayout(top)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.panes_box = QSplitter(Qt.Orientation.Horizontal)
        self.panes_box.setChildrenCollapsible(False)
        self.splitter.addWidget(self.panes_box)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_disagreements(), self.tr("Disagreements"))
        self.tabs.addTab(self._build_conflicts(), self.tr("Merge conflicts"))
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([520, 300])
        layout.addWidget(self.splitter, 1)
        bottom = QHBoxLayout()
        self.counts = QLabel()
        self.counts.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel()
        self.status.setObjectName("adjudication_status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        bottom.addWidget(self.counts)
        bottom.addStretch(1)
        bottom.addWidget(self.status)
        layout.addLayout(bottom)

    def _build_disagreements(self) -> QWidget:
        self.model = DisagreementsModel(self)
        self.table = QTableView()
        self.table.setObjectName("disagreements")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DisagreementsModel.TEXT, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._place_chosen(current.row()))
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setObjectName("disagreement_details")
        # Offsets and attribute names read left to right in either interface language.
        self.details.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        keys = QLabel(self.tr("N / P: next / previous disagreement · 1–9: take that analyst's "
                              "version into gold · A: accept every agreed mark · E: edit in the "
                              "main window · Ctrl+Z: undo"))
        keys.setTextFormat(Qt.TextFormat.PlainText)
        keys.setWordWrap(True)
        disagreements = QWidget()
        row = QHBoxLayout(disagreements)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.table, 3)
        side = QVBoxLayout()
        side.addWidget(self.details, 1)
        side.addWidget(keys)
        row.addLayout(side, 2)
        return disagreements

    def _build_conflicts(self) -> QWidget:
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.conflict_list = QListWidget()
        self.conflict_list.setObjectName("conflicts")
        self.conflict_list.currentRowChanged.connect(self._conflict_chosen)
        layout.addWidget(self.conflict_list, 2)
        versions = QVBoxLayout()
        self.kept_text = QPlainTextEdit()
        self.kept_text.setReadOnly(True)
        self.other_text = QPlainTextEdit()
        self.other_text.setReadOnly(True)
        for versions_text in (self.kept_text, self.other_text):
            versions_text.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        buttons = QHBoxLayout()
        self.keep_button = QPushButton(self.tr("Keep the current version"))
        self.keep_button.clicked.connect(lambda: self.resolve_current(other=False))
        self.other_button = QPushButton(self.tr("Use the other version"))
        self.other_button.clicked.connect(lambda: self.resolve_current(other=True))
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.other_button)
        note = QLabel(self.tr("A resolved conflict is saved at once and cannot be undone; "
                              "merged into other copies, the choice settles theirs too."))
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        versions.addWidget(QLabel(self.tr("Current version (in the file):")))
        versions.addWidget(self.kept_text)
        versions.addWidget(QLabel(self.tr("Other version (from a merge):")))
        versions.addWidget(self.other_text)
        versions.addLayout(buttons)
        versions.addWidget(note)
        layout.addLayout(versions, 3)
        return box

    def _build_keys(self) -> None:
        # Shortcuts, not actions: the keys belong to this window only, and the label editor
        # reserves the main window's actions' keys (this dialog is the window's child).
        def key(sequence: str, slot: Any) -> None:
            shortcut = QShortcut(self)
            shortcut.setKeys(with_persian_twins([sequence]))  # N also as د with a Persian layout
            shortcut.activated.connect(slot)

        key("N", lambda: self.step(+1))
        key("P", lambda: self.step(-1))
        key("A", self.accept_agreed)
        key("E", self.edit_in_window)
        for number in range(1, 10):
            key(str(number), functools.partial(self.take_version, number))
        stack = self.session.undo_stack
        undo = stack.createUndoAction(self, self.tr("Undo"))
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = stack.createRedoAction(self, self.tr("Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addAction(undo)
        self.addAction(redo)

    # -- documents and analysts ---------------------------------------------------------------

    def refresh_documents(self) -> None:
        self.documents.clear()
        for summary in self.project.document_summaries():
            self.documents.addItem(summary.title, summary.id)
        index = self.documents.findData(self.doc_id)
        if index >= 0:
            self.documents.setCurrentIndex(index)

    def show_document(self, doc_id: str) -> None:
        """Compare every analyst (but gold) who marked ``doc_id``."""
        self.doc_id = doc_id
        self.refresh_documents()
        authors = sorted({s.author for s in self.project.spans(doc_id)} - {GOLD})
        while self.analyst_layout.count():
            item = self.analyst_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.analyst_checks = {}
        for name in authors:
            check = QCheckBox(name)  # QCheckBox shows its text as plain text
            check.setObjectName(f"analyst_{name}")
            check.setChecked(True)
            check.toggled.connect(lambda _on: self.choose_analysts(
                [a for a, c in self.analyst_checks.items() if c.isChecked()]))
            self.analyst_layout.addWidget(check)
            self.analyst_checks[name] = check
        if not authors:
            empty = QLabel(self.tr("No analyst has marked this document yet."))
            empty.setTextFormat(Qt.TextFormat.PlainText)
            self.analyst_layout.addWidget(empty)
        self.setWindowTitle(self.tr("Adjudicate — %s") % self.project.document(doc_id).title)
        self.choose_analysts(authors)
        self.refresh_conflicts()
        self.table.setFocus()  # arrows move in the list; letters and digits work anywhere

    def choose_analysts(self, analysts: Sequence[str]) -> None:
        """Compare ``analysts`` (in this order: key 1 takes the first one's version)."""
        self.analysts = [a for a in analysts if a != GOLD]
        for name, check in self.analyst_checks.items():
            check.blockSignals(True)
            check.setChecked(name in self.analysts)
            check.blockSignals(False)
        for pane in self.panes.values():
            pane.setParent(None)
            pane.deleteLater()
        self.panes = {}
        document = self.project.document(self.doc_id)
        names = self.project.speaker_names()
        for number, name in enumerate([*self.analysts, GOLD], start=1):
            heading = (f"{number} — {name}" if name != GOLD
                       else self.tr("gold (the adjudicated version)"))
            pane = _Pane(heading, self.panes_box)
            pane.view.set_schema(self.project.schema, names)
            pane.view.show_document(document)
            pane.view.verticalScrollBar().valueChanged.connect(
                functools.partial(self._scrolled, name))
            self.panes_box.addWidget(pane)
            self.panes[name] = pane
        self.panes_box.setSizes([1000] * len(self.panes))
        if len(self.analysts) < 2:
            self.say(self.tr("Choose two or more analysts to compare."))
        self.recompute()

    # -- places -------------------------------------------------------------------------------

    def _span_event(self, doc_id: str) -> None:
        # Hidden, it need not follow edits: opening it again shows the document afresh.
        if doc_id == self.doc_id and self.isVisible():
            self._refresh_timer.start()

    def _schema_changed(self) -> None:
        if self.doc_id and self.isVisible():
            names = self.project.speaker_names()
            for pane in self.panes.values():
                pane.view.set_schema(self.project.schema, names)
            self.recompute()

    def recompute(self) -> None:
        """Read the document's spans again and recompute the places, keeping the current one."""
        self._refresh_timer.stop()
        if not self.doc_id:
            return
        current = self.current_place()
        row = max(self.table.currentIndex().row(), 0)
        spans = self.project.spans(self.doc_id)
        self._places = places(spans, self.analysts) if len(self.analysts) >= 2 else []
        disagreements = [p for p in self._places if not p.agreed]
        for name, pane in self.panes.items():
            pane.view.set_spans(s for s in spans if s.author == name)
            pane.view.set_ghosts(Ghost(p.start, p.end, p.label) for p in disagreements)
        self.model.set_places(self.panes[GOLD].view.text, disagreements)
        if disagreements:
            found = self.model.find(current.key) if current is not None else -1
            self.select_row(found if found >= 0 else min(row, len(disagreements) - 1))
        else:
            self._place_chosen(-1)
        agreed = sum(1 for p in self._places if p.agreed)
        self.tabs.setTabText(0, self.tr("Disagreements (%d)") % len(disagreements))
        self.counts.setText(self.tr("%d disagreement(s), %d agreed mark(s) among %s.")
                            % (len(disagreements), agreed, "، ".join(self.analysts))
                            if len(self.analysts) >= 2 else "")

    def current_place(self) -> Place | None:
        row = self.table.currentIndex().row()
        return self.model.row_object(row) if 0 <= row < self.model.rowCount() else None

    def _place_chosen(self, row: int) -> None:
        place = self.model.row_object(row) if 0 <= row < self.model.rowCount() else None
        for pane in self.panes.values():
            pane.view.set_hits([(place.start, place.end)] if place is not None else [])
        if place is None:
            self.details.setPlainText("")
            return
        self._syncing = True
        try:
            for pane in self.panes.values():
                pane.view.select_range(place.start, place.start)
        finally:
            self._syncing = False
        self.details.setPlainText(self.describe(place))

    def describe(self, place: Place) -> str:
        """The place's versions as plain text: one block per analyst, then gold's."""
        text = self.panes[GOLD].view.text
        layer = self.project.schema.layer(place.label)
        speaker_keys = {a.name for a in layer.attributes if a.kind == "speaker"} if layer else set()
        names = self.project.speaker_names()
        lines = [f"{place.label} · {kind_name(place.kind)}", ""]
        versions = [*place.versions, (GOLD, place.gold)]
        for number, (name, spans) in enumerate(versions, start=1):
            lines.append(f"{number}. {name}" if name != GOLD else name)
            if not spans:
                lines.append("   " + self.tr("(no mark)"))
            for span in spans:
                excerpt = text[span.start:span.end].replace("\n", " ")
                if len(excerpt) > 80:
                    excerpt = excerpt[:80] + "…"
                lines.append(f"   [{span.start}, {span.end})")
                lines.append(f"   «{excerpt}»")
                lines.extend(attribute_lines(span.attrs, speaker_keys, names))
        return "\n".join(lines)

    def select_row(self, row: int) -> None:
        """Make disagreement ``row`` the current one. (QTableView.selectRow picks its column at
        the viewport's edge, which before the first layout of a right-to-left table is none.)"""
        index = self.model.index(row, 0)
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def step(self, by: int) -> None:
        count = self.model.rowCount()
        if not count:
            self.say(self.tr("There are no disagreements here."))
            return
        row = self.table.currentIndex().row()
        target = (0 if by > 0 else count - 1) if row < 0 else row + by
        if 0 <= target < count:
            self.select_row(target)
        else:
            self.say(self.tr("No more disagreements in this direction."))

    def _scrolled(self, source: str, value: int) -> None:
        """Put the same paragraph (and line of it) at the top of every other pane. Scroll
        positions count laid-out lines, which each pane learns lazily, so values may differ."""
        if self._syncing:
            return
        self._syncing = True
        try:
            top = self.panes[source].view.firstVisibleBlock()
            within = max(0, value - top.firstLineNumber())
            for name, pane in self.panes.items():
                if name != source:
                    block = pane.view.document().findBlockByNumber(top.blockNumber())
                    pane.view.verticalScrollBar().setValue(block.firstLineNumber() + within)
        finally:
            self._syncing = False

    # -- writing gold -------------------------------------------------------------------------

    def take_version(self, number: int) -> None:
        """Give gold analyst ``number``'s (1-based) version of the current disagreement, as one
        undoable step, then move to the next disagreement."""
        place = self.current_place()
        if place is None:
            self.say(self.tr("There is no disagreement to decide."))
            return
        if not 1 <= number <= len(self.analysts):
            self.say(self.tr("There is no analyst %d here.") % number)
            return
        if self.session.read_only:
            self.say(self.tr("This project is open read-only; gold cannot be changed."))
            return
        analyst = self.analysts[number - 1]
        change = take(place, analyst)
        if change.empty:
            self.say(self.tr("Gold already has %s's version here.") % analyst)
        else:
            stack = self.session.undo_stack
            stack.beginMacro(self.tr("Take %s's version of a %s mark") % (analyst, place.label))
            try:
                self._write_gold(change.remove, change.add)
            finally:
                stack.endMacro()
            self.recompute()
            self.say(self.tr("Gold now has %s's version of this %s mark.")
                     % (analyst, place.label))
        row = self.model.find(place.key)
        if 0 <= row + 1 < self.model.rowCount():
            self.select_row(row + 1)

    def accept_agreed(self) -> None:
        """Copy every agreed place into gold (where gold differs), as one undoable step."""
        if self.session.read_only:
            self.say(self.tr("This project is open read-only; gold cannot be changed."))
            return
        changes = [take(p, self.analysts[0]) for p in self._places if p.agreed]
        changes = [c for c in changes if not c.empty]
        if not changes:
            self.say(self.tr("Gold already has every agreed mark."))
            return
        stack = self.session.undo_stack
        stack.beginMacro(self.tr("Accept %d agreed mark(s) into gold") % len(changes))
        try:
            for change in changes:
                self._write_gold(change.remove, change.add)
        finally:
            stack.endMacro()
        self.recompute()
        self.say(self.tr("Accepted %d agreed mark(s) into gold.") % len(changes))

    def _write_gold(self, remove: Sequence[str],
                    add: Sequence[tuple[int, int, str, dict[str, str]]]) -> None:
        if remove:
            self.session.unmark(remove)
        for start, end, label, attrs in add:
            self.session.mark(self.doc_id, start, end, label, attrs, author=GOLD)

    def edit_in_window(self) -> None:
        """Show the current place in the main window, on gold's mark if there is one."""
        place = self.current_place()
        spans: list[Span] = [] if place is None else [
            *place.gold, *(s for _, v in place.versions for s in v)]
        if spans:
            self._open_span(self.doc_id, spans[0].id)
        else:
            if self.main_view.doc_id != self.doc_id:
                self._show_document(self.doc_id)
            if place is not None:
                self.main_view.select_range(place.start, place.end)
        parent = self.parentWidget()
        if parent is not None:
            parent.activateWindow()

    # -- merge conflicts ----------------------------------------------------------------------

    def refresh_conflicts(self) -> None:
        self._conflicts = conflicts(self.project, self.doc_id) if self.doc_id else []
        self.conflict_list.clear()
        for conflict in self._conflicts:
            item = QListWidgetItem(self._conflict_title(conflict))
            item.setData(ROW_ROLE, conflict)
            self.conflict_list.addItem(item)
        self.tabs.setTabText(1, self.tr("Merge conflicts (%d)") % len(self._conflicts))
        if self._conflicts:
            self.conflict_list.setCurrentRow(0)
        else:
            self._conflict_chosen(-1)

    def _conflict_title(self, conflict: Conflict) -> str:
        kept, other = conflict.kept, conflict.other
        what = {"span": self.tr("mark"), "relation": self.tr("link"),
                "speaker": self.tr("speaker")}.get(conflict.entity, conflict.entity)
        name = str(kept.get("label") or kept.get("type") or kept.get("name") or "")
        return f"{what} {name}: {kept.get('author', '')} / {other.get('author', '')}"

    def _version_text(self, conflict: Conflict, version: dict[str, Any]) -> str:
        lines = []
        if conflict.entity == "span":
            text = self.project.document(str(conflict.doc_id)).canonical_text
            start, end = int(version["start"]), int(version["end"])
            layer = self.project.schema.layer(str(version["label"]))
            speaker_keys = ({a.name for a in layer.attributes if a.kind == "speaker"}
                            if layer else set())
            lines.append(f"{version['label']}   [{start}, {end})")
            lines.append(f"«{text[start:end]}»")
            lines.extend(attribute_lines(version["attrs"], speaker_keys,
                                          self.project.speaker_names()))
        else:
            lines.extend(f"{key}: {value}" for key, value in sorted(version.items())
                         if key not in ("id", "author", "created", "modified", "revision",
                                        "deleted"))
        if version.get("deleted"):
            lines.append(self.tr("(deleted in this version)"))
        lines.append(self.tr("by %s, revision %s, %s") % (
            version.get("author", ""), version.get("revision", ""), version.get("modified", "")))
        return "\n".join(lines)

    def _conflict_chosen(self, row: int) -> None:
        conflict = self._conflicts[row] if 0 <= row < len(self._conflicts) else None
        self.keep_button.setEnabled(conflict is not None)
        self.other_button.setEnabled(conflict is not None)
        self.kept_text.setPlainText(
            self._version_text(conflict, conflict.kept) if conflict else "")
        self.other_text.setPlainText(
            self._version_text(conflict, conflict.other) if conflict else "")

    def resolve_current(self, *, other: bool) -> None:
        """Settle the chosen conflict with the current or the other version (not undoable)."""
        row = self.conflict_list.currentRow()
        if not 0 <= row < len(self._conflicts):
            return
        if not self.session.resolve_conflict(self._conflicts[row], other=other):
            return  # the session said why (edit_failed)
        self.refresh_conflicts()
        self.say(self.tr("Conflict resolved."))

    # -- plumbing -----------------------------------------------------------------------------

    def say(self, message: str) -> None:
        self.status.setText(message)

    def stop(self) -> None:
        """Forget the document and cancel a pending refresh (the project is about to close)."""
        self._refresh_timer.stop()
        self.doc_id = ""
