"""The ``learned_models`` table: models learned from a project's marks, kept in the file.

The bytes are a python-crfsuite model, opaque here; ``annotator.analysis.learning`` makes and
reads them. A model is kept with the fingerprint of the label schema and features it was
trained for, so a reader can tell a stale one (the schema changed since) and ignore it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.domain.model import utc_now
from annotator.storage.tables import LEARNED_MODELS

if TYPE_CHECKING:
    from annotator.storage.project import Project

_ROW = LEARNED_MODELS.pick(*LEARNED_MODELS.columns)
_STAMP_COLUMNS = ("name", "fingerprint", "trained")


@dataclass(frozen=True)
class LearnedModel:
    """One stored model: its crfsuite bytes, the labels it tags and how it was made."""

    name: str
    model: bytes
    labels: tuple[str, ...]
    fingerprint: str
    trained: str = ""  # UTC, ISO 8601; filled in when stored
    documents: int = 0
    marks: int = 0
    analyst: str = ""
    # The lowest confidence at which its suggestions join the rules' (None: they never do),
    # as checked on the analyst's held-out documents when it was trained.
    adds_from: float | None = None


def store_models(project: Project, models: Iterable[LearnedModel]) -> list[LearnedModel]:
    """Replace every stored model by ``models`` (by this analyst, now), in one transaction."""
    now = utc_now()
    stored = [LearnedModel(m.name, m.model, tuple(m.labels), m.fingerprint, now, m.documents,
                           m.marks, project.analyst, m.adds_from) for m in models]
    with project.transaction():
        project._ensure_analyst(project.analyst)
        project.conn.execute("DELETE FROM learned_models")
        project.conn.executemany(LEARNED_MODELS.insert(), [LEARNED_MODELS.values({
            "name": m.name, "model": m.model,
            "labels": json.dumps(list(m.labels), ensure_ascii=False),
            "fingerprint": m.fingerprint, "trained": m.trained, "documents": m.documents,
            "marks": m.marks, "analyst": m.analyst, "adds_from": m.adds_from})
            for m in stored])
        project._record("learn model", "model", ",".join(m.name for m in stored), None,
                        {"labels": sorted({label for m in stored for label in m.labels}),
                         "marks": sum(m.marks for m in stored), "trained": now})
    return stored


def stored_models(project: Project) -> list[LearnedModel]:
    """Every stored model, by name; none when the file is older than the table. A row whose
    labels are not a JSON list of strings is left out (the file came from elsewhere)."""
    if not _has_table(project):
        return []
    out = []
    for row in project.conn.execute(LEARNED_MODELS.select(order="name")):
        (name, model, labels_json, fingerprint, trained, documents, marks, analyst,
         adds_from) = _ROW(row)
        try:
            labels = json.loads(labels_json)
        except (TypeError, ValueError):
            continue
        if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels) \
                or not isinstance(model, bytes):
            continue
        if not (isinstance(adds_from, float) and 0.0 <= adds_from <= 1.0):
            adds_from = None  # a confidence it cannot be (from elsewhere): the model adds none
        out.append(LearnedModel(str(name), model, tuple(labels), str(fingerprint), str(trained),
                                int(documents), int(marks), str(analyst), adds_from))
    return out


def models_stamp(project: Project) -> str:
    """What changes whenever the stored models change (cheap: no model bytes are read)."""
    if not _has_table(project):
        return ""
    rows = project.conn.execute(f"SELECT {LEARNED_MODELS.column_list(_STAMP_COLUMNS)} FROM "
                                f"{LEARNED_MODELS.name} ORDER BY name").fetchall()
    return "|".join(":".join(str(v) for v in row) for row in rows)


def _has_table(project: Project) -> bool:
    return project.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'learned_models'"
    ).fetchone() is not None
