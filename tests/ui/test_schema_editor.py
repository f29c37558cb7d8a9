"""The label schema dialog: edits applied as one undoable command, faults shown as sentences."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from annotator.ui.mainwindow import MainWindow
from annotator.ui.schema_editor import SchemaEditor, reserved_keys


def editor_for(window: MainWindow) -> SchemaEditor:
    editor = SchemaEditor(window.session, reserved_keys(window), window)
    editor.show()
    return editor


def select_layer(editor: SchemaEditor, name: str) -> None:
    names = [editor.layer_list.item(i).text() for i in range(editor.layer_list.count())]
    editor.layer_list.setCurrentRow(names.index(name))


def test_reserved_keys_come_from_the_window(window: MainWindow) -> None:
    keys = reserved_keys(window)
    assert {"N", "P", "U", "L", "[", "]", "+", *"0123456789"} <= keys
    assert {"S", "T", "C", "A"}.isdisjoint(keys)  # the label keys themselves are not reserved
    assert "F" in keys  # Alt+F opens the File menu


def test_a_new_label_with_attributes_is_one_undoable_command(
        qtbot: QtBot, window: MainWindow, modal) -> None:  # type: ignore[no-untyped-def]
    editor = editor_for(window)
    editor.findChild(QWidget, "add_layer").click()
    editor.name.setText("")
    qtbot.keyClicks(editor.name, "Quote")
    qtbot.keyClicks(editor.shortcut, "q")

    def pick_colour(dialog: QWidget) -> None:
        assert isinstance(dialog, QColorDialog)
        dialog.setCurrentColor(QColor("#123456"))
        dialog.accept()

    modal(pick_colour, editor.colour.click)
    editor.findChild(QWidget, "add_attribute").click()
    editor.attributes.item(0, SchemaEditor.NAME).setText("form")
    editor.attributes.item(0, SchemaEditor.VALUES).setText("direct، indirect, direct")
    kind = editor.attributes.cellWidget(0, SchemaEditor.KIND)
    assert isinstance(kind, QComboBox) and kind.currentData() == "choice"
    editor.apply_button.click()
    assert editor.faults.text() == ""
    layer = window.project.schema.layer("Quote")
    assert layer is not None and (layer.color, layer.shortcut) == ("#123456", "q")
    assert [(a.name, a.kind, a.values) for a in layer.attributes] == [
        ("form", "choice", ("direct", "indirect"))]
    assert [a.objectName() for a in window.labels_menu.actions()][-1] == "edit_schema"
    assert any(a.objectName() == "label_Quote" for a in window.labels_menu.actions())
    window.undo_action.trigger()
    assert window.project.schema.layer("Quote") is None
    window.redo_action.trigger()
    assert window.project.schema.layer("Quote") is not None
    editor.close()


def test_keys_must_be_single_unique_and_not_the_windows_own(qtbot: QtBot,
                                                            window: MainWindow) -> None:
    before = window.project.schema
    editor = editor_for(window)
    select_layer(editor, "Claim")
    editor.shortcut.setText("")
    qtbot.keyClicks(editor.shortcut, "n")
    editor.apply_button.click()
    assert "The key N of Claim is one of the window's own keys" in editor.faults.text()
    editor.shortcut.setText("")
    qtbot.keyClicks(editor.shortcut, "S")  # Speaker's key, in another case
    editor.apply_button.click()
    assert editor.faults.text() == "The key S is used by both Speaker and Claim."
    assert window.project.schema == before
    editor.close()


def test_labels_that_marks_use_cannot_be_renamed_or_deleted(qtbot: QtBot,
                                                            window: MainWindow) -> None:
    window.session.mark(window.view.doc_id, 0, 4, "Claim")
    before = window.project.schema
    editor = editor_for(window)
    select_layer(editor, "Claim")
    editor.name.setText("")
    qtbot.keyClicks(editor.name, "Assertion")
    editor.apply_button.click()
    assert editor.faults.text() == "Claim cannot be renamed: marks use it."
    editor.remove_layer_button.click()
    editor.apply_button.click()
    assert editor.faults.text() == "Claim cannot be deleted: marks use it."
    assert window.project.schema == before

    # An unused layer can go; the relation that named it forgets it rather than meaning "any".
    editor.load(before)
    select_layer(editor, "Speaker")
    editor.remove_layer_button.click()
    assert editor.apply() is True
    schema = window.project.schema
    assert schema.label_names == ("Turn", "Claim", "Stance")
    assert [r.name for r in schema.relations] == ["about"]
    window.undo_action.trigger()
    assert window.project.schema == before
    editor.close()


def test_the_labels_menu_opens_the_editor(window: MainWindow, modal) -> None:  # type: ignore[no-untyped-def]
    def close(dialog: QWidget) -> None:
        assert isinstance(dialog, SchemaEditor)
        assert dialog.layer_list.count() == 4
        dialog.reject()

    modal(close, window.tools.schema_action.trigger)
    assert modal.seen


def test_an_attribute_value_that_marks_use_cannot_go(window: MainWindow) -> None:
    window.session.mark(window.view.doc_id, 0, 4, "Claim", {"type": "opinion"})
    before = window.project.schema
    editor = editor_for(window)
    select_layer(editor, "Claim")
    editor.attributes.item(1, SchemaEditor.VALUES).setText("factual, prediction")
    assert editor.apply() is False
    assert editor.faults.text().startswith("1 mark(s) would no longer fit the labels, for "
                                           "example: 'opinion' is not one of the values")
    assert window.project.schema == before
    editor.attributes.item(1, SchemaEditor.VALUES).setText("factual, opinion, rumour")
    assert editor.apply() is True
    layer = window.project.schema.layer("Claim")
    assert layer is not None and layer.attribute("type").values == (  # type: ignore[union-attr]
        "factual", "opinion", "rumour")
    editor.close()
