"""The Speakers panel through its real buttons, dialog and table; every change undoable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from annotator.ui.mainwindow import MainWindow
from annotator.ui.models import SpeakersModel
from annotator.ui.speakers import SpeakerDialog, split_aliases
from annotator.ui.tools import tools_of

from .conftest import type_text


def fill(values: dict[str, str]):  # type: ignore[no-untyped-def]
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, SpeakerDialog)
        for name, value in values.items():
            edit = dialog.findChild(QLineEdit, name)
            assert edit is not None
            edit.setText(value)
        box = dialog.findChild(QDialogButtonBox)
        box.button(QDialogButtonBox.StandardButton.Ok).click()
    return answer


def test_aliases_split_on_latin_and_persian_commas() -> None:
    assert split_aliases(" جلالی، سفیر ,  Jalali ;; جلالی ") == ("جلالی", "سفیر", "Jalali")


def test_speakers_model_passes_the_model_tester(qtmodeltester: ModelTester,
                                                window: MainWindow) -> None:
    project = window.project
    project.add_speaker("کاظم جلالی", aliases=("جلالی",), role="سفیر")
    project.add_speaker("John Miller", role="interviewer")
    model = SpeakersModel()
    model.set_rows(project.speakers())
    qtmodeltester.check(model)
    panel = tools_of(window).speakers
    panel.refresh()
    qtmodeltester.check(panel.proxy)


def test_add_edit_remove_through_the_panel_are_undoable(qtbot: QtBot, window: MainWindow,
                                                        modal) -> None:  # type: ignore[no-untyped-def]
    panel = tools_of(window).speakers
    project = window.project
    modal(fill({"name": "  کاظم   جلالی ", "aliases": "جلالی، سفیر ایران", "role": "سفیر",
                "affiliation": "وزارت خارجه"}), panel.add_button.click)
    [speaker] = project.speakers()
    assert (speaker.name, speaker.aliases, speaker.role, speaker.affiliation) == (
        "کاظم جلالی", ("جلالی", "سفیر ایران"), "سفیر", "وزارت خارجه")
    assert panel.model.rowCount() == 1 and panel.current_speaker() == speaker

    # Double-click edits the row.
    rect = panel.table.visualRect(panel.proxy.index(0, SpeakersModel.ROLE))
    viewport = panel.table.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    modal(fill({"role": "سفیر ایران در روسیه"}),
          lambda: qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center()))
    assert project.speaker(speaker.id).role == "سفیر ایران در روسیه"
    assert panel.model.row_object(0).role == "سفیر ایران در روسیه"
    window.undo_action.trigger()
    assert project.speaker(speaker.id).role == "سفیر"

    panel.table.selectRow(0)
    panel.remove_button.click()
    assert project.speakers() == [] and panel.model.rowCount() == 0
    window.undo_action.trigger()
    assert [s.id for s in project.speakers()] == [speaker.id]
    window.undo_action.trigger()  # the addition itself
    assert project.speakers() == []
    window.redo_action.trigger()
    assert [s.name for s in project.speakers()] == ["کاظم جلالی"]


def test_a_nameless_speaker_is_refused_in_the_dialog(window: MainWindow, modal) -> None:  # type: ignore[no-untyped-def]
    panel = tools_of(window).speakers
    faults: list[str] = []

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, SpeakerDialog)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        faults.append(dialog.fault.text())
        assert dialog.isVisible()
        dialog.reject()

    modal(answer, panel.add_button.click)
    assert faults == ["A speaker needs a name."]
    assert window.project.speakers() == []


def test_filter_folds_arabic_letters(qtbot: QtBot, window: MainWindow) -> None:
    window.session.add_speaker("علی رضایی")
    window.session.add_speaker("John Miller", aliases=("جان میلر",))
    panel = tools_of(window).speakers
    type_text(panel.filter, "علي")  # Arabic ي finds Persian ی
    assert panel.proxy.rowCount() == 1
    assert panel.proxy.index(0, SpeakersModel.NAME).data() == "علی رضایی"
    panel.filter.setText("میلر")  # aliases are searched too
    assert panel.proxy.index(0, SpeakersModel.NAME).data() == "John Miller"
