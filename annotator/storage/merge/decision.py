"""The pure step of a merge: given what the project holds of one item (its row's version and
its kept conflicts) and the checked versions a source brings, what the item becomes.

No I/O: ``decide`` is a function of its arguments, which is what makes merging idempotent,
commutative and associative (``tests/storage/test_merge_laws.py``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from annotator.storage.merge.versions import ItemVersion, choose, settles

Count = Literal["added", "updated", "unchanged", "conflicts"]


@dataclass(frozen=True)
class KeptConflict:
    """A conflict row the project holds for the item: its id, the canonical JSON of the
    version it was kept beside, the losing version, and whether a later edit settled it."""

    id: str
    kept: str
    other: ItemVersion
    obsolete: bool


@dataclass(frozen=True)
class Outcome:
    """What one item becomes: ``store`` goes into its row (inserted when ``new``), ``author``
    is registered as an analyst, and when ``replace_conflicts`` the item's kept conflicts are
    replaced by ``conflicts`` (kept beside ``store``, or beside the row when it is None)."""

    count: Count
    author: str = ""
    store: ItemVersion | None = None
    new: bool = False
    replace_conflicts: bool = False
    conflicts: tuple[ItemVersion, ...] = ()
    winner: ItemVersion | None = None


def decide(current: ItemVersion | None, incoming: Sequence[ItemVersion],
           kept: Sequence[KeptConflict], *, simple: bool) -> Outcome:
    """What the item becomes when ``incoming`` (checked, at least one) meets ``current`` (None:
    the project lacks the item) and its ``kept`` conflicts. ``simple``: the project keeps no
    conflict for it and the source brought one version, so a strictly newer side that was
    built on the other (or whose history is unknown there) simply wins."""
    first = incoming[0]
    if simple and (current is None or (
            current.revision != first.revision and settles(current, first))):
        if current is None:
            return Outcome("added", first.author, first, new=True)
        if first.revision > current.revision:
            return Outcome("updated", first.author, first)
        return Outcome("unchanged", first.author)
    live = [c.other for c in kept if not c.obsolete]
    winner, others = choose([*([current] if current else []), *incoming, *live])
    if current is None:
        return Outcome("added", winner.author, winner, new=True, replace_conflicts=True,
                       conflicts=tuple(others), winner=winner)
    before = {c.other.canonical for c in kept}
    if winner.canonical == current.canonical and before == {v.canonical for v in others} \
            and all(c.kept == winner.canonical for c in kept):
        return Outcome("unchanged", winner.author)
    new_conflict = {v.content for v in others} - {v.content for v in live}
    return Outcome("conflicts" if new_conflict else "updated", winner.author,
                   winner if winner.canonical != current.canonical else None,
                   replace_conflicts=True, conflicts=tuple(others), winner=winner)


def conflict_id(entity: str, other: ItemVersion) -> str:
    """The id of the conflict row keeping ``other``: the same wherever it is kept."""
    return hashlib.sha256(f"{entity}\0{other.id}\0{other.canonical}".encode()).hexdigest()
