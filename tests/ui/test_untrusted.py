"""Imported text, labels, speaker and file names are shown literally, never as HTML."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QLabel, QToolTip
from pytestqt.qtbot import QtBot

from annotator.domain.schema import Attribute, Layer
from annotator.formats.importing import import_files
from annotator.storage.project import Project
from annotator.ui.mainwindow import MainWindow
from annotator.ui.models import SpansModel
from annotator.ui.session import Session
from annotator.ui.textview import AnnotationView

HOSTILE = "<img src=x onerror=alert(1)>"
BOLD = "<b>bold</b>"


@pytest.fixture
def hostile(qtbot: QtBot, project: Project, tmp_path: Path) -> Iterator[MainWindow]:
    path = tmp_path / "<b>title.txt"
    path.write_text(f"سلام {HOSTILE} و {BOLD} پایان\n", encoding="utf-8")
    import_files(project, [path])
    project.set_schema(project.schema.with_layer(
        Layer(BOLD, "#123456", "", (Attribute(HOSTILE, "choice", (BOLD, "x")),))))
    speaker = project.add_speaker(HOSTILE)
    doc_id = project.document_summaries()[0].id
    text = project.document(doc_id).canonical_text
    start = text.index(HOSTILE)
    project.add_span(doc_id, start, start + len(HOSTILE), BOLD, {HOSTILE: BOLD})
    project.add_span(doc_id, 0, 4, "Speaker", {"speaker": speaker.id})
    main = MainWindow(Session(project))
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()


def test_tables_and_the_title_show_the_markup_literally(hostile: MainWindow) -> None:
    documents = hostile.documents_model
    assert documents.data(documents.index(0, 0)) == "<b>title"  # from the file name
    spans = hostile.spans_model
    texts = {spans.data(spans.index(row, SpansModel.TEXT)) for row in range(spans.rowCount())}
    assert HOSTILE in texts
    row = next(r for r in range(spans.rowCount())
               if spans.data(spans.index(r, SpansModel.TEXT)) == HOSTILE)
    tip = spans.data(spans.index(row, SpansModel.TEXT), Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tip and "&lt;" in tip


def test_inspector_labels_are_plain_text(hostile: MainWindow) -> None:
    view = hostile.view
    span = next(s for s in view.spans.ordered() if s.label == BOLD)
    view.set_current_span(span)
    labels = hostile.inspector.findChildren(QLabel)
    shown = [label for label in labels if label.isVisible() and label.text()]
    assert any(label.text() == BOLD for label in shown)          # the label's name
    assert any(HOSTILE in label.text() for label in shown)       # the attribute and the text
    assert all(label.textFormat() == Qt.TextFormat.PlainText
               for label in shown if "<" in label.text())


def test_the_hover_tooltip_shows_the_markup_literally(qtbot: QtBot, hostile: MainWindow) -> None:
    view = hostile.view
    start = view.text.index(HOSTILE)
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.to_qt(start + 3))
    point = view.cursorRect(cursor).center() - QPoint(2, 0)
    qtbot.mouseMove(view.viewport(), point)
    view.event(_help_event(view, point))
    tip = QToolTip.text()
    assert BOLD in view.describe(next(s for s in view.spans.ordered() if s.label == BOLD))
    assert "<img" not in tip and "&lt;img" in tip and "&lt;b&gt;" in tip


def _help_event(view: AnnotationView, point: QPoint) -> QHelpEvent:
    return QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
