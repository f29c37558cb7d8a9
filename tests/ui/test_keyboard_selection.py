"""Snapping trims edge punctuation (Alt keeps it); the keyboard selects by clause and paragraph."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QWidget
from pytestqt.qtbot import QtBot

from annotator.ui.mainwindow import MainWindow

from .conftest import ModalAnswer


def stored_texts(window: MainWindow) -> list[str]:
    text = window.view.text
    return [text[s.start:s.end] for s in window.project.spans(window.view.doc_id)]


def test_snapping_drops_guillemets_and_alt_keeps_them(qtbot: QtBot, window: MainWindow) -> None:
    view = window.view
    start = view.text.index("«ما آماده‌ایم»")
    view.select_range(start, start + len("«ما آماده‌ایم»") - 1)  # the closing » half-touched
    qtbot.keyClick(view, Qt.Key.Key_C)
    assert stored_texts(window) == ["ما آماده‌ایم"]
    window.session.undo_stack.undo()
    view.select_range(start, start + len("«ما آماده‌ایم»"))
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert stored_texts(window) == ["«ما آماده‌ایم»"]
    window.session.undo_stack.undo()
    colon = view.text.index("گفت:")
    view.select_range(colon, colon + 4)
    qtbot.keyClick(view, Qt.Key.Key_S)
    assert stored_texts(window) == ["گفت"]


def test_the_new_speaker_dialog_is_prefilled_without_edge_punctuation(
        qtbot: QtBot, window: MainWindow, modal: ModalAnswer) -> None:
    view = window.view
    start = view.text.index("«ما آماده‌ایم»")
    view.select_range(start, start + len("«ما آماده‌ایم»"))
    span = window.apply_label("Speaker", exact=True)  # Alt: the guillemets are in the mark
    assert span is not None and view.text[span.start:span.end] == "«ما آماده‌ایم»"
    offered: list[str] = []

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        offered.append(dialog.textValue())
        assert dialog.width() >= 400  # Qt's own getText dialog is 200 px wide
        dialog.reject()

    modal(answer, lambda: qtbot.keyClick(view, Qt.Key.Key_Plus))
    assert offered == ["ما آماده‌ایم"]


def selected_text(window: MainWindow) -> str:
    start, end = window.view.selected_range()
    return window.view.text[start:end]


def test_the_keyboard_selects_a_word_a_clause_and_a_paragraph_in_right_to_left_text(
        qtbot: QtBot, window: MainWindow) -> None:
    view = window.view
    control_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    view.setFocus()
    start = view.text.index("علی گفت")
    view.select_range(start, start)
    qtbot.keyClick(view, Qt.Key.Key_Left, control_shift)  # ← reads on in Persian text
    assert selected_text(window).strip() == "علی"
    view.select_range(start, start)
    qtbot.keyClick(view, Qt.Key.Key_Down, control_shift)
    assert selected_text(window) == "علی گفت:"
    qtbot.keyClick(view, Qt.Key.Key_Down, control_shift)
    assert selected_text(window) == "علی گفت: «ما آماده‌ایم» 🙂"
    qtbot.keyClick(view, Qt.Key.Key_Down, control_shift)
    assert selected_text(window) == "علی گفت: «ما آماده‌ایم» 🙂 و رفت."
    qtbot.keyClick(view, Qt.Key.Key_C)  # the final period is trimmed by the label key
    assert stored_texts(window) == ["علی گفت: «ما آماده‌ایم» 🙂 و رفت"]
    inside = view.text.index("دوستان")
    view.set_current_span(None)
    view.select_range(inside, inside)
    qtbot.keyClick(view, Qt.Key.Key_PageDown, control_shift)
    assert selected_text(window) == view.text.splitlines()[0]
    qtbot.keyClick(view, Qt.Key.Key_PageDown, control_shift)
    assert selected_text(window) == view.text.rstrip()
    second = view.text.index("رفت")
    view.select_range(second, second)
    qtbot.keyClick(view, Qt.Key.Key_Up, control_shift)
    assert selected_text(window) == "و رفت."
    qtbot.keyClick(view, Qt.Key.Key_Up, control_shift)
    assert selected_text(window) == "«ما آماده‌ایم» 🙂 و رفت."
