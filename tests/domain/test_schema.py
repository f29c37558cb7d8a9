from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.domain.errors import InvariantError
from annotator.domain.schema import Attribute, LabelSchema, Layer, interview_schema


def test_interview_schema_is_the_design_cards() -> None:
    schema = interview_schema()
    assert schema.label_names == ("Speaker", "Turn", "Claim", "Stance")
    claim = schema.layer("Claim")
    assert claim is not None
    assert [a.name for a in claim.attributes] == ["speaker", "type", "checkworthy", "quote"]
    assert claim.attributes[1].values == ("factual", "opinion", "prediction", "commitment",
                                          "other")
    stance = schema.layer("Stance")
    assert stance is not None
    assert [(a.name, a.kind) for a in stance.attributes] == [
        ("holder", "speaker"), ("target", "text"), ("polarity", "choice")]
    assert [r.name for r in schema.relations] == ["attributed_to", "about"]


def test_schema_json_round_trip() -> None:
    schema = interview_schema()
    assert LabelSchema.from_json(json.loads(json.dumps(schema.to_json()))) == schema


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        (LabelSchema("x", ()), "no layers"),
        (LabelSchema("x", (Layer("A", "#fff"),)), "colour"),
        (LabelSchema("x", (Layer("A", "#ffffff", "a"), Layer("A", "#000000"))), "twice"),
        (LabelSchema("x", (Layer("A", "#ffffff", "a"), Layer("B", "#000000", "a"))), "shortcut"),
        (LabelSchema("x", (Layer("A", "#ffffff", "", (Attribute("k", "choice"),)),)), "no values"),
    ],
)
def test_bad_schemas_are_refused(schema: LabelSchema, message: str) -> None:
    with pytest.raises(InvariantError, match=message):
        schema.validate()


def test_new_project_with_a_schema_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    custom = LabelSchema("events", (Layer("Event", "#ff0000", "e",
                                          (Attribute("kind", "choice", ("strike", "talk")),)),))
    path = tmp_path / "events.json"
    path.write_text(json.dumps(custom.to_json()), encoding="utf-8")
    project = tmp_path / "p.annot"
    assert main(["new", str(project), "--schema", str(path)]) == 0
    capsys.readouterr()
    assert main(["stats", str(project), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["labels"] == {"Event": 0}
    path.write_text('{"layers": [{"name": "A", "color": "red"}]}', encoding="utf-8")
    assert main(["new", str(tmp_path / "q.annot"), "--schema", str(path)]) == 1
    assert "events.json: the layer 'A' has colour 'red'" in capsys.readouterr().err
    assert not (tmp_path / "q.annot").exists()
