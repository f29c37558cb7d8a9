"""Issue 16, item 8: a failed import in the window leaves no extended schema in memory, so later
marks cannot use labels the file's schema lacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.domain.errors import AnnotatorError
from annotator.storage.project import Project


def test_a_failed_import_leaves_the_schema_as_the_file_has_it(
        filled_project: Path, tmp_path: Path, qapp: object) -> None:
    from annotator.ui.session import Session

    good = tmp_path / "a.jsonl"
    good.write_text(json.dumps({"text": "یک دو سه 😀", "spans": [
        {"start": 0, "end": 2, "label": "Rumour", "attrs": {"source": "x"}}]},
        ensure_ascii=False) + "\n", encoding="utf-8")
    bad = tmp_path / "b.jsonl"
    # Parsed fine; refused while stored, after the schema was extended for a.jsonl.
    bad.write_text(json.dumps({"text": "چهار پنج", "relations": [
        {"from": "no-such-span", "to": "nor-this", "type": "about"}]}) + "\n", encoding="utf-8")
    with Project.open(filled_project, analyst="tester") as project:
        session = Session(project)
        failures: list[str] = []
        session.edit_failed.connect(failures.append)
        with pytest.raises(AnnotatorError):
            session.import_files([good, bad])
        assert project.schema.layer("Rumour") is None
        doc = next(project.documents())
        session.mark(doc.id, 0, 2, "Rumour", {})
        assert failures and all(s.label != "Rumour" for s in project.spans(doc.id))
    with Project.open(filled_project, analyst="tester", read_only=True) as again:
        assert again.schema.layer("Rumour") is None
