"""Showing untrusted text (imported documents, labels, speaker and file names) as plain text.

Qt guesses that a string holding ``<b>`` or ``<img src=x>`` is HTML in labels, tooltips and
message boxes; everything from a project or a file goes through these helpers instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtWidgets  # QMessageBox, QFileDialog: set up at first use (annotator/lazy.py)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:  # for annotations only: QMessageBox is reached as QtWidgets.QMessageBox
    from PySide6.QtWidgets import QMessageBox

# What html.escape(text) replaces, in its order; the html module is not loaded at start-up.
_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;"))


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def tooltip(text: str) -> str:
    """Tooltip markup that shows ``text`` literally (tooltips always guess the format)."""
    for character, entity in _ESCAPES:
        text = text.replace(character, entity)
    return "<p style='white-space:pre-wrap'>" + text.replace("\n", "<br>") + "</p>"


def menu_text(text: str) -> str:
    """An action or button caption that shows ``text`` literally (``&`` marks a mnemonic)."""
    return text.replace("&", "&&")


def show_message(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                 details: str = "") -> None:
    box = QtWidgets.QMessageBox(icon, title, text, QtWidgets.QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if details:
        box.setInformativeText(details)
    box.exec()
