"""Stance per holder × target: the numbers behind the stance view and the dashboard."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from annotator.domain.steps import Steps
from annotator.storage.project import Project
from annotator.storage.queries import StanceMark, document_rowids, stance_marks

POLARITIES = ("favor", "against", "neutral")
UNSPECIFIED = ""  # a Stance span without a polarity (yet)


@dataclass
class StanceCell:
    """The Stance spans one holder takes toward one target, by polarity."""

    holder_id: str
    holder: str          # the speaker's display name ("" when the span names no holder)
    target: str
    spans: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # polarity → (doc, span)

    def count(self, polarity: str) -> int:
        return len(self.spans.get(polarity, []))

    @property
    def total(self) -> int:
        return sum(len(found) for found in self.spans.values())


def stance_table(project: Project, doc_id: str | None = None, *,
                 label: str = "Stance") -> list[StanceCell]:
    """Live Stance spans of one document (or all) grouped by holder and target, ordered by
    holder name, then target. Holder, target and polarity are the ``holder``, ``target`` and
    ``polarity`` attributes of the default schema."""
    return stance_cells(stance_marks(project, label, doc_id), project.speaker_names())


class StanceCount:
    """``stance_table`` of the whole project (of one ``author``'s spans when given), counted a
    slice of documents at a time so that a window can count 100,000 documents between its
    events: call ``step`` until it returns true, then read ``cells`` (or run ``steps``). The
    project is first read by the first step, not here: a window that starts a count just as
    its project closes hears of it from the step, where the window's failures are reported."""

    def __init__(self, project: Project, *, label: str = "Stance", author: str | None = None,
                 documents_per_step: int = 50) -> None:
        self.project, self.label, self.per_step = project, label, documents_per_step
        self.author = author
        self.names: dict[str, str] | None = None
        self._next, self._last = 0, -1
        self._cells: dict[tuple[str, str], StanceCell] = {}

    def step(self) -> bool:
        """Count the next slice of documents; whether every document is counted."""
        if self.names is None:
            self.names = self.project.speaker_names()
            self._next, self._last = document_rowids(self.project)
        if self._next <= self._last:
            last = min(self._last, self._next + self.per_step - 1)
            _add(self._cells, stance_marks(self.project, self.label, rowids=(self._next, last),
                                           author=self.author), self.names)
            self._next = last + 1
        return self._next > self._last

    def cells(self) -> list[StanceCell]:
        return _ordered(self._cells)

    def steps(self) -> Steps[list[StanceCell]]:
        """The count as ``domain.steps`` runs it: a slice of documents a step; the cells."""
        while not self.step():
            yield
        return self.cells()


def stance_cells(marks: Iterable[StanceMark], names: Mapping[str, str]) -> list[StanceCell]:
    """``StanceMark``s grouped by holder and target, ordered as ``stance_table`` orders them."""
    cells: dict[tuple[str, str], StanceCell] = {}
    _add(cells, marks, names)
    return _ordered(cells)


def _add(cells: dict[tuple[str, str], StanceCell], marks: Iterable[StanceMark],
         names: Mapping[str, str]) -> None:
    for doc_id, span_id, holder_id, target, polarity in marks:
        key = (holder_id, target.strip())
        cell = cells.get(key)
        if cell is None:
            cell = cells[key] = StanceCell(holder_id, names.get(holder_id, holder_id), key[1])
        cell.spans.setdefault(polarity or UNSPECIFIED, []).append((doc_id, span_id))


def _ordered(cells: dict[tuple[str, str], StanceCell]) -> list[StanceCell]:
    return sorted(cells.values(), key=lambda c: (c.holder, c.target, c.holder_id))
