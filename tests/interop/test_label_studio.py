"""Label Studio's own converter reads our export, config and all; its JSON-MIN imports back."""

from __future__ import annotations

import json
from pathlib import Path

from label_studio_converter import Converter
from label_studio_converter.utils import parse_config

from annotator.cli import main
from annotator.storage.project import Project


def utf16_slice(text: str, start: int, end: int) -> str:
    return text.encode("utf-16-le")[2 * start:2 * end].decode("utf-16-le")


def spans_by_text(path: Path) -> set[tuple[str, str, str, int]]:
    with Project.open(path, analyst="tester", read_only=True) as project:
        return {(s.label, project.document(s.doc_id).canonical_text[s.start:s.end], s.author,
                 s.start)
                for doc in project.documents() for s in project.spans(doc.id)}


def test_the_converter_reads_every_region_at_its_text(peers_project: Path, tmp_path: Path
                                                       ) -> None:
    out = tmp_path / "tasks.json"
    assert main(["export", str(peers_project), "--format", "label-studio", "-o", str(out)]) == 0
    config = (tmp_path / "label_config.xml").read_text(encoding="utf-8")
    schema = parse_config(config)
    assert schema["label"]["type"] == "Labels" and schema["label"]["to_name"] == ["text"]
    assert set(schema["label"]["labels"]) == {"Speaker", "Turn", "Claim", "Stance"}
    assert schema["type"]["type"] == "Choices" and "commitment" in schema["type"]["labels"]
    assert schema["target"]["type"] == "TextArea"
    converter = Converter(config=config, project_dir=str(tmp_path), download_resources=False)
    items = list(converter.iter_from_json_file(str(out)))
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert len({task["id"] for task in tasks}) == 2
    assert all(isinstance(task["id"], int) for task in tasks)
    seen = set()
    for item in items:
        text = item["input"]["text"]
        assert isinstance(item["completed_by"], int)
        for region in item["output"]["label"]:
            assert utf16_slice(text, region["start"], region["end"]) == region["text"]
            seen.add((region["labels"][0], region["text"]))
        for choice in item["output"].get("type", []):
            assert choice["choices"][0] in {"commitment", "opinion", "factual", "prediction"}
    assert seen == {(label, text) for label, text, _, _ in spans_by_text(peers_project)}
    # Exporting again gives every task and annotation the same integer ids.
    again = tmp_path / "again.json"
    main(["export", str(peers_project), "--format", "label-studio", "-o", str(again)])
    assert [(t["id"], [a["id"] for a in t["annotations"]]) for t in tasks] == [
        (t["id"], [a["id"] for a in t["annotations"]])
        for t in json.loads(again.read_text(encoding="utf-8"))]


def test_the_converters_json_min_imports_exactly(peers_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "tasks.json"
    main(["export", str(peers_project), "--format", "label-studio", "-o", str(out)])
    converter = Converter(config=str(tmp_path / "label_config.xml"), project_dir=str(tmp_path),
                          download_resources=False)
    converter.convert_to_json_min(str(out), str(tmp_path / "min"), is_dir=False)
    minimal = tmp_path / "min" / "result.json"
    target = tmp_path / "from-min.annot"
    assert main(["new", str(target)]) == 0
    assert main(["--analyst", "importer", "import", str(target), str(minimal),
                 "--format", "label-studio"]) == 0
    expected = {(label, text) for label, text, _, _ in spans_by_text(peers_project)}
    assert {(label, text) for label, text, _, _ in spans_by_text(target)} == expected


def test_suggestions_become_predictions_at_their_text(peers_project: Path, tmp_path: Path
                                                      ) -> None:
    out = tmp_path / "tasks.json"
    assert main(["export", str(peers_project), "--format", "label-studio", "-o", str(out),
                 "--with-suggestions"]) == 0
    tasks = json.loads(out.read_text(encoding="utf-8"))
    predicted = [(task["data"]["text"], result) for task in tasks
                 for prediction in task["predictions"] for result in prediction["result"]
                 if result["type"] == "labels"]
    assert predicted, "the rules suggest something in these texts"
    for text, result in predicted:
        value = result["value"]
        assert utf16_slice(text, value["start"], value["end"]) == value["text"]
        assert result["origin"] == "prediction"


def test_a_task_with_its_text_under_another_key(tmp_path: Path) -> None:
    text = "خبر 😀: «علي» گفت.\r\nپایان"
    start = text.index("علي")
    units = len(text[:start].encode("utf-16-le")) // 2
    source = tmp_path / "body.json"
    source.write_text(json.dumps([{"id": 3, "data": {"body": text, "headline": "h"},
                                   "annotations": [{"completed_by": 2, "result": [
                                       {"id": "a1", "from_name": "ner", "to_name": "body",
                                        "type": "labels", "value": {
                                            "start": units, "end": units + 3, "text": "علي",
                                            "labels": ["Speaker"]}}]}]}], ensure_ascii=False),
                      encoding="utf-8")
    target = tmp_path / "p.annot"
    main(["new", str(target)])
    assert main(["import", str(target), str(source), "--text-key", "body"]) == 0
    [(label, found, author, _)] = spans_by_text(target)
    assert (label, found, author) == ("Speaker", "علی", "label-studio user 2")
