"""What an importer hands to the project: documents with their spans, before anything is stored.

Importers only parse; ``formats.importing.import_files`` writes what they return in one
transaction, so a bad file anywhere leaves the project as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class ImportedSpan:
    """A span in code points of the document's canonical text.

    ``attrs`` holds plain values; a speaker-valued attribute holds a speaker id when
    ``speaker_ids`` names it, else a display name to be matched or added to the registry.
    ``positional``: the file has no ids of ours, so a live span of the same place and label
    already in the document is this span (re-importing an edited doccano or brat file).
    """

    start: int
    end: int
    label: str
    attrs: dict[str, str] = field(default_factory=dict)
    id: str = ""
    author: str = ""
    positional: bool = False


@dataclass
class ImportedRelation:
    from_id: str
    to_id: str
    type: str
    id: str = ""
    author: str = ""


@dataclass
class ImportedSpeaker:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    role: str = ""
    affiliation: str = ""


@dataclass
class ImportedDocument:
    """One document as read from a file: decoded raw text, canonical text and alignment."""

    title: str
    source: str
    raw_text: str
    canonical_text: str
    alignment: tuple[tuple[int, int], ...]
    encoding: str
    path: str
    line: int | None = None
    id: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    spans: list[ImportedSpan] = field(default_factory=list)
    relations: list[ImportedRelation] = field(default_factory=list)
    speakers: list[ImportedSpeaker] = field(default_factory=list)
    statuses: dict[str, str] = field(default_factory=dict)
    removed_controls: int = 0
    notes: list[str] = field(default_factory=list)  # what the import should tell the analyst
