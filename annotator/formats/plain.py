"""Plain-text and CSV importers: one document per .txt file, or per CSV row."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from annotator.domain.errors import InputError
from annotator.formats.limits import check_document_length, read_limited
from annotator.formats.records import ImportedDocument
from annotator.text import NormalizationLevel, canonicalize, decode_bytes

# Long speeches pasted into one cell are legitimate; the default 128 KiB limit is not.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def read_bytes(path: Path) -> bytes:
    try:
        return read_limited(path)
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", path=str(path)) from None
    except OSError as error:
        raise InputError(f"cannot be read ({error.strerror})", path=str(path)) from None


def document_from_text(decoded: str, *, level: NormalizationLevel, title: str, source: str,
                       encoding: str, path: str, line: int | None = None) -> ImportedDocument:
    """Turn decoded text into a document with its canonical text and raw→canonical alignment."""
    check_document_length(len(decoded), path, line)
    canonical = canonicalize(decoded, level)
    if not canonical.text.strip():
        raise InputError("holds no text", path=path, line=line)
    return ImportedDocument(
        title=title, source=source, raw_text=decoded, canonical_text=canonical.text,
        alignment=canonical.alignment.segments, encoding=encoding, path=path, line=line,
        removed_controls=canonical.removed_controls,
    )


def read_txt(path: Path, level: NormalizationLevel) -> list[ImportedDocument]:
    """One document per file; its title is the file name without extension."""
    decoded = decode_bytes(read_bytes(path), str(path))
    return [document_from_text(decoded.text, level=level, title=path.stem, source=path.name,
                               encoding=decoded.encoding, path=str(path))]


def read_csv(path: Path, level: NormalizationLevel) -> Iterator[ImportedDocument]:
    """One document per row of a CSV with a header row and a ``text`` column.

    A ``title`` column names the documents and an ``id`` column keeps their ids; every other
    column becomes document metadata. Rows whose text cell is empty are refused.
    """
    decoded = decode_bytes(read_bytes(path), str(path))
    # strict: a quote never closed is an error, not a cell that swallows the rest of the file.
    reader = csv.reader(io.StringIO(decoded.text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("is empty", path=str(path)) from None
    except csv.Error as error:
        raise InputError(f"is not valid CSV ({error})", path=str(path), line=1) from None
    names = [name.strip() for name in header]
    if "text" not in names:
        raise InputError("has no 'text' column in its header row", path=str(path), line=1)
    if len(set(names)) != len(names):
        raise InputError("repeats a column name in its header row", path=str(path), line=1)
    text_index = names.index("text")
    line = reader.line_num + 1
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                line = reader.line_num + 1
                continue
            if len(row) != len(names):
                raise InputError(f"has {len(row)} cells where the header has {len(names)}",
                                 path=str(path), line=line)
            record = dict(zip(names, row, strict=True))
            text = row[text_index]
            if not text.strip():
                raise InputError("has an empty text cell", path=str(path), line=line)
            title = record.pop("title", "").strip() or f"{path.stem} {line}"
            doc_id = record.pop("id", "").strip()
            del record["text"]
            document = document_from_text(
                text, level=level, title=title, source=f"{path.name}:{line}",
                encoding=decoded.encoding, path=str(path), line=line)
            document.id = doc_id
            document.metadata = record
            yield document
            line = reader.line_num + 1
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            raise InputError("has a quote opened on this line that is never closed",
                             path=str(path), line=line) from None
        raise InputError(f"is not valid CSV ({error})", path=str(path), line=line) from None
