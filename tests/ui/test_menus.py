"""The menu bar as the analyst sees it: every menu, its entries in order, and the toolbar."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QToolBar

from annotator.domain.schema import Layer
from annotator.ui.mainwindow import MainWindow


def entries(menu: QMenu) -> list[str]:
    """Each entry's objectName, its text for the unnamed (undo, dock toggles), "-" for a line,
    and a submenu as its objectName followed by its entries."""
    found: list[str] = []
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            found.append(f"{submenu.objectName()}: {', '.join(entries(submenu))}")
        else:
            found.append("-" if action.isSeparator() else action.objectName() or action.text())
    return found


def test_the_menus_and_their_entries(window: MainWindow) -> None:
    bar = {action.menu().objectName(): entries(action.menu())
           for action in window.menuBar().actions() if isinstance(action.menu(), QMenu)}
    assert list(bar) == ["file_menu", "edit_menu", "suggestions_menu", "navigate_menu",
                         "view_menu", "labels_menu", "team_menu", "help_menu"]
    assert bar["file_menu"] == ["new_project", "open_project", "import", "paste_document", "-",
                                "export", "-", "quit"]
    assert bar["edit_menu"] == ["Undo", "Redo", "delete", "link", "propagate",
                                "propagate_project"]
    assert bar["suggestions_menu"] == ["suggest", "next_suggestion", "previous_suggestion", "-",
                                       "learn_now", "next_useful"]
    assert bar["navigate_menu"] == ["next_span", "previous_span", "next_unmarked", "done"]
    assert bar["view_menu"] == [
        "zoom_in", "zoom_out", "line_spacing", "Documents", "Spans", "Inspector", "Suggestions",
        "Stance", "search", "-", "Speakers", "Search", "-",
        "language_menu: language_fa, language_en, -, language_toggle"]
    assert bar["labels_menu"] == ["label_Speaker", "label_Turn", "label_Claim", "label_Stance",
                                  "-", "edit_schema"]
    assert bar["team_menu"] == ["adjudicate", "dashboard", "-", "share_project", "merge_files"]
    assert bar["help_menu"] == ["cheatsheet"]


def test_a_new_label_goes_before_the_editor(window: MainWindow) -> None:
    window.session.set_schema(window.project.schema.with_layer(Layer("Quote", "#654321", "q")))
    assert entries(window.labels_menu) == ["label_Speaker", "label_Turn", "label_Claim",
                                           "label_Stance", "label_Quote", "-", "edit_schema"]
    window.session.undo_stack.undo()
    assert "label_Quote" not in entries(window.labels_menu)
    assert entries(window.labels_menu)[-2:] == ["-", "edit_schema"]


def test_the_navigation_toolbar(window: MainWindow) -> None:
    toolbar = next(t for t in window.findChildren(QToolBar) if t.objectName() == "navigation")
    assert [a.objectName() or a.text() for a in toolbar.actions()] == [
        "Undo", "Redo", "previous_span", "next_span", "next_unmarked", "done", "delete",
        "zoom_out", "zoom_in"]
