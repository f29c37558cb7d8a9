"""What a merge did: counts per kind of item, the items refused and why, and notes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass
class MergeCounts:
    """What happened to one kind of item across all sources."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    refused: int = 0

    def count(self, what: Literal["added", "updated", "unchanged", "conflicts"]) -> None:
        """One more item added, updated, unchanged or in conflict."""
        setattr(self, what, getattr(self, what) + 1)

    def to_json(self) -> dict[str, int]:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged,
                "conflicts": self.conflicts, "refused": self.refused}


@dataclass(frozen=True)
class Refusal:
    """One item a source holds that could not be merged, and why."""

    source: str
    entity: str
    id: str
    reason: str

    def to_json(self) -> dict[str, str]:
        return {"source": self.source, "entity": self.entity, "id": self.id,
                "reason": self.reason}


@dataclass
class MergeReport:
    """Counts per kind of item, the refusals with reasons, and notes (schema additions)."""

    sources: list[str] = field(default_factory=list)
    documents: MergeCounts = field(default_factory=MergeCounts)
    spans: MergeCounts = field(default_factory=MergeCounts)
    relations: MergeCounts = field(default_factory=MergeCounts)
    speakers: MergeCounts = field(default_factory=MergeCounts)
    statuses: MergeCounts = field(default_factory=MergeCounts)
    refusals: list[Refusal] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, MergeCounts]:
        return {"documents": self.documents, "spans": self.spans, "relations": self.relations,
                "speakers": self.speakers, "statuses": self.statuses}

    @property
    def changed(self) -> bool:
        return any(c.added or c.updated or c.conflicts for c in self.counts().values())

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"sources": list(self.sources)}
        out.update({name: counts.to_json() for name, counts in self.counts().items()})
        out["refused"] = [r.to_json() for r in self.refusals]
        out["notes"] = list(self.notes)
        return out
