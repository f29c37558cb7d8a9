"""The Speakers panel through its real buttons, dialog and table; every change undoable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLineEdit, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from annotator.ui.mainwindow import MainWindow
from annotator.ui.models import SpeakersModel
from annotator.ui.speakers import SpeakerDialog, split_aliases

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
    panel = window.speakers
    panel.refresh()
    qtmodeltester.check(panel.proxy)


def test_add_edit_remove_through_the_panel_are_undoable(qtbot: QtBot, window: MainWindow,
                                                        modal) -> None:  # type: ignore[no-untyped-def]
    panel = window.speakers
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
    panel = window.speakers
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
    panel = window.speakers
    type_text(panel.filter, "علي")  # Arabic ي finds Persian ی
    assert panel.proxy.rowCount() == 1
    assert panel.proxy.index(0, SpeakersModel.NAME).data() == "علی رضایی"
    panel.filter.setText("میلر")  # aliases are searched too
    assert panel.proxy.index(0, SpeakersModel.NAME).data() == "John Miller"


def test_speaker_numbers_are_pinned_and_never_reused(qtbot: QtBot, window: MainWindow) -> None:
    session, view = window.session, window.view
    names = ["زهرا", "Ali", "بابک", "آرش"]  # alphabetical order differs from creation order
    made = [session.add_speaker(name) for name in names]
    assert all(made)
    panel = window.speakers
    shown = {panel.proxy.index(row, SpeakersModel.NAME).data():
             panel.proxy.index(row, SpeakersModel.NUMBER).data()
             for row in range(panel.proxy.rowCount())}
    assert shown == {"زهرا": "1", "Ali": "2", "بابک": "3", "آرش": "4"}
    panel.select(made[1].id)  # type: ignore[union-attr]
    panel.remove()  # Ali leaves; nobody else is renumbered, and 2 is not given again
    newcomer = session.add_speaker("سارا")
    assert newcomer is not None
    numbers = {panel.proxy.index(row, SpeakersModel.NAME).data():
               panel.proxy.index(row, SpeakersModel.NUMBER).data()
               for row in range(panel.proxy.rowCount())}
    assert numbers == {"زهرا": "1", "بابک": "3", "آرش": "4", "سارا": "5"}
    start = view.text.index("علی")
    view.select_range(start, start + 3)
    span = window.apply_label("Speaker")
    assert span is not None
    combo = window.inspector._editors[0][1]
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(1, 5)] == ["1. زهرا", "3. بابک", "4. آرش",
                                                         "5. سارا"]
    for key, expected in ((Qt.Key.Key_3, "بابک"), (Qt.Key.Key_5, "سارا"),
                          (Qt.Key.Key_1, "زهرا")):
        window.inspector._typed = (("", -1), "", 0.0)  # a pause between the keys
        qtbot.keyClick(view, key)
        chosen = window.project.span(span.id).attrs["speaker"]
        assert window.project.speaker(chosen).name == expected
    window.inspector._typed = (("", -1), "", 0.0)
    qtbot.keyClick(view, Qt.Key.Key_2)  # Ali's number, gone with him
    assert window.project.speaker(window.project.span(span.id).attrs["speaker"]).name == "زهرا"


def test_more_than_nine_speakers_are_reached_by_typing_digits_quickly(
        qtbot: QtBot, window: MainWindow) -> None:
    speakers = [window.session.add_speaker(f"گوینده {n}") for n in range(1, 13)]
    view = window.view
    start = view.text.index("علی")
    view.select_range(start, start + 3)
    span = window.apply_label("Speaker")
    assert span is not None and all(speakers)
    qtbot.keyClick(view, Qt.Key.Key_1)
    qtbot.keyClick(view, Qt.Key.Key_2)
    assert window.project.span(span.id).attrs["speaker"] == speakers[11].id  # type: ignore[union-attr]
    qtbot.keyClick(view, Qt.Key.Key_1)
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert window.project.span(span.id).attrs["speaker"] == speakers[9].id  # type: ignore[union-attr]
