"""Ctrl+Shift+V makes a document of the clipboard; dropped document files import."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit
from pytestqt.qtbot import QtBot

from annotator.ui.mainwindow import MainWindow

from .conftest import ModalAnswer, type_text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "documents"))
from document_files import AUTHOR, BODY, CHROME, TITLE, write_docx, write_page


@pytest.fixture(autouse=True)
def _clipboard_emptied() -> Iterator[None]:
    """The clipboard owns the data set on it: empty it while the application lives (data left
    there is destroyed after QApplication at exit, which crashes the process)."""
    yield
    QApplication.clipboard().clear()


def test_ctrl_shift_v_makes_a_document_of_the_clipboard_html(
        window: MainWindow, qtbot: QtBot, modal: ModalAnswer, tmp_path: Path) -> None:
    page = tmp_path / "news.html"
    write_page(page)
    mime = QMimeData()
    mime.setHtml(page.read_text(encoding="utf-8"))
    mime.setText("the plain text of the whole page, menus and all")
    QApplication.clipboard().setMimeData(mime)
    assert window.paste_action.shortcut() == QKeySequence("Ctrl+Shift+V")

    def name_it(dialog: object) -> None:
        assert isinstance(dialog, QInputDialog)
        edit = dialog.findChild(QLineEdit)
        type_text(edit, "خبر آب 😀")
        dialog.accept()

    modal(name_it, window.paste_action.trigger)
    documents = {d.title: d for d in window.project.document_summaries()}
    document = window.project.document(documents["خبر آب 😀"].id)
    assert document.canonical_text == f"{TITLE}\n{BODY}"
    assert document.metadata["author"] == AUTHOR
    assert not [piece for piece in CHROME if piece in document.canonical_text]
    assert window.documents_model.rowCount() == 2


def test_a_paste_of_nothing_says_so_and_adds_nothing(window: MainWindow) -> None:
    QApplication.clipboard().setMimeData(QMimeData())
    window.paste_action.trigger()
    assert "no text" in window.statusBar().currentMessage()
    assert len(window.project.document_summaries()) == 1


def test_a_dropped_word_file_is_imported(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    written = write_docx(path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    titles = {d.title: d.id for d in window.project.document_summaries()}
    assert window.project.document(titles[TITLE]).canonical_text == written
