"""The Team menu: adjudication, the dashboard, sharing the project and merging analysts' files.

The window holds its project open with an exclusive lock, so merging goes through that open
``Project`` (``Session.merge``) rather than opening the file a second time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtWidgets  # QMessageBox, QFileDialog: set up at first use (annotator/lazy.py)
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QMainWindow

from annotator.domain.errors import AnnotatorError
from annotator.lazy import lazy
from annotator.ui.actions import make_action
from annotator.ui.messages import window_error, window_words
from annotator.ui.session import Session
from annotator.ui.textview import AnnotationView

if TYPE_CHECKING:  # sharing and the team windows load on first use (annotator/lazy.py)
    from PySide6.QtWidgets import QMessageBox

    from annotator.storage import sharing
    from annotator.storage.merging import MergeReport
    from annotator.ui import adjudication, dashboard
    from annotator.ui.adjudication import AdjudicationDialog
    from annotator.ui.dashboard import Dashboard
else:
    adjudication = lazy("annotator.ui.adjudication")
    dashboard = lazy("annotator.ui.dashboard")
    sharing = lazy("annotator.storage.sharing")


class TeamTools(QObject):
    """The Team menu's actions and the windows they open; a child of the main window."""

    def __init__(self, session: Session, window: QMainWindow, view: AnnotationView, *,
                 show_document: Callable[[str], None],
                 open_span: Callable[[str, str], None],
                 report_failure: Callable[[str], None]) -> None:
        super().__init__(window)
        self.setObjectName("team_tools")
        self.session = session
        self.window = window
        self.view = view
        self._show_document = show_document
        self._open_span = open_span
        self._report_failure = report_failure
        self.adjudication: AdjudicationDialog | None = None
        self.dashboard: Dashboard | None = None
        self.last_message = ""
        self.adjudicate_action = make_action(window, "adjudicate", self.tr("Adjudicate…"),
                                             self.open_adjudication, ("Ctrl+J",), "adjudicate")
        self.dashboard_action = make_action(window, "dashboard", self.tr("Dashboard…"),
                                            self.open_dashboard, (), "dashboard")
        self.share_action = make_action(window, "share_project", self.tr("Share project…"),
                                        self.choose_share, (), "share")
        self.merge_action = make_action(window, "merge_files", self.tr("Merge files…"),
                                        self.choose_merge, (), "merge")
        window.installEventFilter(self)
        session.project_merged.connect(self._merged)

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

    # -- adjudication and the dashboard -------------------------------------------------------

    def open_adjudication(self) -> AdjudicationDialog | None:
        doc_id = self.view.doc_id
        if not doc_id:
            self._report_failure(self.tr("Open a document to adjudicate first."))
            return None
        if self.adjudication is None:
            self.adjudication = adjudication.AdjudicationDialog(
                self.session, self.view, show_document=self._show_document,
                open_span=self._open_span, parent=self.window)
        self.adjudication.show_document(doc_id)
        self.adjudication.show()
        self.adjudication.activateWindow()
        return self.adjudication

    def open_dashboard(self) -> Dashboard:
        if self.dashboard is None:
            self.dashboard = dashboard.Dashboard(self.session.project, self.window)
        self.dashboard.refresh()  # between the window's events: "Computing…" until shown
        self.dashboard.show()
        self.dashboard.activateWindow()
        return self.dashboard

    # -- sharing and merging ------------------------------------------------------------------

    def choose_share(self) -> None:
        name, _filter = QtWidgets.QFileDialog.getSaveFileName(
            self.window, self.tr("Share project"), "",
            self.tr("Annotator projects (*.annot)"))
        if name:
            self.share(Path(name if name.endswith(".annot") else name + ".annot"))

    def share(self, out: Path) -> Path | None:
        """Write a self-contained, verified copy of the project to ``out``; says how it went."""
        try:
            written = sharing.share_project(self.session.project, out)
        except AnnotatorError as error:
            self._tell(QtWidgets.QMessageBox.Icon.Warning, self.tr("Nothing was shared"),
                       window_error(error))
            return None
        self._tell(QtWidgets.QMessageBox.Icon.Information, self.tr("Project shared"),
                   self.tr("Wrote a checked copy of the project to %s.\nGive it to an analyst; "
                           "merge their copy back with Team → Merge files….") % written)
        return written

    def choose_merge(self) -> None:
        names, _filter = QtWidgets.QFileDialog.getOpenFileNames(
            self.window, self.tr("Merge analysts' files"), "",
            self.tr("Annotator projects (*.annot)"))
        if names:
            self.merge([Path(name) for name in names])

    def merge(self, paths: Sequence[Path]) -> MergeReport | None:
        """Merge other project files into the open project in one transaction, refresh the
        window and show the report. Not undoable: the undo history is cleared afterwards."""
        if self.session.read_only:
            self._report_failure(
                self.tr("This project is open read-only; nothing can be merged into it."))
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = self.session.merge(paths)
        except AnnotatorError as error:
            self._tell(QtWidgets.QMessageBox.Icon.Warning, self.tr("Nothing was merged"),
                       self.tr("Nothing was merged; the project is unchanged.") + "\n"
                       + window_error(error))
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self._tell(QtWidgets.QMessageBox.Icon.Information, self.tr("Merge"), self.describe(report))
        return report

    def _merged(self) -> None:
        """Show what a merge changed in the team windows (the main window follows itself)."""
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
        self.last_message = message
        box = QtWidgets.QMessageBox(kind, title, message,
                                    QtWidgets.QMessageBox.StandardButton.Ok, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)  # paths and reasons come from files
        box.setObjectName("team_message")
        box.open()
