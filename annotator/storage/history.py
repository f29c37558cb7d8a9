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
import json
from collections.abc import Mapping
from typing import Any

from annotator.domain.model import Relation, Span, Speaker

HASH_LENGTH = 16  # hex digits: 64 bits, plenty to tell one item's revisions apart
# The entry of a revision settled by resolving a conflict: every version there was seen.
SEEN_ALL = ""
_NOT_CONTENT = frozenset({"modified", "history"})

# The UPDATE assignment that appends a hash (the one parameter) to a row's history, but only
# while the history is complete: a gap would shift every later hash to the wrong revision.
APPEND_SQL = ("history = CASE WHEN json_array_length(history) = revision"
              " THEN json_insert(history, '$[#]', ?) ELSE history END")


def canonical(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content(version: Mapping[str, Any]) -> str:
    """A version's content as canonical JSON: everything but ``modified`` and ``history``."""
    return canonical({k: v for k, v in version.items() if k not in _NOT_CONTENT})


def version_hash(version: Mapping[str, Any]) -> str:
    """The short hex hash of a version's content."""
    return hashlib.sha256(content(version).encode()).hexdigest()[:HASH_LENGTH]


def history_json(history: list[str]) -> str:
    """A history as stored, the same text SQLite's JSON functions write."""
    return json.dumps(history, separators=(",", ":"))


def span_version(span: Span) -> dict[str, Any]:
    return {"id": span.id, "author": span.author, "created": span.created,
            "modified": span.modified, "revision": span.revision, "deleted": span.deleted,
            "start": span.start, "end": span.end, "label": span.label,
            "attrs": dict(span.attrs)}


def relation_version(relation: Relation) -> dict[str, Any]:
    return {"id": relation.id, "author": relation.author, "created": relation.created,
            "modified": relation.modified, "revision": relation.revision,
            "deleted": relation.deleted, "from": relation.from_id, "to": relation.to_id,
            "type": relation.type}


def speaker_version(speaker: Speaker) -> dict[str, Any]:
    return {"id": speaker.id, "author": speaker.author, "created": speaker.created,
            "modified": speaker.modified, "revision": speaker.revision,
            "deleted": speaker.deleted, "name": speaker.name, "aliases": list(speaker.aliases),
            "role": speaker.role, "affiliation": speaker.affiliation}


def next_hash(version: Mapping[str, Any], **changes: Any) -> str:
    """The hash of the version one revision after ``version`` with ``changes`` made."""
    return version_hash({**version, **changes, "revision": int(version["revision"]) + 1})
