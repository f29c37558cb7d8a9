"""The window's side of backups: timed backups while editing, restore offered on damage."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from annotator.domain.errors import DamagedProjectError
from annotator.storage.backups import list_backups
from annotator.storage.project import Project
from annotator.ui import app
from annotator.ui.mainwindow import MainWindow
from annotator.ui.session import Session


def test_editing_takes_timed_backups(qtbot: QtBot, window: MainWindow) -> None:
    project = window.project
    before = len(list_backups(project.path))
    project.backup_interval = 0  # due at once
    view = window.view
    view.select_range(0, 4)
    assert window.apply_label("Speaker") is not None
    after = list_backups(project.path)
    assert len(after) == before + 1 and after[0].reason == "timed"


def test_a_damaged_project_offers_its_newest_good_backup(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "work.annot"
    with Project.create(path, analyst="tester") as project:
        text = tmp_path / "a.txt"
        text.write_text("سلام 😀 دنیا\n", encoding="utf-8")
        from annotator.formats.importing import import_files

        import_files(project, [text])
    Project.open(path, analyst="tester").close()  # opening a changed project backs it up
    assert list_backups(path)
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page is gone
    path.write_bytes(bytes(data))
    with pytest.raises(DamagedProjectError) as raised:
        Project.open(path, analyst="tester")
    assert raised.value.backups >= 1
    monkeypatch.setattr(QMessageBox, "exec", lambda _box: QMessageBox.StandardButton.Yes)
    window = app.offer_restore(path, raised.value)
    assert window is not None
    qtbot.addWidget(window)
    try:
        assert [d.title for d in window.project.document_summaries()] == ["a"]
        assert "سلام" in window.view.text
    finally:
        window.close()
        window.project.close()


def test_without_backups_the_damage_is_only_explained(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(app, "show_message",
                        lambda _p, _i, _t, text, details="": shown.append(text))
    error = DamagedProjectError("is damaged", path=str(tmp_path / "x.annot"), backups=0)
    assert app.offer_restore(tmp_path / "x.annot", error) is None
    assert shown and "damaged" in shown[0]



def test_the_window_collects_a_backup_made_in_the_background(
        qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "work.annot"
    with Project.create(path, analyst="tester") as project:
        text = tmp_path / "a.txt"
        text.write_text("می‌گوید 😀 كتاب\r\nيك دو\n", encoding="utf-8")
        from annotator.formats.importing import import_files

        import_files(project, [text])
    project = Project.open(path, analyst="tester", background_backups=True)
    window = MainWindow(Session(project))
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: not project.backup_running, timeout=10_000)
        assert [b.reason for b in list_backups(path)] == ["open"]
        project.backup_interval = 0
        window.view.select_range(0, 4)
        assert window.apply_label("Speaker") is not None
        assert project.backup_running or len(list_backups(path)) == 2
        qtbot.waitUntil(lambda: len(list_backups(path)) == 2 and not project.backup_running,
                        timeout=10_000)
        assert list_backups(path)[0].reason == "timed" and project.backup_problem == ""
    finally:
        window.shutdown()
        window.close()
        project.close()
