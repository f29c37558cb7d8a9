"""Accepting, rejecting and undoing suggestions against a real project file."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.analysis.review import (
    accept,
    as_json,
    propagate_span,
    redo_accept,
    reject,
    suggest_document,
    suggest_project,
    undo_accept,
    unreject,
)
from annotator.analysis.suggest import NewSpeaker
from annotator.domain.errors import InvariantError
from annotator.domain.model import Document
from annotator.formats.exporting import ExportOptions, export_project
from annotator.storage.migrations import SCHEMA_VERSION
from annotator.storage.project import Project
from annotator.text import canonicalize


def add_text(project: Project, raw: str, title: str = "doc") -> str:
    canonical = canonicalize(raw, project.normalization)
    document = project.add_document(Document(
        id="", title=title, source=f"{title}.txt", canonical_text=canonical.text, raw_text=raw,
        alignment=canonical.alignment.segments))
    return document.id


def test_accept_stores_spans_and_new_speakers_once_and_undo_removes_them(
        project: Project, sample_text: str) -> None:
    doc_id = add_text(project, sample_text)
    suggestions = suggest_document(project, doc_id)
    assert project.spans(doc_id) == [] and project.speakers() == []
    accepted = accept(project, suggestions)
    assert len(accepted.spans) == len(suggestions)
    assert sorted(s.name for s in accepted.speakers) == ["جان میلر", "کاظم جلالی"]
    jalali = next(s for s in project.speakers() if s.name == "کاظم جلالی")
    assert (jalali.role, jalali.affiliation) == ("interviewee",
                                                 "سفیر جمهوری اسلامی ایران در روسیه")
    text = project.document(doc_id).canonical_text
    for span in project.spans(doc_id):
        assert span.attrs.get("speaker") in {s.id for s in accepted.speakers}
        assert text[span.start:span.end] == next(
            s.text for s in suggestions if (s.start, s.end, s.label) ==
            (span.start, span.end, span.label))
    assert suggest_document(project, doc_id) == []  # all marked now
    assert accept(project, suggestions).spans == ()  # accepting twice adds nothing

    undo_accept(project, accepted)
    assert project.spans(doc_id) == [] and project.speakers() == []
    redo_accept(project, accepted)
    assert len(project.spans(doc_id)) == len(suggestions) and len(project.speakers()) == 2


def test_accept_is_all_or_nothing(project: Project, sample_text: str) -> None:
    doc_id = add_text(project, sample_text)
    suggestions = suggest_document(project, doc_id)
    stale = replace(suggestions[-1], text="something else")
    with pytest.raises(InvariantError, match="no longer matches"):
        accept(project, [*suggestions[:-1], stale])
    assert project.spans(doc_id) == [] and project.speakers() == []


def test_accept_uses_a_speaker_already_registered(project: Project, sample_text: str) -> None:
    doc_id = add_text(project, sample_text)
    suggestions = suggest_document(project, doc_id)
    registered = project.add_speaker("كاظم جلالي")  # the same person, Arabic letters
    proposed = [s for s in suggestions if isinstance(s.attrs.get("speaker"), NewSpeaker)
                and s.attrs["speaker"].name == "کاظم جلالی"]  # type: ignore[union-attr]
    accepted = accept(project, proposed)
    assert accepted.speakers == ()
    assert {s.attrs["speaker"] for s in accepted.spans} == {registered.id}


def test_rejections_are_remembered_and_can_be_undone(project_path: Path,
                                                     sample_text: str) -> None:
    with Project.open(project_path, analyst="ana") as project:
        doc_id = add_text(project, sample_text)
        first = suggest_document(project, doc_id)
        reject(project, first[:3])
        assert project.rejected_suggestion_keys(doc_id) == {s.key for s in first[:3]}
    with Project.open(project_path, analyst="ben") as project:  # durable, seen by others
        again = suggest_document(project, doc_id)
        assert [s.key for s in again] == [s.key for s in first[3:]]
        unreject(project, first[:1])  # ben's undo cannot lift ana's rejection
        assert len(suggest_document(project, doc_id)) == len(first) - 3
    with Project.open(project_path, analyst="ana") as project:
        unreject(project, first[:1])
        assert [s.key for s in suggest_document(project, doc_id)] == \
            [s.key for s in first if s not in first[1:3]]
        actions = [e["action"] for e in project.edits(5)]
        assert "unreject suggestion" in actions


def test_unaccepted_suggestions_never_reach_an_export(project: Project, sample_text: str,
                                                      tmp_path: Path) -> None:
    doc_id = add_text(project, sample_text)
    assert suggest_project(project)
    out = tmp_path / "spans.csv"
    report = export_project(project, out, ExportOptions(format="spans-csv"))
    assert report.spans == 0
    accept(project, suggest_document(project, doc_id)[:2])
    assert export_project(project, out, ExportOptions(format="spans-csv")).spans == 2


def test_propagation_through_the_project(project: Project) -> None:
    first = add_text(project, "مریم احمدی آمد و احمدی رفت.", "one")
    second = add_text(project, "دیروز احمدي گفت.", "two")
    speaker = project.add_speaker("مریم احمدی")
    span = project.add_span(first, 17, 22, "Speaker", {"speaker": speaker.id})
    assert [(s.start, s.end) for s in propagate_span(project, span.id)] == [(5, 10)]
    project.add_span(first, 0, 10, "Speaker", {"speaker": speaker.id})
    assert propagate_span(project, span.id) == []  # already inside a Speaker span
    across = propagate_span(project, span.id, whole_project=True)
    assert [(s.doc_id, s.start, s.text) for s in across] == [(second, 6, "احمدی")]
    assert as_json(across, project)[0]["attrs"] == {"speaker": "مریم احمدی",
                                                    "speaker_id": speaker.id}


def test_json_rows_name_new_speakers_with_an_empty_id(project: Project,
                                                      sample_text: str) -> None:
    doc_id = add_text(project, sample_text)
    rows = as_json(suggest_document(project, doc_id), project)
    turn = next(r for r in rows if r["label"] == "Turn")
    assert turn["attrs"] == {"speaker": "جان میلر", "speaker_id": "", "role": "interviewer"}
    assert set(turn) == {"doc_id", "label", "start", "end", "text", "attrs", "rule", "key"}


def test_a_file_from_before_suggestions_gains_the_table(project_path: Path) -> None:
    conn = sqlite3.connect(project_path)
    conn.execute("DROP TABLE rejected_suggestions")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm002_suggestions'")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.commit()
    conn.close()
    with Project.open(project_path, analyst="tester") as project:
        assert project.rejected_suggestion_keys("nothing") == set()
