"""The window's table models, without widgets: qtmodeltester, filtering, sorting, updates."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from annotator.domain.model import DocumentSummary, Span, Speaker
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


def test_documents_and_speakers_models_pass_the_model_tester(
        qtmodeltester: ModelTester) -> None:
    documents = DocumentsModel("ali")
    documents.set_rows([DocumentSummary("1", "دوم", "b.txt", "h", 10, 3, {"ali": "done"}),
                        DocumentSummary("2", "اول", "a.txt", "h", 10, 0, {})])
    qtmodeltester.check(documents, force_py=True)
    assert documents.data(documents.index(0, DocumentsModel.TITLE)) == "اول"  # sorted by title
    assert documents.data(documents.index(1, DocumentsModel.STATUS)) == "done"
    speakers = SpeakersModel()
    speakers.set_rows([Speaker("s", "کاظم جلالی", ("جلالی",), "interviewee", "سفارت")])
    qtmodeltester.check(speakers, force_py=True)
    assert speakers.data(speakers.index(0, SpeakersModel.ALIASES)) == "جلالی"


def test_every_icon_meaning_is_drawn_into_resources() -> None:
    from annotator.ui.icons import ICONS, icon
    from annotator.ui.resources import resource_path

    folder = resource_path("icons", "actions")
    assert {p.stem for p in folder.glob("*.png")} == set(ICONS)  # `make icons` redraws them
    assert all(not icon(meaning).isNull() for meaning in ICONS)
