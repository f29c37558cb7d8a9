"""The window's file dialogs: a new or another project to open, files to import, and the import
itself (all-or-nothing, a bad file named with its line). Texts in the ``MainWindow`` context."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtWidgets  # QMessageBox, QFileDialog: set up at first use (annotator/lazy.py)
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QWidget

from annotator.domain.errors import AnnotatorError
from annotator.ui.messages import window_error, window_words
from annotator.ui.plain import show_message
from annotator.ui.session import Session

translate = QCoreApplication.translate


def ask_new_project(parent: QWidget) -> Path | None:
    """The path the analyst chose for a new project (``.annot`` added), or None."""
    name, _filter = QtWidgets.QFileDialog.getSaveFileName(
        parent, translate("MainWindow", "New project"), "",
        translate("MainWindow", "Annotator projects (*.annot)"))
    if not name:
        return None
    return Path(name if name.endswith(".annot") else name + ".annot")


def ask_open_project(parent: QWidget) -> Path | None:
    name, _filter = QtWidgets.QFileDialog.getOpenFileName(
        parent, translate("MainWindow", "Open project"), "",
        translate("MainWindow", "Annotator projects (*.annot);;All (*)"))
    return Path(name) if name else None


def ask_import_paths(parent: QWidget) -> list[Path]:
    names, _filter = QtWidgets.QFileDialog.getOpenFileNames(
        parent, translate("MainWindow", "Import documents"), "",
        translate(
            "MainWindow", "Texts, documents and annotations (*.txt *.csv *.jsonl *.json *.ann "
            "*.html *.htm *.docx *.pdf);;All files (*)"))
    return [Path(name) for name in names]


def import_paths(parent: QWidget, session: Session, paths: list[Path]) -> str:
    """Import ``paths`` through the session, all-or-nothing; a failure is shown in a dialog
    (and ""), else the sentence for the status bar, the importer's notes shown beside it."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        report = session.import_files(paths)
    except AnnotatorError as error:
        QApplication.restoreOverrideCursor()
        show_message(parent, QtWidgets.QMessageBox.Icon.Warning,
                     translate("MainWindow", "Nothing was imported"),
                     translate("MainWindow", "Nothing was imported; the project is unchanged."),
                     window_error(error))
        return ""
    QApplication.restoreOverrideCursor()
    message = translate("MainWindow", "Imported %d document(s) and %d mark(s).") % (
        report.documents_added, report.spans_added)
    if report.documents_already_present:
        message += " " + translate(
            "MainWindow", "%d were already in the project.") % report.documents_already_present
    if report.notes:
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Information,
                                    translate("MainWindow", "Import"), message,
                                    QtWidgets.QMessageBox.StandardButton.Ok, parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDetailedText("\n".join(map(window_words, report.notes)))
        box.exec()
    return message
