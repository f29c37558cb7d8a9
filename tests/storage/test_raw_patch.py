"""Schema 10: a raw text that differs from its canonical text only by folded letters is stored
as a patch (storage.raw_patch), read back exactly; check and merge refuse a patch that does
not fit; an import hashes each text once."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.domain import model
from annotator.domain.errors import InvariantError
from annotator.formats.exporting import ExportOptions, export_project
from annotator.storage.checks import check_project
from annotator.storage.merging import merge_files
from annotator.storage.project import Project
from annotator.storage.raw_patch import MalformedPatch, patched_raw, raw_from_stored, stored_raw
from annotator.text import canonicalize
from tests.storage.stored_files import column_by_title, import_texts

ZWNJ = "\u200c"
TEXTS = {"folded": "علي و كتاب ٣ 😀", "crlf": "خط اول\r\nعلي", "plain": f"کتاب{ZWNJ}ها",
         "bom": "\ufeffعلي\ufeffك", "control": "علي\x07ك"}
RAW = {**TEXTS, "bom": TEXTS["bom"][1:]}  # decoding drops a leading BOM
# Folded letters, their folds, ZWNJ, CRLF, BOM, controls, emoji, a presentation form, a
# ligature that stays, a combining accent (NFC), ASCII.
PIECES = ["ي", "ك", "ی", "ک", ZWNJ, "\r\n", "\n", "\ufeff", "\x00", "\x07", "😀", "👍🏽", "٣",
          "ﻙ", "ﻻ", "e\u0301", "a", " ", "ة"]


def typeofs(path: Path) -> dict[str, object]:
    return column_by_title(path, "typeof(raw_text)")


def tamper(path: Path, sql: str, *parameters: object) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql, parameters)
    conn.commit()
    conn.close()


def test_a_folded_raw_text_is_stored_as_a_patch_and_read_back_exactly(tmp_path: Path) -> None:
    path = tmp_path / "p.annot"
    with Project.create(path, analyst="a") as project:
        ids = import_texts(project, tmp_path, TEXTS)
        assert {d.title: d.raw_text for d in project.documents()} == RAW
        assert check_project(project) == []
        project.add_span(ids["folded"], 6, 10, "Speaker")
        out = tmp_path / "spans.jsonl"
        export_project(project, out, ExportOptions(format="spans-jsonl", offsets="original"))
    assert typeofs(path) == {"folded": "blob", "crlf": "text", "plain": "null", "bom": "blob",
                             "control": "text"}
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert (record["start"], record["end"], record["text"]) == (6, 10, "كتاب")
    conn = sqlite3.connect(path)  # older programs would misread a patch: they must refuse
    assert conn.execute("SELECT value FROM meta WHERE key = 'min_reader_version'"
                        ).fetchone() == ("10",)
    conn.close()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_raw_stored_raw_round_trips_through_canonicalization(pieces: list[str]) -> None:
    raw = "".join(pieces)
    canonical = canonicalize(raw, "letters")
    n = len(canonical.text)
    identity = len(raw) == n and canonical.alignment.segments == (((n, n),) if n else ())
    stored = stored_raw(raw, canonical.text, identity)
    assert raw_from_stored(stored, canonical.text) == raw
    assert (stored is None) == (raw == canonical.text)
    if isinstance(stored, bytes):
        assert identity and len(stored) < len(raw.encode("utf-8")) + 40


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40), st.data())
def test_any_same_length_pair_round_trips(pieces: list[str], data: Any) -> None:
    canonical = "".join(pieces)
    raw = list(canonical)
    for at in data.draw(st.lists(st.integers(0, len(canonical) - 1), max_size=8)):
        raw[at] = data.draw(st.sampled_from(["ي", "ك", "ی", "٣", "ﻙ", "x"]))
    text = "".join(raw)
    assert raw_from_stored(stored_raw(text, canonical, True), canonical) == text


@pytest.mark.parametrize("patch", [b"\xff", b"[]", b"{}", b'{"ab":[1]}', b'{"\xd9\x8a":[99]}',
                                   b'{"\xd9\x8a":[1,0]}', b'{"\xd9\x8a":[-1]}',
                                   b'{"\xd9\x8a":[true]}', '{"ی":[0]}'.encode()])
def test_a_patch_that_does_not_fit_is_malformed(patch: bytes) -> None:
    with pytest.raises(MalformedPatch):
        patched_raw("یک", patch)


def test_check_document_and_merge_refuse_a_patch_that_does_not_fit(tmp_path: Path) -> None:
    lead, copy = tmp_path / "lead.annot", tmp_path / "copy.annot"
    Project.create(lead, analyst="lead").close()
    with Project.create(copy, analyst="ali") as project:
        ids = import_texts(project, tmp_path, TEXTS)
    tamper(copy, "UPDATE documents SET raw_text = ? WHERE id = ?", b'{"x":[999]}', ids["folded"])
    with Project.open(copy, analyst="ali") as project:
        assert check_project(project) == [
            f"document {ids['folded']}: the raw text patch does not fit the canonical text"]
        with pytest.raises(InvariantError, match="raw text patch"):
            project.document(ids["folded"])
    tamper(copy, "PRAGMA journal_mode = DELETE")
    report = merge_files(lead, [copy], analyst="lead")
    assert report.documents.refused == 1 and "raw text patch" in report.refusals[0].reason
    with Project.open(lead, analyst="lead") as project:
        assert {d.title for d in project.documents()} == set(TEXTS) - {"folded"}


def test_a_sound_patch_merges_and_reads_back(tmp_path: Path) -> None:
    lead, copy = tmp_path / "lead.annot", tmp_path / "copy.annot"
    Project.create(lead, analyst="lead").close()
    with Project.create(copy, analyst="ali") as project:
        import_texts(project, tmp_path, TEXTS)
    tamper(copy, "PRAGMA journal_mode = DELETE")
    report = merge_files(lead, [copy], analyst="lead")
    assert report.documents.refused == 0
    with Project.open(lead, analyst="lead") as project:
        assert {d.title: d.raw_text for d in project.documents()} == RAW
        assert check_project(project) == []
    assert typeofs(lead)["folded"] == "blob"


def test_an_import_hashes_each_text_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                         ) -> None:
    hashed: list[bytes] = []
    real = model.hashlib.sha256

    class Counting:
        @staticmethod
        def sha256(data: bytes) -> Any:
            hashed.append(data)
            return real(data)

    with Project.create(tmp_path / "p.annot", analyst="a") as project:
        monkeypatch.setattr(model, "hashlib", Counting)
        import_texts(project, tmp_path, TEXTS)
        monkeypatch.undo()
        canonical = sorted(d.canonical_text.encode() for d in project.documents())
    assert sorted(hashed) == canonical
