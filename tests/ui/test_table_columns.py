"""The Documents, Spans and Speakers tables at 1024×700, in English and in Persian: every header
fits its column, short columns fit their cells, long text is elided with the whole of it in the
tooltip, no table scrolls sideways (the least useful columns hide in a narrow dock and come back
in a wide one), and the Documents table shows title, status and count."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot

from annotator.storage.project import Project
from annotator.ui.app import install_language
from annotator.ui.mainwindow import MainWindow
from annotator.ui.models import DocumentsModel, SpansModel
from annotator.ui.session import Session
from annotator.ui.tables import COLUMNS, FITTED

from .conftest import TRICKY, import_text


@pytest.fixture(params=["en", "fa"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    install_language(qapp, request.param)
    yield request.param
    install_language(qapp, "en")


def tables(window: MainWindow) -> list[QTableView]:
    speakers = window.findChild(QTableView, "speakers_table")
    assert speakers is not None
    return [window.documents_table, window.spans_table, speakers]



def small_window(qtbot: QtBot, project: Project, doc_id: str) -> MainWindow:
    """The window at 1024×700, shown, on ``doc_id``."""
    window = MainWindow(Session(project))
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    window.show_document(doc_id)
    QApplication.processEvents()
    return window

def test_headers_and_short_cells_are_never_cut(qtbot: QtBot, project: Project, tmp_path: Path,
                                               language: str) -> None:
    doc_id = import_text(project, tmp_path, TRICKY * 3, "گفت‌وگوی بسیار طولانی با عنوانی بلند 😀")
    project.add_speaker("علي رضایی‌نژاد 😀", aliases=("رضایی",), role="مهمان")
    text = project.document(doc_id).canonical_text
    project.add_span(doc_id, 0, text.index("!"), "Claim")
    window = small_window(qtbot, project, doc_id)
    for table in tables(window):
        model = table.model()
        source = model.sourceModel() if hasattr(model, "sourceModel") else model
        header = table.horizontalHeader()
        assert not table.horizontalScrollBar().isVisible(), (language, table.objectName())
        assert header.length() <= table.viewport().width(), (language, table.objectName())
        for column in range(model.columnCount()):
            if table.isColumnHidden(column):
                assert column in COLUMNS[type(source)].hidden_first, (language, column)
                continue
            width = header.sectionSize(column)
            name = model.headerData(column, Qt.Orientation.Horizontal)
            assert width >= header.sectionSizeHint(column), (language, name, width)
            if column in FITTED[type(source)]:
                assert width >= table.sizeHintForColumn(column), (language, name, width)
        assert table.textElideMode() == Qt.TextElideMode.ElideMiddle
    documents = window.documents_table
    shown = sum(documents.horizontalHeader().sectionSize(c) for c in
                (DocumentsModel.TITLE, DocumentsModel.STATUS, DocumentsModel.SPANS))
    assert shown <= documents.viewport().width(), language
    title = documents.model().index(0, DocumentsModel.TITLE)
    assert title.data() in title.data(Qt.ItemDataRole.ToolTipRole)  # the whole title
    spans = window.spans_table
    text_cell = spans.model().index(0, SpansModel.TEXT)
    assert not spans.isColumnHidden(SpansModel.LABEL) and not spans.isColumnHidden(SpansModel.TEXT)
    assert spans.isColumnHidden(SpansModel.END), language  # the least useful column goes first
    assert text_cell.data() == text[:text.index("!")].replace("\n", " ")
    assert text_cell.data() in text_cell.data(Qt.ItemDataRole.ToolTipRole)
    window.close()


def test_a_wider_dock_shows_the_hidden_columns_again(qtbot: QtBot, project: Project,
                                                     tmp_path: Path, language: str) -> None:
    doc_id = import_text(project, tmp_path, TRICKY, "short")
    project.add_span(doc_id, 0, 4, "Claim")
    window = small_window(qtbot, project, doc_id)
    spans = window.spans_table
    hidden = {c for c in range(SpansModel.AUTHOR + 1) if spans.isColumnHidden(c)}
    assert SpansModel.END in hidden
    window.resize(1900, 700)
    window.resizeDocks([window.spans_dock], [900], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: spans.viewport().width() > 700)
    QApplication.processEvents()
    assert not any(spans.isColumnHidden(c) for c in range(SpansModel.AUTHOR + 1)), language
    assert not spans.horizontalScrollBar().isVisible()
    window.resize(1024, 700)
    window.resizeDocks([window.spans_dock], [250], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: spans.viewport().width() < 300)
    QApplication.processEvents()
    assert {c for c in range(SpansModel.AUTHOR + 1) if spans.isColumnHidden(c)} == hidden
    window.close()
