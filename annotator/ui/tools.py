"""The window's tools: speakers and search panels, the label schema editor, export, the keyboard
cheat sheet and the interface language, added to a MainWindow by ``install_tools``."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QWidget

from annotator.ui import settings
from annotator.ui.docklayout import reading_area
from annotator.ui.icons import icon
from annotator.ui.keylayout import add_persian_twins
from annotator.ui.keyselect import install_selection_keys
from annotator.ui.lazypanel import LazyPanel
from annotator.ui.speakers import SpeakersPanel

if TYPE_CHECKING:  # the dialogs load when first opened, not at start-up
    from annotator.ui.cheatsheet import CheatSheet
    from annotator.ui.mainwindow import MainWindow
    from annotator.ui.search import SearchPanel  # built when its tab is first shown

LANGUAGE_NAMES = {"fa": "فارسی", "en": "English"}  # each in its own language, never translated


class Tools(QObject):
    """What ``install_tools`` added to one window (found again with ``tools_of``)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("tools")
        self.window = window
        self.speakers = SpeakersPanel(window.session)
        self.speakers_dock = self._dock("speakers", self.tr("Speakers"), self.speakers,
                                        Qt.DockWidgetArea.RightDockWidgetArea)
        self._search_panel = LazyPanel(self._build_search)
        self.search_dock = self._dock("search", self.tr("Search"), self._search_panel,
                                      Qt.DockWidgetArea.LeftDockWidgetArea)
        self._search_panel.follow(self.search_dock)
        window.tabifyDockWidget(window.spans_dock, self.search_dock)
        window.spans_dock.raise_()

        self.search_action = self._action("search", self.tr("Search…"), self.focus_search,
                                          QKeySequence.StandardKey.Find, "search")
        self.export_action = self._action("export", self.tr("Export…"), self.open_export,
                                          QKeySequence("Ctrl+E"), "export")
        self.schema_action = self._action("edit_schema", self.tr("Edit labels…"),
                                          self.open_schema_editor, None, "schema")
        self.cheatsheet_action = self._action("cheatsheet", self.tr("Keyboard shortcuts"),
                                              self.open_cheatsheet,
                                              QKeySequence.StandardKey.HelpContents, "help")

        file_menu = window.file_menu
        quit_action = window.quit_action
        file_menu.insertAction(quit_action, self.export_action)
        file_menu.insertSeparator(quit_action)
        window.view_menu.addAction(self.search_action)
        window.view_menu.addSeparator()
        for dock in (self.speakers_dock, self.search_dock):
            window.view_menu.addAction(dock.toggleViewAction())
        window.view_menu.addSeparator()
        self.language_menu = window.view_menu.addMenu(icon("language"), self.tr("Language"))
        self.language_menu.setObjectName("language_menu")
        self.language_group = QActionGroup(self)
        current = QApplication.layoutDirection()
        chosen = str(settings.get(settings.LANGUAGE) or "")
        for code, name in LANGUAGE_NAMES.items():
            action = QAction(name, window)
            action.setObjectName(f"language_{code}")
            action.setCheckable(True)
            action.setChecked(code == chosen if chosen else
                              (code == "fa") == (current == Qt.LayoutDirection.RightToLeft))
            action.triggered.connect(lambda _c=False, c=code: self.switch_language(c))
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
        self.language_menu.addSeparator()
        toggle = QAction(self.tr("Switch language"), window)
        toggle.setObjectName("language_toggle")
        toggle.setShortcut(QKeySequence("Ctrl+Shift+L"))
        toggle.triggered.connect(lambda _c=False: self.switch_language(
            "en" if QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft else "fa"))
        self.language_menu.addAction(toggle)
        window.help_menu.addAction(self.cheatsheet_action)
        self._refresh_schema_action()
        window.session.schema_changed.connect(self._refresh_schema_action)

    def _build_search(self) -> QWidget:
        from annotator.ui.search import SearchPanel  # when its tab is first shown

        return SearchPanel(self.window)

    @property
    def search(self) -> SearchPanel:
        """The Search tab's panel, built on first use (its tab is behind Spans)."""
        return cast("SearchPanel", self._search_panel.panel())

    def _dock(self, name: str, title: str, widget: QWidget,
              area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.window.addDockWidget(reading_area(area), dock)
        return dock

    def _action(self, name: str, text: str, slot: object,
                keys: QKeySequence | QKeySequence.StandardKey | None,
                meaning: str) -> QAction:
        action = QAction(icon(meaning), text, self.window)
        action.setObjectName(name)
        if isinstance(keys, QKeySequence):
            action.setShortcut(keys)
        elif keys is not None:
            action.setShortcuts(keys)
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        self.window.addAction(action)
        return action

    def _refresh_schema_action(self) -> None:
        # The Labels menu is rebuilt whenever the schema changes; put the editor back at its end.
        menu = self.window.labels_menu
        if self.schema_action not in menu.actions():
            menu.addSeparator()
            menu.addAction(self.schema_action)
        self.schema_action.setEnabled(not self.window.session.read_only)

    # -- what the actions do ------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search.focus_query()

    def open_export(self) -> None:
        from annotator.ui.export_dialog import ExportDialog  # the exporters load on first use

        dialog = ExportDialog(self.window.project, self.window)
        if dialog.exec() == ExportDialog.DialogCode.Accepted and dialog.report is not None:
            self.window.statusBar().showMessage(
                self.tr("Exported %d document(s) and %d mark(s) to %s.")
                % (dialog.report.documents, dialog.report.spans, dialog.path.text()), 8000)
        dialog.deleteLater()

    def open_schema_editor(self) -> None:
        from annotator.ui.schema_editor import SchemaEditor, reserved_keys

        editor = SchemaEditor(self.window.session, reserved_keys(self.window), self.window)
        editor.exec()
        editor.deleteLater()

    def open_cheatsheet(self) -> CheatSheet:
        from annotator.ui.cheatsheet import CheatSheet

        sheet = CheatSheet(self.window)
        sheet.show()
        return sheet

    def switch_language(self, code: str) -> None:
        """Store the language, load it, and reopen the window on the same project in it."""
        from annotator.ui.app import install_language  # app imports the window: import late

        settings.put(settings.LANGUAGE, code)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            install_language(app, code)
        self.window.project_opened.emit(self.window.project.path)


def install_tools(window: MainWindow) -> None:
    """Add every tool (docks, menu entries, actions with their keys) to ``window``."""
    Tools(window)
    install_selection_keys(window)
    add_persian_twins(window.actions())


def tools_of(window: MainWindow) -> Tools:
    tools = window.findChild(Tools, "tools")
    assert tools is not None, "install_tools was not called for this window"
    return tools
