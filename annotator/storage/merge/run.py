"""Merging checked sources into a project, all in one transaction.

For each source: its analysts, speakers, documents (by id, else by text hash), spans,
relations and statuses, each item vetted (``merge.vetting``), decided (``merge.decision``)
and written in one batch per kind; then relations left pointing at a deleted span go too.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.domain.errors import ProjectError
from annotator.domain.model import STATUSES, utc_now
from annotator.domain.schema import LabelSchema
from annotator.storage.merge.decision import KeptConflict, Outcome, conflict_id, decide
from annotator.storage.merge.report import MergeCounts, MergeReport, Refusal
from annotator.storage.merge.source import SourceFile, expected_schema, open_source
from annotator.storage.merge.versions import ItemVersion, next_hash
from annotator.storage.merge.vetting import (
    Refused,
    check_document,
    checked,
    json_field,
    row_version,
    text,
)
from annotator.storage.project import Project
from annotator.storage.rules import End, end_fault, span_inside, type_fault
from annotator.storage.speaker_numbers import pin_speaker_numbers
from annotator.storage.tables import (
    ANALYSTS,
    DOCUMENT_STATUS,
    DOCUMENTS,
    MERGE_CONFLICTS,
    RELATIONS,
    SPANS,
    SPEAKERS,
    ItemTable,
    Row,
    canonical_json,
    record_edits,
)

_PROGRESS: dict[str, int] = {status: rank for rank, status in enumerate(STATUSES)}
_DOCUMENT_KEY = DOCUMENTS.pick("id", "text_sha256")
_BATCH = 500  # items merged at a time
_STATUS_SELECT = DOCUMENT_STATUS.select()
_SHA_OF_ID = "SELECT id, text_sha256 FROM documents WHERE id = ?"
_FIRST_WITH_SHA = ("SELECT id, text_sha256 FROM documents WHERE text_sha256 = ?"
                   " ORDER BY rowid LIMIT 1")


def merge_files(project_path: str | Path, sources: Sequence[str | Path], *,
                analyst: str, on_open: Callable[[Project], None] | None = None) -> MergeReport:
    """Check every source, then open the project and merge them all in one transaction.

    A source that fails the checks is refused before the project is even opened, so the
    project file stays byte-for-byte as it was. ``on_open`` sees the opened project before
    the merge (the command line warns there when the automatic backup failed).
    """
    project_path = Path(project_path)
    opened = [open_source(Path(s), project=project_path) for s in sources]
    try:
        with Project.open(project_path, analyst=analyst) as project:
            if on_open is not None:
                on_open(project)
            return merge_projects(project, opened)
    finally:
        for source in opened:
            source.close()


def merge_projects(project: Project, sources: Sequence[SourceFile]) -> MergeReport:
    """Merge already opened and checked sources into ``project`` in one transaction."""
    report = MergeReport(sources=[s.name for s in sources])
    for source in sources:
        if source.normalization != project.normalization:
            raise ProjectError(
                f"was made with normalization {source.normalization!r} but this project uses "
                f"{project.normalization!r}, so their texts would not match; nothing was merged",
                path=source.name)
    current = sources[0] if sources else None
    try:
        with project.transaction():
            project.conn.execute("PRAGMA defer_foreign_keys = ON")  # documents may be renamed
            for current in sources:
                _Merge(project, current, report).run()
            if report.changed:
                record_edits(project.conn, [(utc_now(), project.analyst, "merge", "project", "",
                                             None, canonical_json(report.to_json()))])
    except sqlite3.Error as error:
        # Undecodable text in a source, or a rule of the project file it would break.
        raise ProjectError(f"cannot be merged ({error}); nothing was merged",
                           path=current.name if current else None) from error
    return report


@dataclass
class _Incoming:
    """One source item: its document in the target (if it has one) and its versions."""

    doc_id: str | None
    versions: list[ItemVersion]
    row: Row | None = None  # the source's row as read, for a cheap equality test


@dataclass
class _Writes:
    """Everything one kind of item's merge writes, written at once."""

    authors: set[str] = field(default_factory=set)
    inserts: list[tuple[object, ...]] = field(default_factory=list)
    updates: list[tuple[object, ...]] = field(default_factory=list)
    dropped: list[tuple[str]] = field(default_factory=list)
    conflicts: list[tuple[object, ...]] = field(default_factory=list)

    def add(self, kind: ItemTable, item_id: str, doc_id: str | None, outcome: Outcome,
            kept: Sequence[KeptConflict]) -> None:
        if outcome.author:
            self.authors.add(outcome.author)
        if outcome.store is not None:
            row = kind.row(outcome.store.to_json(), doc_id)
            if outcome.new:
                self.inserts.append(kind.values(row))
            else:
                self.updates.append(kind.update_values(row))
        if not outcome.replace_conflicts or outcome.winner is None:
            return
        winner = outcome.winner
        self.dropped.extend((c.id,) for c in kept)
        self.conflicts.extend(
            (conflict_id(kind.entity, other), kind.entity, item_id, doc_id, winner.revision,
             winner.canonical, other.canonical, max(winner.modified, other.modified))
            for other in outcome.conflicts)

    def write(self, conn: sqlite3.Connection, kind: ItemTable) -> None:
        conn.executemany(ANALYSTS.insert("INSERT OR IGNORE"),
                         [(author, utc_now()) for author in sorted(self.authors)])
        conn.executemany(kind.insert(), self.inserts)
        conn.executemany(kind.update(), self.updates)
        conn.executemany("DELETE FROM merge_conflicts WHERE id = ?", self.dropped)
        conn.executemany(MERGE_CONFLICTS.insert("INSERT OR REPLACE"), self.conflicts)


class _Merge:
    """One source into the project."""

    def __init__(self, project: Project, source: SourceFile, report: MergeReport) -> None:
        self.project = project
        self.conn = project.conn
        self.source = source
        self.report = report
        self.doc_map: dict[str, str] = {}       # source document id -> target document id
        self.doc_lengths: dict[str, int] = {}   # the batch's documents -> code points

    def run(self) -> None:
        self.conn.executemany(ANALYSTS.insert("INSERT OR IGNORE"), sorted(self._authors().items()))
        self._merge_items(SPEAKERS, self._incoming(SPEAKERS), self.report.speakers)
        pin_speaker_numbers(self.conn, self._incoming_numbers())
        self._merge_documents()
        self._extend_schema(self._incoming_relation_types())
        self._merge_items(SPANS, self._incoming(SPANS), self.report.spans)
        self._merge_items(RELATIONS, self._incoming(RELATIONS), self.report.relations)
        self._merge_statuses()
        self._tombstone_orphaned_relations()

    def _refuse(self, entity: str, item_id: object, reason: str) -> None:
        self.report.refusals.append(Refusal(self.source.name, entity, str(item_id), reason))

    def _note(self, note: str) -> None:
        full = f"{self.source.name}: {note}"
        if full not in self.report.notes:
            self.report.notes.append(full)

    def _authors(self) -> dict[str, str]:
        known = {str(r[0]) for r in self.conn.execute("SELECT name FROM analysts")}
        found: dict[str, str] = {}
        for name, created in self.source.conn.execute("SELECT name, created FROM analysts"):
            if isinstance(name, str) and name.strip() and name not in known:
                found[name] = str(created)
        now = utc_now()
        for table in ("spans", "relations", "speakers", "documents"):
            for (name,) in self.source.conn.execute(f"SELECT DISTINCT author FROM {table}"):
                if isinstance(name, str) and name.strip() and name not in known:
                    found.setdefault(name, now)
        for (name,) in self.source.conn.execute("SELECT DISTINCT analyst FROM document_status"):
            if isinstance(name, str) and name.strip() and name not in known:
                found.setdefault(name, now)
        return found

    # -- documents -------------------------------------------------------------------------

    def _merge_documents(self) -> None:
        """Each source document by id, else by text hash, looked up in the project one at a
        time through its indexes: memory holds one document, not the project's list."""
        counts = self.report.documents
        for row in self.source.conn.execute(DOCUMENTS.select(order="rowid")):
            try:
                check_document(row)
            except Refused as refusal:
                counts.refused += 1
                self._refuse("document", row[0], str(refusal))
                continue
            source_id, sha = (str(v) for v in _DOCUMENT_KEY(row))
            found = self.conn.execute(_SHA_OF_ID, (source_id,)).fetchone()
            if found is None:  # the first of the project's documents with this text, if any
                found = self.conn.execute(_FIRST_WITH_SHA, (sha,)).fetchone()
            if found is None:
                self.conn.execute(DOCUMENTS.insert(), row)
                self.doc_map[source_id] = source_id
                counts.added += 1
                continue
            target_id, target_sha = str(found[0]), str(found[1])
            if target_sha != sha:
                counts.refused += 1
                self._refuse("document", source_id, "the project has a document with this id "
                             "but a different text")
                continue
            # The project's own document keeps its text, title, metadata and id, whatever
            # the source claims about when its copy was made: the source's marks move onto it.
            if target_id != source_id:
                self._note(f"document {source_id} has the same text as the project's "
                           f"{target_id}; its marks were merged into {target_id}")
            counts.unchanged += 1
            self.doc_map[source_id] = target_id

    def _document_of(self, source_doc_id: object) -> str:
        target = self.doc_map.get(str(source_doc_id))
        if target is None:
            raise Refused(f"its document {source_doc_id} was refused or is missing")
        return target

    # -- spans, relations, speakers --------------------------------------------------------

    def _incoming(self, kind: ItemTable, *, quiet: bool = False, order: str = "rowid"
                  ) -> Iterator[tuple[str, _Incoming]]:
        """The source's items of one kind in file order (or ``order``), each version checked,
        read as they go (memory: one item, not the file). Refusals are counted and reported
        when the last is read, rows in file order then kept conflicts, as a whole read would;
        ``quiet``: not. File order reads the source's pages one after the other, and a copy's
        rows lie in the project's order too: read by id, every row is a page elsewhere."""
        counts = self.report.counts()[kind.name]
        expected = expected_schema(self.source.version)
        read_as = kind.read_as_before(expected[kind.name][1])  # a file from before a column
        conflicts = self._source_conflicts(kind, expected)
        row_refusals: list[tuple[int, Refusal]] = []
        conflict_refusals: list[tuple[int, Refusal]] = []
        refused: set[str] = set()

        def refuse(into: list[tuple[int, Refusal]], at: int, item_id: object,
                   refusal: Refused) -> None:
            counts.refused += 0 if quiet else 1
            into.append((at, Refusal(self.source.name, kind.entity, str(item_id), str(refusal))))

        for rowid, *row in self.source.conn.execute(
                f"SELECT rowid, {kind.column_list(read_as=read_as)} FROM {kind.name}"
                f" ORDER BY {order}"):
            item_id = row[0]
            try:
                if not isinstance(item_id, str) or not item_id:
                    raise Refused("it has no id")
                doc_id = self._document_of(row[kind.positions["doc_id"]]) \
                    if kind.has_doc else None
                item = _Incoming(doc_id, [row_version(kind, tuple(row))], tuple(row))
            except Refused as refusal:
                refused.add(str(item_id))
                refuse(row_refusals, rowid, item_id, refusal)
                continue
            for at, other, revision in conflicts.pop(item_id, ()):
                if revision != item.versions[0].revision:
                    continue  # obsolete: an edit in that file settled it
                try:
                    item.versions.append(
                        checked(kind, json_field(other, "conflicting version"), item_id))
                except Refused as refusal:
                    refuse(conflict_refusals, at, item_id, refusal)
            yield item_id, item
        for entity_id, kept in conflicts.items():
            if entity_id not in refused:
                for at, _, _ in kept:
                    refuse(conflict_refusals, at, entity_id, Refused(
                        "the file keeps a conflict for an item it does not have"))
        if not quiet:
            self.report.refusals.extend(
                r for _, r in [*sorted(row_refusals, key=_first), *sorted(conflict_refusals,
                                                                          key=_first)])

    def _source_conflicts(self, kind: ItemTable, expected: dict[str, tuple[str, str]]
                          ) -> dict[object, list[tuple[int, object, object]]]:
        """The conflicts the source keeps for items of this kind: ``(order, other version,
        revision)`` by item id."""
        found: dict[object, list[tuple[int, object, object]]] = {}
        if "merge_conflicts" not in expected:
            return found  # a file from before merges kept conflicts
        for at, (entity_id, other, revision) in enumerate(self.source.conn.execute(
                "SELECT entity_id, other, revision FROM merge_conflicts WHERE entity = ?",
                (kind.entity,))):
            found.setdefault(entity_id, []).append((at, other, revision))
        return found

    def _incoming_numbers(self) -> dict[str, int]:
        """The source's speaker numbers (none from a file from before them), as wishes."""
        if "speaker_numbers" not in expected_schema(self.source.version):
            return {}
        return {speaker_id: number for speaker_id, number in self.source.conn.execute(
                    "SELECT speaker_id, number FROM speaker_numbers")
                if isinstance(speaker_id, str) and type(number) is int}

    def _incoming_relation_types(self) -> list[str]:
        return sorted({str(r[0]) for r in self.source.conn.execute(
            "SELECT DISTINCT type FROM relations") if isinstance(r[0], str) and r[0].strip()})

    def _kept_conflicts(self, kind: ItemTable) -> dict[str, list[KeptConflict]]:
        """The conflicts the project keeps for items of this kind, by item id."""
        kept: dict[str, list[KeptConflict]] = {}
        for row_id, entity_id, beside, other, obsolete in self.conn.execute(
                "SELECT c.id, c.entity_id, c.kept, c.other, c.revision < t.revision"
                f" FROM merge_conflicts c LEFT JOIN {kind.name} t ON t.id = c.entity_id"
                " WHERE c.entity = ?", (kind.entity,)):
            version = ItemVersion.from_json({"history": [], **json.loads(other)})
            kept.setdefault(entity_id, []).append(
                KeptConflict(row_id, beside, version, bool(obsolete)))
        return kept

    def _merge_items(self, kind: ItemTable, incoming: Iterator[tuple[str, _Incoming]],
                     counts: MergeCounts) -> None:
        """Merge the items ``_incoming`` reads, ``_BATCH`` at a time: each batch reads the
        project's rows of its ids and writes what it decided before the next is read."""
        stored = self._kept_conflicts(kind)
        check = self._checker(kind)
        refusals: list[Refusal] = []
        while batch := list(itertools.islice(incoming, _BATCH)):
            target = self._target_rows(kind, [item_id for item_id, _ in batch])
            if kind is SPANS:
                self.doc_lengths = self._lengths({str(item.doc_id) for _, item in batch})
            writes = _Writes()
            for item_id, item in batch:
                try:
                    self._merge_item(kind, item_id, item, target.get(item_id), stored,
                                     check, counts, writes, refusals)
                except Refused as refusal:
                    counts.refused += 1
                    refusals.append(Refusal(self.source.name, kind.entity, item_id,
                                            str(refusal)))
            writes.write(self.conn, kind)
        # After those of reading, in id order as before (stable: an item's stay in order).
        self.report.refusals.extend(sorted(refusals, key=_item_id))

    def _merge_item(self, kind: ItemTable, item_id: str, item: _Incoming, row: Row | None,
                    stored: dict[str, list[KeptConflict]],
                    check: Callable[[ItemVersion, str | None], None], counts: MergeCounts,
                    writes: _Writes, refusals: list[Refusal]) -> None:
        if row is not None and kind.has_doc and \
                row[kind.positions["doc_id"]] != item.doc_id:
            raise Refused("the project has an item with this id in another document")
        kept = stored.get(item_id, [])
        simple = not kept and len(item.versions) == 1
        if simple and row is not None and item.row is not None and \
                _same_row(kind, row, item.row):
            counts.unchanged += 1  # the very row the project has
            return
        versions = []
        for version in item.versions:
            try:
                check(version, item.doc_id)
                versions.append(version)
            except Refused as refusal:
                counts.refused += 1
                refusals.append(Refusal(self.source.name, kind.entity, item_id, str(refusal)))
        if not versions:
            return
        current = row_version(kind, row) if row is not None else None
        outcome = decide(current, versions, kept, simple=simple)
        counts.count(outcome.count)
        writes.add(kind, item_id, item.doc_id, outcome, kept)

    def _target_rows(self, kind: ItemTable, ids: list[str]) -> dict[str, Row]:
        """The project's rows of these ids."""
        return {str(r[0]): r for r in self.conn.execute(
            kind.select(f"id IN ({', '.join('?' * len(ids))})"), ids)}

    def _lengths(self, doc_ids: set[str]) -> dict[str, int]:
        """The lengths of these documents of the project."""
        return {str(r[0]): int(r[1]) for r in self.conn.execute(
            f"SELECT id, length FROM documents WHERE id IN ({', '.join('?' * len(doc_ids))})",
            sorted(doc_ids))}

    def _checker(self, kind: ItemTable) -> Callable[[ItemVersion, str | None], None]:
        """How a version of this kind is checked against the project before it is stored."""
        schema = self.project.schema
        if kind is SPANS:
            speakers = {str(r[0]) for r in self.conn.execute("SELECT id FROM speakers")}

            def check_span(version: ItemVersion, doc_id: str | None) -> None:
                length = self.doc_lengths.get(str(doc_id), -1)
                start, end = version.number("start"), version.number("end")
                if not span_inside(start, end, length):
                    raise Refused(f"[{start}, {end}) is outside its document's text "
                                  f"(0..{length})")
                faults = schema.span_faults(version.text("label"), _attrs(version),
                                            speakers.__contains__)
                if faults:
                    raise Refused(faults[0])
            return check_span
        if kind is RELATIONS:
            def span_end(span_id: str) -> End | None:  # read when asked: spans are many
                row = self.conn.execute(
                    "SELECT doc_id FROM spans WHERE id = ?", (span_id,)).fetchone()
                return None if row is None else End(str(row[0]))

            def check_relation(version: ItemVersion, doc_id: str | None) -> None:
                for end in ("from", "to"):
                    span_id = version.text(end)
                    if end_fault(str(doc_id), span_end(span_id), live=False):
                        raise Refused(f"its {end} span {span_id} is not in its document")
                if type_fault(schema, version.text("type")):
                    raise Refused(f"the relation type {version.text('type')!r} is not in the "
                                  "schema")
            return check_relation

        def check_speaker(version: ItemVersion, doc_id: str | None) -> None:
            return None  # every field was checked when the version was read
        return check_speaker

    def _extend_schema(self, relation_types: list[str]) -> None:
        """Add the labels, attributes, values and relation types the source uses and the
        project's schema lacks, as an import does; each addition is noted. (A read of the
        source's spans of its own, in file order; only when they add something, again in id
        order, the order the additions and their notes always came in: whether anything is
        added does not depend on the order. The merge reads them again, one batch at a
        time.)"""
        original = self.project.schema
        schema, notes = self._extended(original, relation_types, "rowid")
        if schema != original or notes:
            schema, notes = self._extended(original, relation_types, "id")
        for note in notes:
            self._note(note)
        if schema != original:
            self.project.set_schema(schema)

    def _extended(self, schema: LabelSchema, relation_types: list[str], order: str
                  ) -> tuple[LabelSchema, list[str]]:
        return schema.extended_for(
            ((v.text("label"), dict(sorted(_attrs(v).items())))
             for _, item in self._incoming(SPANS, quiet=True, order=order)
             for v in item.versions),
            relation_types, like=self.source.schema)

    # -- statuses and relations left pointing at deleted spans -----------------------------

    def _merge_statuses(self) -> None:
        """The source's statuses ``_BATCH`` at a time, each batch reading the project's
        statuses of its documents only."""
        counts = self.report.statuses
        rows = self.source.conn.execute(_STATUS_SELECT)
        while batch := list(itertools.islice(rows, _BATCH)):
            found: list[tuple[tuple[str, str], tuple[str, str]]] = []
            for doc_id, analyst, status, modified in batch:
                try:
                    target_doc = self._document_of(doc_id)
                    text(analyst, "analyst", empty=False)
                    text(modified, "modified time", empty=False)
                    if status not in _PROGRESS:
                        raise Refused(f"status {status!r} is not one of {', '.join(STATUSES)}")
                except Refused as refusal:
                    counts.refused += 1
                    self._refuse("status", f"{doc_id}/{analyst}", str(refusal))
                    continue
                found.append(((target_doc, str(analyst)), (str(status), str(modified))))
            docs = sorted({key[0] for key, _ in found})
            target = {(str(doc_id), str(analyst)): (str(status), str(modified))
                      for doc_id, analyst, status, modified in self.conn.execute(
                          DOCUMENT_STATUS.select(f"doc_id IN ({', '.join('?' * len(docs))})"),
                          docs)}
            writes: list[tuple[str, str, str, str]] = []
            for key, theirs in found:
                mine = target.get(key)
                if mine is None:
                    counts.added += 1
                elif _status_order(theirs) > _status_order(mine):
                    counts.updated += 1
                else:
                    counts.unchanged += 1
                    continue
                target[key] = theirs
                writes.append((*key, *theirs))
            self.conn.executemany(DOCUMENT_STATUS.upsert(), writes)

    def _tombstone_orphaned_relations(self) -> None:
        """A relation one analyst made to a span another deleted goes with the span, as it
        would have had the deletion happened in the same file (``Project.delete_span``)."""
        found = self.conn.execute(
            f"SELECT {RELATIONS.column_list(alias='r')}, max(r.modified, a.modified, b.modified)"
            " FROM relations r"
            " JOIN spans a ON a.id = r.from_id JOIN spans b ON b.id = r.to_id"
            " WHERE r.deleted = 0 AND (a.deleted = 1 OR b.deleted = 1)").fetchall()
        self.conn.executemany(
            RELATIONS.revise(("deleted",)),
            [(1, str(r[-1]), next_hash(RELATIONS.raw_version(r, json_field), deleted=True),
              r[0]) for r in found])
        # The deletion supersedes any conflicting versions of those relations.
        self.conn.executemany(
            "DELETE FROM merge_conflicts WHERE entity = 'relation' AND entity_id = ?",
            [(str(r[0]),) for r in found])
        if found:
            self._note(f"deleted {len(found)} relation(s) whose span another analyst deleted")


def _attrs(version: ItemVersion) -> dict[str, str]:
    attrs = version.own["attrs"]
    assert isinstance(attrs, dict)  # checked when the version was read
    return attrs


def _same_row(table: ItemTable, one: Row, other: Row) -> bool:
    """Whether two rows of ``table`` hold the same, whichever document each is in."""
    at = table.positions.get("doc_id")
    return all(a == b for n, (a, b) in enumerate(zip(one, other, strict=True)) if n != at)


def _item_id(refusal: Refusal) -> str:
    return refusal.id


def _first(pair: tuple[int, Refusal]) -> int:
    return pair[0]


def _status_order(value: tuple[str, str]) -> tuple[str, int]:
    return (value[1], _PROGRESS[value[0]])
