"""The window's messages speak window language: every library sentence that gives command-line
advice (``give --format``, ``run 'annotator learn'``) reaches the window without it."""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from pathlib import Path

import pytest

from annotator.domain.errors import AnnotatorError
from annotator.storage.project import Project
from annotator.ui.messages import window_error, window_words

COMMAND_LINE = re.compile(r"(^|\s|\()-{1,2}[a-z]|\bannotator [a-z]+|\bgive -")


def raised(call) -> AnnotatorError:  # type: ignore[no-untyped-def]
    with pytest.raises(AnnotatorError) as caught:
        call()
    return caught.value


def import_error(project: Project, path: Path, content: str) -> AnnotatorError:
    from annotator.formats.importing import import_files

    path.write_text(content, encoding="utf-8")
    return raised(lambda: import_files(project, [path]))


def library_errors(project: Project, tmp_path: Path,
                   monkeypatch: pytest.MonkeyPatch) -> list[AnnotatorError]:
    """One real error for each piece of command-line advice the library gives."""
    from annotator.analysis.learning import next_sentence
    from annotator.formats.exporting import ExportOptions, export_project
    from annotator.formats.importing import import_files
    from annotator.storage.backups import make_backup
    from annotator.storage.merge.source import open_source
    from annotator.storage.safety import damaged_error

    task = json.dumps([{"data": {"body": "متن 😀 كتاب‌ها", "other": "دوم"}}])
    errors = [import_error(project, tmp_path / "notes.xyz", "سلام\r\n"),
              import_error(project, tmp_path / "tasks.json", task)]
    for fmt in ("conll", "conll2003", "tokens-jsonl"):
        options = ExportOptions(format=fmt, offsets="original")
        errors.append(raised(lambda o=options: export_project(project, tmp_path / "t.txt", o)))
    errors.append(raised(lambda: export_project(project, Path("/dev/null"),
                                                ExportOptions(format="jsonl"))))
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if pyarrow were not installed
    errors.append(raised(lambda: export_project(project, tmp_path / "t.parquet",
                                                ExportOptions(format="parquet"))))
    errors.append(raised(lambda: next_sentence(project)))
    good = tmp_path / "good.txt"
    good.write_text("علي گفت 😀 می‌آیم.\r\n", encoding="utf-8")
    import_files(project, [good])  # open here and written: it has a -wal file
    errors.append(raised(lambda: open_source(project.path)))
    other = tmp_path / "other.annot"
    Project.create(other, analyst="tester").close()
    with sqlite3.connect(other) as conn:
        make_backup(conn, other, "test")
    errors.append(damaged_error(other, "file is not a database"))
    return errors


def test_no_window_message_gives_command_line_advice(
        project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    errors = library_errors(project, tmp_path, monkeypatch)
    advice = [error for error in errors if COMMAND_LINE.search(error.message)]
    assert len(advice) == len(errors), [str(e) for e in errors]  # the library's words
    for error in errors:
        said = window_error(error)
        assert not COMMAND_LINE.search(said), said
        if error.path:
            assert said.startswith(error.path + (f":{error.line}" if error.line else "") + ": ")


def test_the_window_names_what_it_offers_instead(
        project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    said = [window_error(e) for e in library_errors(project, tmp_path, monkeypatch)]
    assert said[0].endswith("give the file one of the extensions .txt, .csv, .jsonl, .json "
                            "or .ann")
    assert "'text' string" in said[1]
    assert said[2].endswith("conll writes the canonical text's tokens; choose Offsets: "
                            "canonical text")
    assert "Learn from the marks now" in said[7] and "Share project" in said[8]
    assert "backup(s) of it are in" in said[9] and "restore" not in said[9]


def test_a_note_loses_its_option_and_other_sentences_stay_as_they_are() -> None:
    note = ("a.jsonl:3: offsets were read as UTF-16 code units (--offsets-unit utf16); in this "
            "text they differ from code points (emoji or combining characters)")
    assert window_words(note) == ("a.jsonl:3: offsets were read as UTF-16 code units; in this "
                                  "text they differ from code points (emoji or combining "
                                  "characters)")
    plain = "has a span [3, 9) outside its text"
    assert window_words(plain) == plain
    assert window_error(AnnotatorError(plain, path="x.jsonl", line=2)) == f"x.jsonl:2: {plain}"
