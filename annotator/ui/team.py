"""The Team menu: adjudication, the dashboard, sharing the project and merging analysts' files.

The window holds its project open with an exclusive lock, so merging goes through that open
``Project`` (``merging.merge_projects``) rather than opening the file a second time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from annotator.domain.errors import AnnotatorError
from annotator.ui.icons import icon
from annotator.ui.messages import window_error, window_words

if TYPE_CHECKING:  # merging, sharing and the team windows load on first use, not at start-up
    from PySide6.QtWidgets import QMessageBox

    from annotator.storage.merging import MergeReport, SourceFile
    from annotator.ui.adjudication import AdjudicationDialog
    from annotator.ui.dashboard import Dashboard
    from annotator.ui.mainwindow import MainWindow


def install_team_tools(window: MainWindow) -> None:
    """Add the Team menu (objectName ``team_menu``) and its actions to ``window``."""
    TeamTools(window)


class TeamTools(QObject):
    """The Team menu's actions and the windows they open; a child of the main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("team_tools")
        self.window = window
        self.adjudication: AdjudicationDialog | None = None
        self.dashboard: Dashboard | None = None
        self.last_message = ""
        # Alt+M: Alt+T, like Alt+S, C and A, marks exactly with a default label's key.
        menu = window.menuBar().addMenu(self.tr("Tea&m"))
        menu.setObjectName("team_menu")
        window.menuBar().insertMenu(window.help_menu.menuAction(), menu)  # Help stays last
        self.menu = menu
        self.adjudicate_action = self._action("adjudicate", self.tr("Adjudicate…"),
                                              self.open_adjudication, "Ctrl+J", "adjudicate")
        self.dashboard_action = self._action("dashboard", self.tr("Dashboard…"),
                                             self.open_dashboard, None, "dashboard")
        menu.addSeparator()
        self.share_action = self._action("share_project", self.tr("Share project…"),
                                         self.choose_share, None, "share")
        self.merge_action = self._action("merge_files", self.tr("Merge files…"),
                                         self.choose_merge, None, "merge")
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The project is closed right after its window: the team windows go first, so that
        # nothing reads the closed file afterwards.
        if watched is self.window and event.type() == QEvent.Type.Close:
            for dialog in (self.adjudication, self.dashboard):
                if dialog is not None:
                    dialog.close()
            if self.adjudication is not None:
                self.adjudication.stop()
        return False

    def _action(self, name: str, text: str, slot: Callable[[], object], shortcut: str | None,
                meaning: str) -> QAction:
        action = QAction(icon(meaning), text, self.window)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        self.menu.addAction(action)
        return action

    # -- adjudication and the dashboard -------------------------------------------------------

    def open_adjudication(self) -> AdjudicationDialog | None:
        doc_id = self.window.view.doc_id
        if not doc_id:
            self.window.report_failure(self.tr("Open a document to adjudicate first."))
            return None
        if self.adjudication is None:
            from annotator.ui.adjudication import AdjudicationDialog

            self.adjudication = AdjudicationDialog(self.window)
        self.adjudication.show_document(doc_id)
        self.adjudication.show()
        self.adjudication.activateWindow()
        return self.adjudication

    def open_dashboard(self) -> Dashboard:
        if self.dashboard is None:
            from annotator.ui.dashboard import Dashboard  # QtCharts: loaded on first use only

            self.dashboard = Dashboard(self.window)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.dashboard.refresh()
        finally:
            QApplication.restoreOverrideCursor()
        self.dashboard.show()
        self.dashboard.activateWindow()
        return self.dashboard

    # -- sharing and merging ------------------------------------------------------------------

    def choose_share(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # loaded on first use, not at start-up

        name, _filter = QFileDialog.getSaveFileName(
            self.window, self.tr("Share project"), "",
            self.tr("Annotator projects (*.annot)"))
        if name:
            self.share(Path(name if name.endswith(".annot") else name + ".annot"))

    def share(self, out: Path) -> Path | None:
        """Write a self-contained, verified copy of the project to ``out``; says how it went."""
        from PySide6.QtWidgets import QMessageBox  # loaded on first use, not at start-up

        from annotator.storage.sharing import share_project

        try:
            written = share_project(self.window.project, out)
        except AnnotatorError as error:
            self._tell(QMessageBox.Icon.Warning, self.tr("Nothing was shared"), window_error(error))
            return None
        self._tell(QMessageBox.Icon.Information, self.tr("Project shared"),
                   self.tr("Wrote a checked copy of the project to %s.\nGive it to an analyst; "
                           "merge their copy back with Team → Merge files….") % written)
        return written

    def choose_merge(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # loaded on first use, not at start-up

        names, _filter = QFileDialog.getOpenFileNames(
            self.window, self.tr("Merge analysts' files"), "",
            self.tr("Annotator projects (*.annot)"))
        if names:
            self.merge([Path(name) for name in names])

    def merge(self, paths: Sequence[Path]) -> MergeReport | None:
        """Merge other project files into the open project in one transaction, refresh the
        window and show the report. Not undoable: the undo history is cleared afterwards."""
        from PySide6.QtWidgets import QMessageBox  # loaded on first use, not at start-up

        project = self.window.project
        if project.read_only:
            self.window.report_failure(
                self.tr("This project is open read-only; nothing can be merged into it."))
            return None
        from annotator.storage.merging import merge_projects, open_source

        sources: list[SourceFile] = []
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            for path in paths:
                sources.append(open_source(path, project=project.path))
            report = merge_projects(project, sources)
        except AnnotatorError as error:
            QApplication.restoreOverrideCursor()
            self._tell(QMessageBox.Icon.Warning, self.tr("Nothing was merged"),
                       self.tr("Nothing was merged; the project is unchanged.") + "\n"
                       + window_error(error))
            return None
        finally:
            for source in sources:
                source.close()
        QApplication.restoreOverrideCursor()
        self.refresh_window()
        self._tell(QMessageBox.Icon.Information, self.tr("Merge"), self.describe(report))
        return report

    def refresh_window(self) -> None:
        """Show what a merge changed: schema, speakers, documents and the open document."""
        window = self.window
        session = window.session
        # Undoing an edit made before the merge could overwrite what the merge brought in.
        session.undo_stack.clear()
        session.schema_changed.emit()
        session.speakers_changed.emit()
        session.documents_changed.emit()
        if window.view.doc_id:
            window.show_document(window.view.doc_id)
        if self.adjudication is not None and self.adjudication.doc_id:
            self.adjudication.show_document(self.adjudication.doc_id)
        if self.dashboard is not None and self.dashboard.isVisible():
            self.dashboard.refresh()

    def describe(self, report: MergeReport) -> str:
        """The merge report as plain text, one line per kind of item."""
        names = {"documents": self.tr("documents"), "spans": self.tr("marks"),
                 "relations": self.tr("links"), "speakers": self.tr("speakers"),
                 "statuses": self.tr("statuses")}
        lines = [self.tr("Merged %d file(s).") % len(report.sources)]
        for key, counts in report.counts().items():
            lines.append(self.tr("%s: %d added, %d updated, %d unchanged, %d in conflict, "
                                 "%d refused") % (names[key], counts.added, counts.updated,
                                                  counts.unchanged, counts.conflicts,
                                                  counts.refused))
        lines.extend(map(window_words, report.notes))
        lines.extend(self.tr("refused %s %s from %s: %s") % (r.entity, r.id, r.source, r.reason)
                     for r in report.refusals)
        if any(c.conflicts for c in report.counts().values()):
            lines.append(self.tr("Review the conflicts in Team → Adjudicate… (Merge conflicts)."))
        lines.append(self.tr("A merge cannot be undone; the undo history was cleared."))
        return "\n".join(lines)

    def _tell(self, kind: QMessageBox.Icon, title: str, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox  # loaded on first use, not at start-up

        self.last_message = message
        box = QMessageBox(kind, title, message, QMessageBox.StandardButton.Ok, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)  # paths and reasons come from files
        box.setObjectName("team_message")
        box.open()
