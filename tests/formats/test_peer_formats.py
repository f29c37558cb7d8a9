"""The shapes other tools read: conll2003, tokens-jsonl, doccano units and entities, Label
Studio JSON-MIN and text keys, brat notes and ids, parquet's message, analysts' span ids."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from annotator.cli import main
from annotator.domain.errors import InputError
from annotator.formats.importing import ImportOptions, import_files
from annotator.storage.project import Project

TEXT = "«كاظم» 😀 گفت: ما می‌آییم. این کار ادامه دارد.\r\nپاسخ: بله."


def utf16(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


def write_jsonl(path: Path, *records: dict[str, object]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def conll_blocks(path: Path) -> list[list[str]]:
    blocks, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    return blocks


def test_conll2003_restarts_a_span_at_each_sentence(project: Project, tmp_path: Path,
                                                    kit: SimpleNamespace) -> None:
    doc = kit.add_document(project, TEXT)
    text = doc.canonical_text
    project.add_span(doc.id, text.index("ما"), text.index("دارد") + 4, "Claim")
    project.add_span(doc.id, 0, text.index("\n"), "Turn")
    project.add_span(doc.id, text.index("بله"), text.index("بله") + 3, "Claim")
    out = tmp_path / "out.conll"
    kit.export(project, out, "conll2003", label="Claim", tagging="bioes")
    blocks = conll_blocks(out)
    assert blocks[0] == ["-DOCSTART- O"]
    tags = [[line.rsplit(" ", 1)[1] for line in block] for block in blocks[1:]]
    first, second = tags[0], tags[1]
    assert first[-3:] == ["B-Claim", "I-Claim", "E-Claim"]  # ما می‌آییم . ends the sentence
    # The same Claim starts again in the next sentence.
    assert second == ["B-Claim", "I-Claim", "I-Claim", "E-Claim", "O"]
    assert "S-Claim" in tags[2]  # بله: one token
    assert not any(line.startswith("#") for line in out.read_text(encoding="utf-8").splitlines())
    # Without --label the schema's order decides: Turn (earlier) wins over Claim.
    kit.export(project, tmp_path / "all.conll", "conll2003")
    lines = (tmp_path / "all.conll").read_text(encoding="utf-8")
    assert "B-Turn" in lines and "B-Claim" in lines  # the Claim outside the Turn
    card = (tmp_path / "all.conll.README.md").read_text(encoding="utf-8")
    assert "| Claim left out (overlaps another Turn) | 1 |" in card
    with pytest.raises(InputError, match="--label 'Nope'"):
        kit.export(project, tmp_path / "x.conll", "conll2003", label="Nope")


def test_tokens_jsonl_has_one_record_per_sentence(project: Project, tmp_path: Path,
                                                  kit: SimpleNamespace) -> None:
    doc = kit.add_document(project, TEXT)
    text = doc.canonical_text
    project.add_span(doc.id, text.index("ما"), text.index("می‌آییم") + 7, "Claim")
    kit.export(project, tmp_path / "t.jsonl", "tokens-jsonl")
    records = kit.read_jsonl(tmp_path / "t.jsonl")
    assert [r["sentence_id"] for r in records] == [1, 2, 3]
    first = records[0]
    assert set(first) == {"doc_id", "sentence_id", "start", "end", "text", "tokens", "ner_tags"}
    assert "می‌آییم" in first["tokens"]  # a ZWNJ-joined word is one token
    assert first["ner_tags"][first["tokens"].index("ما")] == "B-Claim"
    assert text[first["start"]:first["end"]] == first["text"]


def test_doccano_utf16_offsets_are_the_default_and_said(project: Project, tmp_path: Path
                                                        ) -> None:
    start = TEXT.index("ما")
    source = write_jsonl(tmp_path / "d.jsonl", {"text": TEXT, "label": [
        [utf16(TEXT, start), utf16(TEXT, start + 2), "Claim"]]})
    report = import_files(project, [source], fmt="doccano")
    [doc] = project.documents()
    [span] = project.spans(doc.id)
    assert doc.canonical_text[span.start:span.end] == "ما"
    assert any("read as UTF-16 code units" in note for note in report.notes)
    # The entity's own text decides where the file has it: these offsets are code points.
    other = write_jsonl(tmp_path / "e.jsonl", {"text": TEXT + " ", "entities": [
        {"id": 1, "label": "Claim", "start_offset": start, "end_offset": start + 2,
         "text": "ما"}]})
    report = import_files(project, [other], fmt="doccano")
    assert any("offsets in code points, not UTF-16" in note for note in report.notes)
    with pytest.raises(InputError, match="--offsets-unit"):
        import_files(project, [other], fmt="doccano", options=ImportOptions(offsets_unit="x"))


def test_doccano_export_counts_the_unit_asked_for(project: Project, tmp_path: Path,
                                                  kit: SimpleNamespace) -> None:
    doc = kit.add_document(project, TEXT)
    text = doc.canonical_text
    project.add_span(doc.id, text.index("گفت"), text.index("گفت") + 3, "Claim")
    for unit, expected in (("utf16", text.index("گفت") + 1), ("codepoints", text.index("گفت")),
                           ("graphemes", text.index("گفت"))):
        kit.export(project, tmp_path / f"{unit}.jsonl", "doccano", offsets_unit=unit)
        [record] = kit.read_jsonl(tmp_path / f"{unit}.jsonl")
        assert record["label"][0][0] == expected, unit
    kit.export(project, tmp_path / "g.jsonl", "doccano", offsets_unit="graphemes")
    [record] = kit.read_jsonl(tmp_path / "g.jsonl")
    back = tmp_path / "back.annot"
    Project.create(back, analyst="tester").close()
    with Project.open(back, analyst="tester") as other:
        import_files(other, [tmp_path / "g.jsonl"], fmt="doccano",
                     options=ImportOptions(offsets_unit="graphemes"))
        [span] = other.spans(next(iter(other.documents())).id)
        assert (span.start, span.end) == (text.index("گفت"), text.index("گفت") + 3)


def test_relations_beyond_the_schema_extend_it(project: Project, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "r.jsonl", {"text": "او گفت: ما موافقیم.", "entities": [
        {"id": 1, "label": "Speaker", "start_offset": 0, "end_offset": 2},
        {"id": 2, "label": "Stance", "start_offset": 8, "end_offset": 18}], "relations": [
        {"id": 1, "from_id": 2, "to_id": 1, "type": "attributed_to"}]})
    report = import_files(project, [source], fmt="doccano")
    assert report.relations_added == 1
    assert "Stance" in project.schema.relation("attributed_to").from_labels
    assert any("may now start at a Stance span" in note for note in report.notes)


def test_label_studio_json_min_and_text_keys(project: Project, tmp_path: Path) -> None:
    text = "خبر 😀: «علي» گفت."
    start = utf16(text, text.index("علي"))
    source = tmp_path / "min.json"
    source.write_text(json.dumps([{"id": 9, "text": text, "label": [
        {"start": start, "end": start + 3, "text": "علي", "labels": ["Speaker"]}],
        "annotator": 4, "annotation_id": 1, "lead_time": 2.5}], ensure_ascii=False),
        encoding="utf-8")
    import_files(project, [source])
    [doc] = project.documents()
    [span] = project.spans(doc.id)
    assert (doc.canonical_text[span.start:span.end], span.author) == ("علی",
                                                                      "label-studio user 4")
    keyed = tmp_path / "keyed.json"
    keyed.write_text(json.dumps([{"data": {"body": "متن", "other": "x"}}]), encoding="utf-8")
    with pytest.raises(InputError, match="give --text-key"):
        import_files(project, [keyed])
    import_files(project, [keyed], options=ImportOptions(text_key="body"))


def test_brat_keeps_unsafe_document_ids_and_free_text_as_notes(
        project: Project, tmp_path: Path, kit: SimpleNamespace) -> None:
    source = write_jsonl(tmp_path / "ours.jsonl", {"id": "خبر/۱", "text": TEXT, "spans": [
        {"start": 0, "end": 1, "label": "Stance", "attrs": {"target": "طرح «نو»",
                                                              "polarity": "favor"}}]})
    import_files(project, [source])
    kit.export(project, tmp_path / "brat", "brat")
    [ann] = (tmp_path / "brat").glob("*.ann")
    lines = ann.read_text(encoding="utf-8").splitlines()
    assert "#1\tAnnotatorNotes T1\ttarget: طرح «نو»" in lines
    assert "A1\tpolarity T1 favor" in lines
    conf = (tmp_path / "brat" / "annotation.conf").read_text(encoding="utf-8")
    assert "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>" in conf
    back = tmp_path / "back.annot"
    Project.create(back, analyst="tester").close()
    with Project.open(back, analyst="tester") as other:
        import_files(other, [tmp_path / "brat"])
        [doc] = other.documents()
        assert doc.id == "خبر/۱"
        [span] = other.spans(doc.id)
        assert span.attrs == {"target": "طرح «نو»", "polarity": "favor"}


def test_parquet_without_pyarrow_says_how_to_get_it(
        project: Project, tmp_path: Path, kit: SimpleNamespace,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    real = importlib.import_module

    def without_pyarrow(name: str, package: str | None = None) -> object:
        if name.startswith("pyarrow"):
            raise ImportError(name)
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", without_pyarrow)
    with pytest.raises(InputError, match=r"pip install 'annotator\[parquet\]'"):
        kit.export(project, tmp_path / "out.parquet", "parquet")
    assert not (tmp_path / "out.parquet").exists()


def test_identical_marks_of_two_analysts_get_two_ids(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "d.jsonl", {"text": TEXT, "label": [[0, 3, "Claim"]]})
    ids = []
    for analyst in ("dana", "omid", "dana"):
        path = tmp_path / f"{analyst}.annot"
        if not path.exists():
            main(["--analyst", analyst, "new", str(path)])
        main(["--analyst", analyst, "import", str(path), str(source), "--format", "doccano"])
        with Project.open(path, analyst=analyst, read_only=True) as project:
            [span] = project.spans(next(iter(project.documents())).id)
            ids.append((span.id, span.author))
    assert ids[0] != ids[1] and ids[0] == ids[2]
    assert [author for _, author in ids] == ["dana", "omid", "dana"]


def test_a_split_card_names_its_files_for_hugging_face(project: Project, tmp_path: Path,
                                                       kit: SimpleNamespace) -> None:
    for n in range(4):
        kit.add_document(project, f"متن {n} 😀")
    kit.export(project, tmp_path / "out.csv", "spans-csv", split="50/50", license="cc-by-4.0",
               csv_safe=True)
    card = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    front = card.split("---\n")[1]
    assert 'license: "cc-by-4.0"' in front and "- fa" in front
    assert '  - split: train\n    path: "train.csv"' in front
    assert "keep_default_na: false" in front
    assert "dataset = load_dataset('out')" in card
    assert "no longer equals `text[start:end]`" in card
