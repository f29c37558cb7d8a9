"""The Speakers panel: the project's registry of people, filtered as search folds text.

Adding, editing and removing go through the session, so each is one undoable command.
"""

from __future__ import annotations

import re
from typing import TypedDict

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.model import Speaker
from annotator.text import search_fold
from annotator.ui.icons import icon
from annotator.ui.models import SpeakersModel
from annotator.ui.session import Session
from annotator.ui.tables import fit_columns

_ALIAS_SEPARATORS = re.compile(r"[,،;؛]")


class SpeakerValues(TypedDict):
    """What the speaker dialog holds: the keyword arguments of Session.update_speaker."""

    name: str
    aliases: tuple[str, ...]
    role: str
    affiliation: str


def split_aliases(text: str) -> tuple[str, ...]:
    """Aliases typed as one line, separated by Latin or Persian commas (or semicolons)."""
    seen: list[str] = []
    for part in _ALIAS_SEPARATORS.split(text):
        alias = " ".join(part.split())
        if alias and alias not in seen:
            seen.append(alias)
    return tuple(seen)


class FoldedSpeakersProxy(QSortFilterProxyModel):
    """Sorts the registry and keeps the entries with a cell (name, alias, role, affiliation)
    that contains the filter, folded like search (``علي`` finds ``علی``)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""

    def set_needle(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = search_fold(text.strip())
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._needle:
            return True
        model = self.sourceModel()
        return any(self._needle in search_fold(str(model.data(model.index(source_row, column,
                                                                           source_parent)) or ""))
                   for column in range(model.columnCount()))


class SpeakerDialog(QDialog):
    """Name, aliases (comma-separated), role and affiliation of one registry entry."""

    def __init__(self, speaker: Speaker | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("speaker_dialog")
        self.setWindowTitle(self.tr("New speaker") if speaker is None else self.tr("Edit speaker"))
        self.name = QLineEdit(speaker.name if speaker else "")
        self.name.setObjectName("name")
        self.aliases = QLineEdit("، ".join(speaker.aliases) if speaker else "")
        self.aliases.setObjectName("aliases")
        self.aliases.setPlaceholderText(self.tr("separated by commas"))
        self.role = QLineEdit(speaker.role if speaker else "")
        self.role.setObjectName("role")
        self.affiliation = QLineEdit(speaker.affiliation if speaker else "")
        self.affiliation.setObjectName("affiliation")
        self.fault = QLabel()
        self.fault.setTextFormat(Qt.TextFormat.PlainText)
        self.fault.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Aliases:"), self.aliases)
        form.addRow(self.tr("Role:"), self.role)
        form.addRow(self.tr("Affiliation:"), self.affiliation)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.fault)
        layout.addWidget(buttons)
        self.resize(420, self.sizeHint().height())

    def accept(self) -> None:
        if not self.name.text().strip():
            self.fault.setText(self.tr("A speaker needs a name."))
            self.name.setFocus()
            return
        super().accept()

    def values(self) -> SpeakerValues:
        return {"name": " ".join(self.name.text().split()),
                "aliases": split_aliases(self.aliases.text()),
                "role": self.role.text().strip(),
                "affiliation": self.affiliation.text().strip()}


class SpeakersPanel(QWidget):
    """The registry as a filterable table with add, edit (double-click) and remove."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = SpeakersModel(self)
        self.proxy = FoldedSpeakersProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit()
        self.filter.setObjectName("speakers_filter")
        self.filter.setPlaceholderText(self.tr("Filter speakers"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.set_needle)
        self.table = QTableView()
        self.table.setObjectName("speakers_table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(SpeakersModel.NUMBER, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        fit_columns(self.table, self.model)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.add_button = QPushButton(icon("add"), self.tr("Add…"))
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button = QPushButton(icon("speaker"), self.tr("Edit…"))
        self.edit_button.clicked.connect(lambda: self.edit())
        self.remove_button = QPushButton(icon("remove"), self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        session.speakers_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        current = self.current_speaker()
        project = self.session.project
        self.model.numbers = project.speaker_numbers()
        self.model.set_rows(project.speakers())
        if current is not None:
            self.select(current.id)
        self._enable()

    def _enable(self) -> None:
        writable = not self.session.read_only
        chosen = self.current_speaker() is not None
        self.add_button.setEnabled(writable)
        self.edit_button.setEnabled(writable and chosen)
        self.remove_button.setEnabled(writable and chosen)

    def current_speaker(self) -> Speaker | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        source = self.proxy.mapToSource(rows[0])
        return self.model.row_object(source.row()) if source.isValid() else None

    def select(self, speaker_id: str) -> None:
        row = next((i for i, s in enumerate(self.model.rows()) if s.id == speaker_id), -1)
        if row >= 0:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid():
                self.table.selectRow(index.row())

    def add(self) -> Speaker | None:
        dialog = SpeakerDialog(None, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        values = dialog.values()
        speaker = self.session.add_speaker(
            values["name"], role=values["role"], affiliation=values["affiliation"],
            aliases=values["aliases"])
        if speaker is not None:
            self.select(speaker.id)
        return speaker

    def edit(self) -> None:
        speaker = self.current_speaker()
        if speaker is None or self.session.read_only:
            return
        dialog = SpeakerDialog(speaker, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.session.update_speaker(speaker.id, **dialog.values())

    def remove(self) -> None:
        """Remove the chosen entry (undoable); spans that name it keep its id and name."""
        speaker = self.current_speaker()
        if speaker is not None:
            self.session.remove_speaker(speaker.id)
