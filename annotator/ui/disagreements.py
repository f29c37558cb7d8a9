"""The adjudication window's list of disagreements: one row per place where the compared
analysts differ, in reading order, and the plain-text names its rows use."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from annotator.analysis.adjudication import Place
from annotator.ui.models import ROW_ROLE

_Index = QModelIndex | QPersistentModelIndex


def attribute_lines(attrs: dict[str, str], speaker_keys: set[str],
                     names: dict[str, str]) -> list[str]:
    """One ``name: value`` line per attribute, speakers by name. Persian values end their line
    and offsets get lines of their own: mixed on one line, the bidi algorithm reorders them."""
    return [f"   {key}: {names.get(value, value) if key in speaker_keys else value}"
            for key, value in sorted(attrs.items())]


def kind_name(kind: str) -> str:
    names = {
        "agreed": QCoreApplication.translate("adjudication", "agreed"),
        "missing": QCoreApplication.translate("adjudication", "missing"),
        "label": QCoreApplication.translate("adjudication", "other label"),
        "bounds": QCoreApplication.translate("adjudication", "bounds"),
        "attributes": QCoreApplication.translate("adjudication", "attributes"),
    }
    return names.get(kind, kind)


class DisagreementsModel(QAbstractTableModel):
    """The places where the compared analysts disagree, in reading order."""

    NUMBER, TEXT, LABEL, KIND, GOLD_VERSION = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self._rows: list[Place] = []

    def headers(self) -> tuple[str, ...]:
        return (self.tr("#"), self.tr("Text"), self.tr("Label"), self.tr("Kind"),
                self.tr("In gold"))

    def set_places(self, text: str, rows: Sequence[Place]) -> None:
        self.beginResetModel()
        self.text = text
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Place]:
        return list(self._rows)

    def row_object(self, row: int) -> Place:
        return self._rows[row]

    def find(self, key: tuple[str, int, int]) -> int:
        return next((i for i, place in enumerate(self._rows) if place.key == key), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < 5):
            return self.headers()[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        place = self._rows[index.row()]
        if role == ROW_ROLE:
            return place
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TEXT:
            # Tooltips may be read as rich text: the document's words go in escaped.
            excerpt = self.text[place.start:place.end]
            return f"<p>{html.escape(excerpt[:400])}</p>"
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == self.NUMBER:
            return str(index.row() + 1)
        if column == self.TEXT:
            excerpt = self.text[place.start:place.end].replace("\n", " ")
            return excerpt if len(excerpt) <= 60 else excerpt[:60] + "…"
        if column == self.LABEL:
            return place.label
        if column == self.KIND:
            return kind_name(place.kind)
        if not place.gold:
            return ""
        follows = place.gold_follows()
        return "، ".join(follows) if follows else self.tr("edited")
