"""The spans, relations, speakers, statuses and rejected suggestions of a project file.

``Annotations`` holds ``Project``'s methods for them (``Project`` inherits it, so they are
called as ``project.add_span(...)``); each write is one transaction (``Project.transaction``)
with its ``edits`` row, and each new revision of an item appends its hash to its history.
Offsets are code points of the canonical text, end exclusive.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from annotator.domain.errors import InvariantError
from annotator.domain.model import (
    DocumentStatusValue,
    Relation,
    Span,
    Speaker,
    check_span_bounds,
    check_status,
    new_id,
    utc_now,
)
from annotator.lazy import lazy
from annotator.storage.rules import End, end_fault, type_fault
from annotator.storage.speaker_numbers import pin_speaker_numbers, speaker_numbers
from annotator.storage.tables import (
    DOCUMENT_STATUS,
    REJECTED_SUGGESTIONS,
    RELATIONS,
    SPANS,
    SPEAKERS,
    ItemTable,
    record_edits,
    relation_from_row,
    span_from_row,
    speaker_from_row,
    stored_json,
)

if TYPE_CHECKING:  # revision hashes: the first edit loads them (annotator/lazy.py)
    from annotator.domain.schema import LabelSchema
    from annotator.storage.merge import versions
else:
    versions = lazy("annotator.storage.merge.versions")

_SPAN_ORDER = 'start, "end", label, id'
# A span to add: start, end, label, attrs, id (None: a new one), author (None: the analyst).
NewSpan = tuple[int, int, str, Mapping[str, str], str | None, str | None]
_NO_TIMESTAMPS = {"created": "''", "modified": "''"}


class Annotations:
    """The item methods of ``Project``; what they need of it is declared here."""

    conn: sqlite3.Connection
    analyst: str

    if TYPE_CHECKING:
        @property
        def schema(self) -> LabelSchema: ...

        def transaction(self) -> contextlib.AbstractContextManager[None]: ...

        def _ensure_analyst(self, name: str) -> None: ...

        def _record(self, action: str, entity: str, entity_id: str, doc_id: str | None,
                    detail: Mapping[str, Any]) -> None: ...

    # -- spans ---------------------------------------------------------------------------

    def add_span(self, doc_id: str, start: int, end: int, label: str,
                 attrs: Mapping[str, str] | None = None, *, span_id: str | None = None,
                 author: str | None = None) -> Span:
        """Mark ``[start, end)`` (code points of the canonical text) with ``label``."""
        attrs = dict(attrs or {})
        with self.transaction():
            length = self._document_length(doc_id)
            check_span_bounds(start, end, length)
            self._check_label_and_attrs(label, attrs)
            now = utc_now()
            span = Span(span_id or new_id(), doc_id, start, end, label, attrs,
                        author or self.analyst, now, now, 1, False)
            self._ensure_analyst(span.author)
            self._insert_item(SPANS, span, doc_id)
            self._record("add span", "span", span.id, doc_id, _span_detail(span))
        return span

    def add_spans(self, doc_id: str, spans: Iterable[NewSpan], *,
                  speaker_exists: Callable[[str], bool] | None = None) -> list[Span]:
        """Mark many stretches of one document, each ``(start, end, label, attrs, span_id,
        author)`` checked and recorded as ``add_span`` does, in one transaction and a few
        statements instead of a few per span (an import's path). ``speaker_exists``: whether
        an id is in the registry (deleted or not), when the caller knows; else it is read."""
        stored: list[Span] = []
        speakers: dict[str, bool] = {}

        def read_speaker(speaker_id: str) -> bool:
            if speaker_id not in speakers:
                speakers[speaker_id] = self._speaker_exists(speaker_id)
            return speakers[speaker_id]

        speaker_exists = speaker_exists or read_speaker

        with self.transaction():
            length = self._document_length(doc_id)
            now = utc_now()
            ids: set[str] = set()
            for start, end, label, given_attrs, span_id, author in spans:
                attrs = dict(given_attrs)
                check_span_bounds(start, end, length)
                faults = self.schema.span_faults(label, attrs, speaker_exists)
                if faults:
                    raise InvariantError(faults[0])
                span = Span(span_id or new_id(), doc_id, start, end, label, attrs,
                            author or self.analyst, now, now, 1, False)
                if span.id in ids:
                    raise InvariantError(f"span {span.id} is already in the project")
                ids.add(span.id)
                stored.append(span)
            for author in {span.author for span in stored}:
                self._ensure_analyst(author)
            self._insert_items(SPANS, stored)
            record_edits(self.conn, (
                (now, self.analyst, "add span", "span", span.id, doc_id,
                 stored_json(_span_detail(span))) for span in stored))
        return stored

    def update_span(self, span_id: str, *, start: int | None = None, end: int | None = None,
                    label: str | None = None, attrs: Mapping[str, str] | None = None) -> Span:
        """Change a span's bounds, label or attributes; its revision goes up by one."""
        with self.transaction():
            old = self.span(span_id)
            if old.deleted:
                raise InvariantError(f"span {span_id} was deleted")
            new_start = old.start if start is None else start
            new_end = old.end if end is None else end
            new_label = old.label if label is None else label
            new_attrs = dict(old.attrs if attrs is None else attrs)
            check_span_bounds(new_start, new_end, self._document_length(old.doc_id))
            self._check_label_and_attrs(new_label, new_attrs)
            now = utc_now()
            self.conn.execute(
                SPANS.revise(("start", "end", "label", "attrs")),
                (new_start, new_end, new_label, stored_json(new_attrs), now,
                 versions.next_hash(versions.span_version(old), start=new_start, end=new_end,
                                    label=new_label, attrs=new_attrs), span_id))
            span = self.span(span_id)
            self._record("update span", "span", span_id, span.doc_id, _span_detail(span))
        return span

    def delete_span(self, span_id: str) -> None:
        """Tombstone a span (and the relations that use it) so merges see the deletion."""
        with self.transaction():
            span = self.span(span_id)
            now = utc_now()
            self.conn.execute(
                SPANS.revise(("deleted",), "deleted = 0"),
                (1, now, versions.next_hash(versions.span_version(span), deleted=True), span_id))
            for (relation_id,) in self.conn.execute(
                    "SELECT id FROM relations WHERE deleted = 0 AND (from_id = ? OR to_id = ?)",
                    (span_id, span_id)).fetchall():
                self._tombstone_relation(relation_id, now)
            self._record("delete span", "span", span_id, span.doc_id, {})

    def restore_span(self, span_id: str) -> Span:
        """Undo a deletion: the span is live again with a new revision."""
        with self.transaction():
            old = self.span(span_id)
            self.conn.execute(
                SPANS.revise(("deleted",), "deleted = 1"),
                (0, utc_now(), versions.next_hash(versions.span_version(old), deleted=False),
                 span_id))
            span = self.span(span_id)
            self._record("restore span", "span", span_id, span.doc_id, _span_detail(span))
        return span

    def span(self, span_id: str) -> Span:
        row = self.conn.execute(SPANS.select("id = ?"), (span_id,)).fetchone()
        if row is None:
            raise InvariantError(f"there is no span {span_id!r} in the project")
        return span_from_row(row)

    def spans(self, doc_id: str, *, include_deleted: bool = False,
              timestamps: bool = True) -> list[Span]:
        """The spans of one document ordered by start, end and label.

        ``timestamps=False`` leaves ``created`` and ``modified`` empty: a window showing tens of
        thousands of spans does not show them, and they are a third of a span's memory.
        """
        deleted = "" if include_deleted else " AND deleted = 0"
        rows = self.conn.execute(
            SPANS.select(f"doc_id = ?{deleted}", order=_SPAN_ORDER,
                         read_as=None if timestamps else _NO_TIMESTAMPS), (doc_id,))
        return [span_from_row(r) for r in rows]

    def attribute_values(self, label: str, attribute: str) -> list[str]:
        """Distinct non-empty values of one attribute over the project's live spans, sorted."""
        rows = self.conn.execute(
            "SELECT DISTINCT json_extract(attrs, '$.' || json_quote(?)) AS value FROM spans"
            " WHERE deleted = 0 AND label = ? AND value IS NOT NULL AND value != ''"
            " ORDER BY value", (attribute, label))
        return [str(r[0]) for r in rows]

    def spans_in(self, doc_id: str, start: int, end: int) -> list[Span]:
        """The live spans sharing a code point with ``[start, end)``, ordered by start: what a
        window needs to paint one screen of a long document before it loads the rest."""
        rows = self.conn.execute(
            SPANS.select('doc_id = ? AND start < ? AND "end" > ? AND deleted = 0',
                         order=_SPAN_ORDER), (doc_id, end, start))
        return [span_from_row(r) for r in rows]

    def _insert_item(self, table: ItemTable, item: Span | Relation | Speaker,
                     doc_id: str | None) -> None:
        """Store a new span, relation or speaker at its first revision."""
        version = table.version(item)
        try:
            self.conn.execute(table.insert(), table.values(
                table.row({**version, "history": [versions.version_hash(version)]}, doc_id)))
        except sqlite3.IntegrityError as error:
            raise InvariantError(f"{table.entity} {item.id} is already in the project") \
                from error

    def _insert_items(self, table: ItemTable, items: Sequence[Span]) -> None:
        """``_insert_item`` for many items at once."""
        rows = []
        for item in items:
            version = table.version(item)
            rows.append(table.values(table.row(
                {**version, "history": [versions.version_hash(version)]}, item.doc_id)))
        try:
            self.conn.executemany(table.insert(), rows)
        except sqlite3.IntegrityError as error:
            taken = next((item.id for item in items if self.conn.execute(
                f"SELECT 1 FROM {table.name} WHERE id = ?", (item.id,)).fetchone()), "?")
            raise InvariantError(f"{table.entity} {taken} is already in the project") \
                from error

    def _document_length(self, doc_id: str) -> int:
        row = self.conn.execute("SELECT length FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise InvariantError(f"there is no document {doc_id!r} in the project")
        return int(row[0])

    def _check_label_and_attrs(self, label: str, attrs: Mapping[str, str]) -> None:
        faults = self.schema.span_faults(label, attrs, self._speaker_exists)
        if faults:
            raise InvariantError(faults[0])

    # -- relations -----------------------------------------------------------------------

    def add_relation(self, from_id: str, to_id: str, type: str, *,
                     relation_id: str | None = None, author: str | None = None) -> Relation:
        """Link two live spans of the same document with a relation of the schema."""
        with self.transaction():
            source, target = self.span(from_id), self.span(to_id)
            ends = [end_fault(source.doc_id, _end(span), live=True) for span in (source, target)]
            if "deleted span" in ends:
                raise InvariantError("a relation cannot use a deleted span")
            if "other document" in ends:
                raise InvariantError("a relation must link spans of the same document")
            fault = type_fault(self.schema, type, source.label, target.label)
            if fault == "unknown type":
                raise InvariantError(f"the relation {type!r} is not in the project's schema")
            if fault == "from label":
                raise InvariantError(f"a {type} relation cannot start at a {source.label} span")
            if fault == "to label":
                raise InvariantError(f"a {type} relation cannot end at a {target.label} span")
            now = utc_now()
            relation = Relation(relation_id or new_id(), source.doc_id, from_id, to_id, type,
                                author or self.analyst, now, now, 1, False)
            self._ensure_analyst(relation.author)
            self._insert_item(RELATIONS, relation, relation.doc_id)
            self._record("add relation", "relation", relation.id, relation.doc_id,
                         {"from": from_id, "to": to_id, "type": type})
        return relation

    def delete_relation(self, relation_id: str) -> None:
        with self.transaction():
            row = self.conn.execute(
                "SELECT doc_id FROM relations WHERE id = ?", (relation_id,)).fetchone()
            if row is None:
                raise InvariantError(f"there is no relation {relation_id!r} in the project")
            self._tombstone_relation(relation_id, utc_now())
            self._record("delete relation", "relation", relation_id, row[0], {})

    def restore_relation(self, relation_id: str) -> Relation:
        """Undo a deletion: the relation is live again, provided both of its spans are."""
        with self.transaction():
            relation = self.relation(relation_id)
            if any(end_fault(relation.doc_id, _end(self.span(span_id)), live=True)
                   for span_id in (relation.from_id, relation.to_id)):
                raise InvariantError("a relation cannot use a deleted span")
            self.conn.execute(
                RELATIONS.revise(("deleted",), "deleted = 1"),
                (0, utc_now(),
                 versions.next_hash(versions.relation_version(relation), deleted=False),
                 relation_id))
            relation = self.relation(relation_id)
            self._record("restore relation", "relation", relation_id, relation.doc_id,
                         {"from": relation.from_id, "to": relation.to_id, "type": relation.type})
        return relation

    def relation(self, relation_id: str) -> Relation:
        """One relation, deleted or not; ``InvariantError`` when there is none."""
        row = self.conn.execute(RELATIONS.select("id = ?"), (relation_id,)).fetchone()
        if row is None:
            raise InvariantError(f"there is no relation {relation_id!r} in the project")
        return relation_from_row(row)

    def _tombstone_relation(self, relation_id: str, now: str) -> None:
        relation = self.relation(relation_id)
        self.conn.execute(
            RELATIONS.revise(("deleted",), "deleted = 0"),
            (1, now, versions.next_hash(versions.relation_version(relation), deleted=True),
             relation_id))

    def relations(self, doc_id: str, *, include_deleted: bool = False) -> list[Relation]:
        deleted = "" if include_deleted else " AND deleted = 0"
        rows = self.conn.execute(
            RELATIONS.select(f"doc_id = ?{deleted}", order="created, id"), (doc_id,))
        return [relation_from_row(r) for r in rows]

    # -- speakers ------------------------------------------------------------------------

    def add_speaker(self, name: str, *, aliases: tuple[str, ...] = (), role: str = "",
                    affiliation: str = "", speaker_id: str | None = None,
                    author: str | None = None) -> Speaker:
        if not name.strip():
            raise InvariantError("a speaker needs a name")
        with self.transaction():
            now = utc_now()
            speaker = Speaker(speaker_id or new_id(), name, tuple(aliases), role, affiliation,
                              author or self.analyst, now, now, 1, False)
            self._ensure_analyst(speaker.author)
            self._insert_item(SPEAKERS, speaker, None)
            pin_speaker_numbers(self.conn)
            self._record("add speaker", "speaker", speaker.id, None,
                         {"name": name, "aliases": list(aliases), "role": role,
                          "affiliation": affiliation})
        return speaker

    def update_speaker(self, speaker_id: str, *, name: str | None = None,
                       aliases: tuple[str, ...] | None = None, role: str | None = None,
                       affiliation: str | None = None) -> Speaker:
        """Change a registry entry; its revision goes up by one."""
        if name is not None and not name.strip():
            raise InvariantError("a speaker needs a name")
        with self.transaction():
            old = self.speaker(speaker_id)
            new = Speaker(old.id, old.name if name is None else name,
                          old.aliases if aliases is None else tuple(aliases),
                          old.role if role is None else role,
                          old.affiliation if affiliation is None else affiliation)
            self.conn.execute(
                SPEAKERS.revise(("name", "aliases", "role", "affiliation")),
                (new.name, stored_json(list(new.aliases)), new.role, new.affiliation, utc_now(),
                 versions.next_hash(versions.speaker_version(old), name=new.name,
                                    aliases=list(new.aliases), role=new.role,
                                    affiliation=new.affiliation), speaker_id))
            self._record("update speaker", "speaker", speaker_id, None,
                         {"name": new.name, "aliases": list(new.aliases), "role": new.role,
                          "affiliation": new.affiliation})
        return self.speaker(speaker_id)

    def set_speaker_deleted(self, speaker_id: str, deleted: bool) -> Speaker:
        """Tombstone a registry entry or bring it back; spans keep pointing at it either way."""
        with self.transaction():
            old = self.speaker(speaker_id)
            self.conn.execute(
                SPEAKERS.revise(("deleted",), "deleted = ?"),
                (int(deleted), utc_now(),
                 versions.next_hash(versions.speaker_version(old), deleted=deleted),
                 speaker_id, int(not deleted)))
            self._record("delete speaker" if deleted else "restore speaker", "speaker",
                         speaker_id, None, {})
        return self.speaker(speaker_id)

    def speaker(self, speaker_id: str) -> Speaker:
        row = self.conn.execute(SPEAKERS.select("id = ?"), (speaker_id,)).fetchone()
        if row is None:
            raise InvariantError(f"there is no speaker {speaker_id!r} in the project")
        return speaker_from_row(row)

    def speakers(self, *, include_deleted: bool = False) -> list[Speaker]:
        rows = self.conn.execute(
            SPEAKERS.select("" if include_deleted else "deleted = 0", order="name, id"))
        return [speaker_from_row(r) for r in rows]

    def speaker_numbers(self) -> dict[str, int]:
        """Every speaker id (removed ones too) to its number: pinned when it was added, never
        given to another speaker, kept through merges."""
        return speaker_numbers(self.conn)

    def speaker_names(self) -> dict[str, str]:
        """Every speaker id (deleted ones too, so old spans still resolve) to its display name."""
        return {r[0]: r[1] for r in self.conn.execute("SELECT id, name FROM speakers")}

    def _speaker_exists(self, speaker_id: str) -> bool:
        return self.conn.execute(
            "SELECT 1 FROM speakers WHERE id = ?", (speaker_id,)).fetchone() is not None

    # -- rejected suggestions ------------------------------------------------------------

    def reject_suggestion(self, doc_id: str, key: str) -> None:
        """Remember that this analyst rejected the suggestion ``key`` in ``doc_id``."""
        with self.transaction():
            self._document_length(doc_id)
            self._ensure_analyst(self.analyst)
            self.conn.execute(REJECTED_SUGGESTIONS.insert("INSERT OR IGNORE"),
                              (key, doc_id, self.analyst, utc_now()))
            self._record("reject suggestion", "suggestion", key, doc_id, {})

    def unreject_suggestion(self, doc_id: str, key: str) -> None:
        """Undo ``reject_suggestion`` by this analyst: the suggestion may be proposed again."""
        with self.transaction():
            self.conn.execute(
                "DELETE FROM rejected_suggestions WHERE key = ? AND doc_id = ? AND analyst = ?",
                (key, doc_id, self.analyst))
            self._record("unreject suggestion", "suggestion", key, doc_id, {})

    def rejected_suggestion_keys(self, doc_id: str) -> set[str]:
        """Keys of the suggestions any analyst rejected in ``doc_id``."""
        return {r[0] for r in self.conn.execute(
            "SELECT key FROM rejected_suggestions WHERE doc_id = ?", (doc_id,))}

    # -- document status -----------------------------------------------------------------

    def set_status(self, doc_id: str, status: str, *, analyst: str | None = None) -> None:
        """Record one analyst's progress on a document: todo, in progress or done."""
        value = check_status(status)
        who = analyst or self.analyst
        with self.transaction():
            self._document_length(doc_id)
            self._ensure_analyst(who)
            self.conn.execute(DOCUMENT_STATUS.upsert(), (doc_id, who, value, utc_now()))
            self._record("set status", "document", doc_id, doc_id,
                         {"analyst": who, "status": value})

    def statuses(self, doc_id: str) -> dict[str, DocumentStatusValue]:
        rows = self.conn.execute(
            "SELECT analyst, status FROM document_status WHERE doc_id = ? ORDER BY analyst",
            (doc_id,))
        return {r[0]: check_status(r[1]) for r in rows}


def _end(span: Span) -> End:
    return End(span.doc_id, span.label, span.deleted)


def _span_detail(span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "label": span.label, "attrs": span.attrs,
            "revision": span.revision}
