"""The export and import commands for every format, as scripts call them."""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import pytest

from annotator.cli import build_parser, main
from annotator.formats.exporting import EXPORT_FORMATS
from annotator.formats.importing import IMPORT_FORMATS

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "interview-fa.txt"


def choices(command: str) -> tuple[str, ...]:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    option = next(a for a in subparsers.choices[command]._actions if a.dest == "format")
    return tuple(option.choices or ())


def test_format_choices_come_from_the_library_tuples() -> None:
    assert choices("export") == EXPORT_FORMATS
    assert choices("import") == IMPORT_FORMATS
    assert {"claims-csv", "stance-csv", "conll", "doccano", "label-studio", "brat"} <= set(
        EXPORT_FORMATS)
    assert {"doccano", "label-studio", "brat"} <= set(IMPORT_FORMATS)


@pytest.fixture
def sample_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    project = tmp_path / "p.annot"
    assert main(["new", str(project)]) == 0
    assert main(["import", str(project), str(SAMPLE)]) == 0
    spans = tmp_path / "spans.jsonl"
    text = SAMPLE.read_text(encoding="utf-8")
    records = [{"text": f"{text}\nنسخه {n}", "status": {"a": "done"}, "spans": [
        {"start": 0, "end": 10, "label": "Claim", "attrs": {"type": "factual"}}]}
        for n in range(9)]
    spans.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                     encoding="utf-8")
    assert main(["import", str(project), str(spans)]) == 0
    capsys.readouterr()
    return project


def test_split_export_writes_one_file_per_split_and_a_card(
        sample_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "claims.csv"
    assert main(["export", str(sample_project), "--format", "claims-csv", "-o", str(out),
                 "--split", "80/10/10", "--seed", "3", "--status", "any"]) == 0
    said = capsys.readouterr().out
    assert "claims/train.csv" in said and "claims/README.md" in said
    counts = []
    for part in ("train", "validation", "test"):
        with (tmp_path / "claims" / f"{part}.csv").open(encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream))
        counts.append(len({row["doc_id"] for row in rows}))
    assert counts == [8, 1, 1]
    card = (tmp_path / "claims" / "README.md").read_text(encoding="utf-8")
    assert "| split | 80/10/10 |" in card and "| seed | 3 |" in card
    assert not out.exists()


def test_brat_export_is_a_folder_with_its_card(sample_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "brat"
    assert main(["export", str(sample_project), "--format", "brat", "-o", str(out)]) == 0
    suffixes = [p.suffix for p in out.iterdir()]
    assert suffixes.count(".txt") == suffixes.count(".ann") == 10
    assert (out / "README.md").is_file() and (out / "annotation.conf").is_file()


def test_brat_export_refuses_a_folder_with_files_in_it(
        sample_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "brat"
    out.mkdir()
    (out / "keep.txt").write_text("مال کس دیگر", encoding="utf-8")
    assert main(["export", str(sample_project), "--format", "brat", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not an empty folder" in err and str(out) in err
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("split", ["80/10", "1/2/3/94", "eighty"])
def test_bad_split_is_one_line(sample_project: Path, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str], split: str) -> None:
    assert main(["export", str(sample_project), "--format", "jsonl", "-o",
                 str(tmp_path / "o.jsonl"), "--split", split]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--split" in err
    assert not list(tmp_path.glob("o.*"))


def test_a_split_brat_export_imports_back_whole(sample_project: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "brat"
    assert main(["export", str(sample_project), "--format", "brat", "-o", str(out),
                 "--split", "60/20/20"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["README.md", "test", "train", "validation"]
    assert len(list((out / "train").glob("*.ann"))) == 6
    other = tmp_path / "other.annot"
    assert main(["new", str(other)]) == 0
    capsys.readouterr()
    assert main(["import", str(other), str(out)]) == 0
    assert "Imported 10 document(s) and 9 span(s)" in capsys.readouterr().out


def test_exports_import_back_by_extension(sample_project: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(sample_project), "--format", "label-studio", "-o",
                 str(tmp_path / "tasks.json")]) == 0
    assert main(["export", str(sample_project), "--format", "brat", "-o",
                 str(tmp_path / "brat")]) == 0
    for source in ("tasks.json", "brat"):
        other = tmp_path / f"{source}.annot"
        assert main(["new", str(other)]) == 0
        capsys.readouterr()
        assert main(["import", str(other), str(tmp_path / source)]) == 0
        assert "Imported 10 document(s) and 9 span(s)" in capsys.readouterr().out
