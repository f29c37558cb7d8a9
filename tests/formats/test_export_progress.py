"""The optional progress callback of export_project: called per document, and able to cancel."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.formats.exporting import ExportOptions, export_project
from annotator.formats.importing import import_files
from annotator.storage.project import Project


class Stop(Exception):
    pass


def test_progress_is_called_after_each_document_and_can_cancel(project: Project,
                                                                tmp_path: Path) -> None:
    for number in range(3):
        path = tmp_path / f"doc{number}.txt"
        path.write_text(f"متن {number} 😀\n", encoding="utf-8")
        import_files(project, [path])
    calls: list[tuple[int, int]] = []
    target = tmp_path / "out.csv"
    export_project(project, target, ExportOptions("spans-csv"),
                   progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 3), (2, 3), (3, 3), (3, 3)]
    calls.clear()
    export_project(project, target, ExportOptions("spans-csv", status="done"),
                   progress=lambda done, total: calls.append((done, total)))
    assert calls == [(3, 3)]  # documents skipped by --status count as done: the bar fills

    def cancel(done: int, total: int) -> None:
        if done == 2:
            raise Stop

    target.unlink()
    target.with_name("out.csv.README.md").unlink()
    with pytest.raises(Stop):
        export_project(project, target, ExportOptions("jsonl"), progress=cancel)
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(("doc", "test.annot"))
            ] == []
