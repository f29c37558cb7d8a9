"""Exports load with the standard library, offsets hold, and our JSONL round-trips exactly."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.domain.model import Document
from annotator.formats.exporting import ExportOptions, export_project
from annotator.formats.importing import import_files
from annotator.storage.project import Project
from annotator.text import canonicalize

# Raw text with what breaks other tools: CRLF, emoji, ZWNJ, Arabic letter variants, Latin.
RAW = ("«كاظم جلالي» گفت: ما 😀 همکاری‌های دوجانبه را ادامه می‌دهیم.\r\n"
       "سؤال: آیا S-400 خریداری شد؟\r\n"
       "پاسخ: بله، bultannews@gmail.com 👍🏽 را ببینید.")


def make_annotated(project: Project, raw: str = RAW) -> str:
    canonical = canonicalize(raw, "letters")
    doc = project.add_document(Document(
        "", "گفت‌وگو", "interview.txt", canonical.text, raw, canonical.alignment.segments,
        {"outlet": "جماران"}))
    text = doc.canonical_text
    jalali = project.add_speaker("کاظم جلالی", aliases=("جلالی",), role="interviewee")
    mention = project.add_span(doc.id, text.index("کاظم"), text.index("»"), "Speaker",
                               {"speaker": jalali.id})
    claim_start = text.index("ما")
    claim = project.add_span(doc.id, claim_start, text.index(".", claim_start), "Claim",
                             {"speaker": jalali.id, "type": "commitment", "checkworthy": "yes",
                              "quote": "direct"})
    project.add_relation(claim.id, mention.id, "attributed_to")
    project.add_span(doc.id, text.index("S-400"), text.index("S-400") + 5, "Stance",
                     {"holder": jalali.id, "target": "روسیه", "polarity": "favor"})
    emoji = text.index("👍🏽")
    project.add_span(doc.id, emoji, emoji + 2, "Claim", {"type": "other"}, author="maryam")
    project.set_status(doc.id, "done")
    return doc.id


def export(project: Project, path: Path, fmt: str, **options: Any) -> Path:
    export_project(project, path, ExportOptions(format=fmt, **options))
    return path


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_offsets_hold_and_speakers_are_named(project: Project, tmp_path: Path) -> None:
    make_annotated(project)
    [record] = read_jsonl(export(project, tmp_path / "out.jsonl", "jsonl"))
    assert len(record["spans"]) == 4
    for span in record["spans"]:
        assert record["text"][span["start"]:span["end"]] == span["text"]
    mention = next(s for s in record["spans"] if s["label"] == "Speaker")
    assert mention["text"] == "کاظم جلالی"  # ي folded to ی in the canonical text
    assert mention["attrs"]["speaker"] == "کاظم جلالی"
    assert mention["attrs"]["speaker_id"] == record["speakers"][0]["id"]
    assert record["status"] == {"tester": "done"}
    assert record["relations"][0]["type"] == "attributed_to"
    assert record["metadata"] == {"outlet": "جماران"}
    assert "\r" not in record["text"]


def test_original_offsets_point_into_the_imported_text(project: Project, tmp_path: Path) -> None:
    make_annotated(project)
    [record] = read_jsonl(export(project, tmp_path / "o.jsonl", "jsonl", offsets="original"))
    assert record["text"] == RAW
    for span in record["spans"]:
        assert RAW[span["start"]:span["end"]] == span["text"]
    mention = next(s for s in record["spans"] if s["label"] == "Speaker")
    assert mention["text"] == "كاظم جلالي"  # the Arabic letters as imported


def test_jsonl_round_trip_is_identical(project: Project, tmp_path: Path) -> None:
    make_annotated(project)
    first = export(project, tmp_path / "first.jsonl", "jsonl")
    other_path = tmp_path / "other.annot"
    Project.create(other_path, analyst="someone-else").close()
    with Project.open(other_path, analyst="someone-else") as other:
        report = import_files(other, [first])
        assert report.documents_added == 1 and report.spans_added == 4
        second = export(other, tmp_path / "second.jsonl", "jsonl")
        again = import_files(other, [first])
        assert again.documents_added == 0 and again.spans_added == 0
        assert again.spans_already_present == 4
    assert first.read_bytes() == second.read_bytes()


def test_span_tables_load_with_csv_and_json(project: Project, tmp_path: Path) -> None:
    doc_id = make_annotated(project)
    text = project.document(doc_id).canonical_text
    header, *cells = read_csv(export(project, tmp_path / "s.csv", "spans-csv"))
    rows = [dict(zip(header, row, strict=True)) for row in cells]
    lines = read_jsonl(export(project, tmp_path / "s.jsonl", "spans-jsonl"))
    assert len(rows) == len(lines) == 4
    for row, line in zip(rows, lines, strict=True):
        assert text[int(row["start"]):int(row["end"])] == row["text"] == line["text"]
        assert row["sentence"] == line["sentence"]
        assert line["text"] in line["sentence"]
        assert line["left_context"] + line["text"] + line["right_context"] in text
    claim = next(r for r in rows if r["type"] == "commitment")
    assert claim["speaker"] == "کاظم جلالی" and claim["speaker_id"]
    assert claim["annotator"] == "tester"
    stance = next(r for r in rows if r["label"] == "Stance")
    assert (stance["holder"], stance["target"], stance["polarity"]) == (
        "کاظم جلالی", "روسیه", "favor")


def test_csv_safe_makes_formula_cells_inert(project: Project, tmp_path: Path) -> None:
    text = "=cmd|' /C calc'!A0 و @SUM(1)"
    doc = project.add_document(Document("", "t", "s", text, text, ((len(text), len(text)),)))
    project.add_span(doc.id, 0, 4, "Claim")
    project.add_span(doc.id, text.index("@"), text.index("("), "Claim")
    plain = read_csv(export(project, tmp_path / "p.csv", "spans-csv"))
    safe = read_csv(export(project, tmp_path / "q.csv", "spans-csv", csv_safe=True))
    assert [r[5] for r in plain[1:]] == ["=cmd", "@SUM"]
    assert [r[5] for r in safe[1:]] == ["'=cmd", "'@SUM"]


def test_status_and_analyst_filters(project: Project, tmp_path: Path) -> None:
    make_annotated(project)
    project.add_document(Document("", "t2", "s", "متن دوم", "متن دوم", ((7, 7),)))
    assert len(read_jsonl(export(project, tmp_path / "a.jsonl", "jsonl"))) == 2
    assert len(read_jsonl(export(project, tmp_path / "d.jsonl", "jsonl", status="done"))) == 1
    [record, _] = read_jsonl(export(project, tmp_path / "m.jsonl", "jsonl", by="maryam"))
    assert [s["annotator"] for s in record["spans"]] == ["maryam"]


def test_failed_export_leaves_no_file(project: Project, tmp_path: Path) -> None:
    make_annotated(project)
    target = tmp_path / "out.jsonl"
    target.write_text("previous export", encoding="utf-8")
    project.conn.execute("UPDATE spans SET attrs = 'not json'")
    with pytest.raises(json.JSONDecodeError):
        export(project, target, "jsonl")
    assert target.read_text(encoding="utf-8") == "previous export"
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")]


persian = st.sampled_from([*"ابپتثجچحخدسشکگیيكۀةءأؤئ ‌\u064b\u0654",
                           "😀", "👍🏽", "\r\n", "\n", "S-400", "،", "؟"])


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(persian, min_size=2, max_size=60), data=st.data())
def test_any_spans_round_trip_through_jsonl(tmp_path_factory: pytest.TempPathFactory,
                                            pieces: list[str], data: st.DataObject) -> None:
    raw = "".join(pieces)
    folder = tmp_path_factory.mktemp("rt")
    canonical = canonicalize(raw, "letters")
    if not canonical.text.strip():
        return
    with Project.create(folder / "a.annot", analyst="a") as project:
        doc = project.add_document(Document("", "t", "s", canonical.text, raw,
                                            canonical.alignment.segments))
        n = len(canonical.text)
        for _ in range(data.draw(st.integers(0, 5))):
            start = data.draw(st.integers(0, n - 1))
            end = data.draw(st.integers(start + 1, n))
            project.add_span(doc.id, start, end, data.draw(st.sampled_from(["Claim", "Turn"])))
        first = export(project, folder / "1.jsonl", "jsonl")
        original = read_jsonl(export(project, folder / "o.jsonl", "jsonl", offsets="original"))
    for span in original[0]["spans"]:
        assert raw[span["start"]:span["end"]] == span["text"]
    with Project.create(folder / "b.annot", analyst="b") as other:
        import_files(other, [first])
        second = export(other, folder / "2.jsonl", "jsonl")
    assert first.read_bytes() == second.read_bytes()


def test_export_gets_ordinary_file_permissions(project: Project, tmp_path: Path) -> None:
    import os

    umask = os.umask(0o022)
    os.umask(umask)
    out = export(project, tmp_path / "out.jsonl", "jsonl")
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_speakers_named_in_imports_become_one_registry_entry(project: Project,
                                                             tmp_path: Path) -> None:
    lines = [
        {"text": "جلالی گفت: بله.", "spans": [
            {"start": 0, "end": 5, "label": "Speaker", "attrs": {"speaker": "کاظم جلالی"}}]},
        {"text": "جلالی افزود: نه.", "spans": [
            {"start": 0, "end": 5, "label": "Speaker", "attrs": {"speaker": "کاظم جلالی"}},
            {"start": 6, "end": 11, "label": "Claim",
             "attrs": {"speaker": "جان میلر", "speaker_id": "s-miller"}}]},
    ]
    path = tmp_path / "named.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines),
                    encoding="utf-8")
    report = import_files(project, [path])
    assert report.speakers_added == 2
    speakers = {s.name: s.id for s in project.speakers()}
    assert speakers["جان میلر"] == "s-miller"
    records = read_jsonl(export(project, tmp_path / "out.jsonl", "jsonl"))
    mentions = [s["attrs"] for r in records for s in r["spans"] if s["label"] == "Speaker"]
    assert [m["speaker_id"] for m in mentions] == [speakers["کاظم جلالی"]] * 2
    claim = records[1]["spans"][1]["attrs"]
    assert (claim["speaker"], claim["speaker_id"]) == ("جان میلر", "s-miller")
