"""The window learns in the background after N new marks, never blocking its thread, shows it
in the status bar, and Shift+U takes the analyst to the sentence the model is least sure of."""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.storage.project import Project
from annotator.ui import settings
from annotator.ui.mainwindow import MainWindow
from annotator.ui.session import Session

from .conftest import import_text

# Invented text: «از نگاه NAME، CLAIM.» lines between narration, with an emoji and ZWNJ words.
LINES = (
    "امروز جلسه در ساعت ده آغاز شد.",
    "از نگاه پرستو نادری، بازار كتاب امسال رونق می‌گیرد.",
    "هوا ابری بود و باران آمد 😀 و همه رفتند.",
    "از نگاه کامران یگانه، قیمت نان تا پاییز ثابت می‌ماند.",
    "از نگاه شیرین ملکی، پل تازه ترافیک شهر را کم می‌کند.",
    "جلسه ساعت دوازده تمام شد.",
)
TEXT = "\r\n".join(LINES) + "\r\n"


@pytest.fixture
def marked(qtbot: QtBot, project: Project, tmp_path: Path) -> Iterator[MainWindow]:
    settings.put(settings.LEARN_EVERY, 3)
    import_text(project, tmp_path, TEXT, "first")
    import_text(project, tmp_path, TEXT.replace("نادری", "آذرنوش"), "second")
    main = MainWindow(Session(project))
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()


def claims(text: str) -> list[tuple[int, int]]:
    out = []
    for line in text.split("\n"):
        if line.startswith("از نگاه"):
            start = text.index(line) + line.index("، ") + 2
            out.append((start, text.index(line) + len(line) - 1))
    return out


def test_learning_runs_in_the_background_after_n_marks(
        qtbot: QtBot, marked: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    import annotator.analysis.learning as learning

    learner, session = marked.learner, marked.session
    assert learner.every == 3 and marked.project.learned_models() == []
    doc_id = marked.view.doc_id
    text = marked.project.document(doc_id).canonical_text

    def not_here(snapshot: learning.TrainingSnapshot) -> object:
        raise AssertionError("trained in the window's process")

    # The training runs in a child process (it would hold this one's interpreter lock).
    monkeypatch.setattr(learning, "train_snapshot", not_here)
    first, second, third = claims(text)
    session.mark(doc_id, *first, "Claim")
    session.mark(doc_id, *second, "Claim")
    assert not learner.busy and learner.new_marks == 2
    with qtbot.waitSignal(learner.learned, timeout=30_000) as report:
        session.mark(doc_id, *third, "Claim")
        assert learner.busy  # started, and the window's thread goes on at once
        thread = learner._thread
        assert thread is not None
        qtbot.waitUntil(lambda: thread.child.pid is not None)
        assert thread.child.pid != os.getpid()
    assert report.args[0].marks == 3
    [model] = marked.project.learned_models()
    assert model.labels == ("Claim",) and model.marks == 3
    assert learner.status.text() == "Learned from 3 mark(s) in " + \
        f"{report.args[0].seconds:.1f} s"
    assert learner.new_marks == 0


def test_shift_u_selects_the_least_certain_unmarked_sentence(qtbot: QtBot,
                                                            marked: MainWindow) -> None:
    learner, view = marked.learner, marked.view
    qtbot.keyClick(view, Qt.Key.Key_U, Qt.KeyboardModifier.ShiftModifier)
    assert "No learned model yet" in marked.statusBar().currentMessage()
    doc_id = view.doc_id
    for start, end in claims(marked.project.document(doc_id).canonical_text):
        marked.session.mark(doc_id, start, end, "Claim")
    qtbot.waitUntil(lambda: bool(marked.project.learned_models()), timeout=20_000)
    qtbot.waitUntil(lambda: not learner.busy)
    qtbot.keyClick(view, Qt.Key.Key_U, Qt.KeyboardModifier.ShiftModifier)
    start, end = view.selected_range()
    assert start < end and "least sure" in marked.statusBar().currentMessage()
    shown = marked.project.document(view.doc_id).canonical_text
    assert not marked.project.spans_in(view.doc_id, start, end)
    assert shown[start:end].strip() == shown[start:end]


def test_learned_suggestions_appear_in_the_panel(qtbot: QtBot, marked: MainWindow,
                                                tmp_path: Path) -> None:
    doc_id = marked.view.doc_id
    for name in ("پرستو نادری", "کامران یگانه", "شیرین ملکی", "بهرام آذرنوش"):
        marked.project.add_speaker(name)  # a learned Claim is proposed with a speaker only
    text = marked.project.document(doc_id).canonical_text
    for start, end in claims(text):
        marked.session.mark(doc_id, start, end, "Claim")
    qtbot.waitUntil(lambda: bool(marked.project.learned_models()), timeout=20_000)
    qtbot.waitUntil(lambda: not marked.learner.busy, timeout=20_000)
    # One marked document is too few to show the model right: it adds nothing yet.
    assert marked.project.learned_models()[0].adds_from is None
    other = next(d.id for d in marked.project.document_summaries() if d.id != doc_id)
    for number in range(3):  # three more marked, so a model learned without each is checked
        more = import_text(marked.project, tmp_path, TEXT.replace("ملکی", f"ملکی {number}"),
                           f"more {number}")
        for start, end in claims(marked.project.document(more).canonical_text):
            marked.session.mark(more, start, end, "Claim")
    qtbot.waitUntil(lambda: not marked.learner.busy and marked.learner.new_marks == 0
                    and marked.project.learned_models()[0].adds_from is not None,
                    timeout=30_000)
    marked.show_document(other)
    panel = marked.suggestions
    qtbot.waitUntil(lambda: any(s.rule == "learned" for s in panel.suggestions), timeout=10_000)
    learned = [s for s in panel.suggestions if s.rule == "learned"]
    assert all(marked.view.text[s.start:s.end] == s.text for s in learned)
    groups = [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]
    assert f"learned ({len(learned)})" in groups


def _training_child(qtbot: QtBot, marked: MainWindow) -> int:
    """Mark the first document's claims and return the pid of the training child started."""
    doc_id = marked.view.doc_id
    for start, end in claims(marked.project.document(doc_id).canonical_text):
        marked.session.mark(doc_id, start, end, "Claim")
    learner = marked.learner
    assert learner.busy and learner._thread is not None
    child = learner._thread.child
    qtbot.waitUntil(lambda: child.pid is not None)
    assert child.pid is not None
    return child.pid


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie nobody reaped counts as running: it was not waited for)."""
    try:
        state = subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True,
                               text=True, check=False).stdout.strip()
    except OSError:
        return True
    return bool(state)


def test_a_training_child_that_is_killed_is_said_and_the_window_goes_on(
        qtbot: QtBot, marked: MainWindow) -> None:
    pid = _training_child(qtbot, marked)
    os.kill(pid, signal.SIGKILL)
    learner = marked.learner
    qtbot.waitUntil(lambda: not learner.busy, timeout=30_000)
    assert learner.status.text().startswith(
        "Not learned: the learning process ended without a model (killed by signal 9")
    assert marked.project.learned_models() == []
    assert not _alive(pid)
    doc_id = marked.view.doc_id  # the window still marks
    marked.session.mark(doc_id, 0, 5, "Speaker")
    assert any(s.label == "Speaker" for s in marked.project.spans(doc_id))


def test_closing_the_window_during_a_training_ends_its_child(
        qtbot: QtBot, marked: MainWindow) -> None:
    pid = _training_child(qtbot, marked)
    marked.close()
    assert not marked.learner.busy
    assert not _alive(pid)  # terminated and reaped, not left behind
    assert marked.project.learned_models() == []
