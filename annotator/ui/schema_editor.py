"""The label schema dialog: layers with name, colour, shortcut key and typed attributes.

Apply replaces the project's schema in one undoable command, after the same validation as
everywhere (``LabelSchema.validate``) and the window's rules: a layer's key is one character that
no other layer and none of the window's own keys use; a layer that existing marks use can be
neither renamed nor deleted (the marks keep their labels; rename by adding the new layer,
relabelling the marks, then deleting the old one); and no attribute, kind or choice value that a
mark uses may go, since such a mark could no longer be edited.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.errors import AnnotatorError
from annotator.domain.model import Span
from annotator.domain.schema import ATTRIBUTE_KINDS, Attribute, LabelSchema, Layer, RelationType
from annotator.ui.icons import icon
from annotator.ui.session import Session
from annotator.ui.speakers import split_aliases

NEW_COLOURS = ("#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#ff7f0e")


def reserved_keys(window: QMainWindow) -> set[str]:
    """Single keys the window already uses (its actions' plain-key shortcuts and its menus'
    Alt mnemonics), upper-cased; label keys must avoid them."""
    keys: set[str] = set()
    for action in window.findChildren(QAction):
        if action.objectName().startswith("label_"):
            continue
        for sequence in action.shortcuts():
            if sequence.count() != 1:
                continue
            combo = sequence[0]  # type: ignore[index]  # PySide6 supports it; the stubs lack it
            if combo.keyboardModifiers() in (Qt.KeyboardModifier.NoModifier,
                                             Qt.KeyboardModifier.KeypadModifier):
                keys.add(QKeySequence(combo.key()).toString().upper())
    for action in window.menuBar().actions():
        mnemonic = QKeySequence.mnemonic(action.text())
        if mnemonic.count() == 1:
            key = mnemonic[0].key()  # type: ignore[index]  # as above
            keys.add(QKeySequence(key).toString().upper())
    return keys


@dataclass
class _Layer:
    """A layer being edited; ``original`` is its name in the project's schema (None if new)."""

    original: str | None
    name: str
    color: str
    shortcut: str
    attributes: list[tuple[str, str, str]] = field(default_factory=list)  # name, kind, values

    @classmethod
    def of(cls, layer: Layer) -> _Layer:
        return cls(layer.name, layer.name, layer.color, layer.shortcut,
                   [(a.name, a.kind, "، ".join(a.values)) for a in layer.attributes])

    def layer(self) -> Layer:
        attributes = tuple(
            Attribute(name.strip(), kind if kind in ATTRIBUTE_KINDS else "text",
                      split_aliases(values) if kind != "speaker" else ())
            for name, kind, values in self.attributes)
        return Layer(self.name.strip(), self.color, self.shortcut.strip().lower(), attributes)


class SchemaEditor(QDialog):
    """Edit a copy of the schema; Apply stores it through the session (undoable)."""

    NAME, KIND, VALUES = range(3)

    def __init__(self, session: Session, reserved: Iterable[str] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.reserved = {key.upper() for key in reserved}
        self.setObjectName("schema_editor")
        self.setWindowTitle(self.tr("Labels"))
        self._layers: list[_Layer] = []
        self._row = -1
        self._loading = False

        left = self._build_layers()
        right = self._build_layer()
        self.faults = QLabel()
        self.faults.setObjectName("faults")
        self.faults.setTextFormat(Qt.TextFormat.PlainText)
        self.faults.setWordWrap(True)
        self.faults.setStyleSheet("color: #b00020;")
        note = QLabel(self.tr("Labels that marks use cannot be renamed or deleted; the marks "
                              "keep their labels. Attribute kinds: choice (one of the values), "
                              "text (free, values are suggestions), speaker (the registry)."))
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply
                                        | QDialogButtonBox.StandardButton.Close)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)

        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(note)
        layout.addWidget(self.faults)
        layout.addWidget(self.buttons)
        self.load(session.project.schema)
        self.resize(820, 520)

    def _build_layers(self) -> QVBoxLayout:
        """The list of labels with its add and delete buttons."""
        self.layer_list = QListWidget()
        self.layer_list.setObjectName("layers")
        self.layer_list.currentRowChanged.connect(self._show_layer)
        add_layer = QPushButton(icon("add"), self.tr("Add label"))
        add_layer.setObjectName("add_layer")
        add_layer.clicked.connect(self.add_layer)
        self.remove_layer_button = QPushButton(icon("remove"), self.tr("Delete label"))
        self.remove_layer_button.setObjectName("remove_layer")
        self.remove_layer_button.clicked.connect(self.remove_layer)
        left = QVBoxLayout()
        left.addWidget(self.layer_list, 1)
        left.addWidget(add_layer)
        left.addWidget(self.remove_layer_button)
        return left

    def _build_layer(self) -> QVBoxLayout:
        """The chosen label: name, colour, key and attributes."""
        self.name = QLineEdit()
        self.name.setObjectName("layer_name")
        self.name.textEdited.connect(self._edited)
        self.colour = QPushButton()
        self.colour.setObjectName("layer_colour")
        self.colour.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # "#d62728", not "d62728#"
        self.colour.clicked.connect(self.choose_colour)
        self.shortcut = QLineEdit()
        self.shortcut.setObjectName("layer_shortcut")
        self.shortcut.setMaxLength(1)
        self.shortcut.setMaximumWidth(60)
        self.shortcut.textEdited.connect(self._edited)
        attribute_buttons = self._build_attributes()
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Colour:"), self.colour)
        form.addRow(self.tr("Key:"), self.shortcut)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(QLabel(self.tr("Attributes:")))
        right.addWidget(self.attributes, 1)
        right.addLayout(attribute_buttons)
        return right

    def _build_attributes(self) -> QHBoxLayout:
        """The chosen label's attribute table; returns its add and delete buttons' row."""
        self.attributes = QTableWidget(0, 3)
        self.attributes.setObjectName("attributes")
        self.attributes.setHorizontalHeaderLabels(
            [self.tr("Attribute"), self.tr("Kind"), self.tr("Values (comma-separated)")])
        self.attributes.horizontalHeader().setSectionResizeMode(
            self.VALUES, QHeaderView.ResizeMode.Stretch)
        self.attributes.verticalHeader().hide()
        self.attributes.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.attributes.itemChanged.connect(lambda _item: self._edited())
        add_attribute = QPushButton(icon("add"), self.tr("Add attribute"))
        add_attribute.setObjectName("add_attribute")
        add_attribute.clicked.connect(self.add_attribute)
        remove_attribute = QPushButton(icon("remove"), self.tr("Delete attribute"))
        remove_attribute.clicked.connect(self.remove_attribute)
        attribute_buttons = QHBoxLayout()
        attribute_buttons.addWidget(add_attribute)
        attribute_buttons.addWidget(remove_attribute)
        attribute_buttons.addStretch(1)
        return attribute_buttons

    # -- the working copy ----------------------------------------------------------------------

    def load(self, schema: LabelSchema) -> None:
        self._schema = schema
        self._layers = [_Layer.of(layer) for layer in schema.layers]
        self._row = -1
        self.layer_list.clear()
        for layer in self._layers:
            self.layer_list.addItem(layer.name)
        self.layer_list.setCurrentRow(0 if self._layers else -1)
        self.faults.clear()

    def _show_layer(self, row: int) -> None:
        self._store()
        self._row = row
        self._loading = True
        try:
            layer = self._layers[row] if 0 <= row < len(self._layers) else None
            for widget in (self.name, self.colour, self.shortcut, self.attributes):
                widget.setEnabled(layer is not None)
            self.name.setText(layer.name if layer else "")
            self.shortcut.setText(layer.shortcut.upper() if layer else "")
            self._paint_colour(layer.color if layer else "#888888")
            self.attributes.setRowCount(0)
            for name, kind, values in layer.attributes if layer else ():
                self._append_attribute(name, kind, values)
        finally:
            self._loading = False

    def _append_attribute(self, name: str, kind: str, values: str) -> None:
        row = self.attributes.rowCount()
        self.attributes.insertRow(row)
        self.attributes.setItem(row, self.NAME, QTableWidgetItem(name))
        combo = QComboBox()
        for value in ATTRIBUTE_KINDS:
            combo.addItem(self._kind_name(value), value)
        combo.setCurrentIndex(max(0, combo.findData(kind)))
        combo.currentIndexChanged.connect(lambda _i: self._edited())
        self.attributes.setCellWidget(row, self.KIND, combo)
        self.attributes.setItem(row, self.VALUES, QTableWidgetItem(values))

    def _kind_name(self, kind: str) -> str:
        return {"choice": self.tr("choice"), "text": self.tr("text"),
                "speaker": self.tr("speaker")}.get(kind, kind)

    def _paint_colour(self, colour: str) -> None:
        self.colour.setText(colour)
        ink = "#000000" if QColor(colour).lightness() > 140 else "#ffffff"
        self.colour.setStyleSheet(f"background-color: {colour}; color: {ink};")

    def _store(self) -> None:
        """Copy the form into the working layer it shows."""
        if self._loading or not 0 <= self._row < len(self._layers):
            return
        layer = self._layers[self._row]
        layer.name = self.name.text()
        layer.shortcut = self.shortcut.text()
        layer.color = self.colour.text()
        attributes = []
        for row in range(self.attributes.rowCount()):
            name_item = self.attributes.item(row, self.NAME)
            values_item = self.attributes.item(row, self.VALUES)
            combo = self.attributes.cellWidget(row, self.KIND)
            kind = combo.currentData() if isinstance(combo, QComboBox) else "text"
            attributes.append((name_item.text() if name_item else "", kind,
                               values_item.text() if values_item else ""))
        layer.attributes = attributes
        item = self.layer_list.item(self._row)
        if item is not None:
            item.setText(layer.name)

    def _edited(self, *_args: object) -> None:
        self._store()

    def add_layer(self) -> None:
        self._store()
        used = {layer.color for layer in self._layers}
        colour = next((c for c in NEW_COLOURS if c not in used), NEW_COLOURS[0])
        self._layers.append(_Layer(None, self.tr("New label"), colour, ""))
        self.layer_list.addItem(self._layers[-1].name)
        self.layer_list.setCurrentRow(len(self._layers) - 1)
        self.name.setFocus()
        self.name.selectAll()

    def remove_layer(self) -> None:
        row = self.layer_list.currentRow()
        if not 0 <= row < len(self._layers):
            return
        self._store()
        self._row = -1
        del self._layers[row]
        self.layer_list.takeItem(row)
        self._show_layer(self.layer_list.currentRow())

    def add_attribute(self) -> None:
        self._append_attribute(self.tr("attribute"), "choice", "")
        self._store()
        row = self.attributes.rowCount() - 1
        self.attributes.setCurrentCell(row, self.NAME)
        item = self.attributes.item(row, self.NAME)
        if item is not None:
            self.attributes.editItem(item)

    def remove_attribute(self) -> None:
        row = self.attributes.currentRow()
        if row >= 0:
            self.attributes.removeRow(row)
            self._store()

    def choose_colour(self) -> None:
        dialog = QColorDialog(QColor(self.colour.text()), self)
        dialog.setObjectName("colour_dialog")
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_colour(dialog.currentColor().name())
        dialog.deleteLater()

    def set_colour(self, colour: str) -> None:
        self._paint_colour(colour)
        self._store()

    # -- checking and applying -----------------------------------------------------------------

    def schema(self) -> LabelSchema:
        """The edited schema; relations follow renamed layers and forget deleted ones."""
        self._store()
        layers = tuple(layer.layer() for layer in self._layers)
        renamed = {w.original: w.name.strip() for w in self._layers if w.original}
        relations = []
        for relation in self._schema.relations:
            ends = []
            for labels in (relation.from_labels, relation.to_labels):
                kept = tuple(renamed[label] for label in labels if label in renamed)
                ends.append(kept)
            if (relation.from_labels and not ends[0]) or (relation.to_labels and not ends[1]):
                continue  # every layer on one end is gone: an empty end would mean "any"
            relations.append(RelationType(relation.name, ends[0], ends[1]))
        return LabelSchema(self._schema.name, layers, tuple(relations))

    def marks(self) -> list[Span]:
        project = self.session.project
        return [span for summary in project.document_summaries() if summary.span_count
                for span in project.spans(summary.id)]

    def faults_of(self, schema: LabelSchema) -> list[str]:
        """Every reason the edited schema cannot be applied, one plain sentence each."""
        faults = []
        keys: dict[str, str] = {}
        for layer in self._layers:
            name = layer.name.strip() or "?"
            key = layer.shortcut.strip()
            if not key:
                continue
            if len(key) != 1 or key.isspace():
                faults.append(self.tr("The key of %s must be one character.") % name)
            elif key.upper() in self.reserved:
                faults.append(self.tr("The key %s of %s is one of the window's own keys (%s).")
                              % (key.upper(), name, " ".join(sorted(self.reserved))))
            elif key.upper() in keys:
                faults.append(self.tr("The key %s is used by both %s and %s.")
                              % (key.upper(), keys[key.upper()], name))
            else:
                keys[key.upper()] = name
        marks = self.marks()
        kept = {w.original: w.name.strip() for w in self._layers if w.original}
        for label in sorted({span.label for span in marks}):
            if label not in self._schema.label_names:
                continue  # marks from an import whose label is no longer in the schema
            if label not in kept:
                faults.append(self.tr("%s cannot be deleted: marks use it.") % label)
            elif kept[label] != label:
                faults.append(self.tr("%s cannot be renamed: marks use it.") % label)
        if not faults:
            # An attribute, kind or value that marks use must stay, or those marks could no
            # longer be edited: each edit checks the whole mark against the schema.
            speakers = self.session.project.speaker_names()
            broken = [fault for span in marks
                      if not self._schema.span_faults(span.label, span.attrs,
                                                      speakers.__contains__)
                      for fault in schema.span_faults(span.label, span.attrs,
                                                      speakers.__contains__)[:1]]
            if broken:
                faults.append(self.tr("%d mark(s) would no longer fit the labels, for example: "
                                      "%s.") % (len(broken), broken[0]))
        if not faults:
            try:
                schema.validate()
            except AnnotatorError as error:
                faults.append(str(error))
        return faults

    def apply(self) -> bool:
        """Store the edited schema (one undoable command) unless it has faults; they are shown."""
        schema = self.schema()
        faults = self.faults_of(schema)
        self.faults.setText("\n".join(faults))
        if faults:
            return False
        if schema != self.session.project.schema:
            self.session.set_schema(schema)
        self.load(self.session.project.schema)
        return True
