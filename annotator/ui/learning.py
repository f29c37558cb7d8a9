"""The learned model in the window: learning again in the background after every N new marks,
and a key to the unmarked sentence the model is least sure about.

The project's connection belongs to the window's thread, so the marks are read there (a
snapshot); the training (pure-Python CPU work) runs in a child process, so that it never holds
this process's interpreter lock while the analyst marks; a worker thread only waits for the
child; and the model is stored back on the window's thread through the session, in one
transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QMainWindow

from annotator.domain.errors import AnnotatorError
from annotator.lazy import lazy
from annotator.ui import settings
from annotator.ui.actions import make_action
from annotator.ui.messages import window_error, window_words
from annotator.ui.plain import plain_label
from annotator.ui.session import Session
from annotator.ui.textview import AnnotationView

if TYPE_CHECKING:  # the learner loads when it first learns or is asked for a sentence
    from annotator.analysis import learning
    from annotator.analysis.learning import TrainingSnapshot, process
    from annotator.analysis.learning.training import Training
    from annotator.domain.model import Span
else:
    learning = lazy("annotator.analysis.learning")
    process = lazy("annotator.analysis.learning.process")

NEXT_USEFUL_KEY = "Shift+U"  # beside U, the next unmarked sentence in reading order


class _TrainingThread(QThread):
    """Waits for a child process that trains on a snapshot; ``training``, ``error`` (what the
    training said) or ``failure`` (how the child ended without an outcome) holds the outcome
    when it finishes."""

    def __init__(self, snapshot: TrainingSnapshot, parent: QObject) -> None:
        super().__init__(parent)
        self.snapshot = snapshot
        self.child = process.LearningChild()  # loaded on the window's thread, not this one
        self.training: Training | None = None
        self.error = ""
        self.failure = ""

    def run(self) -> None:
        try:
            self.training = self.child.train(self.snapshot)
        except process.LearningFailed as failed:
            self.failure = failed.message
        except AnnotatorError as error:
            self.error = window_words(error.message)
        except OSError as error:  # the child could not be started
            self.failure = error.strerror or str(error)


class BackgroundLearner(QObject):
    """Counts new marks and learns again after every ``every`` of them, off the UI thread."""

    learned = Signal(object)  # LearnReport, once the model is stored

    def __init__(self, session: Session, window: QMainWindow, view: AnnotationView,
                 show_document: Callable[[str], None]) -> None:
        super().__init__(window)
        self.setObjectName("learner")
        self.session = session
        self.view = view
        self._show_document = show_document
        self._status_bar = window.statusBar()
        self.every = int(settings.get(settings.LEARN_EVERY))
        self.new_marks = 0
        self._thread: _TrainingThread | None = None
        self._again = False  # marks came while training: learn again when it ends
        self.status = plain_label()
        self._status_bar.addPermanentWidget(self.status)
        self.session.span_added.connect(self._mark_added)
        self.next_action = make_action(window, "next_useful",
                                       self.tr("Next most useful sentence"),
                                       self.go_to_next_sentence, (NEXT_USEFUL_KEY,))
        self.learn_action = make_action(window, "learn_now", self.tr("Learn from the marks now"),
                                        self.learn_now)

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def _mark_added(self, _span: Span) -> None:
        self.new_marks += 1
        if self.every > 0 and self.new_marks >= self.every:
            self.learn_now()

    def learn_now(self) -> bool:
        """Start learning in the background; False when it cannot start now (it is already
        learning: it learns again when done; or the project is read-only)."""
        if self.session.read_only or self.session.closed:
            return False
        if self._thread is not None:
            self._again = True
            return False
        try:
            snapshot = learning.take_snapshot(self.session.project)
        except AnnotatorError as error:
            self._status_bar.showMessage(window_error(error), 8000)  # as the window reports one
            return False
        self.new_marks = 0
        self._again = False
        self._thread = _TrainingThread(snapshot, self)
        self._thread.finished.connect(self._finished)
        self.status.setText(self.tr("Learning from the marks…"))
        self._thread.start()
        return True

    def _finished(self) -> None:
        thread, self._thread = self._thread, None
        if thread is None:
            return
        thread.deleteLater()
        if self.session.closed:
            return
        if thread.failure:
            self.status.setText(self.tr("Not learned: the learning process ended without a "
                                        "model (%s)") % thread.failure)
        elif thread.training is None:
            self.status.setText(self.tr("Not learned: %s") % thread.error)
        elif self.session.store_learned_model(thread.training.model):
            report = thread.training.report
            self.status.setText(self.tr("Learned from %1 mark(s) in %2 s").replace(
                "%1", str(report.marks)).replace("%2", f"{report.seconds:.1f}"))
            self.learned.emit(report)
        if self._again:
            self.learn_now()

    def go_to_next_sentence(self) -> None:
        """Select the unmarked sentence the model is least sure about, in its document."""
        try:
            found = learning.next_sentence(self.session.project)
        except AnnotatorError as error:
            self._status_bar.showMessage(
                self.tr("No learned model yet (%s): the window learns after %n new mark(s), "
                        "or choose Suggestions ▸ Learn from the marks now.", "", self.every)
                % error.message.partition("; ")[0], 8000)  # its advice is this sentence
            return
        if found is None:
            self._status_bar.showMessage(self.tr("Every sentence has a mark."), 4000)
            return
        self._show_document(found.doc_id)
        view = self.view
        view.set_current_span(None)
        view.select_range(found.start, found.end)
        view.setFocus()
        self._status_bar.showMessage(
            self.tr("The model is least sure here (certainty %s).") % f"{found.certainty:.2f}",
            6000)

    def stop(self) -> None:
        """End a training under way (the window or project is closing): its child process is
        terminated and reaped, its thread waited for; its model is not stored."""
        thread = self._thread
        if thread is not None:
            thread.child.stop()
            thread.wait()
            self._thread = None

