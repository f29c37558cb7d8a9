"""Stance per holder × target for one analyst.

``analysis.stance.stance_table`` counts every author's Stance spans together; the dashboard
also shows one analyst's (most often gold's, the adjudicated version), so that two analysts who
marked the same stance are not counted twice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from annotator.analysis.stance import StanceCell, stance_table
from annotator.storage import queries
from annotator.storage.project import Project


def only_author(cells: Sequence[StanceCell], authors: Mapping[str, str],
                author: str) -> list[StanceCell]:
    """The cells restricted to the spans ``author`` made (``authors``: span id → author);
    cells left without spans are dropped, the order is kept."""
    out = []
    for cell in cells:
        spans = {polarity: kept for polarity, found in cell.spans.items()
                 if (kept := [(doc, span) for doc, span in found if authors.get(span) == author])}
        if spans:
            out.append(StanceCell(cell.holder_id, cell.holder, cell.target, spans))
    return out


def stance_table_by(project: Project, author: str | None = None, *,
                    label: str = "Stance") -> list[StanceCell]:
    """``stance_table`` over the whole project, of one author's spans when ``author`` is given."""
    cells = stance_table(project, label=label)
    if author is None:
        return cells
    return only_author(cells, queries.span_authors(project, label), author)
