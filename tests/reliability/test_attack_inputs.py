"""Issue 16, items 6, 9, 18 and 23: inputs that imported silently wrong, hung, or erred
without naming the file and line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from attack_support import refused_import, run

from annotator.storage.project import Project

CRLF_TEXT = "سفیر گفت:\r\n«ما می‌پردازیم» 😀 و كتاب"


def test_our_jsonl_refuses_a_span_edge_inside_a_crlf_pair(
        filled_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inside = CRLF_TEXT.index("\r\n") + 1  # between the CR and the LF
    record = {"text": CRLF_TEXT, "spans": [{"start": inside, "end": inside + 5,
                                            "label": "Claim"}]}
    bad = tmp_path / "crlf.jsonl"
    bad.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    refused_import(filled_project, bad, capsys, f"has a span [{inside}, {inside + 5})", 1)


def test_our_jsonl_keeps_a_span_that_starts_after_a_crlf_pair(
        filled_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    after = CRLF_TEXT.index("\r\n") + 2
    record = {"text": CRLF_TEXT, "spans": [{"start": after, "end": after + 15,
                                            "label": "Claim"}]}
    good = tmp_path / "crlf.jsonl"
    good.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    status, _, err = run(capsys, "import", str(filled_project), str(good))
    assert status == 0, err
    with Project.open(filled_project, analyst="t", read_only=True) as project:
        [document] = [d for d in project.documents() if "\r\n" in d.raw_text]
        [span] = project.spans(document.id)
        assert document.canonical_text[span.start:span.end] == "«ما می‌پردازیم»"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", ["السلامعليكم", "كتابوقلم", "سلامدنیا", "گفتوگویکوتاه😀"])
def test_utf16_without_mark_or_spaces_is_read_right_or_refused(
        filled_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        encoding: str, text: str) -> None:
    path = tmp_path / "nospace.txt"
    path.write_bytes(text.encode(encoding))
    status, _, err = run(capsys, "import", str(filled_project), str(path))
    if status == 0:
        with Project.open(filled_project, analyst="t", read_only=True) as project:
            [document] = [d for d in project.documents() if d.source == "nospace.txt"]
        assert document.raw_text == text and document.encoding == encoding
    else:
        assert err.startswith(f"annotator: {path}: cannot tell the text encoding"), err


def test_a_status_for_an_analyst_without_a_name_is_refused(
        filled_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "status.jsonl"
    bad.write_text(json.dumps({"text": "یک دو سه", "status": {"": "done"}}) + "\n", "utf-8")
    refused_import(filled_project, bad, capsys, "has a status for an analyst without a name", 1)


def test_an_attribute_without_a_name_is_refused_naming_the_file_and_line(
        filled_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = {"text": "یک دو سه", "spans": [{"start": 0, "end": 2, "label": "Claim",
                                              "attrs": {"": "x"}}]}
    bad = tmp_path / "attr.jsonl"
    bad.write_text("\n" + json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    refused_import(filled_project, bad, capsys,
                   "has a Claim span with an attribute that has no name", 2)


@pytest.mark.parametrize(("name", "content", "line"), [
    ("deep.csv", b"title,text\na,\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85\nb,two\nc,caf\xe9\n", 4),
    ("deep.jsonl", b'{"text": "one"}\n{"text": "two"}\n{"text": "caf\xe9"}\n', 3),
])
def test_a_byte_that_is_not_utf8_deep_in_a_file_names_its_line(
        filled_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str,
        content: bytes, line: int) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    refused_import(filled_project, bad, capsys, "cannot tell the text encoding", line)


def test_a_device_and_a_pipe_are_refused_at_once(filled_project: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    for path in (fifo, zero):
        result = subprocess.run(
            [sys.executable, "-m", "annotator", "--analyst", "t", "import", str(filled_project),
             str(path)], capture_output=True, text=True, timeout=60, check=False)
        assert result.returncode == 1
        assert result.stderr == (f"annotator: {path}: is not a regular file (a device, pipe or "
                                 "socket); import from a file\n")


def test_a_file_that_grows_past_the_limit_while_read_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from annotator.domain.errors import InputError
    from annotator.formats import limits
    from annotator.formats.plain import read_bytes

    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2000)
    monkeypatch.setattr(limits, "MAX_INPUT_BYTES", 1000)  # as if it grew after the stat
    monkeypatch.setattr(limits, "check_input_size", lambda p: None)
    with pytest.raises(InputError, match="over the 0 MiB an import may read at once"):
        read_bytes(path)
