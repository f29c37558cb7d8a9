"""Shared by the importers of other tools' files (doccano, Label Studio, brat).

Their offsets count code points of the file's own (raw) text; ``Placer`` maps them to the
canonical text and refuses any span the mapping would shift.
"""

from __future__ import annotations

import codecs
import json
import re
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from annotator.domain import safe_json
from annotator.domain.errors import InputError
from annotator.formats.plain import read_bytes
from annotator.formats.records import ImportedDocument, ImportedSpan
from annotator.text import Alignment, decode_bytes

Fail = Callable[[str], InputError]

# Fixed, so the same span imported twice (or by two analysts) gets the same id.
_NAMESPACE = uuid.UUID("5b0f2f0e-6c8e-4a51-9d43-2d1f0c6a7e11")


_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def is_uuid(value: object) -> bool:
    """Whether ``value`` is an id as this program makes them (so an export of ours wrote it)."""
    return isinstance(value, str) and _UUID.match(value) is not None


def stable_id(*parts: object) -> str:
    """A UUID derived from ``parts``: importing the same span again finds it already there."""
    return str(uuid.uuid5(_NAMESPACE, json.dumps(parts, ensure_ascii=False, sort_keys=True)))


class Placer:
    """Maps spans of a document's raw text to its canonical text, exactly or not at all."""

    def __init__(self, document: ImportedDocument) -> None:
        self.raw = document.raw_text
        self.alignment = Alignment(document.alignment)

    def place(self, start: int, end: int, fail: Fail) -> tuple[int, int]:
        """The canonical ``(start, end)`` of the raw span ``[start, end)`` (code points).

        Raises (via ``fail``) when the span is empty, outside the text, or has an edge inside
        a stretch the import changed (a ``\\r\\n`` pair, a removed control character, a hazm
        repair), where mapping it would move it.
        """
        if not 0 <= start < end <= len(self.raw):
            raise fail(f"has a span [{start}, {end}) outside its text of {len(self.raw)} "
                       "characters")
        canonical = self.alignment.to_canonical(start, end)
        if canonical[0] >= canonical[1] or self.alignment.to_raw(*canonical) != (start, end):
            raise fail(f"has a span [{start}, {end}) ({self.raw[start:end]!r}) whose edge falls "
                       "inside text the import changes (a CRLF pair, a control character or a "
                       "normalization repair), so it cannot be kept exactly")
        return canonical


class SpanList:
    """The spans an importer reads into one document, each id kept once.

    A span given twice (the same stable id) is noted and kept once; the ids already taken are
    a set, so adding a span costs the same at the 40,000th span as at the first.
    """

    def __init__(self, document: ImportedDocument) -> None:
        self.document = document
        self.ids = {span.id for span in document.spans}

    def add(self, span: ImportedSpan) -> None:
        """Add ``span`` unless the same span (same stable id) is already on the document."""
        if span.id in self.ids:
            self.document.notes.append(f"{_where(self.document)}: the {span.label} span "
                                       f"[{span.start}, {span.end}) is given twice; kept once")
            return
        self.ids.add(span.id)
        self.document.spans.append(span)


def _where(document: ImportedDocument) -> str:
    return f"{document.path}:{document.line}" if document.line else document.path


def read_text(path: Path) -> tuple[str, str]:
    """The decoded text of ``path`` and the encoding it was read in."""
    decoded = decode_bytes(read_bytes(path), str(path))
    return decoded.text, decoded.encoding


def record_with_text(value: object, fail: Callable[[str], InputError]
                     ) -> tuple[dict[str, Any], str]:
    """A JSON record with a non-blank ``text`` string, and that text; else ``fail(...)``."""
    if not isinstance(value, dict):
        raise fail("is not a JSON object")
    text = value.get("text")
    if not isinstance(text, str) or not text.strip():
        raise fail("has no 'text' string")
    return value, text


def json_lines(path: Path) -> Iterator[tuple[int, Any]]:
    """``(line number, value)`` for every non-blank line of a JSON Lines file.

    A file of plain UTF-8 is decoded a line at a time (memory: its bytes and one line, not
    its text twice over); any other is decoded whole as ``read_text`` decodes it."""
    data = read_bytes(path)
    lines = _utf8_lines(data)
    if lines is None:
        lines = iter(decode_bytes(data, str(path)).text.split("\n"))
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            value = safe_json.loads(line)
        except safe_json.UnsafeJSON as error:
            raise InputError(error.reason, path=str(path), line=number) from None
        yield number, _text_only(value, path, number)


_CHUNK = 1 << 16  # bytes decoded at a time to check a file: decoding takes ~7× a chunk
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f]")  # as decode_bytes counts them


def _utf8_lines(data: bytes) -> Iterator[str] | None:
    """The lines (split at ``\\n``) of ``data`` when ``decode_bytes`` would read it as UTF-8
    without a question (valid UTF-8, no NUL, not mostly controls, not blank); else None."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data.startswith(b"\x00\x00\xfe\xff") \
            or b"\x00" in data:
        return None
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    view = memoryview(data)
    decoder = codecs.getincrementaldecoder("utf-8")()
    chars = controls = 0
    blank = True
    try:
        for at in range(start, len(data), _CHUNK):
            chunk = decoder.decode(view[at:at + _CHUNK], final=at + _CHUNK >= len(data))
            chars += len(chunk)
            controls += len(_CONTROLS.findall(chunk))
            blank = blank and not chunk.strip()
    except UnicodeDecodeError:
        return None
    if blank or (controls >= 2 and controls * 4 >= chars):
        return None

    def lines() -> Iterator[str]:
        at = start
        while at <= len(data):
            end = data.find(b"\n", at)
            end = len(data) if end < 0 else end
            yield str(view[at:end], "utf-8")
            at = end + 1

    return lines()


def json_array(path: Path) -> Iterator[tuple[int, Any]]:
    """``(line number, value)`` for each element of a file holding one JSON list (or one
    object, taken as a list of one); the line is where the element starts."""
    text, _ = read_text(path)
    decoder = safe_json.DECODER
    position = 0
    try:
        safe_json.check_depth(text)
        position = _skip_space(text, 0)
        if text.startswith("{", position):
            value, _ = decoder.raw_decode(text, position)
            line = _line_at(text, position)
            yield line, _text_only(value, path, line)
            return
        if not text.startswith("[", position):
            raise InputError("is not a JSON list of tasks", path=str(path),
                             line=_line_at(text, position))
        position = _skip_space(text, position + 1)
        if text.startswith("]", position):
            return
        while True:
            value, after = decoder.raw_decode(text, position)
            line = _line_at(text, position)
            yield line, _text_only(value, path, line)
            position = _skip_space(text, after)
            if text.startswith("]", position):
                return
            if not text.startswith(",", position):
                raise InputError("is not valid JSON (expected ',' or ']' between tasks)",
                                 path=str(path), line=_line_at(text, position))
            position = _skip_space(text, position + 1)
    except json.JSONDecodeError as error:
        raise InputError(f"is not valid JSON ({error.msg} at column {error.colno})",
                         path=str(path), line=error.lineno) from None
    except safe_json.UnsafeJSON as error:  # in the element that starts at ``position``
        raise InputError(error.reason, path=str(path),
                         line=error.line or _line_at(text, position)) from None


def _text_only(value: Any, path: Path, line: int) -> Any:
    """``value``, unless it holds a lone surrogate, which SQLite cannot store as text."""
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("holds a lone surrogate (\\ud800-\\udfff), which is not text",
                         path=str(path), line=line) from None
    return value


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n\ufeff":
        position += 1
    return position


def _line_at(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def string_field(value: object, what: str, fail: Fail) -> str:
    if not isinstance(value, str):
        raise fail(f"has {what} that is not a string")
    return value


def int_field(value: object, what: str, fail: Fail) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise fail(f"has {what} that is not an integer")
    return value
