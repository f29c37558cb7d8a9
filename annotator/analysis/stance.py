"""Stance per holder × target: the numbers behind the stance view and the dashboard."""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.storage.project import Project

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
    names = project.speaker_names()
    cells: dict[tuple[str, str], StanceCell] = {}
    doc_ids = [doc_id] if doc_id is not None else [d.id for d in project.document_summaries()]
    for current in doc_ids:
        for span in project.spans(current):
            if span.label != label:
                continue
            holder_id = span.attrs.get("holder", "")
            target = span.attrs.get("target", "").strip()
            polarity = span.attrs.get("polarity", UNSPECIFIED)
            key = (holder_id, target)
            if key not in cells:
                cells[key] = StanceCell(holder_id, names.get(holder_id, holder_id), target)
            cells[key].spans.setdefault(polarity, []).append((current, span.id))
    return sorted(cells.values(), key=lambda c: (c.holder, c.target, c.holder_id))
