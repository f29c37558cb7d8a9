"""Issue 16, items 15-17 and 25: hostile JSON in every reader of untrusted JSON gives one
sentence naming the file and line, never a traceback; NaN and Infinity are refused."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from attack_support import refused_import, run

from annotator.domain.errors import AnnotatorError
from annotator.domain.model import Document
from annotator.storage.merging import merge_files
from annotator.storage.project import Project

TEXT = "سفیر گفت: «ما می‌پردازیم» 😀"
DEEP = "[" * 100_000 + "]" * 100_000


def _line(**fields: object) -> str:
    return json.dumps({"text": TEXT, **fields}, ensure_ascii=False)


def _write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


JSONL_CASES = {
    # name: (second line, message)
    "deep-metadata": ('{"text": "x y", "metadata": {"a": ' + DEEP + "}}",
                      "nests arrays or objects deeper than 64 levels"),
    "huge-int": (_line(spans=[]).replace('"spans": []', '"spans": [], "n": ' + "9" * 5000),
                 "holds an integer of more than 40 digits"),
    "nan": (_line(metadata={}).replace('"metadata": {}', '"metadata": {"score": NaN}'),
            "holds NaN, which is not standard JSON"),
    "infinity": (_line(metadata={}).replace('"metadata": {}', '"metadata": {"s": -Infinity}'),
                 "holds -Infinity, which is not standard JSON"),
    "overflowing-float": (_line(metadata={}).replace('"metadata": {}', '"metadata": {"s": 1e999}'),
                          "holds the number 1e999, too large for JSON"),
}


@pytest.mark.parametrize("case", list(JSONL_CASES))
@pytest.mark.parametrize("fmt", ["jsonl", "doccano"])
def test_hostile_json_lines_are_refused_naming_the_line(
        filled_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str,
        fmt: str) -> None:
    line, message = JSONL_CASES[case]
    bad = _write(tmp_path / f"{case}.jsonl", _line(), line)
    refused_import(filled_project, bad, capsys, message, 2, "--format", fmt)


@pytest.mark.parametrize("case", ["deep", "huge-int", "nan"])
def test_hostile_label_studio_json_is_refused_naming_the_task(
        filled_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        case: str) -> None:
    value = {"deep": DEEP, "huge-int": "1" * 5000, "nan": "NaN"}[case]
    bad = tmp_path / f"{case}.json"
    bad.write_text('[\n{"data": {"text": "یک دو"}},\n{"data": {"text": "سه چهار", "x": '
                   + value + "}}\n]\n", encoding="utf-8")
    message = {"deep": "nests arrays or objects deeper than 64 levels",
               "huge-int": "holds an integer of more than 40 digits",
               "nan": "holds NaN"}[case]
    refused_import(filled_project, bad, capsys, message, 3 if case != "deep" else 1)


LABEL_STUDIO_TYPES = {
    "predictions-number": {"data": {"text": TEXT}, "predictions": 5},
    "predictions-object": {"data": {"text": TEXT}, "predictions": {"a": 1}},
    "relation-labels-number": {"data": {"text": TEXT}, "annotations": [{"result": [
        {"id": "a", "type": "labels", "value": {"start": 0, "end": 4, "labels": ["Speaker"]}},
        {"id": "b", "type": "labels", "value": {"start": 5, "end": 8, "labels": ["Claim"]}},
        {"type": "relation", "from_id": "a", "to_id": "b", "labels": 7}]}]},
    "relation-labels-object": {"data": {"text": TEXT}, "annotations": [{"result": [
        {"id": "a", "type": "labels", "value": {"start": 0, "end": 4, "labels": ["Speaker"]}},
        {"id": "b", "type": "labels", "value": {"start": 5, "end": 8, "labels": ["Claim"]}},
        {"type": "relation", "from_id": "a", "to_id": "b", "labels": {"x": 1}}]}]},
}


@pytest.mark.parametrize("case", list(LABEL_STUDIO_TYPES))
def test_wrong_json_types_in_label_studio_give_one_sentence(
        filled_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        case: str) -> None:
    bad = tmp_path / f"{case}.json"
    bad.write_text(json.dumps([LABEL_STUDIO_TYPES[case]], ensure_ascii=False), "utf-8")
    refused_import(filled_project, bad, capsys, "has '", 1)


@pytest.mark.parametrize("bad_id", [[1], {"a": 1}])
def test_doccano_ids_that_are_lists_or_objects_give_one_sentence(
        filled_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        bad_id: object) -> None:
    record = {"text": TEXT, "entities": [
        {"id": bad_id, "start_offset": 0, "end_offset": 4, "label": "Speaker"}],
        "relations": []}
    bad = _write(tmp_path / "ids.jsonl", json.dumps(record, ensure_ascii=False))
    refused_import(filled_project, bad, capsys,
                   "has an entity or relation id that is not a number or a string", 1,
                   "--format", "doccano")


def test_a_brat_offset_of_thousands_of_digits_gives_one_sentence(
        filled_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    ann = tmp_path / "b.ann"
    ann.write_text(f"T1\tSpeaker 0 {'9' * 5000}\tx\n", encoding="utf-8")
    refused_import(filled_project, ann, capsys, "has an offset of more than 40 digits", 1)


@pytest.mark.parametrize("content", [DEEP, '{"name": "x", "n": ' + "1" * 5000 + "}",
                                     '{"name": "x", "layers": NaN}'])
def test_a_hostile_schema_file_gives_one_sentence(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str) -> None:
    schema = tmp_path / "schema.json"
    schema.write_text(content, encoding="utf-8")
    status, _, err = run(capsys, "new", str(tmp_path / "p.annot"), "--schema", str(schema))
    assert status == 1
    assert err.startswith(f"annotator: {schema}"), err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "p.annot").exists()


def _source_with(tmp_path: Path, table: str, column: str, value: str) -> Path:
    """A shared copy of a one-span project whose ``table.column`` holds ``value``."""
    source = tmp_path / "source.annot"
    with Project.create(source, analyst="ali") as project:
        text = "یک متن کوتاه 😀"
        doc = project.add_document(Document("", "t", "t.txt", text, text,
                                            ((len(text), len(text)),)))
        speaker = project.add_speaker("سفیر")
        project.add_span(doc.id, 0, 2, "Claim", {"type": "factual", "speaker": speaker.id})
    conn = sqlite3.connect(source)
    where = " WHERE key = 'label_schema'" if table == "meta" else ""
    conn.execute(f"UPDATE {table} SET {column} = ?{where}", (value,))
    conn.commit()
    conn.close()
    return source


@pytest.mark.parametrize(("table", "column"), [
    ("spans", "history"), ("spans", "attrs"), ("speakers", "aliases"),
    ("documents", "metadata"), ("documents", "alignment"), ("meta", "value")])
@pytest.mark.parametrize("value", [DEEP, "[" + "7" * 5000 + "]", '{"a": NaN}'])
def test_hostile_json_fields_of_a_merge_source_never_raise_a_traceback(
        tmp_path: Path, table: str, column: str, value: str) -> None:
    target = tmp_path / "target.annot"
    with Project.create(target, analyst="bita"):
        pass
    try:
        source = _source_with(tmp_path, table, column, value)
    except sqlite3.Error:
        pytest.skip("the column refuses the value itself")
    try:
        merge_files(target, [source], analyst="bita")
    except (RecursionError, TypeError, KeyError) as error:  # pragma: no cover - the break
        pytest.fail(f"merge raised {type(error).__name__}")
    except Exception as error:
        assert isinstance(error, AnnotatorError), repr(error)
    conn = sqlite3.connect(target)
    stored = "".join(repr(row) for table in ("documents", "spans", "speakers", "meta")
                     for row in conn.execute(f"SELECT * FROM {table}"))
    conn.close()
    assert "NaN" not in stored and "7" * 5000 not in stored  # refused, not merged


def test_safe_json_reads_what_json_reads_within_the_limits() -> None:
    from annotator.domain import safe_json

    value = {"a": [1, 2.5, -3, "«ی»", None, True, {"b": []}], "c": "[[[{{{"}
    assert safe_json.loads(json.dumps(value, ensure_ascii=False)) == value
    nested: object = 1
    for _ in range(safe_json.MAX_DEPTH):
        nested = [nested]
    assert safe_json.loads(json.dumps(nested)) == nested
    with pytest.raises(safe_json.UnsafeJSON):
        safe_json.loads(json.dumps([nested]))
    with pytest.raises(safe_json.UnsafeJSON):
        safe_json.dumps({"x": float("nan")})
