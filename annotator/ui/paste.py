"""Ctrl+Shift+V: a new document from the clipboard, its HTML through the web page extraction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtWidgets  # QMessageBox, QFileDialog: set up at first use (annotator/lazy.py)
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QWidget

from annotator.domain.errors import AnnotatorError
from annotator.ui.plain import show_message

if TYPE_CHECKING:
    from annotator.ui.session import Session

translate = QCoreApplication.translate


def paste_document(parent: QWidget, session: Session) -> str:
    """Ask for a title and make a document of what the clipboard holds; returns what the
    status bar should say ("" when nothing was done)."""
    if session.read_only:
        return translate("Paste", "This project is open read-only; nothing can be added.")
    mime = QApplication.clipboard().mimeData()
    text = mime.text() if mime is not None and mime.hasText() else ""
    html = mime.html() if mime is not None and mime.hasHtml() else ""
    if not (text.strip() or html.strip()):
        return translate("Paste", "The clipboard holds no text to make a document of.")
    title, accepted = QInputDialog.getText(
        parent, translate("Paste", "New document from the clipboard"),
        translate("Paste", "Title of the new document:"), QLineEdit.EchoMode.Normal, "")
    if not accepted:
        return ""
    try:
        report = session.import_pasted(text=text, html=html, title=title)
    except AnnotatorError as error:
        show_message(parent, QtWidgets.QMessageBox.Icon.Warning,
                     translate("Paste", "Nothing was pasted"),
                     translate("Paste", "Nothing was added; the project is unchanged."),
                     str(error))
        return ""
    if report.documents_already_present:
        return translate("Paste", "This text is already in the project.")
    return translate("Paste", "Added a document from the clipboard.")
