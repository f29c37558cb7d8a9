"""Imports store documents in bulk: same dedup rules, same audit rows, still all-or-nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.domain.errors import InputError, InvariantError
from annotator.domain.model import Document
from annotator.formats.importing import import_files
from annotator.storage.project import Project


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_same_text_twice_in_one_import_is_one_document(project: Project,
                                                            tmp_path: Path) -> None:
    files = [write(tmp_path, "a.txt", "متن علي"), write(tmp_path, "b.txt", "متن علی"),
             write(tmp_path, "c.txt", "دیگر")]
    report = import_files(project, files)
    assert (report.documents_added, report.documents_already_present) == (2, 1)
    assert [d.title for d in project.document_summaries()] == ["a", "c"]
    again = import_files(project, files)
    assert (again.documents_added, again.documents_already_present) == (0, 3)


def test_an_import_has_one_audit_row_naming_its_documents(project: Project,
                                                          tmp_path: Path) -> None:
    import_files(project, [write(tmp_path, f"{n}.txt", f"متن {n}") for n in range(3)])
    import_files(project, [write(tmp_path, "one.txt", "تنها")])
    (single, bulk) = project.edits()
    ids = [d.id for d in project.document_summaries()]
    assert (bulk["action"], bulk["entity_id"], bulk["doc_id"]) == ("add documents", ids[0], None)
    assert json.loads(bulk["detail"]) == {"documents": 3, "first": ids[0], "last": ids[2]}
    assert (single["action"], single["entity_id"], single["doc_id"]) == (
        "add document", ids[3], ids[3])
    assert json.loads(single["detail"]) == {
        "title": "one", "source": "one.txt",
        "text_sha256": project.document(ids[3]).text_sha256}


def test_an_id_repeated_with_another_text_names_its_line_and_stores_nothing(
        project: Project, tmp_path: Path) -> None:
    path = write(tmp_path, "d.csv", "id,text\nx1,یک\nx2,دو\nx1,سه\n")
    with pytest.raises(InputError) as error:
        import_files(project, [path])
    assert (error.value.path, error.value.line) == (str(path), 4)
    assert "different text" in error.value.message
    assert project.document_summaries() == []
    assert project.edits() == []


def test_a_bad_later_file_leaves_the_project_unchanged(project: Project, tmp_path: Path) -> None:
    good = [write(tmp_path, f"{n}.txt", f"متن {n}") for n in range(5)]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    with pytest.raises(InputError):
        import_files(project, [*good, bad])
    assert project.document_summaries() == []


def test_add_documents_refuses_duplicates_before_storing_any(project: Project) -> None:
    kept = project.add_document(Document("k", "t", "s", "متن", "متن", ((3, 3),)))
    with pytest.raises(InvariantError, match="already in the project"):
        project.add_documents([Document("n", "t", "s", "نو", "نو", ((2, 2),)),
                               Document("k", "t", "s", "دیگر", "دیگر", ((4, 4),))])
    with pytest.raises(InvariantError, match="already in the project"):
        project.add_documents([Document("m", "t", "s", "نو", "نو", ((2, 2),))] * 2)
    with pytest.raises(InvariantError, match="alignment"):
        project.add_documents([Document("z", "t", "s", "نو", "نو", ((1, 1),))])
    assert [d.id for d in project.document_summaries()] == [kept.id]
