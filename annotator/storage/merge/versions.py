"""Versions of an item and their history: what merging compares and ``Project`` hashes.

A version of a span, relation or speaker is its id, author, created, modified, revision,
deleted and the item's own fields (``storage.tables`` declares them per table); as JSON it is
what ``merge_conflicts`` stores and a reviewer chooses from. Its content is everything but
``modified`` (and its history), so the same edit made twice hashes the same. An item's
``history`` column is a JSON list of these hashes, one per revision, oldest first; a list
shorter than the revision is unknown from where it stops (rows older than the column, or
edited by a program that did not keep it). An empty entry (``SEEN_ALL``) marks a revision
whose conflicting versions a reviewer resolved: the next revision was built on all of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

from annotator.domain.model import Relation, Span, Speaker
from annotator.lazy import lazy
from annotator.storage.tables import (
    APPEND_HISTORY,
    RELATIONS,
    SPANS,
    SPEAKERS,
    JsonObject,
    canonical_json,
)

if TYPE_CHECKING:  # the first revision hash loads it (annotator/lazy.py)
    import hashlib
else:
    hashlib = lazy("hashlib")

HASH_LENGTH = 16  # hex digits: 64 bits, plenty to tell one item's revisions apart
# The entry of a revision settled by resolving a conflict: every version there was seen.
SEEN_ALL = ""
_NOT_CONTENT = frozenset({"modified", "history"})
_COMMON = ("id", "author", "created", "modified", "revision", "deleted")

APPEND_SQL = APPEND_HISTORY  # the assignment appending a hash to a row's history

Version = JsonObject
"""A version as JSON: as ``merge_conflicts`` stores it and a reviewer picks one."""

Field = str | int | bool | dict[str, str] | list[str]
"""The value of one of an item's own fields in a version."""

canonical = canonical_json


def content(version: Mapping[str, Any]) -> str:
    """A version's content as canonical JSON: everything but ``modified`` and ``history``."""
    return canonical({k: v for k, v in version.items() if k not in _NOT_CONTENT})


def version_hash(version: Mapping[str, Any]) -> str:
    """The short hex hash of a version's content."""
    return hashlib.sha256(content(version).encode()).hexdigest()[:HASH_LENGTH]


def span_version(span: Span) -> Version:
    return SPANS.version(span)


def relation_version(relation: Relation) -> Version:
    return RELATIONS.version(relation)


def speaker_version(speaker: Speaker) -> Version:
    return SPEAKERS.version(speaker)


def next_hash(version: Mapping[str, Any], **changes: Any) -> str:
    """The hash of the version one revision after ``version`` with ``changes`` made."""
    return version_hash({**version, **changes, "revision": int(version["revision"]) + 1})


def is_hash(text: str) -> bool:
    return len(text) == HASH_LENGTH and all(c in "0123456789abcdef" for c in text)


# -- typed versions ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class ItemVersion:
    """One version of a span, relation or speaker, its values checked (see ``merge.vetting``)
    or stored by this program. ``own`` holds the item's own fields by version key."""

    id: str
    author: str
    created: str
    modified: str
    revision: int
    deleted: bool
    own: Mapping[str, Field] = field(default_factory=dict)
    history: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> ItemVersion:
        """A version this program stored as JSON (a kept conflict, a row it wrote)."""
        return cls(str(value["id"]), str(value["author"]), str(value["created"]),
                   str(value["modified"]), int(value["revision"]), bool(value["deleted"]),
                   {k: v for k, v in value.items() if k not in (*_COMMON, "history")},
                   tuple(value.get("history", ())))

    def to_json(self) -> Version:
        return {"id": self.id, "author": self.author, "created": self.created,
                "modified": self.modified, "revision": self.revision, "deleted": self.deleted,
                **self.own, "history": list(self.history)}

    def with_history(self, history: Iterable[str]) -> ItemVersion:
        return ItemVersion(self.id, self.author, self.created, self.modified, self.revision,
                           self.deleted, self.own, tuple(history))

    def number(self, key: str) -> int:
        value = self.own[key]
        assert isinstance(value, int)  # checked when the version was made
        return value

    def text(self, key: str) -> str:
        return str(self.own[key])

    @cached_property
    def canonical(self) -> str:
        """The canonical JSON of the whole version: how versions are stored and ordered."""
        return canonical(self.to_json())

    @cached_property
    def content(self) -> str:
        return content(self.to_json())

    @cached_property
    def hash(self) -> str:
        return version_hash(self.to_json())

    @property
    def order(self) -> tuple[str, str]:
        return (self.modified, self.canonical)


# -- which version wins ---------------------------------------------------------------------


class Comparable(Protocol):
    """What choosing among versions reads of each."""

    @property
    def revision(self) -> int: ...

    @property
    def history(self) -> Sequence[str]: ...

    @property
    def order(self) -> tuple[str, str]: ...

    @property
    def content(self) -> str: ...

    @property
    def hash(self) -> str: ...


def choose[V: Comparable](versions: Iterable[V]) -> tuple[V, list[V]]:
    """The winning version and the conflicting others, as a function of the set of versions.

    Equal content is one version (the latest ``modified`` of it). Among the versions at the
    highest revision the latest ``modified`` wins, then the larger canonical JSON; the others
    there conflict. A version at a lower revision that no other version was built on (by their
    histories) conflicts too, when the winner's history is known at its revision.
    """
    best: dict[str, V] = {}
    for version in versions:
        key = version.content
        if key not in best or version.order > best[key].order:
            best[key] = version
    top = max(v.revision for v in best.values())
    ranked = sorted((v for v in best.values() if v.revision == top), key=lambda v: v.order)
    winner = ranked[-1]
    # Dropping what another version was built on (not only the winner) keeps the result the
    # same whichever merge dropped an ancestor first.
    unseen = [v for v in best.values() if v.revision < top
              and len(winner.history) >= v.revision
              and not any(built_on(other, v) for other in best.values())]
    return winner, sorted([*ranked[:-1], *unseen], key=lambda v: v.order)


def built_on(later: Comparable, earlier: Comparable) -> bool:
    """Whether ``later``'s history shows ``earlier`` (or every version) at its revision."""
    history = later.history
    revision = earlier.revision
    return later.revision > revision and len(history) >= revision and \
        history[revision - 1] in (SEEN_ALL, earlier.hash)


def settles(one: Comparable, other: Comparable) -> bool:
    """Whether the newer of two versions at different revisions wins without a conflict."""
    newer, older = (one, other) if one.revision > other.revision else (other, one)
    return len(newer.history) < older.revision or built_on(newer, older)


@dataclass(frozen=True, eq=False)
class _JsonView:
    """A version given as JSON, read the way ``ItemVersion`` is."""

    json: Version

    @property
    def revision(self) -> int:
        return int(self.json["revision"])

    @property
    def history(self) -> Sequence[str]:
        history: Sequence[str] = self.json.get("history", [])
        return history

    @cached_property
    def order(self) -> tuple[str, str]:
        return (str(self.json["modified"]), canonical(self.json))

    @cached_property
    def content(self) -> str:
        return content(self.json)

    @cached_property
    def hash(self) -> str:
        return version_hash(self.json)


def combine(versions: Iterable[Version]) -> tuple[Version, list[Version]]:
    """``choose`` for versions given as JSON objects: the winner and the conflicting others."""
    winner, others = choose(_JsonView(v) for v in versions)
    return winner.json, [o.json for o in others]
