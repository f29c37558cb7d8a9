"""The span tables and the card tally, written from rows and cached pieces, against the plain
way: a ``json.dumps`` of each span's record built from ``Project.spans``.

The fast writers must write the very bytes the plain way writes, whatever the attributes:
speaker attributes beside text ones, attributes named like fixed columns, a label no longer in
the schema, spans across sentences and between them, and original (CRLF) offsets.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from annotator.domain.model import Document
from annotator.domain.schema import Attribute, LabelSchema, Layer, interview_schema
from annotator.formats import card, export_view, exporting
from annotator.formats.card import Tally
from annotator.formats.export_view import ExportContext, document_views
from annotator.formats.exporting import ExportOptions, export_project, span_columns
from annotator.storage.project import Project
from annotator.text import Alignment, canonicalize, sentence_spans

RAW = ("«كاظم جلالي» گفت: ما 😀 همکاری‌های دوجانبه را ادامه می‌دهیم.  \r\n"
       "سؤال: آیا S-400 خریداری شد؟ بله.\r\n\r\n"
       "پاسخ: 👍🏽 را ببینید. #تهران آرام است")

SCHEMA = LabelSchema("odd", (
    Layer("Claim", "#d62728", "c", (
        Attribute("speaker", "speaker"),
        Attribute("holder", "speaker"),
        Attribute("holder_id", "text"),  # the same column name as holder's id
        Attribute("text", "text"),  # a fixed column's name: written as attr_text
        Attribute("annotator", "choice", ("x", "y")),
        Attribute("note", "text"),
    )),
    Layer("Turn", "#7f7f7f", "t", (Attribute("speaker", "speaker"),)),
    Layer("Gone", "#000000", "g", (Attribute("speaker", "speaker"),)),
))


@pytest.fixture
def odd(tmp_path: Path) -> Iterator[Project]:
    """Two documents with a span at every code point, in three labels and two analysts."""
    project = Project.create(tmp_path / "odd.annot", analyst="sara", schema=SCHEMA)
    kazem = project.add_speaker("کاظم جلالی").id
    gone = project.add_speaker("رفته").id
    for title, raw in (("یک", RAW), ("دو", RAW.replace("\r\n", "\n") + " 😀\u200cها")):
        canonical = canonicalize(raw, project.normalization)
        document = project.add_document(Document("", title, f"{title}.txt", canonical.text, raw,
                                                 canonical.alignment.segments))
        length = len(document.canonical_text)
        for n, start in enumerate(range(0, length - 1)):
            end = min(length, start + (1, 2, 9, 40, 70)[n % 5])
            label = ("Claim", "Turn", "Gone")[n % 3]
            attrs: dict[str, str] = {}
            if label == "Claim":
                attrs = {"speaker": kazem, "holder": (gone, kazem, "")[n % 3],
                         "holder_id": "«x»", "text": f"\"{n % 4}\"\\", "annotator": "xy"[n % 2],
                         "note": ("=1+2", "", "\u200c😀")[n % 3]}
                attrs = {k: v for k, v in attrs.items() if n % 7 or k != "note"}
            elif n % 2:
                attrs = {"speaker": (kazem, gone)[n % 4 // 2]}
            project.add_span(document.id, start, end, label, attrs,
                             author=("sara", "maryam")[n % 2])
    project.set_speaker_deleted(gone, True)
    # Spans keep their label when the schema loses it: "Gone" no longer names a speaker.
    project.set_schema(LabelSchema("odd", SCHEMA.layers[:2]))
    yield project
    project.close()


def plain_records(project: Project, *, original: bool) -> list[dict[str, Any]]:
    """Each span's record, made as the span tables were made before they were fast."""
    schema = project.schema
    speakers = {s.id: s for s in project.speakers(include_deleted=True)}
    reserved = (*exporting.SPAN_FIELDS, "annotator")
    records = []
    for document in project.documents():
        alignment = Alignment(document.alignment)
        text = document.raw_text if original else document.canonical_text
        sentences = sentence_spans(document.canonical_text)
        if original:
            sentences = [alignment.to_raw(s, e) for s, e in sentences]
        for span in project.spans(document.id):
            start, end = alignment.to_raw(span.start, span.end) if original else (span.start,
                                                                                  span.end)
            named: dict[str, Any] = {}
            for name, value in sorted(span.attrs.items()):
                if name in schema.speaker_attributes(span.label):
                    speaker = speakers.get(value)
                    named[name] = speaker.name if speaker else ""
                    named[f"{name}_id"] = value
                else:
                    named[name] = value
            covering = [(s, e) for s, e in sentences if s < end and e > start]
            sentence = text[min(covering[0][0], start):max(covering[-1][1], end)] if covering \
                else text[start:end]
            record: dict[str, Any] = {
                "doc_id": document.id, "span_id": span.id, "label": span.label,
                "start": start, "end": end, "text": text[start:end],
                "left_context": text[max(0, start - 100):start],
                "right_context": text[end:end + 100], "sentence": sentence,
                "speaker": named.get("speaker", ""), "speaker_id": named.get("speaker_id", "")}
            for name, value in named.items():
                if name not in ("speaker", "speaker_id"):
                    record[name if name not in reserved else f"attr_{name}"] = value
            record["annotator"] = span.author
            records.append(record)
    return records


@pytest.fixture(params=[False, True], ids=["caches", "caches-cleared-often"])
def small_caches(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Also run with caches that are emptied every other entry (what they hold is only speed)
    and with a write every three lines."""
    if request.param:
        monkeypatch.setattr(exporting, "_COLUMNS_CACHE", 2)
        monkeypatch.setattr(exporting, "_LINES_PER_WRITE", 3)
        monkeypatch.setattr(export_view, "_CACHE_LIMIT", 2)
        monkeypatch.setattr(card, "_NAMED_CACHE", 2)


@pytest.mark.usefixtures("small_caches")
@pytest.mark.parametrize("offsets", ["canonical", "original"])
def test_spans_jsonl_writes_what_json_dumps_writes(odd: Project, tmp_path: Path,
                                                   offsets: str) -> None:
    original = offsets == "original"
    records = plain_records(odd, original=original)
    assert len(records) > 200
    assert {r["label"] for r in records} == {"Claim", "Turn", "Gone"}
    assert any(r["sentence"] == r["text"] for r in records)  # a span between sentences
    target = tmp_path / "spans.jsonl"
    report = export_project(odd, target, ExportOptions("spans-jsonl", offsets=offsets))
    assert report.spans == len(records)
    expected = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    assert target.read_bytes() == expected.encode("utf-8")
    for record in records:
        assert (odd_text(odd, record, original)[record["start"]:record["end"]]
                == record["text"])


def odd_text(project: Project, record: dict[str, Any], original: bool) -> str:
    document = next(d for d in project.documents() if d.id == record["doc_id"])
    return document.raw_text if original else document.canonical_text


@pytest.mark.usefixtures("small_caches")
def test_spans_csv_writes_the_same_cells(odd: Project, tmp_path: Path) -> None:
    records = plain_records(odd, original=True)
    target = tmp_path / "spans.csv"
    export_project(odd, target, ExportOptions("spans-csv", offsets="original"))
    with target.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    columns = span_columns(odd.schema)
    assert rows[0] == columns
    assert rows[1:] == [[str(r.get(c, "")) for c in columns] for r in records]


@pytest.mark.usefixtures("small_caches")
@pytest.mark.parametrize("by", ["all", "maryam"])
def test_card_tally_counts_every_span(odd: Project, by: str) -> None:
    schema = odd.schema
    speakers = {s.id: s for s in odd.speakers(include_deleted=True)}
    labels: Counter[tuple[str, str]] = Counter()
    named: Counter[str] = Counter()
    analysts: Counter[str] = Counter()
    analyst_documents: Counter[str] = Counter()
    for document in odd.documents():
        spans = [s for s in odd.spans(document.id) if by == "all" or s.author == by]
        analyst_documents.update({s.author for s in spans})
        for span in spans:
            labels[span.label, "all"] += 1
            analysts[span.author] += 1
            for name in sorted(schema.speaker_attributes(span.label)):
                speaker = speakers.get(span.attrs.get(name, ""))
                if speaker is not None:
                    named[speaker.name] += 1
    context = ExportContext(schema, speakers, csv_safe=False)
    tally = Tally(("all",))
    for view in document_views(odd, original=False, status="any", by=by):
        tally.add("all", view, len(view.rows), context)
    assert tally.labels == labels
    assert tally.speakers == named and set(named) == {"کاظم جلالی", "رفته"}
    assert tally.analysts == analysts
    assert tally.analyst_documents == analyst_documents
    assert sum(tally.spans.values()) == sum(labels.values())


def test_views_still_give_span_objects_in_text_offsets(odd: Project) -> None:
    """Writers other than the span tables read ``view.spans``: canonical offsets in the Span,
    the view's offsets beside it, the stored attributes and revision."""
    for view in document_views(odd, original=True, status="any", by="all"):
        stored = {s.id: s for s in odd.spans(view.document.id)}
        alignment = Alignment(view.document.alignment)
        assert len(view.spans) == len(stored)
        for span, start, end in view.spans:
            expected = stored[span.id]
            assert (span.start, span.end, span.label, span.attrs, span.author, span.revision) \
                == (expected.start, expected.end, expected.label, expected.attrs,
                    expected.author, expected.revision)
            assert (start, end) == alignment.to_raw(span.start, span.end)


def test_the_default_schema_export_matches_too(project: Project, tmp_path: Path) -> None:
    assert project.schema == interview_schema()
    canonical = canonicalize(RAW, project.normalization)
    document = project.add_document(Document("", "t", "t.txt", canonical.text, RAW,
                                             canonical.alignment.segments))
    speaker = project.add_speaker("گوینده").id
    project.add_span(document.id, 0, 5, "Speaker", {"speaker": speaker})
    project.add_span(document.id, 3, 30, "Claim", {"speaker": speaker, "type": "opinion"})
    project.add_span(document.id, 10, 12, "Stance", {"holder": speaker, "polarity": "favor"})
    target = tmp_path / "spans.jsonl"
    export_project(project, target, ExportOptions("spans-jsonl"))
    expected = "".join(json.dumps(r, ensure_ascii=False) + "\n"
                       for r in plain_records(project, original=False))
    assert target.read_text(encoding="utf-8") == expected
