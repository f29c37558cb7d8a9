"""The suggestions panel: proposed speakers, turns and claims, to accept or reject by key.

Suggestions are drawn in the text as dashed outlines (never filled like accepted marks), listed
here by the rule that made them, and become spans only when accepted. Enter accepts the current
one, Delete rejects it (it is not proposed again), J and Shift+J move between them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.errors import AnnotatorError
from annotator.lazy import lazy
from annotator.ui.deferred import after_first_paint
from annotator.ui.icons import icon
from annotator.ui.messages import window_error
from annotator.ui.plain import plain_label, tooltip
from annotator.ui.schemanames import label_name, rule_name
from annotator.ui.session import Session
from annotator.ui.textview import AnnotationView, Ghost

if TYPE_CHECKING:  # the engine loads when the first suggestions are computed, after a paint
    from annotator.analysis import review, suggest
    from annotator.analysis.suggest import Suggestion
else:
    review = lazy("annotator.analysis.review")
    suggest = lazy("annotator.analysis.suggest")

AUTOMATIC_LIMIT = 300_000  # code points: longer documents are suggested for on request only
_ROLE = Qt.ItemDataRole.UserRole + 1


class SuggestionsPanel(QWidget):
    """Lists the current document's suggestions and shows them in the view as outlines."""

    current_changed = Signal(object)  # Suggestion | None

    def __init__(self, session: Session, view: AnnotationView,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.view = view
        self.suggestions: list[Suggestion] = []
        self._doc_id = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.summary = plain_label()
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.currentItemChanged.connect(lambda _new, _old: self._follow_current())
        self.tree.itemDoubleClicked.connect(lambda _item, _column: self.accept_current())
        buttons = QHBoxLayout()
        self.suggest_button = QPushButton(icon("suggest"), self.tr("Suggest"))
        self.suggest_button.clicked.connect(self.refresh)
        self.accept_button = QPushButton(icon("accept"), self.tr("Accept (Enter)"))
        self.accept_button.clicked.connect(self.accept_current)
        self.reject_button = QPushButton(icon("reject"), self.tr("Reject (Del)"))
        self.reject_button.clicked.connect(self.reject_current)
        self.accept_rule_button = QPushButton(self.tr("Accept all of this rule"))
        self.accept_rule_button.clicked.connect(self.accept_rule)
        for button in (self.suggest_button, self.accept_button, self.reject_button):
            buttons.addWidget(button)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.accept_rule_button)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.refresh)
        session.suggestions_changed.connect(self._changed)
        session.span_added.connect(lambda span: self._changed(span.doc_id))
        session.span_removed.connect(lambda doc_id, _span_id: self._changed(doc_id))
        session.speakers_changed.connect(lambda: self._changed(self._doc_id))

    # -- computing ----------------------------------------------------------------------------

    def document_shown(self, doc_id: str) -> None:
        """A new document is on screen: suggest for it after it is painted (if not too long)."""
        self._doc_id = doc_id
        self.suggestions = []
        self._fill()
        if len(self.view.text) <= AUTOMATIC_LIMIT:
            # After the text is on screen: at start-up, the window's first frame comes first.
            after_first_paint(self.view, lambda: self._suggest_shown(doc_id))
        else:
            self.summary.setText(self.tr("A long document: press Suggest (Ctrl+G) to compute "
                                         "suggestions for it."))

    def _suggest_shown(self, doc_id: str) -> None:
        if doc_id == self._doc_id:  # still shown, and the window is not closing
            self._timer.start(0)

    def stop(self) -> None:
        """No more computing: the window is closing its project."""
        self._timer.stop()
        self._doc_id = ""

    def _changed(self, doc_id: str) -> None:
        if doc_id and doc_id == self._doc_id and self.suggestions:
            self._timer.start()

    def refresh(self) -> None:
        """Compute the current document's suggestions again (rejected and marked ones left out)."""
        if not self._doc_id:
            return
        current = self.current()
        try:
            self.suggestions = review.suggest_document(self.session.project, self._doc_id)
        except AnnotatorError as error:
            self.summary.setText(window_error(error))
            return
        self._fill(keep=current)

    # -- showing ------------------------------------------------------------------------------

    def _speaker_name(self, value: object) -> str:
        if isinstance(value, suggest.NewSpeaker):
            return self.tr("%s (new)") % value.name
        return self.session.project.speaker_names().get(str(value), str(value))

    def describe(self, suggestion: Suggestion) -> str:
        speakers = self.session.project.schema.speaker_attributes(suggestion.label)
        who = [self._speaker_name(v) for k, v in suggestion.attrs.items() if k in speakers]
        text = suggestion.text.replace("\n", " ")
        short = text if len(text) <= 70 else text[:70] + "…"
        return f"{label_name(suggestion.label)} · {' / '.join(who) + ' · ' if who else ''}{short}"

    def _fill(self, keep: Suggestion | None = None) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        by_rule: dict[str, list[Suggestion]] = {}
        for suggestion in self.suggestions:
            by_rule.setdefault(suggestion.rule, []).append(suggestion)
        chosen: QTreeWidgetItem | None = None
        first: QTreeWidgetItem | None = None
        for rule, items in by_rule.items():
            group = QTreeWidgetItem(self.tree, [f"{rule_name(rule)} ({len(items)})"])
            group.setToolTip(0, tooltip(rule_description(rule)))
            group.setData(0, _ROLE, rule)
            group.setExpanded(True)
            for suggestion in items:
                item = QTreeWidgetItem(group, [self.describe(suggestion)])
                item.setData(0, _ROLE, suggestion)
                if first is None:
                    first = item
                if keep is not None and suggestion.start >= keep.start and chosen is None:
                    chosen = item
        target = chosen or first
        if keep is not None and target is not None:
            # Reviewing: after an accept or reject, the next suggestion becomes current.
            self.tree.setCurrentItem(target)
        self.tree.blockSignals(False)
        if keep is not None:
            self._follow_current()
        else:
            self._enable_buttons()
        self.summary.setText(
            self.tr("%n suggestion(s); they become marks only when accepted.", "",
                    len(self.suggestions)) if self._doc_id else "")
        self.view.set_ghosts(Ghost(s.start, s.end, s.label) for s in self.suggestions)

    def current(self) -> Suggestion | None:
        item = self.tree.currentItem()
        if item is None:
            return None  # without loading the engine: nothing has been suggested yet
        value = item.data(0, _ROLE)
        return value if isinstance(value, suggest.Suggestion) else None

    def _enable_buttons(self) -> None:
        for button in (self.accept_button, self.reject_button, self.accept_rule_button):
            button.setEnabled(self.current() is not None)

    def _follow_current(self) -> None:
        suggestion = self.current()
        self._enable_buttons()
        if suggestion is not None:
            self.view.set_current_span(None)
            self.view.select_range(suggestion.start, suggestion.end)
        self.current_changed.emit(suggestion)

    def step(self, direction: int) -> None:
        """Move to the next (1) or previous (-1) suggestion in reading order."""
        if not self.suggestions:
            return
        ordered = sorted(self.suggestions, key=lambda s: (s.start, s.end, s.label))
        current = self.current()
        if current is None:
            target = ordered[0] if direction > 0 else ordered[-1]
        else:
            position = ordered.index(current) + direction
            target = ordered[position % len(ordered)]
        self._select(target)

    def _select(self, suggestion: Suggestion) -> None:
        for item in self._suggestion_items():
            if item.data(0, _ROLE) == suggestion:
                self.tree.setCurrentItem(item)
                return

    def _suggestion_items(self) -> list[QTreeWidgetItem]:
        groups = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        return [child for group in groups if group is not None
                for child in (group.child(i) for i in range(group.childCount()))
                if child is not None]

    # -- deciding -----------------------------------------------------------------------------

    def accept_current(self) -> bool:
        suggestion = self.current()
        if suggestion is None:
            return False
        self.session.accept_suggestions([suggestion])
        self.refresh()
        return True

    def reject_current(self) -> bool:
        suggestion = self.current()
        if suggestion is None:
            return False
        self.session.reject_suggestions([suggestion])
        self.refresh()
        return True

    def accept_rule(self) -> None:
        suggestion = self.current()
        if suggestion is not None:
            self.session.accept_suggestions(
                [s for s in self.suggestions if s.rule == suggestion.rule])
            self.refresh()


def rule_description(rule: str) -> str:
    return suggest.RULES.get(rule, rule)
