"""The window's table models, without widgets: qtmodeltester, filtering, sorting, updates."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from annotator.domain.model import Document, Span, Speaker
from annotator.storage.project import Project
from annotator.ui.models import ROW_ROLE, DocumentsModel, SpansModel, SpeakersModel

TEXT = "علی 😀 گفت: می‌خواهیم كتاب‌ها را بخوانیم."


def spans() -> list[Span]:
    return [Span("a", "d", 0, 3, "Speaker", {}, "ali"), Span("b", "d", 6, 9, "Claim", {}, "sara"),
            Span("c", "d", 11, 20, "Claim", {"type": "opinion"}, "ali")]


def test_spans_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = SpansModel()
    model.set_document(TEXT, spans())
    qtmodeltester.check(model, force_py=True)
    assert model.data(model.index(0, SpansModel.TEXT)) == "علی"
    assert model.data(model.index(1, SpansModel.TEXT)) == TEXT[6:9]
    assert model.data(model.index(2, SpansModel.LABEL), ROW_ROLE).id == "c"


def test_spans_model_filters_folded_and_sorts(qtmodeltester: ModelTester) -> None:
    model = SpansModel()
    model.set_document(TEXT, spans())
    model.set_needle("علي")  # Arabic yeh finds the Persian one
    assert [model.row_object(r).id for r in range(model.rowCount())] == ["a"]
    model.set_needle("")
    model.sort(SpansModel.LABEL, Qt.SortOrder.DescendingOrder)
    assert [model.row_object(r).label for r in range(model.rowCount())] == [
        "Speaker", "Claim", "Claim"]
    qtmodeltester.check(model, force_py=True)


def test_spans_model_inserts_and_removes_single_rows(qtmodeltester: ModelTester) -> None:
    model = SpansModel()
    model.set_document(TEXT, spans())
    qtmodeltester.check(model, force_py=True)
    model.put(Span("n", "d", 4, 6, "Stance", {}, "ali"))
    assert [model.row_object(r).id for r in range(model.rowCount())] == ["a", "n", "b", "c"]
    model.put(Span("n", "d", 4, 6, "Claim", {}, "ali"))  # the same id replaces, not duplicates
    assert [model.row_object(r).label for r in range(model.rowCount())][1] == "Claim"
    model.discard("b")
    assert [model.row_object(r).id for r in range(model.rowCount())] == ["a", "n", "c"]
    model.discard("missing")
    assert model.rowCount() == 3


def _documents(project: Project, titles: list[str]) -> list[str]:
    texts = [f"متن {n} 😀 می‌خواهیم\r\nكتاب" for n in range(len(titles))]
    stored = project.add_documents([Document("", t, "a.txt", x, x, ((len(x), len(x)),))
                                    for t, x in zip(titles, texts, strict=True)])
    return [d.id for d in stored]


def test_documents_and_speakers_models_pass_the_model_tester(
        qtmodeltester: ModelTester, project: Project) -> None:
    first, second = _documents(project, ["دوم", "اول"])
    project.set_status(first, "done")
    project.add_span(first, 0, 3, "Speaker", {})
    documents = DocumentsModel(project)
    documents.reload()
    qtmodeltester.check(documents, force_py=True)
    assert documents.data(documents.index(0, DocumentsModel.TITLE)) == "اول"  # sorted by title
    assert documents.data(documents.index(1, DocumentsModel.STATUS)) == "done"
    assert documents.data(documents.index(1, DocumentsModel.SPANS)) == "1"
    assert documents.data(documents.index(0, DocumentsModel.TITLE), ROW_ROLE).id == second
    speakers = SpeakersModel()
    speakers.set_rows([Speaker("s", "کاظم جلالی", ("جلالی",), "interviewee", "سفارت")])
    qtmodeltester.check(speakers, force_py=True)
    assert speakers.data(speakers.index(0, SpeakersModel.ALIASES)) == "جلالی"


def test_documents_model_reads_only_the_pages_shown(project: Project) -> None:
    _documents(project, [f"سند {n:04d}" for n in range(1000)])
    documents = DocumentsModel(project)
    documents.reload()
    assert documents.rowCount() == 1000
    assert documents.fetched == 0
    assert documents.data(documents.index(950, DocumentsModel.TITLE)) == "سند 0950"
    assert documents.fetched == DocumentsModel.PAGE < 1000


def test_documents_model_filters_and_sorts_in_sql(project: Project) -> None:
    ids = _documents(project, ["كتاب‌ها", "کتاب دوم", "خبر 😀", "گزارش"])
    project.set_status(ids[2], "done")
    project.set_status(ids[3], "in progress", analyst="sara")
    for start in range(3):
        project.add_span(ids[3], start, start + 1, "Speaker", {})
    documents = DocumentsModel(project)
    documents.reload()
    shown = lambda: [documents.row_object(r).id for r in range(documents.rowCount())]  # noqa: E731
    before = documents.documents.queries
    documents.set_needle("کتاب ها")  # Arabic kaf and ZWNJ fold like search
    assert shown() == [ids[0]]
    assert documents.documents.queries - before == 3  # analysts; a page: statuses, rows
    documents.set_needle("done")
    assert shown() == [ids[2]]
    documents.set_needle("todo")  # no status row for this analyst: todo
    assert set(shown()) == {ids[0], ids[1], ids[3]}
    documents.set_needle("sara")
    assert shown() == [ids[3]]
    documents.set_needle("")
    documents.sort(DocumentsModel.SPANS, Qt.SortOrder.DescendingOrder)
    assert shown()[0] == ids[3] and shown()[1:] == ids[:3]  # ties stay in import order
    project.add_span(ids[1], 0, 4, "Claim", {})
    project.add_span(ids[1], 5, 6, "Claim", {})
    project.add_span(ids[1], 6, 7, "Claim", {})
    project.add_span(ids[1], 7, 8, "Claim", {})
    documents.refresh()
    assert shown()[0] == ids[1]
    assert documents.find(ids[1]) == 0 and documents.find("missing") == -1
    documents.sort(DocumentsModel.STATUS)
    assert shown()[0] == ids[2]  # "done" before "in progress" and "todo"


def test_every_icon_meaning_is_drawn_into_resources() -> None:
    from annotator.ui.icons import ICONS, icon
    from annotator.ui.resources import resource_path

    folder = resource_path("icons", "actions")
    assert {p.stem for p in folder.glob("*.png")} == set(ICONS)  # `make icons` redraws them
    assert all(not icon(meaning).isNull() for meaning in ICONS)
