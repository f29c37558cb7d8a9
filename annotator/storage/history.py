"""Per-item history: a short hash of every revision of a span, relation or speaker.

A version is the dict merging compares (``annotator.storage.merging.Version``): id, author,
created, modified, revision, deleted and the item's own fields. Its content is everything but
``modified`` (and its history), so the same edit made twice hashes the same. An item's
``history`` column is a JSON list of these hashes, one per revision, oldest first; a list
shorter than the revision is unknown from where it stops (rows older than the column, or
edited by a program that did not keep it). An empty entry (``SEEN_ALL``) marks a revision
whose conflicting versions a reviewer resolved: the next revision was built on all of them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from annotator.domain.model import Relation, Span, Speaker
from annotator.storage.tables import (
    APPEND_HISTORY,
    RELATIONS,
    SPANS,
    SPEAKERS,
    canonical_json,
)
from annotator.storage.tables import history_json as history_json  # re-exported

HASH_LENGTH = 16  # hex digits: 64 bits, plenty to tell one item's revisions apart
# The entry of a revision settled by resolving a conflict: every version there was seen.
SEEN_ALL = ""
_NOT_CONTENT = frozenset({"modified", "history"})

APPEND_SQL = APPEND_HISTORY  # the name merging and older callers use

canonical = canonical_json


def content(version: Mapping[str, Any]) -> str:
    """A version's content as canonical JSON: everything but ``modified`` and ``history``."""
    return canonical({k: v for k, v in version.items() if k not in _NOT_CONTENT})


def version_hash(version: Mapping[str, Any]) -> str:
    """The short hex hash of a version's content."""
    return hashlib.sha256(content(version).encode()).hexdigest()[:HASH_LENGTH]


def span_version(span: Span) -> dict[str, Any]:
    return SPANS.version(span)


def relation_version(relation: Relation) -> dict[str, Any]:
    return RELATIONS.version(relation)


def speaker_version(speaker: Speaker) -> dict[str, Any]:
    return SPEAKERS.version(speaker)


def next_hash(version: Mapping[str, Any], **changes: Any) -> str:
    """The hash of the version one revision after ``version`` with ``changes`` made."""
    return version_hash({**version, **changes, "revision": int(version["revision"]) + 1})
