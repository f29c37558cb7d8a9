"""Parquet tables (``--format parquet``): the span table, or the sentence table with
``--table sentences``; needs pyarrow (the ``parquet`` extra), which the bundle leaves out.

The span table has the columns of ``spans-jsonl``; the sentence table those of
``tokens-jsonl`` plus ``start``, ``end`` and ``text``. Offsets are code points, end exclusive.
A split's rows are gathered in memory and written when the export finishes.
"""

from __future__ import annotations

import importlib
import io
import json
from collections import Counter
from typing import IO, Any

from annotator.domain.errors import InputError
from annotator.formats.export_view import DocumentView, ExportContext
from annotator.formats.tagging import sentence_records, tag_labels

TABLES = ("spans", "sentences")
SENTENCE_COLUMNS = ("doc_id", "sentence_id", "start", "end", "text", "tokens", "ner_tags")


def require_pyarrow() -> tuple[Any, Any]:
    """pyarrow and its ``parquet`` module, or one clear sentence saying how to get them."""
    try:
        return importlib.import_module("pyarrow"), importlib.import_module("pyarrow.parquet")
    except ImportError:
        raise InputError("--format parquet needs pyarrow, which is not installed; install it "
                         "with: pip install 'annotator[parquet]' (or pip install pyarrow), or "
                         "export spans-jsonl or tokens-jsonl instead") from None


class ParquetWriter:
    """Writes one Parquet file; ``stream`` is a text stream over a binary file."""

    def __init__(self, stream: IO[str], context: ExportContext, *, table: str,
                 label: str | None, tagging: str, span_lines: Any, columns: list[str]
                 ) -> None:
        if table not in TABLES:
            raise InputError(f"--table must be one of {', '.join(TABLES)}")
        self.arrow, self.parquet = require_pyarrow()
        self.stream = stream
        self.table = table
        self.labels = tag_labels(context, label)
        self.tagging = tagging
        self.counts: Counter[str] = Counter()
        self.rows: list[dict[str, Any]] = []
        self.columns = columns if table == "spans" else list(SENTENCE_COLUMNS)
        self.span_lines = span_lines  # a SpanTableWriter over a StringIO (spans-jsonl rows)
        self.buffer: io.StringIO = span_lines.stream if span_lines is not None else io.StringIO()

    def write(self, view: DocumentView) -> int:
        if self.table == "sentences":
            before = len(self.rows)
            self.rows.extend(sentence_records(view, self.labels, self.tagging, self.counts))
            return len(self.rows) - before
        return int(self.span_lines.write(view))

    def finish(self) -> None:
        pa = self.arrow
        if self.table == "spans":
            # Rows name only the attributes their span has; the table has every column.
            self.rows = [json.loads(line) for line in self.buffer.getvalue().splitlines()]
            self.rows = [{c: row.get(c, "") for c in self.columns} for row in self.rows]
        table = pa.Table.from_pylist(self.rows) if self.rows else pa.table(
            {c: pa.array([], pa.string()) for c in self.columns})
        data = io.BytesIO()
        self.parquet.write_table(table, data)
        self.stream.flush()
        binary = getattr(self.stream, "buffer", None)
        if binary is None:
            raise InputError("parquet needs a binary file to write to")
        binary.write(data.getvalue())
