"""The Session's writes that are not marks: links undone and redone, a document's first opening,
and what it tells its views."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from annotator.formats.importing import import_files
from annotator.storage.project import Project
from annotator.ui.mainwindow import MainWindow
from annotator.ui.session import INDEX_STEP_MS, Session

from .conftest import TRICKY, import_text

ZWNJ = "\u200c"


def test_a_link_is_undone_and_redone_through_the_public_relation(
        qtbot: QtBot, project: Project, tmp_path: Path) -> None:
    doc_id = import_text(project, tmp_path, TRICKY)
    session = Session(project)
    start = TRICKY.index("علي")
    claim = session.mark(doc_id, TRICKY.index("«"), TRICKY.index("»") + 1, "Claim")
    speaker = session.mark(doc_id, start, start + 3, "Speaker")
    assert claim is not None and speaker is not None
    relation = session.link(claim.id, speaker.id, "attributed_to")
    assert relation is not None and [r.id for r in project.relations(doc_id)] == [relation.id]
    with qtbot.waitSignal(session.relations_changed) as changed:
        session.undo_stack.undo()
    assert changed.args == [doc_id] and project.relations(doc_id) == []
    session.undo_stack.redo()
    assert [r.id for r in project.relations(doc_id)] == [relation.id]


def test_opening_a_document_puts_it_in_progress_once(
        qtbot: QtBot, project: Project, tmp_path: Path) -> None:
    doc_id = import_text(project, tmp_path, TRICKY)
    session = Session(project)
    with qtbot.waitSignal(session.status_changed) as changed:
        session.document_opened(doc_id)
    assert changed.args == [doc_id]
    assert project.statuses(doc_id)[project.analyst] == "in progress"
    session.set_status(doc_id, "done")
    with qtbot.assertNotEmitted(session.status_changed):
        session.document_opened(doc_id)
    assert project.statuses(doc_id)[project.analyst] == "done"
    assert session.undo_stack.count() == 1  # opening is not an edit to undo


def test_the_first_opening_is_written_after_the_first_frame(
        qtbot: QtBot, project: Project, tmp_path: Path) -> None:
    doc_id = import_text(project, tmp_path, TRICKY)
    window = MainWindow(Session(project))
    qtbot.addWidget(window)
    assert window.view.doc_id == doc_id
    assert project.analyst not in project.statuses(doc_id)  # the window has not painted yet
    window.show()
    qtbot.waitUntil(lambda: project.statuses(doc_id).get(project.analyst) == "in progress")
    window.close()


def test_a_closed_session_writes_no_status_for_an_opening_it_put_off(
        qtbot: QtBot, project: Project, tmp_path: Path) -> None:
    doc_id = import_text(project, tmp_path, TRICKY)
    session = Session(project)
    session.closed = True  # the window was closed before its first frame
    with qtbot.assertNotEmitted(session.status_changed):
        session.document_opened(doc_id)
    assert project.analyst not in project.statuses(doc_id)


def test_a_read_only_project_is_not_written_when_a_document_opens(
        qtbot: QtBot, project_path: Path, tmp_path: Path) -> None:
    with Project.open(project_path, analyst="tester") as project:
        doc_id = import_text(project, tmp_path, TRICKY)
    with Project.open(project_path, analyst="reader", read_only=True) as project:
        session = Session(project)
        with qtbot.assertNotEmitted(session.status_changed):
            session.document_opened(doc_id)
        assert "reader" not in project.statuses(doc_id)


def test_detaching_the_views_disconnects_every_signal(qtbot: QtBot, project: Project) -> None:
    session = Session(project)
    heard: list[str] = []
    session.model_changed.connect(lambda: heard.append("model"))
    session.edit_failed.connect(heard.append)
    session.detach_views()
    session.model_changed.emit()
    session.edit_failed.emit("refused")
    assert heard == []


def test_documents_imported_elsewhere_enter_the_search_index_in_small_steps(
        qtbot: QtBot, project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [f"سند {n} با علي و کتاب{ZWNJ}ها" for n in range(100)]
    paths = []
    for n, text in enumerate(texts):
        paths.append(tmp_path / f"{n:03}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    import_files(project, paths)  # as the command line does, before the window opens
    before = project.search("علی")
    steps: list[int] = []
    index_pending = project.index_pending

    def step() -> int:  # a step of one document, as when each takes the step's time
        steps.append(index_pending(seconds=0))
        return steps[-1]

    monkeypatch.setattr(project, "index_pending", step)
    Session(project).index_pending_documents()  # as the window does after its first frame
    qtbot.waitUntil(lambda: project.pending_index_count() == 0)
    assert steps == [1] * len(texts)
    assert project.search("علی") == before
    qtbot.wait(INDEX_STEP_MS * 3)
    assert steps[-1] == 0 and len(steps) == len(texts) + 1  # then the timer stopped


def test_an_import_in_the_window_is_indexed_and_a_read_only_project_never(
        qtbot: QtBot, project_path: Path, tmp_path: Path) -> None:
    with Project.open(project_path, analyst="tester") as project:
        session = Session(project)
        doc_id = import_text(project, tmp_path, TRICKY)
        assert project.pending_index_count() == 1
        (tmp_path / "second.txt").write_text("متن دوم با علی", encoding="utf-8")
        session.import_files([tmp_path / "second.txt"])
        qtbot.waitUntil(lambda: project.pending_index_count() == 0)
        import_text(project, tmp_path, "سوم")
    with Project.open(project_path, analyst="reader", read_only=True) as project:
        Session(project).index_pending_documents()
        qtbot.wait(INDEX_STEP_MS * 3)
        assert project.pending_index_count() == 1
        assert project.search("علی")[0].doc_id == doc_id
