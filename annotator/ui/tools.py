"""The window's tools: search, the label schema editor, export, the keyboard cheat sheet and
the interface language. Their actions are placed in the menus by ``ui/menus.py``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow

from annotator.lazy import lazy
from annotator.ui import settings
from annotator.ui.actions import make_action
from annotator.ui.language import LANGUAGE_NAMES, switch_language
from annotator.ui.session import Session

if TYPE_CHECKING:  # the dialogs load when first opened (annotator/lazy.py)
    from annotator.ui import cheatsheet, export_dialog, schema_editor
    from annotator.ui.cheatsheet import CheatSheet
else:
    cheatsheet = lazy("annotator.ui.cheatsheet")
    export_dialog = lazy("annotator.ui.export_dialog")
    schema_editor = lazy("annotator.ui.schema_editor")


class Tools(QObject):
    """The tools' actions and the dialogs they open, for one window."""

    def __init__(self, session: Session, window: QMainWindow, *,
                 focus_search: Callable[[], None], reopen: Callable[[], None]) -> None:
        super().__init__(window)
        self.setObjectName("tools")
        self.session = session
        self.window = window
        self._reopen = reopen
        bindings = QKeySequence.keyBindings
        self.search_action = make_action(window, "search", self.tr("Search…"), focus_search,
                                         tuple(bindings(QKeySequence.StandardKey.Find)), "search")
        self.export_action = make_action(window, "export", self.tr("Export…"), self.open_export,
                                         ("Ctrl+E",), "export")
        self.schema_action = make_action(window, "edit_schema", self.tr("Edit labels…"),
                                         self.open_schema_editor, (), "schema")
        self.cheatsheet_action = make_action(
            window, "cheatsheet", self.tr("Keyboard shortcuts"), self.open_cheatsheet,
            tuple(bindings(QKeySequence.StandardKey.HelpContents)), "help")
        self.language_actions = self._language_actions()

    def _language_actions(self) -> list[QAction]:
        """One checkable action per language, then the one that switches between them."""
        group = QActionGroup(self)
        current = QApplication.layoutDirection()
        chosen = str(settings.get(settings.LANGUAGE) or "")
        actions = []
        for code, name in LANGUAGE_NAMES.items():
            action = QAction(name, self.window)
            action.setObjectName(f"language_{code}")
            action.setCheckable(True)
            action.setChecked(code == chosen if chosen else
                              (code == "fa") == (current == Qt.LayoutDirection.RightToLeft))
            action.triggered.connect(lambda _c=False, c=code: self.switch_language(c))
            group.addAction(action)
            actions.append(action)
        toggle = QAction(self.tr("Switch language"), self.window)
        toggle.setObjectName("language_toggle")
        toggle.setShortcut(QKeySequence("Ctrl+Shift+L"))
        toggle.triggered.connect(lambda _c=False: self.switch_language(
            "en" if QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft else "fa"))
        return [*actions, toggle]

    def open_export(self) -> None:
        dialog = export_dialog.ExportDialog(self.session.project, self.window)
        accepted = dialog.exec() == export_dialog.ExportDialog.DialogCode.Accepted
        if accepted and dialog.report is not None:
            self.window.statusBar().showMessage(
                self.tr("Exported %d document(s) and %d mark(s) to %s.")
                % (dialog.report.documents, dialog.report.spans, dialog.path.text()), 8000)
        dialog.deleteLater()

    def open_schema_editor(self) -> None:
        reserved = schema_editor.reserved_keys(self.window)
        editor = schema_editor.SchemaEditor(self.session, reserved, self.window)
        editor.exec()
        editor.deleteLater()

    def open_cheatsheet(self) -> CheatSheet:
        sheet = cheatsheet.CheatSheet(self.window)
        sheet.show()
        return sheet

    def switch_language(self, code: str) -> None:
        """Store the language, load it, and reopen the window on the same project in it."""
        switch_language(code)
        self._reopen()
