"""The window's menu bar and navigation toolbar, placed from the actions by name."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from annotator.ui.actions import QT_TRANSLATE_NOOP
from annotator.ui.icons import icon

SEPARATOR = "-"

LANGUAGE_MENU = "language_menu"  # a submenu: the Tools' language actions

# objectName, the title's translation context and text, the entries in order.
MENUS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("file_menu", "MainWindow", QT_TRANSLATE_NOOP("MainWindow", "&File"),
     ("new_project", "open_project", "import", "paste_document", SEPARATOR, "export", SEPARATOR,
      "quit")),
    ("edit_menu", "MainWindow", QT_TRANSLATE_NOOP("MainWindow", "&Edit"),
     ("undo", "redo", "delete", "link", "propagate", "propagate_project")),
    ("suggestions_menu", "MainWindow", QT_TRANSLATE_NOOP("MainWindow", "Su&ggestions"),
     ("suggest", "next_suggestion", "previous_suggestion", SEPARATOR, "learn_now",
      "next_useful")),
    ("navigate_menu", "MainWindow", QT_TRANSLATE_NOOP("MainWindow", "&Navigate"),
     ("next_span", "previous_span", "next_unmarked", "done")),
    ("view_menu", "MainWindow", QT_TRANSLATE_NOOP("MainWindow", "&View"),
     ("zoom_in", "zoom_out", "line_spacing", "documents_dock", "spans_dock", "inspector_dock",
      "suggestions_dock", "stance_dock", "search", SEPARATOR, "speakers_dock", "search_dock",
      SEPARATOR, LANGUAGE_MENU)),
    # The label actions are put in front of the editor whenever the schema changes.
    ("labels_menu", "MainWindow", QT_TRANSLATE_NOOP("MainWindow", "&Labels"),
     (SEPARATOR, "edit_schema")),
    # Alt+M: Alt+T, like Alt+S, C and A, marks exactly with a default label's key.
    ("team_menu", "TeamTools", QT_TRANSLATE_NOOP("TeamTools", "Tea&m"),
     ("adjudicate", "dashboard", SEPARATOR, "share_project", "merge_files")),
    ("help_menu", "MainWindow", QT_TRANSLATE_NOOP("MainWindow", "&Help"), ("cheatsheet",)),
)

TOOLBAR = ("undo", "redo", "previous_span", "next_span", "next_unmarked", "done", "delete",
           "zoom_out", "zoom_in")


def build_menus(window: QMainWindow, actions: Mapping[str, QAction],
                language: Sequence[QAction]) -> dict[str, QMenu]:
    """The menu bar's menus, by objectName, each filled from ``actions`` by name; the View
    menu's Language submenu holds ``language`` (the last one after a separator)."""
    menus = {}
    for name, context, title, entries in MENUS:
        menu = window.menuBar().addMenu(QCoreApplication.translate(context, title))
        menu.setObjectName(name)
        for entry in entries:
            if entry == SEPARATOR:
                menu.addSeparator()
            elif entry == LANGUAGE_MENU:
                menus[entry] = _language_menu(menu, language)
            else:
                menu.addAction(actions[entry])
        menus[name] = menu
    return menus


def _language_menu(view: QMenu, language: Sequence[QAction]) -> QMenu:
    menu = view.addMenu(icon("language"), QCoreApplication.translate("Tools", "Language"))
    menu.setObjectName(LANGUAGE_MENU)
    *choices, toggle = language
    for action in choices:
        menu.addAction(action)
    menu.addSeparator()
    menu.addAction(toggle)
    return menu


def build_toolbar(window: QMainWindow, actions: Mapping[str, QAction],
                  label_bar: QToolBar) -> QToolBar:
    """The navigation toolbar, above ``label_bar``."""
    toolbar = QToolBar(QCoreApplication.translate("MainWindow", "Navigation"), window)
    toolbar.setObjectName("navigation")
    for name in TOOLBAR:
        toolbar.addAction(actions[name])
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    window.insertToolBarBreak(label_bar)
    return toolbar
