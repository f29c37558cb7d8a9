"""The window's menu bar and navigation toolbar, placed from the actions by name."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolBar

from annotator.ui.actions import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from annotator.ui.mainwindow import MainWindow

SEPARATOR = "-"

# objectName, title (translated in the MainWindow context), the actions in order.
MENUS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("file_menu", QT_TRANSLATE_NOOP("MainWindow", "&File"),
     ("new_project", "open_project", "import", "paste_document", SEPARATOR, "quit")),
    ("edit_menu", QT_TRANSLATE_NOOP("MainWindow", "&Edit"),
     ("undo", "redo", "delete", "link", "propagate", "propagate_project")),
    ("suggestions_menu", QT_TRANSLATE_NOOP("MainWindow", "Su&ggestions"),
     ("suggest", "next_suggestion", "previous_suggestion")),
    ("navigate_menu", QT_TRANSLATE_NOOP("MainWindow", "&Navigate"),
     ("next_span", "previous_span", "next_unmarked", "done")),
    ("view_menu", QT_TRANSLATE_NOOP("MainWindow", "&View"),
     ("zoom_in", "zoom_out", "line_spacing", "documents_dock", "spans_dock", "inspector_dock",
      "suggestions_dock", "stance_dock")),
    ("labels_menu", QT_TRANSLATE_NOOP("MainWindow", "&Labels"), ()),
    ("help_menu", QT_TRANSLATE_NOOP("MainWindow", "&Help"), ()),
)

TOOLBAR = ("undo", "redo", "previous_span", "next_span", "next_unmarked", "done", "delete",
           "zoom_out", "zoom_in")


def fill(menu: QMenu, names: Sequence[str], actions: Mapping[str, QAction]) -> None:
    for name in names:
        if name == SEPARATOR:
            menu.addSeparator()
        else:
            menu.addAction(actions[name])


def build_menus(window: MainWindow, actions: Mapping[str, QAction]) -> dict[str, QMenu]:
    """The menu bar's menus, by objectName, each filled from ``actions``."""
    menus = {}
    for name, title, entries in MENUS:
        menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", title))
        menu.setObjectName(name)
        fill(menu, entries, actions)
        menus[name] = menu
    return menus


def build_toolbar(window: MainWindow, actions: Mapping[str, QAction]) -> QToolBar:
    """The navigation toolbar, above the labels' toolbar."""
    toolbar = QToolBar(QCoreApplication.translate("MainWindow", "Navigation"), window)
    toolbar.setObjectName("navigation")
    for name in TOOLBAR:
        toolbar.addAction(actions[name])
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    window.insertToolBarBreak(window.label_bar)
    return toolbar
