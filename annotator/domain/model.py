"""The things analysts make and read: documents, spans, relations, speakers, statuses.

Every offset is a Unicode code point index into a document's canonical text, end exclusive.
Times are UTC ISO-8601 strings with microseconds and a ``Z`` suffix, so they sort as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal

from annotator.domain.errors import InvariantError
from annotator.lazy import lazy

if TYPE_CHECKING:  # the first new id or text hash loads them (annotator/lazy.py)
    import hashlib
    import uuid
else:
    hashlib = lazy("hashlib")
    uuid = lazy("uuid")

DocumentStatusValue = Literal["todo", "in progress", "done"]
STATUSES: tuple[DocumentStatusValue, ...] = ("todo", "in progress", "done")


def new_id() -> str:
    """A fresh random UUID, as the 36-character string stored everywhere."""
    return str(uuid.uuid4())


def utc_now() -> str:
    """The current UTC time as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def text_sha256(text: str) -> str:
    """The hex SHA-256 of the UTF-8 bytes of ``text``: how documents from two files are matched."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Document:
    """An imported text. ``canonical_text`` never changes after import."""

    id: str
    title: str
    source: str
    canonical_text: str
    raw_text: str
    alignment: tuple[tuple[int, int], ...]
    metadata: dict[str, Any] = field(default_factory=dict, hash=False)
    text_sha256: str = ""
    created: str = ""
    encoding: str = "utf-8"


@dataclass(frozen=True)
class DocumentSummary:
    """A document without its texts, for lists and counts."""

    id: str
    title: str
    source: str
    text_sha256: str
    length: int
    span_count: int
    statuses: dict[str, DocumentStatusValue] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, slots=True)  # slots: a window holds tens of thousands of these
class Span:
    """A labelled stretch ``[start, end)`` of a document's canonical text, in code points.

    ``attrs`` maps attribute names to values; a speaker-valued attribute holds the speaker id.
    """

    id: str
    doc_id: str
    start: int
    end: int
    label: str
    attrs: dict[str, str] = field(default_factory=dict, hash=False)
    author: str = ""
    created: str = ""
    modified: str = ""
    revision: int = 1
    deleted: bool = False

    def text_in(self, canonical_text: str) -> str:
        return canonical_text[self.start:self.end]


@dataclass(frozen=True)
class Relation:
    """A typed link from one span to another in the same document."""

    id: str
    doc_id: str
    from_id: str
    to_id: str
    type: str
    author: str = ""
    created: str = ""
    modified: str = ""
    revision: int = 1
    deleted: bool = False


@dataclass(frozen=True)
class Speaker:
    """A person in the project's registry."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    role: str = ""
    affiliation: str = ""
    author: str = ""
    created: str = ""
    modified: str = ""
    revision: int = 1
    deleted: bool = False


def span_inside(start: int, end: int, text_length: int) -> bool:
    """Whether ``[start, end)`` is a non-empty stretch of a text of ``text_length`` code
    points: the rule every stored span keeps."""
    return 0 <= start < end <= text_length


def check_span_bounds(start: int, end: int, text_length: int) -> None:
    """Raise ``InvariantError`` unless ``0 <= start < end <= text_length`` (code points)."""
    if not span_inside(start, end, text_length):
        raise InvariantError(
            f"span [{start}, {end}) is outside the text (0..{text_length}) or empty"
        )


def check_status(value: str) -> DocumentStatusValue:
    for status in STATUSES:
        if value == status:
            return status
    raise InvariantError(f"status {value!r} is not one of {', '.join(STATUSES)}")
