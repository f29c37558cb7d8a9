"""The README's "From the keyboard alone" on the sample conversation, key by key, with the
window in English and in Persian, and in Persian with a Persian keyboard layout (the letter,
digit and bracket keys then carry the Persian characters they type: س for S, ۲ for 2, چ for ])."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QInputDialog, QWidget
from pytestqt.qtbot import QtBot

from annotator.formats.importing import import_files
from annotator.storage.project import Project
from annotator.ui.app import install_language
from annotator.ui.keylayout import PERSIAN_LAYOUT
from annotator.ui.mainwindow import MainWindow
from annotator.ui.resources import resource_path
from annotator.ui.session import Session

from .conftest import ModalAnswer

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(params=[("en", "us"), ("fa", "us"), ("fa", "ir")])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[tuple[str, str]]:
    """(the window's language, the keyboard layout)."""
    install_language(qapp, request.param[0])
    yield request.param
    install_language(qapp, "en")


def test_speakers_turns_claims_and_stances_of_the_sample_from_the_keyboard(
        qtbot: QtBot, project: Project, modal: ModalAnswer, language: tuple[str, str]) -> None:
    import_files(project, [Path(resource_path("samples", "conversation-fa.txt"))])
    window = MainWindow(Session(project))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    view = window.view
    def key(code: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        persian = PERSIAN_LAYOUT.get(chr(code).lower()) if code < 0x80 else None
        if language[1] == "ir" and persian and modifiers == Qt.KeyboardModifier.NoModifier:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(view, QKeyEvent(kind, ord(persian), modifiers, persian))
        else:
            qtbot.keyClick(view, code, modifiers)

    def accept(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.accept()

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    key(Qt.Key.Key_T, CTRL)
    key(Qt.Key.Key_Left, CTRL)
    key(Qt.Key.Key_Left, CTRL_SHIFT)
    key(Qt.Key.Key_Left, CTRL_SHIFT)
    key(Qt.Key.Key_S)
    modal(accept, lambda: key(Qt.Key.Key_Plus))
    window.activateWindow()  # as the closing dialog gives it back on a desktop
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    [mention] = project.spans(view.doc_id)
    text = view.text
    assert text[mention.start:mention.end] == "نسرین کاظمی"
    [kazemi] = project.speakers()
    assert kazemi.name == "نسرین کاظمی" and mention.attrs == {"speaker": kazemi.id}
    key(Qt.Key.Key_Escape)  # the mark stays; the selection goes to its end
    key(Qt.Key.Key_Left, CTRL)
    key(Qt.Key.Key_Left, CTRL)
    key(Qt.Key.Key_Left, CTRL_SHIFT)
    key(Qt.Key.Key_Left, CTRL_SHIFT)
    key(Qt.Key.Key_S)
    modal(accept, lambda: key(Qt.Key.Key_Plus))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    [nikpour] = [s for s in project.speakers() if s.id != kazemi.id]
    assert nikpour.name == "بهرام نیک‌پور"
    key(Qt.Key.Key_U)  # her question: the title line has a mark already
    key(Qt.Key.Key_T)
    key(Qt.Key.Key_1)
    key(Qt.Key.Key_BracketRight)
    key(Qt.Key.Key_1)
    turn = view.current_span()
    assert turn is not None and text[turn.start:turn.end].startswith("نسرین کاظمی: آقای")
    assert project.span(turn.id).attrs == {"speaker": kazemi.id, "role": "interviewer"}
    view.select_range(text.index("هزینهٔ برق"), text.index("هزینهٔ برق"))
    key(Qt.Key.Key_Down, CTRL_SHIFT)  # "هزینهٔ برق", a clause ends before و
    key(Qt.Key.Key_Down, CTRL_SHIFT)  # … and the next one, up to the comma
    key(Qt.Key.Key_C)
    claim = view.current_span()
    assert claim is not None
    assert text[claim.start:claim.end] == "هزینهٔ برق و نگه‌داری بیست درصد بالا رفته است"
    key(Qt.Key.Key_2)
    key(Qt.Key.Key_BracketRight)
    key(Qt.Key.Key_1)
    assert project.span(claim.id).attrs == {"speaker": nikpour.id, "type": "factual"}
    key(Qt.Key.Key_U)  # his quoted sentence; Esc, then the clause before its end
    key(Qt.Key.Key_Escape)
    key(Qt.Key.Key_Up, CTRL_SHIFT)
    key(Qt.Key.Key_A)
    stance = view.current_span()
    assert stance is not None
    assert text[stance.start:stance.end] == "ما معتقدیم کتاب‌خانهٔ محله باید خانهٔ دوم بچه‌ها باشد"
    key(Qt.Key.Key_2)
    key(Qt.Key.Key_BracketRight)
    key(Qt.Key.Key_BracketRight)
    key(Qt.Key.Key_2)
    assert project.span(stance.id).attrs == {"holder": nikpour.id, "polarity": "against"}
    window.close()
