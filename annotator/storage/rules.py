"""The rules of the project file, each stated once: what makes a file ours (and how new it
is), a document sound, a span placed and a relation well-formed.

``Project``'s writes, merge vetting, conflict resolution and ``annotator check`` all ask these
functions. Each rule answers with a short fault code, not a sentence: the callers word the
same fault for their reader (an edit refused, an item of a file refused, a fault found), and
their sentences are part of the program's interface. Offsets are code points of the
canonical text, end exclusive.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from annotator.domain.model import span_inside as span_inside  # the span rule, re-exported
from annotator.domain.model import text_sha256
from annotator.domain.schema import LabelSchema
from annotator.storage.migrations import APPLICATION_ID, SCHEMA_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"
_HEADER_LENGTH = 100

# -- is this our file, and how new ----------------------------------------------------------


@dataclass(frozen=True)
class Identity:
    """What a file says about itself.

    ``kind`` is ``empty``, ``foreign`` (not an SQLite database, or its first bytes were
    destroyed), ``truncated`` (an SQLite header cut short), ``sqlite`` (an SQLite database
    that is not an Annotator project) or ``ours``. ``version`` is the schema version
    (``PRAGMA user_version``) it was written at; ``tables`` whether it has the project's
    tables; ``wal`` whether it is in WAL mode.
    """

    kind: Literal["empty", "foreign", "truncated", "sqlite", "ours"]
    version: int = 0
    tables: bool = False
    wal: bool = False

    @property
    def ours(self) -> bool:
        return self.kind == "ours"

    @property
    def newer(self) -> bool:
        """Written by a newer program than this one (it may still be readable, see
        ``min_reader_version``)."""
        return self.version > SCHEMA_VERSION


def identify(path: Path) -> Identity:
    """Whether ``path`` is an Annotator project and at which schema version, from its header
    alone (SQLite is not asked, so a damaged or hostile file is safe to identify). Raises
    ``OSError`` when it cannot be read."""
    with path.open("rb") as stream:
        header = stream.read(_HEADER_LENGTH)
    if not header:
        return Identity("empty")
    if not header.startswith(SQLITE_HEADER):
        return Identity("foreign")
    if len(header) < _HEADER_LENGTH:
        return Identity("truncated")
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        return Identity("sqlite")
    version = int.from_bytes(header[60:64], "big")
    return Identity("ours", version, version >= 1, header[18] == 2)


def identify_open(conn: sqlite3.Connection) -> Identity:
    """``identify`` for an open connection, asking SQLite (a file with a -wal file may have
    a newer header there than on disk)."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if int(conn.execute("PRAGMA application_id").fetchone()[0]) != APPLICATION_ID:
        return Identity("sqlite", version)
    tables = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone()
    mode = str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()
    return Identity("ours", version, tables is not None, mode == "wal")


def readable(min_reader_version: str | None) -> bool:
    """Whether this program may read a file that names ``min_reader_version`` (absent: 1)."""
    value = min_reader_version or "1"
    return value.isdigit() and int(value) <= SCHEMA_VERSION


# -- documents --------------------------------------------------------------------------------

DocumentFault = Literal["text_sha256", "length", "alignment"]


# A document's canonical text is at most this many code points, however it arrives (an import,
# a merge): a whole book is about a million; a larger "document" is nearly always a CSV whose
# unclosed quote swallowed the rest of its file.
MAX_DOCUMENT_CHARS = 2_000_000


def alignment_fits(alignment: Sequence[Sequence[int]], raw: str, canonical: str) -> bool:
    """Whether ``alignment`` ([raw length, canonical length] segments) covers both texts."""
    return sum(s[0] for s in alignment) == len(raw) and \
        sum(s[1] for s in alignment) == len(canonical)


def document_faults(canonical: str, raw: str, alignment: Sequence[Sequence[int]] | None,
                    sha: str | None, length: int | None = None) -> list[DocumentFault]:
    """What is wrong with a document's stored texts: its hash, its stored ``length`` and its
    alignment (each when given) must fit its canonical text."""
    faults: list[DocumentFault] = []
    if sha is not None and sha != text_sha256(canonical):
        faults.append("text_sha256")
    if length is not None and length != len(canonical):
        faults.append("length")
    if alignment is not None and not alignment_fits(alignment, raw, canonical):
        faults.append("alignment")
    return faults


# A span is placed when ``span_inside(start, end, length)`` holds for its document's canonical
# text, and its label and attributes fit the schema when ``LabelSchema.span_faults`` finds
# nothing: both rules live with the domain, as the window asks them too.

# -- versions of spans, relations and speakers -------------------------------------------------

# Every edit and every merge that combines two versions adds one to an item's revision. A file
# may claim any number, but one near SQLite's 2**63 - 1 would overflow to REAL at the next edit
# and make every later merge refuse the item; no history reaches 2**53 (a million edits a
# second for 285 years), so a larger revision is refused by merge and reported by check.
MAX_REVISION = 2 ** 53


def revision_fault(revision: object) -> str | None:
    """Why ``revision`` is not a sound stored revision, or None."""
    if isinstance(revision, bool) or not isinstance(revision, int):
        return "its revision is not a whole number"
    if not 1 <= revision <= MAX_REVISION:
        return f"its revision {revision} is outside 1..{MAX_REVISION}"
    return None


# -- relations --------------------------------------------------------------------------------

EndFault = Literal["deleted span", "other document"]
TypeFault = Literal["unknown type", "from label", "to label"]


@dataclass(frozen=True)
class End:
    """One end of a relation as the rules see it: the span's document, label and tombstone."""

    doc_id: str
    label: str = ""
    deleted: bool = False


def end_fault(doc_id: str, end: End | None, *, live: bool) -> EndFault | None:
    """What is wrong with one end (None: no such span) of a relation in ``doc_id``: it must
    be a span of that document, and a live one while the relation is ``live``."""
    if end is None:
        return "other document"
    if live and end.deleted:
        return "deleted span"
    if end.doc_id != doc_id:
        return "other document"
    return None


def type_fault(schema: LabelSchema, type: str, from_label: str | None = None,
               to_label: str | None = None) -> TypeFault | None:
    """What the schema says against a relation of ``type`` between spans of these labels
    (None: not asked): the type must be in the schema and allow both labels."""
    relation_type = schema.relation(type)
    if relation_type is None:
        return "unknown type"
    if from_label is not None and relation_type.from_labels and \
            from_label not in relation_type.from_labels:
        return "from label"
    if to_label is not None and relation_type.to_labels and \
            to_label not in relation_type.to_labels:
        return "to label"
    return None
