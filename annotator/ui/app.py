"""Start the desktop program: settings, language, fonts, the analyst's name and the project."""

from __future__ import annotations

import gc
import getpass
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6 import QtWidgets  # QT_CLASSES: set up at first use (annotator/lazy.py)
from PySide6.QtCore import (
    QStandardPaths,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from annotator.domain.errors import AnnotatorError, DamagedProjectError
from annotator.storage import sqlite
from annotator.storage.backups import list_backups, restore_backup
from annotator.storage.project import Project
from annotator.ui import settings
from annotator.ui.deferred import after_first_paint, at_first_paint
from annotator.ui.docklayout import state_setting
from annotator.ui.language import install_language, language
from annotator.ui.mainwindow import MainWindow
from annotator.ui.messages import window_error
from annotator.ui.plain import show_message
from annotator.ui.resources import register_fonts, resource_path
from annotator.ui.session import Session

SAMPLE_NAME = "sample.annot"


def application(argv: Sequence[str] = ()) -> QApplication:
    """The one QApplication, made on first use with our names, fonts and language."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication([sys.argv[0] if sys.argv else "annotator", *argv])
    app.setOrganizationName("Annotator")
    app.setApplicationName("Annotator")
    app.setApplicationDisplayName("Annotator")
    families = register_fonts()
    if "Vazirmatn" in families:
        font = QFont("Vazirmatn")
        font.setPointSize(max(app.font().pointSize(), 10))
        app.setFont(font)
    install_language(app, language())
    return app


def analyst_name(parent: QWidget | None = None, given: str | None = None) -> str:
    """The analyst's name: given on the command line, else stored, else asked once."""
    if given:
        settings.put(settings.ANALYST, given)
        return given
    stored = str(settings.get(settings.ANALYST) or "").strip()
    if stored:
        return stored
    default = getpass.getuser()
    name, ok = QtWidgets.QInputDialog.getText(
        parent, QApplication.translate("app", "Welcome to Annotator"),
        QApplication.translate("app", "Your name (recorded as the author of your marks):"),
        QLineEdit.EchoMode.Normal, default)
    name = name.strip() if ok and name.strip() else default
    settings.put(settings.ANALYST, name)
    return name


def sample_project(analyst: str) -> Path:
    """The sample project in the user's data folder, made on first run with the interview."""
    folder = Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / SAMPLE_NAME
    if not path.exists():
        project = Project.create(path, analyst=analyst)
        try:
            # The written-for-us conversation first: ZWNJ words, quoted names, questions and
            # answers, reported speech; then the news interview.
            Session(project).import_files([resource_path("samples", "conversation-fa.txt"),
                                           resource_path("samples", "interview-fa.txt")])
        finally:
            project.close()
    return path


def choose_project(given: str | None, analyst: str) -> Path:
    if given:
        return Path(given)
    last = str(settings.get(settings.LAST_PROJECT) or "")
    if last and Path(last).is_file():
        return Path(last)
    return sample_project(analyst)


def open_window(path: Path, analyst: str, session: Session | None = None) -> MainWindow:
    """Open (or create, when missing) the project at ``path`` in a new main window; given the
    ``session`` that already has it open, the window continues it (with its undo history)."""
    if session is None:
        # The window never waits for a backup: they are made on a worker thread.
        project = Project.open(path, analyst=analyst, background_backups=True) \
            if path.exists() else Project.create(path, analyst=analyst, background_backups=True)
        session = Session(project)
    window = MainWindow(session)
    geometry = settings.get(settings.GEOMETRY)
    if geometry:
        window.restoreGeometry(geometry)
    else:
        window.resize(1280, 800)
    state = settings.get(state_setting())
    if state:
        window.restoreState(state)
    else:
        QTimer.singleShot(0, window, window.first_layout)
    settings.put(settings.LAST_PROJECT, str(path.resolve()))
    return window


def run_gui(project: str | None = None, analyst: str | None = None) -> int:
    """Run the window until it closes; returns the exit status."""
    app = application()
    name = analyst_name(None, analyst)
    path = choose_project(project, name)
    try:
        window = open_window(path, name)
    except DamagedProjectError as error:
        restored = offer_restore(path, error)
        if restored is None:
            return 1
        window = restored
    except AnnotatorError as error:
        show_message(None, QtWidgets.QMessageBox.Icon.Critical, "Annotator", window_error(error))
        return 1
    windows = [window]

    def replace(path: Path) -> None:
        new = replace_window(windows[0], path, name)
        if new is not None:
            new.project_opened.connect(replace)
            windows[0] = new
        elif not windows[0].isVisible():
            app.quit()  # the file could not be reopened: nothing is left to show

    window.project_opened.connect(replace)
    # Reading needs only sqlite3; load sqlite-utils for the first edit once the window is up.
    after_first_paint(window.view, sqlite.load)
    after_first_paint(window.view, gc.enable)  # the command line turned it off
    if os.environ.get("ANNOTATOR_REPORT_FIRST_PAINT") == "1":
        report_first_paint(window.view, window)
    window.show()
    status = app.exec()
    windows[0].project.close()
    return int(status)


def offer_restore(path: Path, error: DamagedProjectError) -> MainWindow | None:
    """Say the project is damaged and, when backups exist, offer to restore the newest good one
    (the damaged file is kept beside it); the window on the restored file, or None."""
    if not error.backups:
        show_message(None, QtWidgets.QMessageBox.Icon.Critical, "Annotator", window_error(error))
        return None
    buttons = QtWidgets.QMessageBox.StandardButton
    box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Critical, "Annotator",
                                window_error(error), buttons.Yes | buttons.No)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(QApplication.translate(
        "app", "Restore the newest good backup? The damaged file is kept beside it."))
    if box.exec() != buttons.Yes:
        return None
    try:
        good = next(i for i, b in enumerate(list_backups(path), start=1) if b.documents is not None)
        restore_backup(path, str(good))
        return open_window(path, settings.get(settings.ANALYST) or "analyst")
    except (StopIteration, AnnotatorError) as failure:
        show_message(None, QtWidgets.QMessageBox.Icon.Critical, "Annotator", str(failure))
        return None


def replace_window(old: MainWindow, path: Path, analyst: str) -> MainWindow | None:
    """Open ``path`` in a new window that takes ``old``'s place; None (and a message) when it
    cannot be opened. Reopening the same file (to switch language) closes it first, since a
    project is open in one place at a time."""
    same = path.resolve() == old.project.path.resolve()
    old.shutdown()
    session = None
    if same:  # the language changed: a new window on the same session keeps the undo history
        settings.put(settings.GEOMETRY, old.saveGeometry())
        settings.put(state_setting(old), old.saveState())
        session = old.session
        session.detach_views()
        session.closed = False
    try:
        new = open_window(path, analyst, session)
    except AnnotatorError as error:
        if not same:
            old.report_failure(window_error(error))
            return None
        old.hide()
        show_message(None, QtWidgets.QMessageBox.Icon.Critical, "Annotator", window_error(error))
        return None
    new.show()
    old.close()
    new.session.closed = False  # the old window's close let go of the project, not the new one
    if not same:
        old.project.close()
    old.deleteLater()
    return new


def report_first_paint(watched: QWidget, window: QWidget) -> None:
    """Print ``first-paint <Unix time> <CPU seconds>`` when ``watched`` first gets a paint
    event, then close ``window``: start-up benchmarks set ANNOTATOR_REPORT_FIRST_PAINT=1 to time
    this moment. The CPU seconds are the process's so far (every thread): a figure that the
    other work on a shared machine does not stretch, as it stretches the wall time."""
    def report() -> None:
        print(f"first-paint {time.time():.6f} {time.process_time():.6f}", flush=True)
        QTimer.singleShot(0, window.close)

    at_first_paint(watched, report)


def smoke_test(project: Path, analyst: str = "self-test") -> None:
    """Open ``project`` in the main window offscreen, paint one frame, close; raises on failure."""
    app = application()
    window = open_window(project, analyst)
    try:
        window.show()
        painted = window.view.viewport().grab()
        if painted.isNull() or not window.view.text:
            raise AnnotatorError("the main window did not paint the document", path=str(project))
        QTimer.singleShot(0, window.close)
        app.processEvents()
    finally:
        window.close()
        window.project.close()
    QGuiApplication.processEvents()
