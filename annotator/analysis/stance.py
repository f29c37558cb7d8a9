"""Stance per holder and target: how often each speaker was marked favouring, against or neutral
toward each target.

Counts are of live ``Stance`` spans. The holder is the ``holder`` attribute (a speaker id, shown
by the speaker's name; an id the registry lacks is shown as itself, no holder as ``""``); the
target is the ``target`` attribute with surrounding spaces removed. A polarity other than
``favor``, ``against`` or ``neutral``, or none, is counted as ``other``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from annotator.storage.project import Project

STANCE = "Stance"
POLARITIES = ("favor", "against", "neutral")


@dataclass(frozen=True)
class StanceCount:
    """One holder and target, with the number of Stance spans per polarity."""

    holder_id: str
    holder: str
    target: str
    favor: int = 0
    against: int = 0
    neutral: int = 0
    other: int = 0

    @property
    def total(self) -> int:
        return self.favor + self.against + self.neutral + self.other


def stance_counts(attrs: Iterable[Mapping[str, str]],
                  speaker_names: Mapping[str, str]) -> list[StanceCount]:
    """Count Stance spans given by their attributes, per (holder, target); the most marked
    first, then by holder name and target."""
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for values in attrs:
        holder_id = values.get("holder", "")
        target = values.get("target", "").strip()
        polarity = values.get("polarity", "")
        row = counts.setdefault((holder_id, target), dict.fromkeys((*POLARITIES, "other"), 0))
        row[polarity if polarity in POLARITIES else "other"] += 1
    out = [StanceCount(holder_id, speaker_names.get(holder_id, holder_id), target,
                       row["favor"], row["against"], row["neutral"], row["other"])
           for (holder_id, target), row in counts.items()]
    out.sort(key=lambda c: (-c.total, c.holder, c.target, c.holder_id))
    return out


def stance_table(project: Project, *, author: str | None = None) -> list[StanceCount]:
    """``stance_counts`` over the project's live Stance spans, of one analyst if given."""
    sql = "SELECT attrs FROM spans WHERE deleted = 0 AND label = ?"
    params: tuple[str, ...] = (STANCE,)
    if author is not None:
        sql += " AND author = ?"
        params = (STANCE, author)
    rows = project.conn.execute(sql, params)
    return stance_counts((_attrs(r[0]) for r in rows), project.speaker_names())


def _attrs(raw: object) -> dict[str, str]:
    loaded = json.loads(str(raw))
    if not isinstance(loaded, dict):
        return {}
    return {str(k): str(v) for k, v in loaded.items()}
