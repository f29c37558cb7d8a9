"""A brat standoff reader (pybrat) and brat's own rules read our brat exports exactly."""

from __future__ import annotations

import re
from pathlib import Path

from pybrat.parser import BratParser

from annotator.cli import main
from annotator.storage.project import Project


def conf_sections(path: Path) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections[current] = []
        elif line.strip():
            sections[current].append(line)
    return sections


def test_pybrat_reads_every_entity_at_its_text(peers_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "brat"
    assert main(["export", str(peers_project), "--format", "brat", "-o", str(out)]) == 0
    examples = BratParser(error="raise").parse(str(out))
    assert len(examples) == 2
    for example in examples:
        for entity in example.entities:
            [span] = entity.spans  # canonical text: LF line ends, no span crosses one here
            assert example.text[span.start:span.end] == entity.mention
        assert {r.type for r in example.relations} <= {"attributed_to", "about"}
    labels = sorted(e.type for example in examples for e in example.entities)
    with Project.open(peers_project, analyst="tester", read_only=True) as project:
        assert labels == sorted(s.label for d in project.documents() for s in project.spans(d.id))


def test_attributes_follow_brats_rules_and_overlap_is_declared(peers_project: Path,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "brat"
    main(["export", str(peers_project), "--format", "brat", "-o", str(out),
          "--offsets", "original"])
    conf = conf_sections(out / "annotation.conf")
    assert any(line.startswith("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>")
               for line in conf["relations"])
    declared = {}
    for line in conf["attributes"]:
        name, _, rest = line.partition("\t")
        declared[name] = set(re.search(r"Value:(.*)$", rest).group(1).split("|"))
    notes = []
    for ann in out.glob("*.ann"):
        # brat reads the .txt as bytes decoded, without newline translation: CRLF counts 2.
        text = ann.with_suffix(".txt").read_bytes().decode("utf-8")
        for line in ann.read_text(encoding="utf-8").splitlines():
            key, _, rest = line.split("\t", 2)[0], None, line.split("\t")[1:]
            if key.startswith("T"):
                head, quoted = rest
                pieces = [tuple(map(int, p.split())) for p in head.split(" ", 1)[1].split(";")]
                assert " ".join(text[a:b] for a, b in pieces).replace("\r", " ").replace(
                    "\n", " ") == quoted
            elif key.startswith("A"):
                parts = rest[0].split(" ")
                if len(parts) == 3:  # a valued attribute: one of its declared values
                    assert parts[2] in declared[parts[0]]
            elif key.startswith("#"):
                assert rest[0].startswith("AnnotatorNotes T")
                notes.append(rest[1])
    assert "target: طرح «نو»" in notes and "speaker: کاظم جلالی" in notes


def test_document_ids_and_free_text_come_back(peers_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "brat"
    main(["export", str(peers_project), "--format", "brat", "-o", str(out),
          "--offsets", "original"])
    target = tmp_path / "back.annot"
    main(["new", str(target)])
    assert main(["import", str(target), str(out)]) == 0

    def marks(path: Path) -> set[tuple[str, str, int, int, str, str]]:
        with Project.open(path, analyst="tester", read_only=True) as project:
            names = {s.id: s.name for s in project.speakers()}
            return {(d.id, s.label, s.start, s.end, s.attrs.get("target", ""),
                     names.get(s.attrs.get("speaker", ""), ""))
                    for d in project.documents() for s in project.spans(d.id)}

    assert marks(target) == marks(peers_project)
    assert "news/۱ الف" in {doc_id for doc_id, *_ in marks(target)}
