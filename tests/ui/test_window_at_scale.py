"""The window's long reads run between its events (issue 18): the Documents panel's SQL orders,
the dashboard's figures and the whole project's stance counts give what the plain definitions
give, keep the event loop turning while they are computed, and stop cleanly when the window
closes or the project changes under them."""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator.analysis import agreement as agreement_module
from annotator.analysis.agreement import agreement, label_counts, progress
from annotator.analysis.stance_by_author import stance_table_by
from annotator.domain.model import Document, DocumentSummary
from annotator.domain.steps import finish
from annotator.storage.project import Project
from annotator.text import search_fold
from annotator.ui.dashboard import Dashboard, team_figures
from annotator.ui.models import DocumentsModel
from annotator.ui.sliced import Sliced

WORDS = ("دولت", "مجلس", "گفت", "بازار", "امروز", "کتاب‌ها", "😀", "نفت", "شهر", "مردم")
STATUS_NAMES = {"todo": "to do", "in progress": "in progress", "done": "done"}


def _corpus(project: Project, documents: int, *, seed: int = 7, words: int = 30) -> list[str]:
    """``documents`` short documents; ali and sara mark most of them (a few spans each,
    Stance with a polarity), ali also sets statuses; sara some."""
    rng = random.Random(seed)
    texts = [" ".join(rng.choice(WORDS) for _ in range(words)) for _ in range(documents)]
    stored = project.add_documents([
        Document("", f"سند {rng.randrange(documents // 3 + 1)}", "t.txt", t, t,
                 ((len(t), len(t)),)) for t in texts])
    with project.transaction():
        for doc in stored:
            text = doc.canonical_text
            for author in ("ali", "sara"):
                for _ in range(rng.randrange(4)):
                    start = rng.randrange(len(text) - 12)
                    label = rng.choice(("Claim", "Stance", "Speaker"))
                    attrs = {"polarity": rng.choice(("favor", "against")),
                             "target": rng.choice(("دولت", "مجلس"))} if label == "Stance" else {}
                    project.add_span(doc.id, start, start + rng.randrange(1, 12), label, attrs,
                                     author=author)
            if rng.random() < 0.6:
                project.set_status(doc.id, rng.choice(("todo", "in progress", "done")))
            if rng.random() < 0.3:
                project.set_status(doc.id, rng.choice(("in progress", "done")), analyst="sara")
    return [d.id for d in stored]


@pytest.fixture
def sliced_model(project: Project, monkeypatch: pytest.MonkeyPatch) -> Iterator[DocumentsModel]:
    """A Documents model that orders every project in slices, as it does past ``AT_ONCE``."""
    _corpus(project, 120)
    monkeypatch.setattr(DocumentsModel, "AT_ONCE", 0)
    model = DocumentsModel(project)
    model.status_names = STATUS_NAMES.__getitem__
    model.reload()
    yield model


def _shown(model: DocumentsModel) -> list[str]:
    return [model.row_object(r).id for r in range(model.rowCount())]


def _in_import_order(project: Project) -> list[DocumentSummary]:
    return project.document_summaries()


def _sorted_in_python(project: Project, column: int, descending: bool) -> list[str]:
    """What a stable sort of the import order by the panel's own cells gives."""
    def status_rank(summary: DocumentSummary) -> str:
        return STATUS_NAMES[summary.statuses.get("tester", "todo")]

    def analysts(summary: DocumentSummary) -> tuple[int, str]:
        listed = ",".join(f"{a}:{s}" for a, s in sorted(summary.statuses.items()))
        return (1, listed) if listed else (0, "")

    key = {DocumentsModel.SPANS: lambda s: s.span_count, DocumentsModel.STATUS: status_rank,
           DocumentsModel.ANALYSTS: analysts}[column]
    return [s.id for s in sorted(_in_import_order(project), key=key, reverse=descending)]


@pytest.mark.parametrize("column", [DocumentsModel.SPANS, DocumentsModel.STATUS,
                                    DocumentsModel.ANALYSTS])
@pytest.mark.parametrize("descending", [False, True])
def test_sorting_in_slices_matches_a_plain_python_sort(
        qtbot: QtBot, project: Project, sliced_model: DocumentsModel, column: int,
        descending: bool) -> None:
    before = _shown(sliced_model)
    sliced_model.sort(column, Qt.SortOrder.DescendingOrder if descending
                      else Qt.SortOrder.AscendingOrder)
    assert sliced_model.arranging() and _shown(sliced_model) == before  # shown meanwhile
    with qtbot.waitSignal(sliced_model.arranged):
        pass
    assert not sliced_model.arranging()
    assert _shown(sliced_model) == _sorted_in_python(project, column, descending)
    # The same order at once, below AT_ONCE documents.
    assert sliced_model.documents.arrange(
        analyst="tester", column=column, descending=descending,
        status_rank={s: r for r, s in enumerate(sorted(STATUS_NAMES, key=STATUS_NAMES.get))}
    ) == sliced_model._order


def test_sorting_by_span_count_follows_new_spans_and_filters(
        qtbot: QtBot, project: Project, sliced_model: DocumentsModel) -> None:
    sliced_model.sort(DocumentsModel.SPANS, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not sliced_model.arranging())
    last = _shown(sliced_model)[-1]
    with project.transaction():
        for start in range(20):
            project.add_span(last, start, start + 1, "Claim", {})
    sliced_model.refresh()
    qtbot.waitUntil(lambda: not sliced_model.arranging())
    assert _shown(sliced_model)[0] == last
    sliced_model.set_needle("done")
    qtbot.waitUntil(lambda: not sliced_model.filtering())
    summaries = {s.id: s for s in _in_import_order(project)}
    expected = [d for d in _sorted_in_python(project, DocumentsModel.SPANS, True)
                if "done" in summaries[d].statuses.values()]
    assert expected and _shown(sliced_model) == expected


@pytest.mark.parametrize("needle", ["done", "to do", "progress", "sara", "سند 1"])
def test_filtering_by_status_matches_the_panels_cells(
        qtbot: QtBot, project: Project, sliced_model: DocumentsModel, needle: str) -> None:
    titled = sliced_model.documents.titled(search_fold(needle))
    sliced_model.set_needle(needle)
    # Titles at once; the status rows a slice at a time between the window's events.
    assert {sliced_model.documents.rowid(d) for d in _shown(sliced_model)} == titled
    assert sliced_model.filtering() == (needle != "سند 1")
    qtbot.waitUntil(lambda: not sliced_model.filtering())

    def cells(summary: DocumentSummary) -> list[str]:
        return [summary.title, STATUS_NAMES[summary.statuses.get("tester", "todo")],
                *(f"{a}: {STATUS_NAMES[s]}" for a, s in summary.statuses.items())]

    by_title = sliced_model.documents.arrange(analyst="tester")
    order = {s.id: s for s in _in_import_order(project)}
    rowids = {s.id: sliced_model.documents.rowid(s.id) for s in order.values()}
    expected = [d for d in sorted(order, key=lambda d: by_title.index(rowids[d]))
                if any(needle in cell for cell in cells(order[d]))]
    assert expected and _shown(sliced_model) == expected


def test_dashboard_figures_in_steps_equal_the_synchronous_ones(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    _corpus(project, 60)
    whole = (agreement(project), progress(project), label_counts(project))
    monkeypatch.setattr(agreement_module, "DOCUMENTS_PER_STEP", 7)
    monkeypatch.setattr(agreement_module, "SPANS_PER_STEP", 11)
    steps = team_figures(project)
    taken = 0
    while True:
        try:
            next(steps)
            taken += 1
        except StopIteration as done:
            documents, (shown_progress, shown_labels), report = done.value
            break
    assert taken > 60  # slices of the documents and of the spans, one shared document a step
    assert documents == 60
    assert (report, shown_progress, shown_labels) == whole
    assert report.documents > 0 and report.labels["Claim"].f1_overlap is not None
    # The whole-project counts match a count of every span, with no SQL.
    spans = [s for d in project.document_summaries() for s in project.spans(d.id)]
    assert sum(row["spans"] for row in shown_progress.values()) == len(spans)
    assert shown_labels["sara"]["Stance"] == sum(
        s.author == "sara" and s.label == "Stance" for s in spans)


def _longest_gap(qtbot: QtBot, start: object, done: object) -> tuple[float, int]:
    """The most CPU time the test's (the window's) thread spent between two ticks of a 5 ms
    probe while ``done()`` was false: the event loop's longest block, without the time other
    processes on a loaded machine took the core; and the number of ticks."""
    ticks = [time.thread_time()]
    probe = QTimer(interval=5)
    probe.timeout.connect(lambda: ticks.append(time.thread_time()))
    probe.start()
    start()  # type: ignore[operator]
    qtbot.waitUntil(done, timeout=120_000)  # type: ignore[arg-type]
    probe.stop()
    ticks.append(time.thread_time())
    return max(b - a for a, b in itertools.pairwise(ticks)), len(ticks)


def test_the_window_keeps_turning_while_agreement_of_3000_documents_is_computed(
        qtbot: QtBot, project: Project) -> None:
    _corpus(project, 3000, words=300)
    started = time.thread_time()
    expected = agreement(project)
    at_once = time.thread_time() - started
    assert at_once > 0.4  # long enough that computing it in one go would block the window
    dashboard = Dashboard(project)
    qtbot.addWidget(dashboard)
    longest, ticks = _longest_gap(qtbot, dashboard.refresh, lambda: not dashboard.computing())
    assert dashboard.report == expected
    assert ticks >= 5 and longest < min(0.1, at_once / 4), (longest, at_once)


def test_closing_or_changing_the_project_mid_computation_stops_cleanly(
        qtbot: QtBot, project_path: Path) -> None:
    project = Project.open(project_path, analyst="tester")
    _corpus(project, 400)
    dashboard = Dashboard(project)
    dashboard.refresh()
    qtbot.waitUntil(lambda: dashboard._figures.running() and dashboard.summary.text()
                    == "Computing…")
    QApplication.processEvents()
    dashboard.close()
    dashboard.deleteLater()  # the window closes mid-computation: nothing runs afterwards
    qtbot.wait(50)
    other = Dashboard(project)
    other.refresh()
    QApplication.processEvents()
    project.close()  # the project goes away under a running computation: said, not raised
    qtbot.waitUntil(lambda: not other.computing())
    assert other.summary.text().startswith("The figures could not be computed")
    other.deleteLater()


def test_sliced_stops_each_turn_after_its_budget(qtbot: QtBot) -> None:
    turns: list[int] = []

    def steps() -> Iterator[None]:
        for _ in range(40):
            turns.append(len(marks))
            time.sleep(0.005)
            yield
        return "counted"

    marks: list[float] = []
    probe = QTimer(interval=0)
    probe.timeout.connect(lambda: marks.append(time.perf_counter()))
    sliced = Sliced(budget_ms=20)
    probe.start()
    with qtbot.waitSignal(sliced.finished) as finished:
        sliced.start(steps())  # type: ignore[arg-type]
    probe.stop()
    assert finished.args == ["counted"]
    per_turn = [turns.count(n) for n in sorted(set(turns))]
    assert len(per_turn) >= 5 and max(per_turn) <= 6  # about 20 ms of 5 ms steps each turn
    assert finish(iter_steps()) == 3


def iter_steps() -> Iterator[None]:
    yield
    return 3


def test_stance_counts_of_one_author_equal_the_filtered_table(project: Project) -> None:
    from annotator.analysis.stance import StanceCount

    _corpus(project, 50)
    for author in (None, "ali", "sara", "nobody"):
        counted = finish(StanceCount(project, author=author, documents_per_step=3).steps())
        assert counted == stance_table_by(project, author)


def test_closing_the_window_mid_count_and_mid_sort_stops_cleanly(
        qtbot: QtBot, project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    from annotator.ui.mainwindow import MainWindow
    from annotator.ui.session import Session

    _corpus(project, 400)
    monkeypatch.setattr(DocumentsModel, "AT_ONCE", 0)
    window = MainWindow(Session(project))
    window.show()
    qtbot.waitExposed(window)
    window.stance_dock.raise_()
    stance = window.stance
    stance.scope.setCurrentIndex(1)  # the whole project, counted between events
    window.documents_table.sortByColumn(DocumentsModel.SPANS, Qt.SortOrder.DescendingOrder)
    assert stance.counting() and window.documents_model.arranging()
    QApplication.processEvents()
    window.close()
    window.deleteLater()
    qtbot.wait(100)  # the deleted window's slices never run again; nothing raised
    assert project.document_summaries()  # the project is still readable and unchanged
