"""Integrity checks and counts over a whole project file."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from annotator.domain.model import STATUSES, text_sha256
from annotator.storage.migrations import APPLICATION_ID, SCHEMA_VERSION
from annotator.storage.project import Project


def check_project(project: Project) -> list[str]:
    """Every fault found, one sentence each; an empty list means the file is sound.

    Checks SQLite's own integrity and foreign keys, then every rule of the model: each
    document's hash, length and alignment fit its texts; each span lies inside its text and
    uses a label and attributes of the schema; relations link spans of one document;
    speaker attributes name registry entries.
    """
    conn = project.conn
    faults = [f"SQLite integrity: {row[0]}" for row in conn.execute("PRAGMA integrity_check")
              if row[0] != "ok"]
    faults += [f"foreign key: {row[0]} row {row[1]} points to a missing {row[2]} row"
               for row in conn.execute("PRAGMA foreign_key_check")]
    if int(conn.execute("PRAGMA application_id").fetchone()[0]) != APPLICATION_ID:
        faults.append("the file's application id is not Annotator's")
    if int(conn.execute("PRAGMA user_version").fetchone()[0]) > SCHEMA_VERSION:
        faults.append("the file's schema is newer than this program")
    schema = project.schema
    speakers = set(project.speaker_names())
    lengths: dict[str, int] = {}
    for doc_id, canonical, raw, alignment, sha, length in conn.execute(
            "SELECT id, canonical_text, raw_text, alignment, text_sha256, length FROM documents"):
        lengths[doc_id] = len(canonical)
        raw = canonical if raw is None else raw
        if text_sha256(canonical) != sha:
            faults.append(f"document {doc_id}: text_sha256 does not match its canonical text")
        if length != len(canonical):
            faults.append(f"document {doc_id}: stored length {length} is not {len(canonical)}")
        segments = json.loads(alignment)
        if sum(r for r, _ in segments) != len(raw) or sum(c for _, c in segments) != len(canonical):
            faults.append(f"document {doc_id}: the alignment does not fit its texts")
    span_docs: dict[str, tuple[str, bool]] = {}
    for span_id, doc_id, start, end, label, attrs, deleted in conn.execute(
            'SELECT id, doc_id, start, "end", label, attrs, deleted FROM spans'):
        span_docs[span_id] = (doc_id, bool(deleted))
        if doc_id not in lengths:
            continue  # reported by the foreign key check
        if not (0 <= start < end <= lengths[doc_id]):
            faults.append(f"span {span_id}: [{start}, {end}) is outside its document "
                          f"(0..{lengths[doc_id]})")
        faults += [f"span {span_id}: {fault}" for fault in
                   schema.span_faults(label, json.loads(attrs), speakers.__contains__)]
    for relation_id, doc_id, from_id, to_id, deleted in conn.execute(
            "SELECT id, doc_id, from_id, to_id, deleted FROM relations"):
        ends = [span_docs.get(from_id), span_docs.get(to_id)]
        if any(e is None or e[0] != doc_id for e in ends):
            faults.append(f"relation {relation_id}: its spans are not both in document {doc_id}")
        elif not deleted and any(e is not None and e[1] for e in ends):
            faults.append(f"relation {relation_id}: it is live but uses a deleted span")
    return faults


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
