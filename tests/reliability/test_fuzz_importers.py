"""Every importer, fed arbitrary bytes, mixed Persian/RTL/emoji text and near-valid records:
only our own ``AnnotatorError`` types come out; a refused file changes nothing and an
accepted one leaves a project with no fault. New formats join through ``IMPORT_FORMATS``."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_support import FUZZ_EXAMPLES, table_digest

from annotator.domain.errors import AnnotatorError
from annotator.formats.importing import IMPORT_FORMATS, import_files
from annotator.storage.checks import check_project
from annotator.storage.project import Project

FORMATS = [f for f in IMPORT_FORMATS if f != "auto"]
COUNTS: dict[str, int] = {}  # inputs tried per test, for the README's numbers

SPECIAL = list(
    "سلامدنیاپچژگکیيكىۀةأإؤئ۰۱۲٠١٢"  # Persian, Arabic variants, both digit sets
    "\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # bidi
    "😀🇮🇷👍🏽👨‍👩‍👧\U0001f9d1\ufeff\ufffd"  # emoji: astral, flags, modifiers, ZWJ
    " \t\n\r\x85\u2028\u2029\x00\x01\x7f,;\"'{}[]:\\«»،؛؟"
)
# Characters UTF-8 can hold; lone surrogates reach the JSONL importer as \ud800 escapes.
TEXT = st.text(alphabet=st.one_of(st.sampled_from(SPECIAL), st.characters(codec="utf-8")),
               max_size=200)
LABELS = st.sampled_from(["Claim", "Speaker", "Stance", "Turn", "برچسب تازه", "", "x\u200f",
                          "Claim", "Speaker"])
SMALL = st.integers(min_value=-3, max_value=60)


def _jsonl_record(text: str, spans: list[tuple[int, int, str, str | None]],
                  extra: dict[str, object]) -> str:
    record: dict[str, object] = {"text": text, **extra}
    record["spans"] = [{"start": s, "end": e, "label": label,
                        **({"text": quoted} if quoted is not None else {})}
                       for s, e, label, quoted in spans]
    lone_surrogate = "\ud800" <= text[-1:] <= "\udfff"
    return json.dumps(record, ensure_ascii=bool(len(text) % 2) or lone_surrogate)


EXTRA = st.dictionaries(st.sampled_from(["id", "title", "status", "speakers", "relations",
                                         "metadata", "source"]),
                        st.one_of(TEXT, st.integers(), st.lists(TEXT, max_size=2),
                                  st.dictionaries(TEXT, TEXT, max_size=2)), max_size=3)


@st.composite
def _span(draw: st.DrawFn, text: str) -> tuple[int, int, str, str | None]:
    """Mostly a span inside ``text`` quoting it right; sometimes out of bounds or misquoted."""
    if draw(st.integers(0, 4)) == 0 or len(text) < 1:
        return draw(st.tuples(SMALL, SMALL, LABELS, st.one_of(st.none(), TEXT)))
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    quoted = draw(st.sampled_from([None, text[start:end], text[start:end] + "!"]))
    return start, end, draw(LABELS), quoted


@st.composite
def structured(draw: st.DrawFn, fmt: str) -> bytes:
    """A file that is nearly what the format expects, so the deeper checks run."""
    if fmt == "jsonl":
        lines = []
        for _ in range(draw(st.integers(1, 3))):
            text = draw(TEXT) + draw(st.sampled_from(["", "", "", "\ud800", "\udfff"]))
            spans = draw(st.lists(_span(text), max_size=3))
            lines.append(_jsonl_record(text, spans, draw(st.one_of(st.just({}), EXTRA))))
        return "\n".join(lines).encode()
    if fmt == "csv":
        header = ["text", *draw(st.lists(st.sampled_from(["title", "id", "منبع", "text "]),
                                         max_size=3))]
        header = draw(st.permutations(header))
        rows = draw(st.lists(st.lists(TEXT, min_size=len(header), max_size=len(header) + 1),
                             max_size=4))
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
        return out.getvalue().encode()
    return draw(TEXT).encode()


def inputs(fmt: str) -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.binary(max_size=600),
        TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
        TEXT.map(lambda t: t.encode("utf-16", "surrogatepass")),
        structured(fmt),
    )


def _fuzz(project: Project, folder: Path, fmt: str, data: bytes, name: str) -> None:
    path = folder / f"input.{fmt}"
    path.write_bytes(data)
    before = table_digest(project.conn)
    COUNTS[name] = COUNTS.get(name, 0) + 1
    try:
        import_files(project, [path], fmt=fmt)
    except AnnotatorError as error:
        assert str(path) in str(error) or error.path is None, error
        assert "\n" not in error.message.strip()
        assert table_digest(project.conn) == before
        return
    assert check_project(project) == []
    COUNTS[f"{name} imported"] = COUNTS.get(f"{name} imported", 0) + 1


FUZZ_SETTINGS = settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None,
                         derandomize="ANNOTATOR_FUZZ_EXAMPLES" not in os.environ,
                         suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_importer_raises_only_our_errors(tmp_path: Path, fmt: str) -> None:
    with Project.create(tmp_path / "fuzz.annot", analyst="fuzzer") as project:

        @FUZZ_SETTINGS
        @given(data=inputs(fmt))
        def run(data: bytes) -> None:
            with tempfile.TemporaryDirectory(dir=tmp_path) as folder:
                _fuzz(project, Path(folder), fmt, data, fmt)

        run()
    print(f"{fmt}: {COUNTS.get(fmt, 0)} inputs tried, {COUNTS.get(f'{fmt} imported', 0)} imported")


def test_the_hazm_level_raises_only_our_errors(tmp_path: Path) -> None:
    with Project.create(tmp_path / "fuzz.annot", analyst="fuzzer",
                        normalization="hazm") as project:

        @settings(FUZZ_SETTINGS, max_examples=max(10, FUZZ_EXAMPLES // 3))
        @given(data=TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")))
        def run(data: bytes) -> None:
            with tempfile.TemporaryDirectory(dir=tmp_path) as folder:
                _fuzz(project, Path(folder), "txt", data, "txt-hazm")

        run()
