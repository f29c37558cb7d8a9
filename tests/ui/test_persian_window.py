"""The window in Persian: default names translated (a project's own shown as stored), docks
mirrored, label keys on a Persian keyboard layout, undo and the document kept across a switch."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from annotator.domain.schema import LabelSchema, Layer
from annotator.storage.project import Project
from annotator.ui.app import replace_window
from annotator.ui.cheatsheet import cheat_sheet
from annotator.ui.language import install_language
from annotator.ui.mainwindow import MainWindow
from annotator.ui.session import Session

from .conftest import TRICKY, import_text


@pytest.fixture
def persian(qapp: QApplication) -> Iterator[QApplication]:
    install_language(qapp, "fa")
    yield qapp
    install_language(qapp, "en")


def open_window(qtbot: QtBot, project: Project) -> MainWindow:
    main = MainWindow(Session(project))
    qtbot.addWidget(main)
    main.resize(1100, 700)
    main.show()
    qtbot.waitExposed(main)
    return main


def test_default_names_are_persian_and_the_docks_mirrored(
        qtbot: QtBot, persian: QApplication, project: Project, tmp_path: Path) -> None:
    import_text(project, tmp_path, TRICKY)
    window = open_window(qtbot, project)
    try:
        labels = [a.text() for a in window.label_bar.actions()]
        assert labels == ["گوینده (S)", "نوبت (T)", "ادعا (C)", "موضع (A)"]
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        assert window.dockWidgetArea(window.documents_dock) == right
        assert window.dockWidgetArea(window.inspector_dock) == left
        view = window.view
        start = view.text.index("آماده‌ایم")
        view.select_range(start, start + len("آماده‌ایم"))
        span = window.apply_label("Claim")
        assert span is not None and span.label == "Claim"  # stored as it was
        QApplication.processEvents()
        texts = [w.text() for w in window.inspector.findChildren(type(window.inspector._title))]
        assert "ادعا" in texts and any("ارزش راستی‌آزمایی" in t for t in texts)
        assert view.describe(span) == "ادعا"
        window.session.set_attrs(span.id, {"checkworthy": "yes"})
        assert view.describe(window.view.current_span() or span) == "ادعا — ارزش راستی‌آزمایی: بله"
        sheet = cheat_sheet(window)
        assert "کنترل" not in sheet and "kام" not in sheet
        assert "Ctrl" in QKeySequence("Ctrl+Z").toString(QKeySequence.SequenceFormat.NativeText)
    finally:
        window.close()


def test_a_projects_own_labels_are_shown_as_stored(
        qtbot: QtBot, persian: QApplication, project: Project, tmp_path: Path) -> None:
    import_text(project, tmp_path, TRICKY)
    project.set_schema(LabelSchema("own", (Layer("Claim ", "#123456", "q"),
                                           Layer("Quote", "#654321", "w"))))
    window = open_window(qtbot, project)
    try:
        assert [a.text() for a in window.label_bar.actions()] == ["Claim  (Q)", "Quote (W)"]
    finally:
        window.close()


def persian_key(widget: QWidget, char: str) -> None:
    """Press and release the key that types ``char`` (through the shortcut machinery)."""
    for action in (QTest.KeyAction.Press, QTest.KeyAction.Release):
        QTest.sendKeyEvent(action, widget, Qt.Key(ord(char)), char,
                           Qt.KeyboardModifier.NoModifier)


def test_label_keys_work_with_a_persian_keyboard_layout(qtbot: QtBot, window: MainWindow) -> None:
    view = window.view
    view.setFocus()
    start = view.text.index("آماده‌ایم")
    view.select_range(start, start + len("آماده‌ایم"))
    persian_key(view, "ز")  # the key printed C, with the Persian layout on
    [span] = window.project.spans(view.doc_id)
    assert span.label == "Claim"
    QTest.keyClick(view, Qt.Key.Key_BracketRight)
    persian_key(view, "۲")  # the digit row types Persian digits
    assert window.project.span(span.id).attrs == {"type": "opinion"}


def test_undo_and_the_document_survive_a_language_switch(
        qtbot: QtBot, project: Project, tmp_path: Path, qapp: QApplication) -> None:
    import_text(project, tmp_path, TRICKY)
    second = import_text(project, tmp_path, "متن دوم برای آزمون است.\n", "second")
    window = open_window(qtbot, project)
    window.show_document(second)
    window.view.select_range(0, 3)
    assert window.apply_label("Claim") is not None
    install_language(qapp, "fa")
    try:
        new = replace_window(window, project.path, "tester")
        assert new is not None
        qtbot.addWidget(new)
        assert new.view.doc_id == second and new.session.undo_stack.canUndo()
        new.session.undo_stack.undo()
        assert new.project.spans(second) == [] and len(new.view.spans) == 0
        new.session.undo_stack.redo()
        assert len(new.project.spans(second)) == 1 and len(new.view.spans) == 1
        new.close()
        third = MainWindow(Session(project))  # a later start opens the same document again
        qtbot.addWidget(third)
        assert third.view.doc_id == second
        third.close()
    finally:
        install_language(qapp, "en")
