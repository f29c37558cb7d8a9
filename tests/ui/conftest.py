"""Window fixtures: a real MainWindow on a fresh project, with settings kept out of the user's."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from annotator.formats.importing import import_files
from annotator.storage.project import Project
from annotator.ui.mainwindow import MainWindow
from annotator.ui.session import Session

# An emoji (two UTF-16 units), ZWNJ words, Arabic letter variants and CRLF before the target word.
TRICKY = "سلام 😀 دوستان! می‌خواهم كتاب‌ها را بخوانم.\r\nعلي گفت: «ما آماده‌ایم» 🙂 و رفت.\r\n"


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path) -> Iterator[None]:
    QStandardPaths.setTestModeEnabled(True)
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


def import_text(project: Project, folder: Path, text: str, title: str = "tricky") -> str:
    """Import ``text`` through the real importer (UTF-8 bytes, CRLF kept); returns the doc id."""
    path = folder / f"{title}.txt"
    path.write_bytes(text.encode("utf-8"))
    import_files(project, [path])
    return next(d.id for d in project.document_summaries() if d.title == title)


@pytest.fixture
def window(qtbot: QtBot, project: Project, tmp_path: Path) -> Iterator[MainWindow]:
    import_text(project, tmp_path, TRICKY)
    main = MainWindow(Session(project))
    qtbot.addWidget(main)
    main.resize(1100, 700)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()  # before the project fixture closes the file


class ModalAnswer:
    """Answers the next modal dialog from inside its own event loop, as a person would."""

    def __init__(self) -> None:
        self.seen: list[QWidget] = []
        self.errors: list[BaseException] = []

    def __call__(self, fill: Callable[[QWidget], None], opens: Callable[[], object]) -> object:
        def answer() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None:  # not shown yet: look again on the next turn of the loop
                QTimer.singleShot(10, answer)
                return
            self.seen.append(dialog)
            try:
                fill(dialog)
            except BaseException as error:  # never leave a test hanging in exec()
                self.errors.append(error)
                if isinstance(dialog, QDialog):
                    dialog.reject()

        QTimer.singleShot(0, answer)
        result = opens()
        if self.errors:
            raise self.errors[0]
        return result


@pytest.fixture
def modal() -> ModalAnswer:
    return ModalAnswer()


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` key by key (QTest's keyClicks knows only ASCII)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     char))
