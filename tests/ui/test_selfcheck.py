"""The self-test's window check paints the document and leaves the analyst's settings alone."""

from __future__ import annotations

from pathlib import Path

from annotator.formats.importing import import_files
from annotator.storage.project import Project
from annotator.ui import settings
from annotator.ui.selfcheck import paint_once
from tests.ui.conftest import TRICKY


def test_paint_once_restores_the_settings(tmp_path: Path) -> None:
    path = tmp_path / "p.annot"
    text = tmp_path / "t.txt"
    text.write_bytes(TRICKY.encode("utf-8"))
    with Project.create(path, analyst="tester") as project:
        import_files(project, [text])
    settings.put(settings.LAST_PROJECT, "/somewhere/mine.annot")
    settings.put(settings.ZOOM, 19)
    before = set(settings.settings().allKeys())
    paint_once(path)
    assert settings.get(settings.LAST_PROJECT) == "/somewhere/mine.annot"
    assert settings.get(settings.ZOOM) == 19
    assert set(settings.settings().allKeys()) == before  # no geometry or window state left
