"""F1's cheat sheet is made from the window's actions; View → Language reopens the window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator.ui import settings
from annotator.ui.app import replace_window
from annotator.ui.cheatsheet import CheatSheet, cheat_sheet
from annotator.ui.language import install_language
from annotator.ui.mainwindow import MainWindow
from annotator.ui.models import SpeakersModel


@pytest.fixture
def english(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    install_language(qapp, "en")


def plain(text: str) -> str:
    return "".join(c for c in text if c not in "\u202d\u202c")


def test_f1_lists_every_shortcut_of_the_window(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    sheet = window.findChild(CheatSheet)
    assert sheet is not None and sheet.isVisible()
    text = plain(sheet.text.toPlainText())
    for keys, what in (("S", "Speaker (S)"), ("Alt+C", "Claim (C)"), ("N", "Next mark"),
                       ("U", "Next unmarked sentence"), ("[", "Previous attribute"),
                       ("+", "New speaker for the attribute"), ("L", "Link the current mark"),
                       ("Ctrl+D", "Mark document done"), ("Ctrl+Shift+Z", "Redo"),
                       ("Ctrl+Z", "Undo"), ("Ctrl+F", "Search…"), ("Ctrl+E", "Export…"),
                       ("F1", "Keyboard shortcuts")):
        assert any(keys in line.split("\t")[0].split(", ") and what in line
                   for line in text.splitlines()), (keys, what)
    assert "0 1 2 3 4 5 6 7 8 9\tchoose the k-th value" in text
    assert "Alt with the key" in text and "Ctrl+Shift+Z redoes it" in text
    sheet.close()


def test_the_cheat_sheet_follows_new_actions(window: MainWindow) -> None:
    action = QAction("Count the words", window)
    action.setShortcut(QKeySequence("Ctrl+K"))
    window.addAction(action)
    assert "\u202dCtrl+K\u202c\tCount the words" in cheat_sheet(window)
    window.project.set_schema(window.project.schema)  # a new label shows up as well
    window.schema_changed()
    assert "Speaker (S)" in cheat_sheet(window)


def test_language_switch_reopens_the_window_mirrored(qtbot: QtBot, window: MainWindow,
                                                     english: QApplication) -> None:
    language_menu = window.menus["language_menu"]
    names = [a.text() for a in language_menu.actions()]
    assert names == ["فارسی", "English", "", "Switch language"]  # each language in its own
    assert language_menu.actions()[3].shortcut().toString() == "Ctrl+Shift+L"
    with qtbot.waitSignal(window.project_opened) as opened:
        language_menu.actions()[0].trigger()
    path: Path = opened.args[0]
    assert path == window.project.path
    assert settings.get(settings.LANGUAGE) == "fa"
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    new = replace_window(window, path, "tester")
    assert new is not None
    qtbot.addWidget(new)
    try:
        assert new.isRightToLeft() and new.file_menu.title() == "پرونده"
        assert new.documents_model.headerData(0, Qt.Orientation.Horizontal) == "عنوان"
        speakers = new.speakers.model
        assert speakers.headerData(SpeakersModel.ALIASES, Qt.Orientation.Horizontal) == (
            "نام‌های دیگر")
        assert new.findChild(QAction, "language_fa").isChecked()
        assert new.view.doc_id == window.view.doc_id and not window.isVisible()
        # …and back to English, again on the same file.
        with qtbot.waitSignal(new.project_opened):
            new.findChild(QAction, "language_en").trigger()
        assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
        third = replace_window(new, path, "tester")
        assert third is not None
        qtbot.addWidget(third)
        assert third.file_menu.title() == "&File" and not third.isRightToLeft()
        third.close()
        third.project.close()
    finally:
        new.close()
        new.project.close()
