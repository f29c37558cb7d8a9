"""Integrity checks and counts over a whole project file."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from annotator.domain.model import STATUSES
from annotator.storage.project import Project
from annotator.storage.raw_patch import raw_from_stored
from annotator.storage.rules import (
    End,
    document_faults,
    end_fault,
    identify_open,
    revision_fault,
    span_inside,
)
from annotator.storage.safety import integrity_problems
from annotator.storage.search import skipped_count
from annotator.storage.tables import DOCUMENTS, RELATIONS, SPANS, SPEAKERS, alignment_json


def check_project(project: Project) -> list[str]:
    """Every fault found, one sentence each; an empty list means the file is sound.

    Checks SQLite's own integrity and foreign keys, then every rule of the model: each
    document's hash, length and alignment fit its texts; each span lies inside its text and
    uses a label and attributes of the schema; relations link spans of one document;
    speaker attributes name registry entries.
    """
    conn = project.conn
    faults = [f"SQLite integrity: {row}" for row in integrity_problems(conn) if row != "ok"]
    faults += [f"foreign key: {row[0]} row {row[1]} points to a missing {row[2]} row"
               for row in conn.execute("PRAGMA foreign_key_check")]
    identity = identify_open(conn)
    if not identity.ours:
        faults.append("the file's application id is not Annotator's")
    if identity.newer:
        faults.append("the file's schema is newer than this program")
    lengths: dict[str, int] = {}
    for row in conn.execute(DOCUMENTS.select()):
        doc_id, canonical, raw, alignment, sha, length = _DOCUMENT(row)
        lengths[doc_id] = len(canonical)
        try:
            raw = raw_from_stored(raw, canonical)
        except ValueError as error:
            faults.append(f"document {doc_id}: {error}")
            continue
        found = document_faults(canonical, raw,
                                json.loads(str(alignment_json(alignment, canonical))), sha,
                                length)
        if "text_sha256" in found:
            faults.append(f"document {doc_id}: text_sha256 does not match its canonical text")
        if "length" in found:
            faults.append(f"document {doc_id}: stored length {length} is not {len(canonical)}")
        if "alignment" in found:
            faults.append(f"document {doc_id}: the alignment does not fit its texts")
    if skipped := skipped_count(conn):  # documents still pending are not a fault
        faults.append(f"search index: {skipped} document(s) before its newest one are missing "
                      "from it, so search cannot find them")
    ends = _span_faults(project, lengths, faults)
    for row in conn.execute(RELATIONS.select()):
        relation_id, doc_id, from_id, to_id, deleted, revision = _RELATION(row)
        if fault := revision_fault(revision):
            faults.append(f"relation {relation_id}: {fault.removeprefix('its ')}")
        uses = {end_fault(doc_id, ends.get(span_id), live=not deleted)
                for span_id in (from_id, to_id)}
        if any(end_fault(doc_id, ends.get(span_id), live=False) for span_id in (from_id, to_id)):
            faults.append(f"relation {relation_id}: its spans are not both in document {doc_id}")
        elif "deleted span" in uses:
            faults.append(f"relation {relation_id}: it is live but uses a deleted span")
    for row in conn.execute(SPEAKERS.select()):
        speaker_id, revision = _SPEAKER(row)
        if fault := revision_fault(revision):
            faults.append(f"speaker {speaker_id}: {fault.removeprefix('its ')}")
    return faults


def _span_faults(project: Project, lengths: dict[str, int], faults: list[str]
                 ) -> dict[str, End]:
    """Add the faults of every span to ``faults``; returns each span as a relation's end."""
    schema = project.schema
    speakers = set(project.speaker_names())
    # Only the spans relations use are kept as ends: memory grows with relations, not spans.
    used = {span_id for row in project.conn.execute("SELECT from_id, to_id FROM relations")
            for span_id in row}
    ends: dict[str, End] = {}
    for span_id, doc_id, start, end, label, attrs, deleted, revision in project.conn.execute(
            f"SELECT {SPANS.column_list(_SPAN_COLUMNS)} FROM spans"):
        if span_id in used:
            ends[span_id] = End(doc_id, label, bool(deleted))
        if fault := revision_fault(revision):
            faults.append(f"span {span_id}: {fault.removeprefix('its ')}")
        if doc_id not in lengths:
            continue  # reported by the foreign key check
        if not span_inside(start, end, lengths[doc_id]):
            faults.append(f"span {span_id}: [{start}, {end}) is outside its document "
                          f"(0..{lengths[doc_id]})")
        faults += [f"span {span_id}: {fault}" for fault in
                   schema.span_faults(label, json.loads(attrs), speakers.__contains__)]
    return ends


_DOCUMENT = DOCUMENTS.pick("id", "canonical_text", "raw_text", "alignment", "text_sha256",
                           "length")
_SPAN_COLUMNS = ("id", "doc_id", "start", "end", "label", "attrs", "deleted", "revision")
_SPEAKER = SPEAKERS.pick("id", "revision")
_RELATION = RELATIONS.pick("id", "doc_id", "from_id", "to_id", "deleted", "revision")


def project_stats(project: Project) -> dict[str, Any]:
    """Counts for ``annotator stats --json``: documents, live spans per label, per analyst."""
    conn = project.conn
    labels = Counter({label: 0 for label in project.schema.label_names})
    labels.update({row[0]: row[1] for row in conn.execute(
        "SELECT label, count(*) FROM spans WHERE deleted = 0 GROUP BY label")})
    by_analyst = {row[0]: row[1] for row in conn.execute(
        "SELECT author, count(*) FROM spans WHERE deleted = 0 GROUP BY author ORDER BY author")}
    status = {value: 0 for value in STATUSES}
    for value, count in conn.execute(
            "SELECT status, count(DISTINCT doc_id) FROM document_status GROUP BY status"):
        status[value] = count

    def scalar(sql: str) -> int:
        return int(conn.execute(sql).fetchone()[0])

    return {
        "documents": scalar("SELECT count(*) FROM documents"),
        "spans": scalar("SELECT count(*) FROM spans WHERE deleted = 0"),
        "relations": scalar("SELECT count(*) FROM relations WHERE deleted = 0"),
        "speakers": scalar("SELECT count(*) FROM speakers WHERE deleted = 0"),
        "labels": dict(labels),
        "spans_by_analyst": by_analyst,
        "documents_by_status": status,
        "analysts": project.analysts(),
        "normalization": project.normalization,
        "hazm_version": project.hazm_version,
        "characters": scalar("SELECT coalesce(sum(length), 0) FROM documents"),
    }
