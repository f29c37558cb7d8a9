"""The inspector: the current span's label, text, attributes and links, editable from the keys.

Keyboard: ``[`` and ``]`` choose the active attribute, ``1``–``9`` pick its k-th value (for a
speaker attribute, the speaker with that pinned number; digits typed quickly reach numbers
above nine), ``0`` clears it, ``+`` adds a new speaker.
"""

from __future__ import annotations

import time
from collections.abc import Collection

from PySide6 import QtWidgets  # QInputDialog: set up at first use (annotator/lazy.py)
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.model import Span, Speaker
from annotator.domain.schema import Attribute
from annotator.text.selection import trim_name
from annotator.ui.plain import menu_text, plain_label
from annotator.ui.schemanames import attribute_name, label_name, value_name
from annotator.ui.session import Session

NEW_SPEAKER = "\x00new"
TYPING_PAUSE = 1.0  # seconds: digits typed closer together make one speaker number
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class AttributeEdit(QLineEdit):
    """A free-text attribute's field: Enter commits the value and gives the keyboard back.

    The window's own Enter shortcut would otherwise take the key, so the field claims it in
    ``ShortcutOverride``; ``committed`` asks the window to return to the text.
    """

    committed = Signal()

    def event(self, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and event.key() in _ENTER_KEYS):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in _ENTER_KEYS:
            self.committed.emit()


class Inspector(QWidget):
    """Shows and edits one span; every change goes through the session as an undoable command."""

    link_requested = Signal(object)      # Span: start choosing a span to link it to
    jump_requested = Signal(str)         # span id
    text_committed = Signal()            # Enter in a free-text attribute: back to the text

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.span: Span | None = None
        self.text = ""
        self.active = 0
        self._editors: list[tuple[Attribute, QWidget]] = []
        self._typed: tuple[tuple[str, int], str, float] = (("", -1), "", 0.0)
        self._layout = QVBoxLayout(self)
        self.setObjectName("inspector")
        self._title = QLabel()
        self._title.setTextFormat(Qt.TextFormat.PlainText)
        self._title.setWordWrap(True)
        self._quote = QLabel()
        self._quote.setTextFormat(Qt.TextFormat.PlainText)
        self._quote.setWordWrap(True)
        self._quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._form = QFormLayout()
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._links = QListWidget()
        self._links.setMaximumHeight(90)
        self._links.itemDoubleClicked.connect(
            lambda item: self.jump_requested.emit(item.data(Qt.ItemDataRole.UserRole)))
        self._link_button = QPushButton(self.tr("Link to a span… (L)"))
        self._link_button.clicked.connect(lambda: self.span and self.link_requested.emit(self.span))
        self._empty = QLabel(self.tr("Select text and press a label's key, or click a mark."))
        self._empty.setWordWrap(True)
        for widget in (self._empty, self._title, self._quote):
            self._layout.addWidget(widget)
        self._layout.addLayout(self._form)
        self._layout.addWidget(self._links)
        self._layout.addWidget(self._link_button)
        self._layout.addStretch(1)
        session.speakers_changed.connect(self.rebuild)
        session.relations_changed.connect(lambda _doc: self._fill_links())
        self.show_span(None, "")

    # -- content ------------------------------------------------------------------------------

    def show_span(self, span: Span | None, text: str) -> None:
        same = span is not None and self.span is not None and span.id == self.span.id
        self.span, self.text = span, text
        if not same:
            self.active = 0
        self.rebuild()

    def rebuild(self) -> None:
        self._clear_form()
        span = self.span
        for widget in (self._title, self._quote, self._links, self._link_button):
            widget.setVisible(span is not None)
        self._empty.setVisible(span is None)
        if span is None:
            return
        self._title.setText(label_name(span.label))
        excerpt = self.text[span.start:span.end]
        self._quote.setText(excerpt if len(excerpt) <= 400 else excerpt[:400] + "…")
        layer = self.session.project.schema.layer(span.label)
        for position, attribute in enumerate(layer.attributes if layer else ()):
            editor = self._editor(attribute, span.attrs.get(attribute.name, ""))
            marker = "▸ " if position == self.active else ""
            shown = attribute_name(span.label, attribute.name)
            name = plain_label(f"{marker}{position + 1 if position < 9 else ''} {shown}")
            name.setWordWrap(True)
            self._form.addRow(name, editor)
            self._editors.append((attribute, editor))
        self._fill_links()

    def _clear_form(self) -> None:
        # A rebuild is often caused by an editor's own signal (a field's focus-out commits its
        # value): deleting that editor now would free it while its event is still running, so
        # the rows are taken out and their widgets deleted once control is back in the loop.
        while self._form.rowCount():
            row = self._form.takeRow(0)
            for item in (row.labelItem, row.fieldItem):
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()
        self._editors.clear()

    def _editor(self, attribute: Attribute, value: str) -> QWidget:
        if attribute.kind == "speaker":
            combo = QComboBox()
            # A long name is elided in the field, never widening the dock.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
            combo.addItem("—", "")
            for number, speaker in self._numbered_speakers():
                combo.addItem(f"{number}. {speaker.name}", speaker.id)
            combo.addItem(self.tr("Add new speaker… (+)"), NEW_SPEAKER)
            index = combo.findData(value)
            if index < 0 and value:
                combo.insertItem(1, value, value)  # a deleted registry entry keeps its id
                index = 1
            combo.setCurrentIndex(max(index, 0))
            combo.activated.connect(lambda _i, a=attribute, c=combo: self._speaker_chosen(a, c))
            return combo
        if attribute.kind == "choice":
            row = QWidget()
            layout = QGridLayout(row)  # two buttons a row: the dock's width holds any choice
            layout.setContentsMargins(0, 0, 0, 0)
            group = QButtonGroup(row)
            group.setExclusive(True)
            for number, choice in enumerate(attribute.values, start=1):
                shown = value_name(attribute.name, choice)
                button = QPushButton(menu_text(f"{number} {shown}" if number <= 9 else shown))
                button.setCheckable(True)
                button.setChecked(choice == value)
                button.clicked.connect(lambda _c=False, a=attribute, v=choice: self._set(a, v))
                group.addButton(button)
                layout.addWidget(button, (number - 1) // 2, (number - 1) % 2)
            return row
        edit = AttributeEdit(value)
        values = sorted({*attribute.values,
                         *self.session.project.attribute_values(self.span.label, attribute.name)}
                        ) if self.span else list(attribute.values)
        completer = QCompleter(values, edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        edit.setCompleter(completer)
        edit.editingFinished.connect(lambda a=attribute, e=edit: self._set(a, e.text().strip()))
        edit.committed.connect(self.text_committed)
        return edit

    def _fill_links(self) -> None:
        self._links.clear()
        span = self.span
        if span is None:
            return
        project = self.session.project
        for relation in project.relations(span.doc_id):
            if span.id not in (relation.from_id, relation.to_id):
                continue
            other_id = relation.to_id if relation.from_id == span.id else relation.from_id
            other = project.span(other_id)
            arrow = "→" if relation.from_id == span.id else "←"
            quoted = self.text[other.start:other.end][:60]
            item = QListWidgetItem(f"{relation.type} {arrow} {label_name(other.label)}: {quoted}")
            item.setData(Qt.ItemDataRole.UserRole, other_id)
            self._links.addItem(item)

    # -- edits --------------------------------------------------------------------------------

    def _set(self, attribute: Attribute, value: str) -> None:
        if self.span is None:
            return
        attrs = dict(self.span.attrs)
        if value:
            attrs[attribute.name] = value
        else:
            attrs.pop(attribute.name, None)
        if attrs != self.span.attrs:
            self.session.set_attrs(self.span.id, attrs)

    def _speaker_chosen(self, attribute: Attribute, combo: QComboBox) -> None:
        value = combo.currentData()
        if value == NEW_SPEAKER:
            self.add_speaker(attribute)
        else:
            self._set(attribute, value or "")

    def add_speaker(self, attribute: Attribute | None = None) -> None:
        """Ask for a name, add it to the registry and give it to the (active) speaker attribute."""
        attribute = attribute or self._active_attribute()
        if attribute is None or attribute.kind != "speaker" or self.span is None:
            return
        default = self.text[self.span.start:self.span.end] if self.span.label == "Speaker" else ""
        dialog = QtWidgets.QInputDialog(self)
        dialog.setWindowTitle(self.tr("New speaker"))
        dialog.setLabelText(self.tr("Name:"))
        dialog.setTextValue(trim_name(default)[:80])
        dialog.resize(max(420, dialog.fontMetrics().averageCharWidth() * 50),
                      dialog.sizeHint().height())  # a name fits; Qt's own is 200 px wide
        ok = dialog.exec() == QtWidgets.QInputDialog.DialogCode.Accepted
        name = dialog.textValue()
        dialog.deleteLater()
        if ok and name.strip():
            span_id = self.span.id
            self.session.undo_stack.beginMacro(self.tr("Add speaker %s") % name.strip())
            speaker = self.session.add_speaker(name)
            current = self.session.project.span(span_id)
            if speaker is not None:
                self.session.set_attrs(span_id, {**current.attrs, attribute.name: speaker.id})
            self.session.undo_stack.endMacro()
        else:
            self.rebuild()

    def _active_attribute(self) -> Attribute | None:
        return self._editors[self.active][0] if 0 <= self.active < len(self._editors) else None

    def move_active(self, step: int) -> None:
        if self._editors:
            self.active = (self.active + step) % len(self._editors)
            self.rebuild()

    def pick(self, number: int) -> bool:
        """Give the active attribute its ``number``-th value (0 clears it); False if none.

        A speaker attribute takes the speaker whose pinned number is ``number``, or the number
        made with the digits typed just before (``1`` ``2`` quickly: speaker 12)."""
        attribute = self._active_attribute()
        if attribute is None or self.span is None:
            return False
        numbered = dict(self._numbered_speakers()) if attribute.kind == "speaker" else {}
        typed = self._typed_number(number, numbered) if numbered else number
        if typed != number and typed in numbered:
            self._set(attribute, numbered[typed].id)
            return True
        if number == 0:
            self._set(attribute, "")
            return True
        if attribute.kind == "choice" and number <= len(attribute.values):
            self._set(attribute, attribute.values[number - 1])
            return True
        if number in numbered:
            self._set(attribute, numbered[number].id)
            return True
        return False

    def _numbered_speakers(self) -> list[tuple[int, Speaker]]:
        """The registry's speakers (removed ones left out) with their pinned numbers, in order."""
        project = self.session.project
        numbers = project.speaker_numbers()
        return sorted((numbers[s.id], s) for s in project.speakers() if s.id in numbers)

    def _typed_number(self, digit: int, numbers: Collection[int]) -> int:
        """``digit`` after the digits typed just before it (within TYPING_PAUSE seconds, for the
        same mark and attribute) when that makes one of ``numbers``: ``1`` ``2`` gives 12."""
        now = time.monotonic()
        key = (self.span.id if self.span else "", self.active)
        recent = self._typed[0] == key and now - self._typed[2] < TYPING_PAUSE
        digits = (self._typed[1] if recent else "") + str(digit)
        if int(digits) not in numbers:
            digits = str(digit)
        self._typed = (key, digits, now)
        return int(digits)

    def focus_active(self) -> None:
        """Put the keyboard in the active attribute's editor (for free-text attributes)."""
        if 0 <= self.active < len(self._editors):
            self._editors[self.active][1].setFocus()
