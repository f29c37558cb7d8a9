"""Window fixtures: a real MainWindow on a fresh project, with settings kept out of the user's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths
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
