"""Fixtures for the reliability tests; their helpers are in reliability_support.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from reliability_support import TEXTS

from annotator.domain.model import Document
from annotator.storage.project import Project


@pytest.fixture
def filled_project(tmp_path: Path) -> Path:
    """A closed project with two documents, speakers, spans and a relation, and no backups."""
    path = tmp_path / "filled.annot"
    with Project.create(path, analyst="tester") as project:
        doc_ids = [project.add_document(Document("", f"doc {i}", f"doc{i}.txt", text, text,
                                                 ((len(text), len(text)),))).id
                   for i, text in enumerate(TEXTS)]
        speaker = project.add_speaker("سفیر")
        claim = project.add_span(doc_ids[0], 11, 27, "Claim",
                                 {"type": "factual", "speaker": speaker.id})
        mention = project.add_span(doc_ids[0], 0, 4, "Speaker", {"speaker": speaker.id})
        project.add_relation(claim.id, mention.id, "attributed_to")
        project.set_status(doc_ids[1], "done")
    for backup in (path.with_name(f"{path.name}.backups")).glob("*"):
        backup.unlink()
    return path


