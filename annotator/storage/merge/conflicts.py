"""Reviewing the versions that lost a merge: listing them and settling an item with one."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from annotator.domain.errors import InvariantError
from annotator.domain.model import utc_now
from annotator.storage.merge.versions import SEEN_ALL, ItemVersion, Version
from annotator.storage.merge.vetting import Refused, checked, row_version
from annotator.storage.project import Project
from annotator.storage.rules import End, end_fault, span_inside
from annotator.storage.tables import (
    ITEMS,
    MERGE_CONFLICTS,
    RELATIONS,
    SPANS,
    ItemTable,
    record_edits,
)

ENTITIES = ("span", "relation", "speaker")
_CONFLICT_FIELDS = MERGE_CONFLICTS.pick(
    "id", "entity", "entity_id", "doc_id", "revision", "kept", "other", "found")


@dataclass(frozen=True)
class Conflict:
    """A version of an item that lost a merge at the revision the item's row holds; ``kept``
    and ``other`` are the two versions as JSON objects."""

    id: str
    entity: str
    entity_id: str
    doc_id: str | None
    revision: int
    kept: Version = field(hash=False)
    other: Version = field(hash=False)
    found: str


def conflicts(project: Project, doc_id: str | None = None) -> list[Conflict]:
    """The open conflicts (of one document, if given), oldest item first. Rows left at a
    lower revision than their item are obsolete (a later edit settled them) and not listed."""
    where = "" if doc_id is None else " AND c.doc_id = ?"
    found = []
    for row in project.conn.execute(
            f"SELECT {MERGE_CONFLICTS.column_list(alias='c')} FROM merge_conflicts c"
            " LEFT JOIN spans s ON c.entity = 'span' AND s.id = c.entity_id"
            " LEFT JOIN relations r ON c.entity = 'relation' AND r.id = c.entity_id"
            " LEFT JOIN speakers k ON c.entity = 'speaker' AND k.id = c.entity_id"
            " WHERE c.revision = coalesce(s.revision, r.revision, k.revision)" + where
            + " ORDER BY c.found, c.entity_id, c.id", () if doc_id is None else (doc_id,)):
        conflict_id, entity, entity_id, doc, revision, kept, other, when = _CONFLICT_FIELDS(row)
        found.append(Conflict(conflict_id, entity, entity_id, doc, int(revision),
                              json.loads(kept), json.loads(other), when))
    return found


def resolve_conflict(project: Project, entity: str, entity_id: str, choice: Version) -> None:
    """Settle an item's conflict with ``choice`` (the kept version, a conflicting one, or an
    edit of either): it becomes the item's content at the next revision, by the project's
    analyst now, and the item's conflict rows go. Merged elsewhere, the higher revision wins
    over the conflicting versions there too."""
    if entity not in ITEMS:
        raise InvariantError(f"{entity!r} is not one of {', '.join(ENTITIES)}")
    kind = ITEMS[entity]
    with project.transaction():
        row = project.conn.execute(kind.select("id = ?"), (entity_id,)).fetchone()
        if row is None:
            raise InvariantError(f"there is no {entity} {entity_id!r} in the project")
        current = row_version(kind, row)
        try:
            chosen = checked(kind, {
                **choice, "id": entity_id, "author": current.author,
                "created": current.created, "modified": utc_now(),
                "revision": current.revision + 1, "history": []}, entity_id)
        except Refused as refusal:
            raise InvariantError(f"the chosen version cannot be used: {refusal}") from None
        chosen = chosen.with_history(_resolved_history(project, kind, current, chosen))
        doc_id = row[kind.positions["doc_id"]] if kind.has_doc else None
        _check_chosen(project, kind, chosen, doc_id)
        project.conn.execute(kind.update(),
                             kind.update_values(kind.row(chosen.to_json(), doc_id)))
        project.conn.execute("DELETE FROM merge_conflicts WHERE entity = ? AND entity_id = ?",
                             (entity, entity_id))
        record_edits(project.conn, [(chosen.modified, project.analyst, "resolve conflict",
                                     entity, entity_id, doc_id, chosen.canonical)])


def _resolved_history(project: Project, kind: ItemTable, current: ItemVersion,
                      chosen: ItemVersion) -> list[str]:
    """The history of the chosen version: the reviewer saw every version at the current
    revision, not only the kept one, and so every revision where a conflicting version's own
    history differs. A history unknown from a gap on keeps the gap."""
    history = list(current.history)
    if len(history) != current.revision:
        return history
    for (other,) in project.conn.execute(
            "SELECT other FROM merge_conflicts WHERE entity = ? AND entity_id = ?"
            " AND revision = ?", (kind.entity, current.id, current.revision)):
        theirs = json.loads(other).get("history", [])
        for index, entry in enumerate(theirs[:len(history)]):
            if entry != history[index]:
                history[index] = SEEN_ALL
    return [*history[:-1], SEEN_ALL, chosen.hash]


def _check_chosen(project: Project, kind: ItemTable, chosen: ItemVersion,
                  doc_id: str | None) -> None:
    """Refuse a chosen version that breaks a rule of the project, as an edit would be."""
    if kind is SPANS:
        length = project.conn.execute("SELECT length FROM documents WHERE id = ?",
                                      (doc_id,)).fetchone()[0]
        start, end = chosen.number("start"), chosen.number("end")
        if not span_inside(start, end, length):
            raise InvariantError(f"span [{start}, {end}) is outside the text (0..{length})")
        speakers = set(project.speaker_names())
        attrs = chosen.own["attrs"]
        faults = project.schema.span_faults(chosen.text("label"),
                                            attrs if isinstance(attrs, dict) else {},
                                            speakers.__contains__)
        if faults:
            raise InvariantError(faults[0])
    if kind is RELATIONS and not chosen.deleted:
        for end_name in ("from", "to"):
            span = project.conn.execute("SELECT doc_id, deleted FROM spans WHERE id = ?",
                                        (chosen.text(end_name),)).fetchone()
            if end_fault(str(doc_id), None if span is None else End(span[0], "", bool(span[1])),
                         live=True):
                raise InvariantError("a relation must link live spans of its document")
