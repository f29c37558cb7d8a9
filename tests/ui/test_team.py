"""The Team menu through the real widgets: adjudicating into gold with keys and undo, merge
conflicts, merging and sharing from the open window, and the dashboard's figures and PNGs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCharts import QBarSeries
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QImage, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu
from pytestqt.qtbot import QtBot

from annotator.analysis.agreement import agreement
from annotator.analysis.stance_by_author import stance_table_by
from annotator.formats.importing import import_files
from annotator.storage.merging import conflicts
from annotator.storage.project import Project
from annotator.storage.sharing import share_project
from annotator.ui.adjudication import AdjudicationDialog
from annotator.ui.dashboard import Dashboard
from annotator.ui.mainwindow import MainWindow
from annotator.ui.session import Session
from annotator.ui.team import TeamTools

from .test_persian_keys import persian_press

if TYPE_CHECKING:
    from pytestqt.modeltest import ModelTester

# An emoji (two UTF-16 units), ZWNJ words, Arabic letter variants (folded on import) and CRLF.
RAW = "سلام 😀 دوستان! می‌خواهم كتاب‌ها را بخوانم.\r\nعلي گفت: «ما آماده‌ایم» 🙂 و رفت.\r\n"


def import_raw(project: Project, folder: Path) -> str:
    path = folder / "tricky.txt"
    path.write_bytes(RAW.encode("utf-8"))
    import_files(project, [path])
    return project.document_summaries()[0].id


def add(project: Project, doc_id: str, word: str, label: str, author: str,
        **attrs: str) -> None:
    text = project.document(doc_id).canonical_text
    start = text.index(word)
    project.add_span(doc_id, start, start + len(word), label, attrs, author=author)


@pytest.fixture
def team_window(qtbot: QtBot, project: Project, tmp_path: Path) -> Iterator[MainWindow]:
    """A window on a document that ali and sara marked: one agreed Speaker, a Claim with other
    bounds, a Stance with another polarity, and a Claim only ali made."""
    doc_id = import_raw(project, tmp_path)
    speaker = project.add_speaker("علی").id
    add(project, doc_id, "علی", "Speaker", "ali", speaker=speaker)
    add(project, doc_id, "علی", "Speaker", "sara", speaker=speaker)
    add(project, doc_id, "کتاب‌ها", "Claim", "ali", type="opinion")
    add(project, doc_id, "کتاب‌ها را", "Claim", "sara", type="opinion")
    add(project, doc_id, "آماده‌ایم", "Stance", "ali", holder=speaker, polarity="favor")
    add(project, doc_id, "آماده‌ایم", "Stance", "sara", holder=speaker, polarity="against")
    add(project, doc_id, "دوستان", "Claim", "ali")
    main = MainWindow(Session(project))
    qtbot.addWidget(main)
    main.resize(1100, 700)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()


def tools(window: MainWindow) -> TeamTools:
    return window.team


def gold(window: MainWindow) -> list[tuple[str, str, dict[str, str]]]:
    """Gold's live spans in the file: label, text and attributes."""
    doc_id = window.view.doc_id
    text = window.project.document(doc_id).canonical_text
    return [(s.label, text[s.start:s.end], s.attrs) for s in window.project.spans(doc_id)
            if s.author == "gold"]


def open_adjudication(qtbot: QtBot, window: MainWindow) -> AdjudicationDialog:
    qtbot.keyClick(window.view, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    dialog = tools(window).adjudication
    assert dialog is not None and dialog.isVisible()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def press(qtbot: QtBot, dialog: AdjudicationDialog, key: Qt.Key,
          modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(dialog.table, key, modifier)
    dialog.recompute()  # what the zero-delay timer does after the session's signals


def test_the_team_menu_sits_before_help(team_window: MainWindow) -> None:
    menus = [a.menu() for a in team_window.menuBar().actions()]
    names = [m.objectName() for m in menus if isinstance(m, QMenu)]
    assert names.index("team_menu") == names.index("help_menu") - 1
    team = team_window.findChild(QMenu, "team_menu")
    assert team is not None
    assert [a.objectName() for a in team.actions() if not a.isSeparator()] == [
        "adjudicate", "dashboard", "share_project", "merge_files"]
    # Alt+T, like Alt+S, C and A, marks exactly with a label key of the default schema.
    assert QKeySequence.mnemonic(team.title()) == QKeySequence("Alt+M")


def test_the_adjudication_keys_are_not_the_main_windows(qtbot: QtBot,
                                                        team_window: MainWindow) -> None:
    """The label editor keeps label keys clear of the window's single-key actions; the
    dialog's N, P, A, E and digits work in the dialog only and must not count among them."""
    dialog = open_adjudication(qtbot, team_window)
    single = [a.text() for a in dialog.findChildren(QAction)
              for k in a.shortcuts() if len(k.toString()) == 1]  # a plain letter or digit
    assert single == []
    press(qtbot, dialog, Qt.Key.Key_A)  # and yet A works here
    assert [label for label, _, _ in gold(team_window)] == ["Speaker"]


def test_the_adjudication_keys_fire_with_a_persian_layout(qtbot: QtBot,
                                                          team_window: MainWindow) -> None:
    dialog = open_adjudication(qtbot, team_window)
    persian_press(dialog.table, "N")  # د: the Claim ali and sara bounded differently
    persian_press(dialog.table, "2")  # ۲: sara's version
    dialog.recompute()
    assert gold(team_window) == [("Claim", "کتاب‌ها را", {"type": "opinion"})]
    persian_press(dialog.table, "P")  # ح
    persian_press(dialog.table, "1")  # ۱
    dialog.recompute()
    assert gold(team_window) == [("Claim", "کتاب‌ها", {"type": "opinion"})]


def test_disagreements_are_listed_and_shown_in_every_pane(
        qtbot: QtBot, team_window: MainWindow, qtmodeltester: ModelTester) -> None:
    dialog = open_adjudication(qtbot, team_window)
    assert dialog.analysts == ["ali", "sara"] and list(dialog.panes) == ["ali", "sara", "gold"]
    text = dialog.panes["gold"].view.text
    rows = [(p.label, text[p.start:p.end], p.kind) for p in dialog.model.rows()]
    assert rows == [("Claim", "دوستان", "missing"), ("Claim", "کتاب‌ها را", "bounds"),
                    ("Stance", "آماده‌ایم", "attributes")]
    assert [len(p.view.spans) for p in dialog.panes.values()] == [4, 3, 0]
    press(qtbot, dialog, Qt.Key.Key_N)
    place = dialog.current_place()
    assert place is not None and place.kind == "bounds"
    for pane in dialog.panes.values():  # the current place is highlighted in all panes
        assert pane.view._hits == [(place.start, place.end)]
    assert "کتاب‌ها را" in dialog.details.toPlainText()
    tip = dialog.model.index(1, dialog.model.TEXT).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "<p>کتاب‌ها را</p>"
    qtmodeltester.check(dialog.model)


@pytest.fixture(params=[Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft])
def direction(request: pytest.FixtureRequest, qapp: QApplication
              ) -> Iterator[Qt.LayoutDirection]:
    """The English and the Persian (mirrored) layout of every window made in the test."""
    before = qapp.layoutDirection()
    qapp.setLayoutDirection(request.param)
    yield request.param
    qapp.setLayoutDirection(before)


def test_a_key_takes_one_version_into_gold_and_undo_takes_it_back(
        qtbot: QtBot, direction: Qt.LayoutDirection, team_window: MainWindow) -> None:
    dialog = open_adjudication(qtbot, team_window)
    assert dialog.layoutDirection() == direction
    press(qtbot, dialog, Qt.Key.Key_N)  # the Claim ali and sara bounded differently
    press(qtbot, dialog, Qt.Key.Key_2)
    assert gold(team_window) == [("Claim", "کتاب‌ها را", {"type": "opinion"})]
    assert dialog.model.rows()[1].gold_follows() == ["sara"]
    current = dialog.current_place()
    assert current is not None and current.label == "Stance"  # moved on to the next one
    press(qtbot, dialog, Qt.Key.Key_P)
    press(qtbot, dialog, Qt.Key.Key_1)  # changing one's mind replaces gold's version
    assert gold(team_window) == [("Claim", "کتاب‌ها", {"type": "opinion"})]
    press(qtbot, dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert gold(team_window) == [("Claim", "کتاب‌ها را", {"type": "opinion"})]
    press(qtbot, dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert gold(team_window) == []
    assert len(dialog.panes["gold"].view.spans) == 0
    press(qtbot, dialog, Qt.Key.Key_Z,
          Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert gold(team_window) == [("Claim", "کتاب‌ها را", {"type": "opinion"})]


def test_taking_an_absent_version_removes_golds_mark(qtbot: QtBot,
                                                     team_window: MainWindow) -> None:
    dialog = open_adjudication(qtbot, team_window)
    press(qtbot, dialog, Qt.Key.Key_1)  # ali's Claim on دوستان, which sara lacks
    assert gold(team_window) == [("Claim", "دوستان", {})]
    press(qtbot, dialog, Qt.Key.Key_P)
    press(qtbot, dialog, Qt.Key.Key_2)
    assert gold(team_window) == []
    press(qtbot, dialog, Qt.Key.Key_3)  # there is no third analyst: nothing happens
    assert "no analyst 3" in dialog.status.text()


def test_accepting_agreed_marks_is_one_undoable_step(qtbot: QtBot,
                                                     team_window: MainWindow) -> None:
    dialog = open_adjudication(qtbot, team_window)
    before = team_window.session.undo_stack.count()
    press(qtbot, dialog, Qt.Key.Key_A)
    speaker = team_window.project.speakers()[0].id
    assert gold(team_window) == [("Speaker", "علی", {"speaker": speaker})]
    assert team_window.session.undo_stack.count() == before + 1
    press(qtbot, dialog, Qt.Key.Key_A)  # again: gold already has it
    assert team_window.session.undo_stack.count() == before + 1
    team_window.session.undo_stack.undo()
    assert gold(team_window) == []


def test_edit_opens_the_place_in_the_main_window(qtbot: QtBot, team_window: MainWindow) -> None:
    dialog = open_adjudication(qtbot, team_window)
    press(qtbot, dialog, Qt.Key.Key_N)
    press(qtbot, dialog, Qt.Key.Key_2)
    press(qtbot, dialog, Qt.Key.Key_P)
    press(qtbot, dialog, Qt.Key.Key_E)
    current = team_window.view.current_span()
    assert current is not None and current.author == "gold"
    assert team_window.view.text[current.start:current.end] == "کتاب‌ها را"


def test_merge_from_the_window_then_resolve_the_conflict(
        qtbot: QtBot, tmp_path: Path) -> None:
    lead_path = tmp_path / "lead.annot"
    with Project.create(lead_path, analyst="lead") as lead:
        doc_id = import_raw(lead, tmp_path)
        span_id = lead.add_span(doc_id, 0, 4, "Speaker").id
        copies = {name: tmp_path / f"{name}.annot" for name in ("ali", "sara")}
        for path in copies.values():
            share_project(lead, path)
    for (name, path), label in zip(copies.items(), ("Claim", "Turn"), strict=True):
        with Project.open(path, analyst=name) as theirs:
            theirs.update_span(span_id, label=label)
    project = Project.open(lead_path, analyst="lead")
    window = MainWindow(Session(project))
    qtbot.addWidget(window)
    try:
        window.show()
        report = tools(window).merge([copies["ali"], copies["sara"]])
        assert report is not None and report.spans.conflicts == 1
        assert "1 in conflict" in tools(window).last_message
        shown, stored = window.view.spans.get(span_id), project.span(span_id)
        assert shown is not None  # the window refreshed (it keeps no timestamps)
        assert (shown.label, shown.revision) == (stored.label, stored.revision)
        assert window.session.undo_stack.count() == 0
        dialog = tools(window).open_adjudication()
        assert dialog is not None and dialog.conflict_list.count() == 1
        [conflict] = conflicts(project, doc_id)
        assert conflict.other["label"] in dialog.other_text.toPlainText()
        dialog.resolve_current(other=True)
        assert conflicts(project) == [] and dialog.conflict_list.count() == 0
        assert project.span(span_id).label == conflict.other["label"]
        assert window.view.spans.get(span_id) == project.span(span_id)
        assert tools(window).merge([tmp_path / "missing.annot"]) is None
        assert "missing.annot" in tools(window).last_message
    finally:
        window.close()
        project.close()


def test_share_from_the_window_writes_a_project_that_opens(
        team_window: MainWindow, tmp_path: Path) -> None:
    out = tmp_path / "copy.annot"
    assert tools(team_window).share(out) == out
    with Project.open(out, analyst="bita") as copy:
        assert len(copy.spans(team_window.view.doc_id)) == 7
    assert tools(team_window).share(team_window.project.path) is None  # never over a project


def test_dashboard_shows_the_agreement_figures_and_saves_pngs(
        qtbot: QtBot, team_window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, qtmodeltester: ModelTester) -> None:
    add(team_window.project, team_window.view.doc_id, "رفت", "Claim", "<i>bita</i>")
    dashboard = tools(team_window).open_dashboard()
    assert isinstance(dashboard, Dashboard)
    assert dashboard.computing() and dashboard.summary.text() == "Computing…"
    qtbot.waitExposed(dashboard)
    qtbot.waitUntil(lambda: not dashboard.computing())
    report = agreement(team_window.project)
    assert dashboard.report == report
    assert dashboard.agreement_labels == list(report.labels)
    for key in ("alpha", "kappa", "f1_exact", "f1_overlap"):
        shown = [dashboard.agreement_sets[key].at(i) for i in range(len(report.labels))]
        expected = [getattr(f, key) or 0.0 for f in report.labels.values()]
        assert shown == pytest.approx(expected)
    claim_row = dashboard.agreement_labels.index("Claim")
    cell = dashboard.agreement_table.item(claim_row, 1)
    assert cell is not None and cell.text() == f"{report.labels['Claim'].alpha:.3f}"
    assert dashboard.stance_author.currentData() is None  # no gold marks yet: everyone's
    assert [dashboard.stance_model.row_object(r) for r in
            range(dashboard.stance_model.rowCount())] == stance_table_by(team_window.project)
    qtmodeltester.check(dashboard.stance_model)
    # QtCharts draws names as rich text: an analyst's name is escaped, shown as written.
    [series] = dashboard.charts["labels"].chart.series()
    assert isinstance(series, QBarSeries)
    assert "&lt;i&gt;bita&lt;/i&gt;" in [s.label() for s in series.barSets()]
    for name, panel in dashboard.charts.items():
        assert panel.chart.series(), name
        path = tmp_path / f"{name}.png"
        assert panel.save_png(path)
        image = QImage(str(path))
        assert not image.isNull() and image.width() > 100 and path.stat().st_size > 1000
    chosen = tmp_path / "chosen"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(chosen), "PNG images (*.png)"))
    dashboard.charts["stance"].save_button.click()
    assert not QImage(str(tmp_path / "chosen.png")).isNull()
    sara = dashboard.stance_author.findData("sara")
    dashboard.stance_author.setCurrentIndex(sara)
    dashboard.refresh_stance()
    qtbot.waitUntil(lambda: not dashboard.computing())
    [row] = [dashboard.stance_model.row_object(r) for r in
             range(dashboard.stance_model.rowCount())]
    assert (row.holder, row.count("against"), row.count("favor")) == ("علی", 1, 0)
    assert dashboard.stance_model.index(0, dashboard.stance_model.AGAINST).data() == "1"


def test_panes_scroll_together(qtbot: QtBot, project: Project, tmp_path: Path,
                               sample_text: str) -> None:
    path = tmp_path / "interview.txt"
    path.write_text(sample_text, encoding="utf-8")
    import_files(project, [path])
    doc_id = project.document_summaries()[0].id
    for analyst in ("ali", "sara"):
        add(project, doc_id, "جان میلر", "Speaker", analyst)
    window = MainWindow(Session(project))
    qtbot.addWidget(window)
    try:
        window.show()
        dialog = tools(window).open_adjudication()
        assert dialog is not None
        qtbot.waitExposed(dialog)
        bars = [pane.view.verticalScrollBar() for pane in dialog.panes.values()]
        assert bars[0].maximum() > 0
        bars[1].setValue(bars[1].maximum() // 2)
        tops = [pane.view.firstVisibleBlock().blockNumber() for pane in dialog.panes.values()]
        assert tops[0] > 0 and tops == [tops[0]] * len(tops)
    finally:
        window.close()
