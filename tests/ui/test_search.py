"""Search: folded matching, both scopes, results that open, select and highlight the hit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator.ui import search
from annotator.ui.mainwindow import MainWindow
from annotator.ui.search import HIT_ROLE, SearchPanel, context_of, find_hits
from annotator.ui.textview import HIT_COLOUR

from .conftest import import_text, type_text

SECOND = "گفت‌وگو با علي 😀 و باز هم علی.\n"


def highlighted_hits(window: MainWindow) -> list[tuple[int, int]]:
    view = window.view
    return sorted((view.from_qt(s.cursor.selectionStart()), view.from_qt(s.cursor.selectionEnd()))
                  for s in view.extraSelections() if s.format.background().color() == HIT_COLOUR)


def test_find_hits_folds_and_counts_code_points(window: MainWindow, tmp_path: Path) -> None:
    project = window.project
    first = window.view.doc_id
    second = import_text(project, tmp_path, SECOND, "second")
    text = project.document(second).canonical_text
    hits = find_hits(project, "علي", second)
    assert [text[s:e] for _, s, e in hits] == ["علی", "علی"]  # ي folded on import and in search
    assert text.index("😀") < hits[1][1]
    everywhere = find_hits(project, "علي")
    assert {doc for doc, _, _ in everywhere} == {first, second}
    assert find_hits(project, "علي", limit=2) == everywhere[:2]
    assert find_hits(project, "  ") == []
    assert context_of("a\nb hit c", 4, 7, width=3) == "… b ⟦hit⟧ c"


def test_ctrl_f_focuses_the_query_and_enter_selects_the_first_hit(
        qtbot: QtBot, window: MainWindow) -> None:
    panel: SearchPanel = window.search
    window.activateWindow()
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is panel.query
    type_text(panel.query, "كتاب")  # Arabic ک in the query
    assert panel.query.text() == "كتاب"
    qtbot.keyClick(panel.query, Qt.Key.Key_Return)
    text = window.view.text
    start = text.index("کتاب")
    assert panel.results.count() == 1
    assert window.view.selected_range() == (start, start + 4)
    assert highlighted_hits(window) == [(start, start + 4)]
    panel.query.clear()
    panel.run()
    assert highlighted_hits(window) == []


def test_a_project_wide_hit_opens_its_document(qtbot: QtBot, window: MainWindow,
                                               tmp_path: Path) -> None:
    first = window.view.doc_id
    second = window.session.import_files([_write(tmp_path, SECOND)]) and next(
        d.id for d in window.project.document_summaries() if d.title == "second")
    panel: SearchPanel = window.search
    panel.scope.setCurrentIndex(SearchPanel.WHOLE_PROJECT)
    panel.query.setText("علي")
    panel.run()
    docs = [panel.results.item(i).data(HIT_ROLE)[0] for i in range(panel.results.count())]
    assert docs.count(first) == 1 and docs.count(second) == 2
    row = docs.index(second) + 1  # the second hit in the second document
    item = panel.results.item(row)
    assert item.text().startswith("\u200esecond: ") and "⟦علی⟧" in item.text()
    panel.results.doItemsLayout()  # word-wrapped rows get their heights
    rect = panel.results.visualItemRect(item)
    qtbot.mouseClick(panel.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.view.doc_id == second
    _, start, end = item.data(HIT_ROLE)
    assert window.view.selected_range() == (start, end)
    assert window.view.text[start:end] == "علی"
    assert highlighted_hits(window) == [(s, e) for _, s, e in find_hits(window.project, "علي",
                                                                          second)]
    assert panel.results.count() == 3  # the list stays while documents change


def test_this_document_scope_follows_the_shown_document(window: MainWindow,
                                                        tmp_path: Path) -> None:
    second = import_text(window.project, tmp_path, SECOND, "second")
    panel: SearchPanel = window.search
    panel.query.setText("علي")
    panel.run()
    assert panel.results.count() == 1
    window.show_document(second)
    assert panel.results.count() == 2
    assert len(highlighted_hits(window)) == 2


def _write(folder: Path, text: str) -> Path:
    path = folder / "second.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_long_search_lists_its_hits_a_slice_at_a_time(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import_text(window.project, tmp_path, SECOND * 3, "second")
    monkeypatch.setattr(search, "SLICE_SECONDS", 0.0)  # one hit, then back to the event loop
    panel: SearchPanel = window.search
    panel.scope.setCurrentIndex(SearchPanel.WHOLE_PROJECT)
    panel.query.setText("علي")
    panel.run()
    assert panel.results.count() < 7  # the window's events come between the slices
    qtbot.waitUntil(lambda: panel.summary.text() == "7 hit(s).")
    listed = [panel.results.item(i).data(HIT_ROLE) for i in range(panel.results.count())]
    assert listed == find_hits(window.project, "علي")
    panel.query.setText("کتاب")
    panel.run()  # a new search drops what the last one had still to list
    qtbot.waitUntil(lambda: panel.summary.text() == "1 hit(s).")
    assert panel.results.count() == 1


def test_the_window_indexes_what_was_imported_before_it_opened(window: MainWindow,
                                                               qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: window.project.pending_index_count() == 0)
