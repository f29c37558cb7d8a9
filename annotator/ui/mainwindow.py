"""The main window: the document view in the middle, panels around it, every edit undoable."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6 import QtWidgets  # QMessageBox, QFileDialog: set up at first use (annotator/lazy.py)
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeyEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QPushButton,
    QToolBar,
    QWidget,
)

from annotator.domain.model import STATUSES, Span
from annotator.lazy import lazy
from annotator.ui import settings
from annotator.ui.actions import WRITING_ACTIONS, build_window_actions
from annotator.ui.deferred import after_first_paint
from annotator.ui.docklayout import (
    StableScroll,
    first_layout,
    keep_text_width,
    last_document,
    narrow_docks,
    reading_area,
    remember_document,
    state_setting,
)
from annotator.ui.icons import icon
from annotator.ui.inspector import Inspector
from annotator.ui.keylayout import add_persian_twins, with_persian_twins
from annotator.ui.keyselect import install_selection_keys
from annotator.ui.lazypanel import LazyPanel
from annotator.ui.learning import BackgroundLearner
from annotator.ui.menus import build_menus, build_toolbar
from annotator.ui.models import DocumentsModel, SpansModel
from annotator.ui.navigation import next_unmarked_sentence, step_target
from annotator.ui.plain import menu_text, plain_label, show_message, tooltip
from annotator.ui.projectfiles import (
    ask_import_paths,
    ask_new_project,
    ask_open_project,
    import_paths,
)
from annotator.ui.schemanames import label_name
from annotator.ui.session import Session
from annotator.ui.speakers import SpeakersPanel
from annotator.ui.suggestions import SuggestionsPanel
from annotator.ui.tables import filtered_table, row_table
from annotator.ui.team import TeamTools
from annotator.ui.textview import AnnotationView
from annotator.ui.tools import Tools

if TYPE_CHECKING:  # the Stance and Search tabs load when first shown (annotator/ui/lazypanel.py)
    from annotator.ui import paste
    from annotator.ui import search as search_tab
    from annotator.ui import stance as stance_tab
    from annotator.ui.search import SearchPanel
    from annotator.ui.stance import StanceView
else:
    paste = lazy("annotator.ui.paste")
    search_tab = lazy("annotator.ui.search")
    stance_tab = lazy("annotator.ui.stance")

translate = QCoreApplication.translate


class MainWindow(QMainWindow):
    """One project open for one analyst."""

    document_shown = Signal(str)
    project_opened = Signal(object)  # Path: the app replaces this window with one on that file

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.project = session.project
        self.setObjectName("MainWindow")
        self.right_to_left = QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        self.setAcceptDrops(True)
        self._linking: Span | None = None
        self._label_actions: list[QAction] = []
        self.view: AnnotationView = AnnotationView(self)
        # Documents imported elsewhere enter the search index once the window is up.
        after_first_paint(self.view, session.index_pending_documents)
        self.view.set_text_size(settings.get(settings.ZOOM))
        self.view.set_line_spacing(settings.get(settings.LINE_SPACING))
        keep_text_width(self.view)
        self.setCentralWidget(self.view)
        self.inspector: Inspector = Inspector(session, self)
        self._build_panels()
        self._build_actions()
        self._connect()
        self._summaries_timer = QTimer(self, singleShot=True, interval=150)
        self._summaries_timer.timeout.connect(self._refresh_summaries)
        self._read_only_label = plain_label()
        self.statusBar().addPermanentWidget(self._read_only_label)
        self.schema_changed()
        self.refresh_title()
        self.refresh_documents()
        last = last_document(self.project.path)
        if last and self.documents_model.find(last) >= 0:
            self.show_document(last)
        elif self.documents_model.rowCount():
            self.show_document(self.documents_model.row_object(0).id)

    # -- building -----------------------------------------------------------------------------

    def _dock(self, name: str, title: str, widget: QWidget,
              area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(reading_area(area), dock)
        return dock

    def _build_panels(self) -> None:
        self.documents_model = DocumentsModel(self.project, self)
        self.documents_model.status_names = self.status_name
        self.documents_model.arranged.connect(lambda: self._select_document_row(self.view.doc_id))
        self.documents_table = row_table(self.documents_model)
        self.documents_table.sortByColumn(DocumentsModel.TITLE, Qt.SortOrder.AscendingOrder)
        self.documents_table.activated.connect(self._document_activated)
        self.documents_table.clicked.connect(self._document_activated)
        self.import_button = QPushButton(icon("import"), self.tr("Import…"))
        self.import_button.clicked.connect(self.choose_import)
        self.documents_dock = self._dock(
            "documents", self.tr("Documents"),
            filtered_table(self.documents_table, self.documents_model, self.tr("Filter documents"),
                           self.import_button),
            Qt.DockWidgetArea.LeftDockWidgetArea)

        self.spans_model = SpansModel(self)
        self.spans_model.describe = self.view.describe
        self.spans_table = row_table(self.spans_model)
        self.spans_table.sortByColumn(SpansModel.START, Qt.SortOrder.AscendingOrder)
        self.spans_table.doubleClicked.connect(self._span_activated)
        self.spans_table.activated.connect(self._span_activated)
        self.spans_dock = self._dock(
            "spans", self.tr("Spans"),
            filtered_table(self.spans_table, self.spans_model, self.tr("Filter spans")),
            Qt.DockWidgetArea.LeftDockWidgetArea)

        self.inspector_dock = self._dock("inspector", self.tr("Inspector"),
                                         StableScroll(self.inspector),
                                         Qt.DockWidgetArea.RightDockWidgetArea)
        self.suggestions: SuggestionsPanel = SuggestionsPanel(self.session, self.view, self)
        self.suggestions_dock = self._dock("suggestions", self.tr("Suggestions"),
                                           self.suggestions, Qt.DockWidgetArea.RightDockWidgetArea)
        self.document_shown.connect(self.suggestions.document_shown)
        self._stance_panel = LazyPanel(self._build_stance)
        self.stance_dock = self._dock("stance", self.tr("Stance"), self._stance_panel,
                                      Qt.DockWidgetArea.LeftDockWidgetArea)
        self._stance_panel.follow(self.stance_dock)
        self.tabifyDockWidget(self.spans_dock, self.stance_dock)
        self.speakers = SpeakersPanel(self.session)
        self.speakers_dock = self._dock("speakers", translate("Tools", "Speakers"), self.speakers,
                                        Qt.DockWidgetArea.RightDockWidgetArea)
        self._search_panel = LazyPanel(self._build_search)
        self.search_dock = self._dock("search", translate("Tools", "Search"), self._search_panel,
                                      Qt.DockWidgetArea.LeftDockWidgetArea)
        self._search_panel.follow(self.search_dock)
        self.tabifyDockWidget(self.spans_dock, self.search_dock)
        self.spans_dock.raise_()
        self.label_bar = QToolBar(self.tr("Labels"), self)
        self.label_bar.setObjectName("labels")
        self.label_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.label_bar)

    def _build_stance(self) -> QWidget:
        view = stance_tab.StanceView(self.session, lambda: self.view.doc_id, self.open_span)
        self.document_shown.connect(view.document_shown)
        return view

    @property
    def stance(self) -> StanceView:
        """The Stance tab's table and chart, built on first use (its tab is behind Spans)."""
        return cast("StanceView", self._stance_panel.panel())

    def _build_search(self) -> QWidget:
        panel = search_tab.SearchPanel(self.project, self.view, self.show_document)
        self.document_shown.connect(panel.document_shown)
        return panel

    @property
    def search(self) -> SearchPanel:
        """The Search tab's panel, built on first use (its tab is behind Spans)."""
        return cast("SearchPanel", self._search_panel.panel())

    def focus_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search.focus_query()

    def _build_actions(self) -> None:
        """The actions (window's, tools', team's, learner's), then the menus that place them."""
        actions = build_window_actions(self)
        self.tools = Tools(self.session, self, focus_search=self.focus_search,
                           reopen=lambda: self.project_opened.emit(self.project.path))
        self.team = TeamTools(self.session, self, self.view, show_document=self.show_document,
                              open_span=self.open_span, report_failure=self.report_failure)
        install_selection_keys(self, self.view)
        self.learner = BackgroundLearner(self.session, self, self.view, self.show_document)
        actions.update((a.objectName(), a) for a in self.actions() if a.objectName())
        # The learner's Shift+U (Shift+ع) and the menus' undo and redo (Ctrl+ظ) too.
        add_persian_twins(dict.fromkeys([*self.actions(), *actions.values()]))
        self.docks = (self.documents_dock, self.spans_dock, self.inspector_dock,
                      self.suggestions_dock, self.stance_dock, self.speakers_dock, self.search_dock)
        for dock in self.docks:
            actions[f"{dock.objectName()}_dock"] = dock.toggleViewAction()
        self.named_actions = actions
        self.undo_action, self.redo_action = actions["undo"], actions["redo"]
        self.paste_action = actions["paste_document"]
        build_toolbar(self, actions, self.label_bar)
        self.menus = build_menus(self, actions, self.tools.language_actions)
        self.file_menu, self.labels_menu = self.menus["file_menu"], self.menus["labels_menu"]

    def _connect(self) -> None:
        session = self.session
        session.span_added.connect(self._span_added)
        session.span_removed.connect(self._span_removed)
        session.span_changed.connect(self._span_changed)
        session.schema_changed.connect(self.schema_changed)
        session.speakers_changed.connect(self._speakers_changed)
        session.status_changed.connect(lambda _doc: self._summaries_timer.start())
        session.documents_changed.connect(self.refresh_documents)
        session.edit_failed.connect(self.report_failure)
        session.project_merged.connect(self._reread_document)
        session.model_changed.connect(self.suggestions.refresh)
        self.view.current_span_changed.connect(self._current_span_changed)
        self.inspector.link_requested.connect(lambda _span: self.start_link())
        self.inspector.jump_requested.connect(self.jump_to_span)
        self.inspector.text_committed.connect(self.view.setFocus)

    # -- documents ------------------------------------------------------------------------------

    def status_name(self, status: str) -> str:
        names = {"todo": self.tr("to do"), "in progress": self.tr("in progress"),
                 "done": self.tr("done")}
        return names.get(status, status)

    def refresh_title(self) -> None:
        read_only = self.session.read_only
        suffix = self.tr(" (read-only)") if read_only else ""
        self.setWindowTitle(f"{self.project.path.name}{suffix} — Annotator")
        reason = self.project.read_only_reason or self.tr(
            "it is write-protected, or was written by a newer Annotator")
        self._read_only_label.setText(
            self.tr("Read-only: this file cannot be changed here (%s).") % reason
            if read_only else "")
        self._read_only_label.setStyleSheet(
            "background: #fff3cd; color: #664d03; padding: 2px 6px;" if read_only else "")
        for name in WRITING_ACTIONS:
            self.named_actions[name].setEnabled(not read_only)
        for action in self._label_actions:
            action.setEnabled(not read_only)
        self.import_button.setEnabled(not read_only)

    def refresh_documents(self) -> None:
        self.documents_model.reload()
        self._select_document_row(self.view.doc_id)

    def _refresh_summaries(self) -> None:  # statuses or counts changed, not the documents
        self.documents_model.refresh()
        self._select_document_row(self.view.doc_id)

    def _select_document_row(self, doc_id: str) -> None:
        row = self.documents_model.find(doc_id)
        if row >= 0:
            self.documents_table.selectRow(row)

    def _document_activated(self, index: QModelIndex) -> None:
        doc_id = self.documents_model.row_object(index.row()).id
        if doc_id != self.view.doc_id:
            self.show_document(doc_id)

    def show_document(self, doc_id: str) -> None:
        document = self.project.document(doc_id)
        # Paint the first screen with its own spans at once, then load the rest: a document with
        # tens of thousands of spans shows its text as fast as a plain text view.
        self.view.show_document(document)
        if self.view.isVisible():  # a window still being built paints nothing yet
            first, last = self.view.visible_range()
            self.view.set_spans(self.project.spans_in(doc_id, first, last + 1))
            self.view.viewport().repaint()
        spans = self.project.spans(doc_id, timestamps=False)
        self.view.set_spans(spans)
        self.spans_model.set_document(document.canonical_text, spans)
        self._linking = None
        self._select_document_row(doc_id)
        remember_document(self.project.path, doc_id)
        self.document_shown.emit(doc_id)
        # After the frame: a status written on the first opening would delay the window.
        after_first_paint(self.view, lambda: self.session.document_opened(doc_id))

    def _reread_document(self) -> None:
        if self.view.doc_id:
            self.show_document(self.view.doc_id)

    def set_status(self, status: str) -> None:
        if self.view.doc_id and status in STATUSES:
            self.session.set_status(self.view.doc_id, status)
            self.statusBar().showMessage(self.tr("Document marked %s.") % self.status_name(status),
                                         4000)

    # -- labels -------------------------------------------------------------------------------

    def schema_changed(self) -> None:
        schema = self.project.schema
        self.view.set_schema(schema, self.project.speaker_names())
        self.spans_model.colours = {layer.name: layer.color for layer in schema.layers}
        for action in self._label_actions:
            self.removeAction(action)
            self.labels_menu.removeAction(action)
        self._label_actions.clear()
        self.label_bar.clear()
        editor = self.labels_menu.actions()[0]  # the separator before "Edit labels…"
        for layer in schema.layers:
            shown = label_name(layer.name)
            action = QAction(menu_text(f"{shown} ({layer.shortcut.upper()})"
                                       if layer.shortcut else shown), self)
            action.setObjectName(f"label_{layer.name}")
            if layer.shortcut:
                action.setShortcuts(with_persian_twins([layer.shortcut.upper(),
                                                        "Alt+" + layer.shortcut.upper()]))
            action.setToolTip(tooltip(
                self.tr("Mark the selection as %s; with Alt, exactly as selected") % shown))
            action.triggered.connect(lambda _c=False, name=layer.name: self.apply_label(name))
            self.addAction(action)
            self.label_bar.addAction(action)
            self.labels_menu.insertAction(editor, action)
            button = self.label_bar.widgetForAction(action)
            if button is not None:
                button.setStyleSheet(f"border-bottom: 3px solid {layer.color}; padding: 2px 8px;")
            self._label_actions.append(action)
            action.setEnabled(not self.session.read_only)
        self.inspector.rebuild()

    def apply_label(self, label: str, *, exact: bool | None = None) -> Span | None:
        """Mark the selection with ``label`` (snapped to word tokens unless Alt is held)."""
        if not self.view.doc_id:
            return None
        start, end = self.view.selected_range()
        if exact is None:
            exact = bool(QApplication.keyboardModifiers() & Qt.KeyboardModifier.AltModifier)
        if not exact:
            start, end = self.view.snapped(start, end)
        if start == end:
            current = self.view.current_span()
            if current is not None and current.label != label:
                self.session.relabel(current.id, label)
                return self.view.current_span()
            self.statusBar().showMessage(self.tr("Select some text first."), 4000)
            return None
        span = self.session.mark(self.view.doc_id, start, end, label)
        if span is not None:
            self.view.select_range(end, end, scroll=False)
            self.view.set_current_span(span)
            if self._linking is None:
                self.statusBar().showMessage(self.tr("Marked %s.") % label_name(label), 3000)
        return span

    # -- spans --------------------------------------------------------------------------------

    def _span_added(self, span: Span) -> None:
        new = span.id not in self.view.spans
        self.view.span_added(span)
        if span.doc_id == self.view.doc_id:
            self.spans_model.put(span, new=new)
        self._summaries_timer.start()

    def _span_removed(self, doc_id: str, span_id: str) -> None:
        self.view.span_removed(doc_id, span_id)
        if doc_id == self.view.doc_id:
            self.spans_model.discard(span_id)
        self._summaries_timer.start()

    def _span_changed(self, span: Span) -> None:
        self.view.span_changed(span)
        if span.doc_id == self.view.doc_id:
            self.spans_model.put(span)

    def _speakers_changed(self) -> None:
        self.view.set_speakers(self.project.speaker_names())
        self.spans_model.layoutChanged.emit()

    def _current_span_changed(self, span: Span | None) -> None:
        if self._linking is not None and span is not None and span.id != self._linking.id:
            source, self._linking = self._linking, None
            self.finish_link(source, span)
            return
        self.inspector.show_span(span, self.view.text)
        if span is not None:
            row = self.spans_model.find(span.id)
            if row >= 0:
                self.spans_table.selectRow(row)

    def _span_activated(self, index: QModelIndex) -> None:
        self.jump_to_span(self.spans_model.row_object(index.row()).id)

    def open_span(self, doc_id: str, span_id: str) -> None:
        """Show a span of any document: open the document first if needed."""
        if doc_id != self.view.doc_id:
            self.show_document(doc_id)
        self.jump_to_span(span_id)

    def jump_to_span(self, span_id: str) -> None:
        span = self.view.spans.get(span_id)
        if span is not None:
            self.view.select_range(span.start, span.start)
            self.view.set_current_span(span)
            self.view.setFocus()

    def enter_pressed(self) -> None:
        if self.view.current_span() is None and self.suggestions.accept_current():
            return
        self.inspector.focus_active()

    def propagate(self, *, whole_project: bool) -> None:
        span = self.view.current_span()
        if span is None:
            self.statusBar().showMessage(self.tr("Choose a mark first."), 4000)
            return
        added = self.session.propagate(span.id, whole_project=whole_project)
        self.statusBar().showMessage(self.tr("%d more occurrence(s) marked.") % added, 5000)

    def delete_current(self) -> None:
        span = self.view.current_span()
        if span is None and self.suggestions.reject_current():
            return
        if span is None:
            self.statusBar().showMessage(self.tr("Click a mark (or press N) to choose it first."),
                                         4000)
            return
        self.session.unmark([span.id])

    def step_span(self, step: int) -> None:
        target = step_target(self.view.spans, self.view.current_span(),
                             self.view.selected_range()[0], step)
        if target is not None:
            self.jump_to_span(target.id)
        else:
            self.statusBar().showMessage(self.tr("No more marks in this direction."), 3000)

    def next_unmarked(self) -> None:
        """Select the next sentence that no span touches, ready for a label key."""
        start = self.view.selected_range()[1]
        current = self.view.current_span()
        if current is not None:
            start = max(start, current.end)
        found = next_unmarked_sentence(self.view.text, self.view.spans, start)
        if found is None:
            self.statusBar().showMessage(self.tr("Every sentence after this point has a mark."),
                                         4000)
            return
        self.view.set_current_span(None)
        self.view.select_range(*found)
        self.view.setFocus()

    # -- links --------------------------------------------------------------------------------

    def start_link(self) -> None:
        span = self.view.current_span()
        if span is None:
            self.statusBar().showMessage(self.tr("Choose the mark to link from first."), 4000)
            return
        self._linking = span
        self.statusBar().showMessage(
            self.tr("Linking %s: click the mark to link to, or move with N/P; Esc cancels.")
            % span.label)

    def finish_link(self, source: Span, target: Span) -> None:
        schema = self.project.schema
        types = [r.name for r in schema.relations
                 if (not r.from_labels or source.label in r.from_labels)
                 and (not r.to_labels or target.label in r.to_labels)]
        if not types:
            self.report_failure(self.tr("A %s mark cannot be linked to a %s mark.")
                                % (source.label, target.label))
        elif self.session.link(source.id, target.id, types[0]) is not None:
            self.statusBar().showMessage(self.tr("Linked: %s.") % types[0], 4000)
        self.view.set_current_span(self.view.spans.get(source.id))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self._linking is not None:
            self._linking = None
            self.statusBar().showMessage(self.tr("Linking cancelled."), 3000)
            return
        super().keyPressEvent(event)

    # -- view ---------------------------------------------------------------------------------

    def zoom(self, step: int) -> None:
        size = max(8, min(40, settings.get(settings.ZOOM) + step))
        settings.put(settings.ZOOM, size)
        self.view.set_text_size(size)

    def cycle_line_spacing(self) -> None:
        steps = (100, 130, 170, 220)
        current = settings.get(settings.LINE_SPACING)
        value = steps[(steps.index(current) + 1) % len(steps)] if current in steps else 130
        settings.put(settings.LINE_SPACING, value)
        self.view.set_line_spacing(value)

    def report_failure(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)
        if self.session.read_only:
            show_message(self, QtWidgets.QMessageBox.Icon.Information, self.tr("Read-only project"),
                         message)

    # -- drag and drop, closing ---------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            self.import_paths(paths)
            event.acceptProposedAction()

    def choose_new(self) -> None:
        path = ask_new_project(self)
        if path is not None and path.exists():
            self.report_failure(self.tr("%s already exists; open it instead.") % path)
        elif path is not None:
            self.project_opened.emit(path)

    def choose_open(self) -> None:
        path = ask_open_project(self)
        if path is not None:
            self.project_opened.emit(path)

    def choose_import(self) -> None:
        paths = ask_import_paths(self)
        if paths:
            self.import_paths(paths)

    def paste_document(self) -> None:
        message = paste.paste_document(self, self.session)
        if message:
            self.statusBar().showMessage(message, 8000)

    def import_paths(self, paths: list[Path]) -> None:
        """Import files all-or-nothing; a bad file is named, with its line, in a dialog."""
        if self.session.read_only:
            self.report_failure(self.tr("This project is open read-only; nothing can be added."))
            return
        message = import_paths(self, self.session, paths)
        if message:
            self.statusBar().showMessage(message, 8000)

    def shutdown(self) -> None:
        """Stop everything that would still read the project: before it is closed."""
        self._summaries_timer.stop()
        self.session.closed = True
        self.suggestions.stop()
        self.learner.stop()
        if self._stance_panel.built:
            self.stance.stop()

    def first_layout(self) -> None:
        """Size the right-hand docks for a window that has no saved layout."""
        first_layout(self, self.inspector_dock, self.suggestions_dock, self.speakers_dock)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # After the restored layout has been applied to the docks.
        QTimer.singleShot(0, self, lambda: narrow_docks(self, self.docks))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        settings.put(settings.GEOMETRY, self.saveGeometry())
        settings.put(state_setting(self), self.saveState())
        super().closeEvent(event)
