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

if TYPE_CHECKING:
    from annotator.storage.project import Project

_COLUMNS = "name, model, labels, fingerprint, trained, documents, marks, analyst"


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


def store_models(project: Project, models: Iterable[LearnedModel]) -> list[LearnedModel]:
    """Replace every stored model by ``models`` (by this analyst, now), in one transaction."""
    now = utc_now()
    stored = [LearnedModel(m.name, m.model, tuple(m.labels), m.fingerprint, now, m.documents,
                           m.marks, project.analyst) for m in models]
    with project.transaction():
        project._ensure_analyst(project.analyst)
        project.conn.execute("DELETE FROM learned_models")
        project.conn.executemany(
            f"INSERT INTO learned_models({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(m.name, m.model, json.dumps(list(m.labels), ensure_ascii=False), m.fingerprint,
              m.trained, m.documents, m.marks, m.analyst) for m in stored])
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
    for r in project.conn.execute(f"SELECT {_COLUMNS} FROM learned_models ORDER BY name"):
        try:
            labels = json.loads(r[2])
        except (TypeError, ValueError):
            continue
        if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels) \
                or not isinstance(r[1], bytes):
            continue
        out.append(LearnedModel(str(r[0]), r[1], tuple(labels), str(r[3]), str(r[4]),
                                int(r[5]), int(r[6]), str(r[7])))
    return out


def models_stamp(project: Project) -> str:
    """What changes whenever the stored models change (cheap: no model bytes are read)."""
    if not _has_table(project):
        return ""
    rows = project.conn.execute(
        "SELECT name, fingerprint, trained FROM learned_models ORDER BY name").fetchall()
    return "|".join(":".join(str(v) for v in row) for row in rows)


def _has_table(project: Project) -> bool:
    return project.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'learned_models'"
    ).fetchone() is not None
