"""doccano's files, in its offset units (UTF-16 by default, grapheme clusters in grapheme mode),
import at their text; our exports, read by duckdb, hold their text in those units; two
analysts importing one identical span keep two marks, and agreement matches krippendorff."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import krippendorff
import numpy as np
import regex

from annotator.analysis.agreement import agreement
from annotator.cli import main
from annotator.storage.project import Project
from annotator.text import token_spans

# ZWNJ, emoji with a modifier, a flag, CRLF, ي and ك.
TEXT = "«كاظم» 👍🏽 گفت: ما می‌آییم 🇮🇷 و\r\nهمکاری‌ها ادامه دارد."


def utf16(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


def graphemes(text: str, offset: int) -> int:
    """What doccano's grapheme mode counts (regex's \\X: extended grapheme clusters)."""
    return len(regex.findall(r"\X", text[:offset]))


def doccano_line(text: str, marks: list[tuple[str, str]], unit: object) -> dict[str, object]:
    """A record as doccano writes it: entities with offsets in ``unit``."""
    entities = []
    for n, (label, piece) in enumerate(marks, start=1):
        start = text.index(piece)
        entities.append({"id": n, "label": label, "start_offset": unit(text, start),
                         "end_offset": unit(text, start + len(piece))})
    return {"id": 1, "text": text, "entities": entities, "relations": [
        {"id": 1, "from_id": 2, "to_id": 1, "type": "attributed_to"}]}


def project_spans(path: Path) -> set[tuple[str, str, str]]:
    with Project.open(path, analyst="tester", read_only=True) as project:
        return {(s.label, project.document(s.doc_id).raw_text[slice(*_raw(project, s))],
                 s.author) for d in project.documents() for s in project.spans(d.id)}


def _raw(project: Project, span: object) -> tuple[int, int]:
    from annotator.text import Alignment

    document = project.document(span.doc_id)  # type: ignore[attr-defined]
    return Alignment(document.alignment).to_raw(span.start, span.end)  # type: ignore[attr-defined]


MARKS = [("Speaker", "كاظم"), ("Claim", "ما می‌آییم 🇮🇷"), ("Turn", "همکاری‌ها ادامه")]


def test_doccano_utf16_and_grapheme_files_import_at_their_text(tmp_path: Path) -> None:
    for unit, option in ((utf16, []), (graphemes, ["--offsets-unit", "graphemes"])):
        source = tmp_path / f"{unit.__name__}.jsonl"
        source.write_text(json.dumps(doccano_line(TEXT, MARKS, unit), ensure_ascii=False)
                          + "\n", encoding="utf-8")
        target = tmp_path / f"{unit.__name__}.annot"
        main(["new", str(target)])
        assert main(["import", str(target), str(source), "--format", "doccano", *option]) == 0
        assert {(label, text) for label, text, _ in project_spans(target)} == set(MARKS)


def test_our_doccano_export_holds_its_text_in_utf16_for_duckdb(peers_project: Path,
                                                               tmp_path: Path) -> None:
    for shape in ("label", "entities"):
        out = tmp_path / f"{shape}.jsonl"
        assert main(["export", str(peers_project), "--format", "doccano", "-o", str(out),
                     "--offsets", "original", "--doccano-shape", shape]) == 0
        rows = duckdb.sql(f"SELECT * FROM read_json_auto('{out}')").fetchall()
        columns = [c[0] for c in duckdb.sql(f"SELECT * FROM read_json_auto('{out}')")
                   .description]
        found = set()
        for row in rows:
            record = dict(zip(columns, row, strict=True))
            units = record["text"].encode("utf-16-le")
            # duckdb types a [start, end, label] list as JSON values.
            marks = [[json.loads(v) if isinstance(v, str) else v for v in item]
                     for item in record["label"]] if shape == "label" else [
                (e["start_offset"], e["end_offset"], e["label"]) for e in record["entities"]]
            for start, end, label in marks:
                found.add((label, units[2 * int(start):2 * int(end)].decode("utf-16-le")))
            if shape == "entities":
                assert {r["type"] for r in record["relations"]} <= {"attributed_to", "about"}
        assert found == {(label, text) for label, text, _ in project_spans(peers_project)}
    card = (tmp_path / "entities.jsonl.README.md").read_text(encoding="utf-8")
    assert "Allow overlapping entity" in card and "UTF-16 code units" in card


def test_two_analysts_importing_one_span_keep_two_and_alpha_matches(tmp_path: Path) -> None:
    text = "او گفت ما 😀 می‌آییم.\nسپس گفت: قیمت‌ها پایین می‌آید."
    one = [("Claim", "ما 😀 می‌آییم"), ("Claim", "قیمت‌ها پایین")]
    other = [("Claim", "ما 😀 می‌آییم"), ("Claim", "پایین می‌آید")]
    files = []
    for name, marks in (("dana", one), ("omid", other)):
        record = doccano_line(text, marks, utf16)
        record["relations"] = []
        source = tmp_path / f"{name}.jsonl"
        source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        path = tmp_path / f"{name}.annot"
        main(["--analyst", name, "new", str(path)])
        assert main(["--analyst", name, "import", str(path), str(source),
                     "--format", "doccano"]) == 0
        # Importing the same file again by the same analyst adds nothing.
        assert main(["--analyst", name, "import", str(path), str(source),
                     "--format", "doccano"]) == 0
        files.append(path)
    assert main(["--analyst", "dana", "merge", str(files[0]), str(files[1])]) == 0
    with Project.open(files[0], analyst="dana", read_only=True) as project:
        [doc] = project.documents()
        spans = project.spans(doc.id)
        assert sorted((s.author, doc.canonical_text[s.start:s.end]) for s in spans) == sorted(
            [("dana", m) for _, m in one] + [("omid", m) for _, m in other])
        ours = agreement(project).labels["Claim"].alpha
        tokens = token_spans(doc.canonical_text)
        marks = [[int(any(s.author == analyst and s.start < b and a < s.end for s in spans))
                  for a, b in tokens] for analyst in ("dana", "omid")]
    expected = krippendorff.alpha(reliability_data=np.array(marks),
                                  level_of_measurement="nominal")
    assert ours is not None and abs(ours - expected) < 1e-9
