"""The Export dialog's format options: the choices ``annotator export`` has beyond the common
ones, each row shown only for the formats it applies to, with one line of help."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from annotator.formats.exporting import EXPORT_FORMATS, TOKEN_FORMATS
from annotator.storage.project import Project
from annotator.ui.schemanames import label_name

SPLITS = ("80/10/10", "90/10")


@dataclass
class _Row:
    label: QLabel
    field: QWidget
    formats: tuple[str, ...]
    needs_split: bool = False
    shown: bool = True


class ExportOptionRows(QObject):
    """Builds the option rows into ``form``; ``show_for(fmt)`` hides what ``fmt`` ignores and
    ``values()`` gives the ``ExportOptions`` fields they set (defaults for hidden rows)."""

    def __init__(self, project: Project, form: QFormLayout, parent: QObject) -> None:
        super().__init__(parent)
        self.rows: list[_Row] = []
        self.form = form
        self._format = EXPORT_FORMATS[0]
        self._make_fields(project)
        self._make_rows()
        for combo in (self.split, self.table):
            combo.currentIndexChanged.connect(lambda _index: self.show_for(self._format))

    def _make_fields(self, project: Project) -> None:
        splits = [(self.tr("%s by document (train/validation/test)") % split
                   if split.count("/") == 2 else self.tr("%s by document (train/test)") % split,
                   split) for split in SPLITS]
        self.split = self._combo("split", [(self.tr("no split (one file)"), None), *splits])
        self.seed = QSpinBox()
        self.seed.setObjectName("seed")
        self.seed.setRange(0, 2**31 - 1)
        self.offsets_unit = self._combo("offsets_unit", [
            (self.tr("UTF-16 code units (what doccano reads)"), "utf16"),
            (self.tr("code points"), "codepoints"),
            (self.tr("user-perceived characters (graphemes)"), "graphemes")])
        self.doccano_shape = self._combo("doccano_shape", [
            (self.tr("label lists [[start, end, label]]"), "label"),
            (self.tr("entities with relations"), "entities")])
        self.tagging = self._combo("tagging", [("BIO", "bio"), ("BIOES", "bioes")])
        self.table = self._combo("table", [
            (self.tr("one row per mark"), "spans"),
            (self.tr("one row per sentence, with tags"), "sentences")])
        labels = [(label_name(name), name) for name in project.schema.label_names]
        self.label = self._combo("label",
                                 [(self.tr("every label (earlier label wins)"), None), *labels])
        self.with_suggestions = QCheckBox(self.tr("Add the rule suggestions as predictions"))
        self.with_suggestions.setObjectName("with_suggestions")
        self.license = QLineEdit()
        self.license.setObjectName("license")
        self.license.setPlaceholderText(self.tr("e.g. cc-by-4.0 (optional)"))
        self.license.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # license ids read LTR

    def _make_rows(self) -> None:
        every = EXPORT_FORMATS
        self._add(self.tr("Split:"), self.split, every,
                  self.tr("Divide the documents into training and test files, in a new folder."))
        self._add(self.tr("Seed:"), self.seed, every,
                  self.tr("The number that shuffles documents into splits; the same seed gives "
                          "the same split."), needs_split=True)
        self._add(self.tr("Offsets count:"), self.offsets_unit, ("doccano",),
                  self.tr("What doccano's start and end count."))
        self._add(self.tr("doccano shape:"), self.doccano_shape, ("doccano",),
                  self.tr("Plain label lists, or entities with their relations."))
        self._add(self.tr("Tags:"), self.tagging, TOKEN_FORMATS,
                  self.tr("BIOES also tags single-token (S) and last (E) tokens."))
        self._add(self.tr("Table:"), self.table, ("parquet",),
                  self.tr("Which table the Parquet file holds."))
        self._add(self.tr("Tag only:"), self.label, ("conll2003", "tokens-jsonl", "parquet"),
                  self.tr("Tag one label only, or every label."))
        self._add("", self.with_suggestions, ("label-studio",),
                  self.tr("Label Studio shows them as pre-annotations to accept or reject."))
        self._add(self.tr("License:"), self.license, every,
                  self.tr("The license the dataset card names."))

    def _combo(self, name: str, items: list[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        for text, data in items:
            combo.addItem(text, data)
        return combo

    def _add(self, text: str, field: QWidget, formats: tuple[str, ...], help_text: str, *,
             needs_split: bool = False) -> None:
        label = QLabel(text)
        label.setBuddy(field)
        for widget in (label, field):
            widget.setToolTip(help_text)
            widget.setStatusTip(help_text)
        self.form.addRow(label, field)
        self.rows.append(_Row(label, field, formats, needs_split))

    def show_for(self, fmt: str) -> None:
        """Show the rows that apply to ``fmt`` (the seed only with a split)."""
        self._format = fmt
        for row in self.rows:
            shown = fmt in row.formats and (not row.needs_split or self.split.currentData())
            if row.field is self.label:  # parquet tags one label only in its sentence table
                shown = shown and (fmt != "parquet" or self.table.currentData() == "sentences")
            row.shown = bool(shown)
            self.form.setRowVisible(row.field, row.shown)

    def applies(self, field: QWidget) -> bool:
        """Whether ``field``'s row is shown for the current format."""
        return any(row.field is field and row.shown for row in self.rows)

    def values(self) -> dict[str, Any]:
        """The ``ExportOptions`` fields; a hidden row gives the CLI's default."""
        def pick(field: QWidget, value: Any, default: Any) -> Any:
            return value if self.applies(field) else default
        return {
            "split": pick(self.split, self.split.currentData(), None),
            "seed": pick(self.seed, self.seed.value(), 0),
            "offsets_unit": pick(self.offsets_unit, self.offsets_unit.currentData(), "utf16"),
            "doccano_shape": pick(self.doccano_shape, self.doccano_shape.currentData(), "label"),
            "tagging": pick(self.tagging, self.tagging.currentData(), "bio"),
            "table": pick(self.table, self.table.currentData(), "spans"),
            "label": pick(self.label, self.label.currentData(), None),
            "with_suggestions": pick(self.with_suggestions, self.with_suggestions.isChecked(),
                                     False),
            "license": pick(self.license, self.license.text().strip() or None, None),
        }
