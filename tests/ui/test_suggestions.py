"""Suggestions in the window: outlines, Enter accepts, Delete rejects, both undoable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.formats.importing import import_files
from annotator.storage.project import Project
from annotator.ui.mainwindow import MainWindow
from annotator.ui.session import Session

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "interview-fa.txt"


@pytest.fixture
def interview(qtbot: QtBot, project: Project) -> Iterator[MainWindow]:
    import_files(project, [SAMPLE])
    main = MainWindow(Session(project))
    qtbot.addWidget(main)
    main.resize(1200, 800)
    main.show()
    qtbot.waitUntil(lambda: bool(main.suggestions.suggestions))
    yield main
    main.close()


def live(window: MainWindow) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.label) for s in window.project.spans(window.view.doc_id)]


def test_suggestions_are_outlines_not_marks(interview: MainWindow) -> None:
    panel = interview.suggestions
    assert len(interview.view._ghosts) == len(panel.suggestions) > 0
    assert live(interview) == []  # nothing is stored until accepted
    assert panel.current() is None  # opening a document does not move the reader


def test_enter_accepts_and_undo_takes_it_back(qtbot: QtBot, interview: MainWindow) -> None:
    view, panel = interview.view, interview.suggestions
    qtbot.keyClick(view, Qt.Key.Key_J)
    first = panel.current()
    assert first is not None and view.selected_range() == (first.start, first.end)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert live(interview) == [(first.start, first.end, first.label)]
    assert view.text[first.start:first.end] == first.text
    assert all((s.start, s.end, s.label) != (first.start, first.end, first.label)
               for s in panel.suggestions)
    registered = {s.name for s in interview.project.speakers()}
    assert registered  # the suggestion named a new speaker, now in the registry
    interview.session.undo_stack.undo()
    assert live(interview) == [] and interview.project.speakers() == []
    interview.session.undo_stack.redo()
    assert live(interview) == [(first.start, first.end, first.label)]


def test_delete_rejects_for_good_and_undo_brings_it_back(
        qtbot: QtBot, interview: MainWindow) -> None:
    view, panel = interview.view, interview.suggestions
    qtbot.keyClick(view, Qt.Key.Key_J)
    first = panel.current()
    assert first is not None
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert live(interview) == []
    assert first.key not in {s.key for s in panel.suggestions}
    panel.refresh()
    assert first.key not in {s.key for s in panel.suggestions}  # remembered in the file
    interview.session.undo_stack.undo()
    panel.refresh()
    assert first.key in {s.key for s in panel.suggestions}


def test_propagate_marks_every_occurrence(qtbot: QtBot, interview: MainWindow) -> None:
    view = interview.view
    text = view.text
    word = "جلالی"
    start = text.index(word)
    view.select_range(start, start + len(word))
    span = interview.apply_label("Speaker")
    assert span is not None
    view.set_current_span(view.spans.get(span.id))
    qtbot.keyClick(view, Qt.Key.Key_R)
    marked = [s for s in interview.project.spans(view.doc_id) if s.label == "Speaker"]
    assert len(marked) > 3 and all(text[s.start:s.end] == word for s in marked)
    interview.session.undo_stack.undo()
    assert [s.id for s in interview.project.spans(view.doc_id)] == [span.id]


def test_stance_view_counts_and_links_to_spans(qtbot: QtBot, interview: MainWindow) -> None:
    view, session = interview.view, interview.session
    jalali = session.add_speaker("کاظم جلالی")
    assert jalali is not None
    text = view.text
    start = text.index("سند مادر")
    session.mark(view.doc_id, start, start + 8, "Stance",
                 {"holder": jalali.id, "target": "معاهده", "polarity": "favor"})
    start = text.index("تحریم")
    session.mark(view.doc_id, start, start + 5, "Stance",
                 {"holder": jalali.id, "target": "تحریم", "polarity": "against"})
    interview.stance_dock.raise_()
    stance = interview.stance
    qtbot.waitUntil(lambda: stance.table.rowCount() == 2)
    rows = [[stance.table.item(r, c).text() for c in range(6)] for r in range(2)]
    assert rows == [["کاظم جلالی", "تحریم", "0", "1", "0", "1"],
                    ["کاظم جلالی", "معاهده", "1", "0", "0", "1"]]
    assert len(stance.chart.series()) == 1
    # The axes keep their labels whole in a narrow dock: no chart margins, short labels kept,
    # numbered from the top in the table's order (an axis lists its bottom bar first).
    assert [axis.categories() for axis in stance.chart.axes(Qt.Orientation.Vertical)] == [
        ["2. کاظم جلالی → معاهده", "1. کاظم جلالی → تحریم"]]
    assert stance.chart.margins().left() == 0 and stance.chart.margins().bottom() == 0
    [(doc_id, span_id)] = stance.spans_of(1, 2)
    assert doc_id == view.doc_id
    interview.view.select_range(0, 0)
    stance.table.cellDoubleClicked.emit(1, 2)  # a single span: jump straight to it
    assert view.current_span() is not None and view.current_span().id == span_id
    stance.scope.setCurrentIndex(1)  # the whole project gives the same here, counted in a thread
    assert stance.counting()
    qtbot.waitUntil(lambda: not stance.counting())
    assert [[stance.table.item(r, c).text() for c in range(6)] for r in range(2)] == rows
