"""Marking through the real widgets: mouse, keyboard, undo and redo, checked in the file."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from annotator.ui.mainwindow import MainWindow
from annotator.ui.textview import AnnotationView
from tests.ui.conftest import type_text


def near_gap(view: AnnotationView, offset: int, side: int) -> QPoint:
    """A viewport point 2 px from the gap before code point ``offset``: ``side`` -1 puts it in
    the character after the gap (to its left, the line runs right to left), +1 before it."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.to_qt(offset))
    gap = view.cursorRect(cursor)
    return QPoint(gap.left() + 2 * side, gap.center().y())


def drag(qtbot: QtBot, view: AnnotationView, start: int, end: int,
         modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Drag from just inside character ``start`` to just inside character ``end - 1``."""
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, modifier, near_gap(view, start, -1))
    qtbot.mouseMove(viewport, near_gap(view, (start + end) // 2, -1))
    qtbot.mouseMove(viewport, near_gap(view, end, +1))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifier, near_gap(view, end, +1))


def stored(window: MainWindow) -> list[tuple[int, int, str, str]]:
    text = window.view.text
    return [(s.start, s.end, s.label, text[s.start:s.end])
            for s in window.project.spans(window.view.doc_id)]


def test_mouse_selection_after_emoji_and_zwnj_stores_the_intended_word(
        qtbot: QtBot, window: MainWindow) -> None:
    view = window.view
    text = view.text
    word = "کتاب‌ها"  # ك was folded to ک on import; the ZWNJ stays inside the word
    start = text.index(word)
    assert text.index("😀") < start and "می‌خواهم" in text[:start]
    drag(qtbot, view, start + 1, start + len(word) - 2)  # a sloppy drag inside the word
    assert view.selected_range() == (start, start + len(word))  # snapped to the whole token
    qtbot.keyClick(view, Qt.Key.Key_C)
    assert stored(window) == [(start, start + len(word), "Claim", word)]
    assert [(s.start, s.end) for s in view.spans.ordered()] == [(start, start + len(word))]


def test_alt_drag_selects_exact_characters(qtbot: QtBot, window: MainWindow) -> None:
    view = window.view
    start = view.text.index("آماده‌ایم")
    drag(qtbot, view, start + 1, start + 4, Qt.KeyboardModifier.AltModifier)
    assert view.selected_range() == (start + 1, start + 4)
    span = window.apply_label("Stance", exact=True)
    assert span is not None and view.text[span.start:span.end] == "ماد"


def test_undo_and_redo_restore_the_view_and_the_file(qtbot: QtBot, window: MainWindow) -> None:
    view = window.view
    start = view.text.index("علی")  # علي was folded on import
    view.select_range(start, start + 3)
    span = window.apply_label("Speaker")
    assert span is not None and stored(window) == [(start, start + 3, "Speaker", "علی")]
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(window) == [] and len(view.spans) == 0
    assert window.spans_model.rowCount() == 0
    qtbot.keyClick(view, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert stored(window) == [(start, start + 3, "Speaker", "علی")]
    assert [s.id for s in view.spans.ordered()] == [span.id]  # the same span, not a copy
    window.view.set_current_span(view.spans.get(span.id))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert stored(window) == []
    window.session.undo_stack.undo()
    assert stored(window) == [(start, start + 3, "Speaker", "علی")]


def test_keyboard_alone_marks_a_sentence_with_attributes(qtbot: QtBot, window: MainWindow) -> None:
    view = window.view
    view.setFocus()
    speaker = window.session.add_speaker("علی")
    assert speaker is not None
    qtbot.keyClick(view, Qt.Key.Key_U)            # the next unmarked sentence
    first = view.selected_range()
    assert view.text[first[0]:first[1]].startswith("سلام")
    qtbot.keyClick(view, Qt.Key.Key_T)            # Turn
    qtbot.keyClick(view, Qt.Key.Key_1)            # speaker: the first registry entry
    qtbot.keyClick(view, Qt.Key.Key_BracketRight)  # next attribute: role
    qtbot.keyClick(view, Qt.Key.Key_2)            # interviewee
    [turn] = window.project.spans(view.doc_id)
    assert turn.label == "Turn" and turn.attrs == {"speaker": speaker.id, "role": "interviewee"}
    qtbot.keyClick(view, Qt.Key.Key_U)
    second = view.selected_range()
    assert second[0] > first[1]
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.project.statuses(view.doc_id)["tester"] == "done"


def test_one_long_paragraph_highlights_only_what_is_on_screen(
        qtbot: QtBot, window: MainWindow) -> None:
    """A document of one 200,000-character line must not turn every span into a highlight."""
    from annotator.domain.model import Document, Span

    view = window.view
    text = ("سلام 😀 دوستان می‌خواهم کتاب‌ها را بخوانم " * 5000)[:200_000]
    document = Document("long", "long", "long.txt", text, text, ((len(text), len(text)),))
    spans = [Span(f"s{i}", "long", i * 40, i * 40 + 4, "Claim") for i in range(5000)]
    view.show_document(document, spans)
    view.refresh_highlights()
    first, last = view.visible_range()
    shown = len(view.extraSelections())
    assert 0 < shown < 200 and last - first < 20_000
    assert all(s.end > first and s.start <= last for s in view.spans.overlapping(first, last + 1))
    view.select_range(100_000, 100_004)  # scrolls there: the highlights follow
    first, last = view.visible_range()
    assert first <= 100_000 <= last and 0 < len(view.extraSelections()) < 200


def _stance_target_path(qtbot: QtBot, window: MainWindow, value: str, leave: str) -> None:
    """Mark a Stance, ``]`` to its target, Enter, type ``value``, then Enter or Ctrl+T."""
    view = window.view
    start = view.text.index("آماده‌ایم")
    view.select_range(start, start + len("آماده‌ایم"))
    qtbot.keyClick(view, Qt.Key.Key_A)                # Stance
    qtbot.keyClick(view, Qt.Key.Key_BracketRight)     # holder → target
    QApplication.processEvents()                      # as between a person's key presses
    qtbot.keyClick(view, Qt.Key.Key_Return)           # into the target's field
    field = QApplication.focusWidget()
    assert isinstance(field, QLineEdit)
    field.selectAll()
    type_text(field, value)  # QTest's keyClicks knows only ASCII
    if leave == "enter":
        qtbot.keyClick(field, Qt.Key.Key_Return)
    else:
        qtbot.keyClick(field, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()  # the old field is deleted here, after its own event


def test_enter_and_ctrl_t_commit_a_text_attribute_and_return_to_the_text(
        qtbot: QtBot, window: MainWindow) -> None:
    for round_ in range(10):
        for leave in ("enter", "ctrl+t"):
            value = f"هدف‌{round_}{leave[0]}"
            _stance_target_path(qtbot, window, value, leave)
            span = window.view.current_span()
            assert span is not None and window.project.span(span.id).attrs["target"] == value
            assert QApplication.focusWidget() is window.view
            qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
            qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
            assert window.project.spans(window.view.doc_id) == []
