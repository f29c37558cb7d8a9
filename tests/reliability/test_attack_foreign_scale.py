"""Issue 16, item 28: the doccano, Label Studio and brat importers are linear in the spans of
one document (40,000 spans in one document took 84 s).

Time on a shared machine is noise, so the guard counts work instead: every Python function,
generator step and built-in call the reader makes (``sys.setprofile``), at 1,000 and at 4,000
spans. Linear work grows four times; the quadratic reader grew about ten times, and more the
larger the document. ``make bench`` (bench/bench_foreign.py) times the 40,000-span document.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from annotator.formats.brat import read_brat
from annotator.formats.doccano import read_doccano
from annotator.formats.labelstudio import read_label_studio
from annotator.formats.records import ImportedDocument
from annotator.text import Utf16Index
from annotator.text.units import UnitIndex

# Our own words: ZWNJ-joined, Arabic ي and ك, an emoji outside the BMP (two UTF-16 units).
WORDS = ("گفت", "می\u200cخواهد", "كتاب", "يك", "😀", "خانه\u200cها", "وزیر", "پاسخ")
PLAIN_WORDS = tuple(word for word in WORDS if word.isalpha() or "\u200c" in word)
DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
SMALL, LARGE = 1_000, 4_000
Reader = Callable[[Path], list[ImportedDocument]]


def words(count: int, *, numbered: bool = True, vocabulary: tuple[str, ...] = WORDS
          ) -> list[str]:
    """``count`` words; ``numbered``: each ends in its number (Persian digits), so no word
    occurs twice and no span can be read at another occurrence of its text."""
    return [vocabulary[n % len(vocabulary)] + (str(n).translate(DIGITS) if numbered else "")
            for n in range(count)]


def words_text(count: int, **options: Any) -> tuple[str, list[tuple[int, int]]]:
    """A text of ``count`` words (a CRLF after every 40th) and each word's ``(start, end)``
    in code points."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    at = 0
    for n, word in enumerate(words(count, **options)):
        spans.append((at, at + len(word)))
        gap = "\r\n" if n % 40 == 39 else " "
        parts += [word, gap]
        at += len(word) + len(gap)
    return "".join(parts), spans


def doccano_labels(folder: Path, count: int) -> Path:
    """doccano's own shape, offsets in UTF-16 code units (what doccano writes)."""
    text, spans = words_text(count)
    units = Utf16Index(text)
    labels = [[units.to_qt_position(s), units.to_qt_position(e), "Claim"] for s, e in spans]
    path = folder / f"labels-{count}.jsonl"
    path.write_text(json.dumps({"text": text, "label": labels}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    return path


def doccano_graphemes(folder: Path, count: int) -> Path:
    """Entities with their text whose offsets count grapheme clusters, imported with the
    default unit (UTF-16): every span is read in a unit other than the one given."""
    text, spans = words_text(count)
    clusters = UnitIndex(text, "graphemes")
    entities = [{"id": n, "label": "Claim", "start_offset": clusters.to_unit(s),
                 "end_offset": clusters.to_unit(e, end=True), "text": text[s:e]}
                for n, (s, e) in enumerate(spans)]
    path = folder / f"graphemes-{count}.jsonl"
    record = {"text": text, "entities": entities, "relations": []}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def label_studio(folder: Path, count: int) -> Path:
    """A task with one region per word, offsets in UTF-16 code units (Label Studio's)."""
    text, spans = words_text(count)
    units = Utf16Index(text)
    return _task(folder / f"tasks-{count}.json", text, [
        (units.to_qt_position(s), units.to_qt_position(e), text[s:e]) for s, e in spans])


def label_studio_moved(folder: Path, count: int) -> Path:
    """Every region three characters off its text, which occurs every eighth word: each is
    placed at the nearest occurrence of its text."""
    text, spans = words_text(count, numbered=False, vocabulary=PLAIN_WORDS)
    return _task(folder / f"moved-{count}.json", text,
                 [(s + 3, e + 3, text[s:e]) for s, e in spans])


def _task(path: Path, text: str, regions: list[tuple[int, int, str]]) -> Path:
    result = [{"id": f"r{n}", "from_name": "label", "to_name": "text", "type": "labels",
               "value": {"start": start, "end": end, "text": quoted, "labels": ["Claim"]}}
              for n, (start, end, quoted) in enumerate(regions)]
    task = {"data": {"text": text}, "annotations": [{"completed_by": 1, "result": result}]}
    path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    return path


def brat(folder: Path, count: int) -> Path:
    text, spans = words_text(count)
    (folder / f"doc-{count}.txt").write_text(text, encoding="utf-8", newline="")
    lines = [f"T{n}\tClaim {s} {e}\t{text[s:e]}\n" for n, (s, e) in enumerate(spans, start=1)]
    ann = folder / f"doc-{count}.ann"
    ann.write_text("".join(lines), encoding="utf-8")
    return ann


CASES: dict[str, tuple[Callable[[Path, int], Path], Reader]] = {
    "doccano": (doccano_labels, lambda path: read_doccano(path, "letters")),
    "doccano graphemes": (doccano_graphemes, lambda path: read_doccano(path, "letters")),
    "label-studio": (label_studio, lambda path: read_label_studio(path, "letters")),
    "label-studio moved": (label_studio_moved, lambda path: read_label_studio(path, "letters")),
    "brat": (brat, lambda path: read_brat(path, "letters")),
}


def counted(read: Reader, path: Path) -> tuple[int, list[ImportedDocument]]:
    """How many calls (Python functions, generator steps, built-ins) ``read(path)`` makes."""
    calls = 0

    def profile(_frame: FrameType, event: str, _arg: Any) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(profile)
    try:
        documents = read(path)
    finally:
        sys.setprofile(None)
    return calls, documents


@pytest.mark.parametrize("case", list(CASES))
def test_foreign_import_work_grows_linearly_with_spans_per_document(
        case: str, tmp_path: Path) -> None:
    write, read = CASES[case]
    work = []
    for count in (SMALL, LARGE):
        folder = tmp_path / str(count)
        folder.mkdir()
        calls, [document] = counted(read, write(folder, count))
        assert len(document.spans) == count, case
        text = document.canonical_text
        expected = words(count, numbered=case != "label-studio moved",
                         vocabulary=PLAIN_WORDS if case == "label-studio moved" else WORDS)
        expected = [word.replace("ي", "ی").replace("ك", "ک") for word in expected]
        assert [text[s.start:s.end] for s in document.spans] == expected, case
        work.append(calls)
    growth = work[1] / work[0]
    assert growth < 1.15 * LARGE / SMALL, (
        f"{case}: {work[0]:,} calls at {SMALL:,} spans, {work[1]:,} at {LARGE:,} "
        f"({growth:.1f}x for {LARGE // SMALL}x the spans): not linear")
