"""Issue 16, items 11, 12, 14, 25 and 26: exports that spreadsheets, Markdown renderers, brat
or file systems would misread, and values standard JSON cannot carry."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from attack_support import run

from annotator.domain.model import Document
from annotator.storage.project import Project

HOSTILE = {
    "heading": "# Injected heading",
    "link": "[click](javascript:alert(1))",
    "image": "<img src=x onerror=alert(1)>",
    "script": "<script>alert(1)</script>",
}
FORMULA = "=HYPERLINK(\"http://x\")"


def _import(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
            *records: dict[str, object]) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    status, _, err = run(capsys, "import", str(project), str(path))
    assert status == 0, err


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "p.annot"
    assert run(capsys, "new", str(path))[0] == 0
    return path


def _raw(path: Path) -> str:
    return path.read_bytes().decode("utf-8")  # no newline translation


def _csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(_raw(path), newline="")))


def test_a_lone_cr_never_splits_a_row_and_never_starts_a_formula(
        project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old_mac = "سفیر گفت:\r«ما می‌پردازیم»\r" + FORMULA + " 😀 و كتاب"
    text = tmp_path / "old-mac.txt"
    text.write_bytes(old_mac.encode("utf-8"))
    assert run(capsys, "import", str(project), str(text))[0] == 0
    with Project.open(project, analyst="tester") as opened:
        [document] = list(opened.documents())
        canonical = document.canonical_text
        for start, end in ((0, 4), (canonical.index("«"), canonical.index("»") + 1),
                           (canonical.index("="), len(canonical))):
            opened.add_span(document.id, start, end, "Claim", {"type": "factual"})
    for offsets in ("original", "canonical"):
        for safe in ((), ("--csv-safe",)):
            out = tmp_path / f"spans-{offsets}-{len(safe)}.csv"
            status, _, err = run(capsys, "export", str(project), "--format", "spans-csv",
                                 "--offsets", offsets, "-o", str(out), *safe)
            assert status == 0, err
            rows = _csv_rows(out)
            assert len(rows) == 4 and {len(row) for row in rows} == {len(rows[0])}, rows
            if offsets == "original":
                assert any("\r" in cell for row in rows for cell in row)
            if safe:
                cells = [cell for row in rows for cell in row]
                assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
            # Every line a reader sees starts a real row or continues a quoted cell.
            assert not [line for line in re.split("\r\n|\r|\n", _raw(out))
                        if line.startswith(FORMULA)]


def test_csv_safe_makes_the_header_row_inert(
        project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _import(project, tmp_path, capsys, {"text": "یک دو سه چهار", "spans": [
        {"start": 0, "end": 2, "label": "Claim",
         "attrs": {"=cmd|' /C calc'!A0": "x", "@SUM(1)": "y", "+1": "z"}}]})
    out = tmp_path / "spans.csv"
    status, _, err = run(capsys, "export", str(project), "--format", "spans-csv", "-o",
                         str(out), "--csv-safe")
    assert status == 0, err
    header = _csv_rows(out)[0]
    assert "'=cmd|' /C calc'!A0" in header
    assert not [name for name in header if name[:1] in ("=", "+", "-", "@")]


def test_the_dataset_card_shows_hostile_names_as_plain_text(
        project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spans = [{"start": 0, "end": 2, "label": label, "annotator": name}
             for label, name in zip(HOSTILE.values(), reversed(HOSTILE.values()), strict=True)]
    _import(project, tmp_path, capsys, {"text": "یک دو سه چهار", "spans": spans})
    with Project.open(project, analyst="tester") as opened:
        speaker = opened.add_speaker(HOSTILE["script"] + " " + HOSTILE["link"])
        doc = next(opened.documents())
        opened.add_span(doc.id, 3, 5, "Claim", {"type": "factual", "speaker": speaker.id})
    out = tmp_path / "[x](javascript:alert(1)) <img src=x onerror=1>.jsonl"
    status, _, err = run(capsys, "export", str(project), "--format", "spans-jsonl", "-o",
                         str(out))
    assert status == 0, err
    card = Path(f"{out}.README.md").read_text(encoding="utf-8")
    # The YAML front matter is data; fenced code and code spans are shown as typed, never
    # interpreted: what is left is what a Markdown renderer interprets.
    body = re.sub(r"\A---\n.*?\n---\n", "", card, flags=re.DOTALL)
    body = re.sub(r"```.*?```", "", body, flags=re.DOTALL)
    body = re.sub(r"(`+).+?\1", "", body)
    assert "<script" not in body and "<img" not in body
    assert not re.search(r"(?<!\\)\]\(javascript:", body)  # an unescaped link
    headings = [line for line in body.splitlines() if line.startswith("#")]
    assert all(line.startswith(("# Dataset card", "## ")) for line in headings), headings
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_nan_and_infinity_are_never_exported(
        project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "یک دو سه"
    with Project.open(project, analyst="tester") as opened:
        opened.add_document(Document("", "t", "t.txt", text, text, ((len(text), len(text)),),
                                     metadata={"score": float("nan"), "top": float("inf")}))
    for fmt in ("jsonl", "doccano", "label-studio"):
        out = tmp_path / f"out.{fmt}"
        status, _, err = run(capsys, "export", str(project), "--format", fmt, "-o", str(out))
        assert status == 1
        assert err.startswith(f"annotator: {project}: document ") and "NaN or Infinity" in err
        assert not out.exists() and not list(tmp_path.glob(".out.*"))


def test_brat_export_of_spaced_names_and_device_ids_reimports(
        project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = [{"id": doc_id, "text": f"متن {n} سفیر گفت که ما می‌پردازیم 😀",
                "spans": [{"id": f"{doc_id}-a", "start": 0, "end": 3, "label": "My Label",
                           "attrs": {"my attr": "a value"}},
                          {"id": f"{doc_id}-b", "start": 6, "end": 10, "label": "Speaker"}],
                "relations": [{"from": f"{doc_id}-a", "to": f"{doc_id}-b",
                               "type": "said by"}]}
               for n, doc_id in enumerate(["CON", "nul.txt", "COM1", "Doc1", "doc1", "x y"])]
    _import(project, tmp_path, capsys, *records)
    out = tmp_path / "brat"
    status, _, err = run(capsys, "export", str(project), "--format", "brat", "-o", str(out))
    assert status == 0, err
    stems = [p.stem for p in out.glob("*.txt")]
    assert len(stems) == 6 and len({s.lower() for s in stems}) == 6
    devices = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
    assert not [s for s in stems if devices.match(s)]
    again = tmp_path / "again.annot"
    assert run(capsys, "new", str(again))[0] == 0
    status, _, err = run(capsys, "import", str(again), str(out), "--format", "brat")
    assert status == 0, err
    with Project.open(again, analyst="t", read_only=True) as opened:
        labels = {s.label for d in opened.documents() for s in opened.spans(d.id)}
        types = {r.type for d in opened.documents() for r in opened.relations(d.id)}
    assert labels == {"My Label", "Speaker"} and types == {"said by"}
