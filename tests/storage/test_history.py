"""Every edit through ``Project`` appends the hash merging computes for the new version."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.formats.importing import import_files
from annotator.storage.history import SEEN_ALL, version_hash
from annotator.storage.merging import conflicts, merge_files, resolve_conflict
from annotator.storage.project import Project
from annotator.storage.sharing import share_project

TEXT = "سفیر 😀 گفت: می‌پردازند.\nعلی و کتاب‌ها را دید.\n"


def stored(project: Project, table: str, item_id: str) -> list[str]:
    row = project.conn.execute(f"SELECT history FROM {table} WHERE id = ?", (item_id,))
    return list(json.loads(row.fetchone()[0]))


def span_hash(project: Project, span_id: str) -> str:
    s = project.span(span_id)
    return version_hash({"id": s.id, "author": s.author, "created": s.created,
                         "revision": s.revision, "deleted": s.deleted, "start": s.start,
                         "end": s.end, "label": s.label, "attrs": s.attrs})


def make(tmp_path: Path) -> tuple[Path, str, str]:
    path = tmp_path / "lead.annot"
    source = tmp_path / "one.txt"
    source.write_text(TEXT, encoding="utf-8")
    with Project.create(path, analyst="lead") as project:
        import_files(project, [source])
        doc_id = project.document_summaries()[0].id
        span_id = project.add_span(doc_id, 5, 7, "Claim").id  # the emoji and a space
    return path, doc_id, span_id


def fork(source: Path, name: str) -> Path:
    out = source.with_name(f"{name}.annot")
    with Project.open(source, analyst="lead", read_only=True) as project:
        share_project(project, out)
    return out


def test_each_edit_appends_the_hash_of_the_new_version(tmp_path: Path) -> None:
    path, doc_id, span_id = make(tmp_path)
    with Project.open(path, analyst="lead") as project:
        speaker = project.add_speaker("سفیر")
        mention = project.add_span(doc_id, 0, 4, "Speaker", {"speaker": speaker.id})
        relation = project.add_relation(span_id, mention.id, "attributed_to")
        project.update_span(span_id, label="Turn", attrs={})
        project.delete_span(span_id)      # tombstones the relation as well
        project.restore_span(span_id)
        project.restore_relation(relation.id)
        project.delete_relation(relation.id)
        history = stored(project, "spans", span_id)
        assert len(history) == 4 and len(set(history)) == 4
        assert history[-1] == span_hash(project, span_id)
        assert len(stored(project, "relations", relation.id)) == 4
        project.update_speaker(speaker.id, aliases=("ي ك",))
        project.set_speaker_deleted(speaker.id, True)
        project.set_speaker_deleted(speaker.id, True)  # no change, no new revision
        assert len(stored(project, "speakers", speaker.id)) == 3
    # The hashes Project stores are the ones merging computes: merging into a copy that
    # lacks the span adds it with its history intact, and the merge itself checks them.
    empty = fork(path, "empty")
    with Project.open(empty, analyst="lead") as project:
        project.conn.execute("UPDATE spans SET history = '[]' WHERE id = ?", (span_id,))
    report = merge_files(empty, [path], analyst="lead")
    assert report.spans.conflicts == 0 and report.spans.refused == 0


def test_an_item_from_before_histories_keeps_an_unknown_history(tmp_path: Path) -> None:
    path, _, span_id = make(tmp_path)
    with Project.open(path, analyst="lead") as project:
        project.conn.execute("UPDATE spans SET history = '[]' WHERE id = ?", (span_id,))
        project.update_span(span_id, end=8)
        assert stored(project, "spans", span_id) == []  # a gap would misplace every hash


def test_a_resolution_saw_every_version_and_an_ordinary_edit_did_not(tmp_path: Path) -> None:
    lead, doc_id, span_id = make(tmp_path)
    ali, bita = fork(lead, "ali"), fork(lead, "bita")
    with Project.open(ali, analyst="ali") as project:
        project.update_span(span_id, label="Turn", attrs={})
    with Project.open(bita, analyst="bita") as project:
        project.update_span(span_id, end=9)
    reviewed = fork(lead, "reviewed")
    merge_files(reviewed, [ali, bita], analyst="lead")
    edited = fork(reviewed, "edited")
    with Project.open(reviewed, analyst="gold") as project:
        [conflict] = conflicts(project, doc_id)
        resolve_conflict(project, "span", span_id, conflict.other)
        assert stored(project, "spans", span_id)[1] == SEEN_ALL
    assert merge_files(reviewed, [ali, bita], analyst="lead").spans.conflicts == 0
    with Project.open(edited, analyst="gold") as project:
        project.update_span(span_id, start=4)
        assert conflicts(project) == []  # hidden: the row moved past the conflict
    assert merge_files(edited, [ali, bita], analyst="lead").spans.conflicts == 1
    with Project.open(edited, analyst="lead", read_only=True) as project:
        [conflict] = conflicts(project)
        assert conflict.revision == 3 and conflict.other["revision"] == 2


def test_a_resolution_also_saw_what_the_conflicting_version_was_built_on(
        tmp_path: Path) -> None:
    lead, doc_id, span_id = make(tmp_path)
    ali, bita = fork(lead, "ali"), fork(lead, "bita")
    with Project.open(ali, analyst="ali") as project:
        project.update_span(span_id, label="Turn", attrs={})
        project.update_span(span_id, end=8)
    with Project.open(bita, analyst="bita") as project:
        project.update_span(span_id, end=9)
    early_bita = fork(bita, "early")  # bita's revision 2 alone
    with Project.open(bita, analyst="bita") as project:
        project.update_span(span_id, start=4)
    merge_files(lead, [ali, bita], analyst="lead")
    with Project.open(lead, analyst="gold") as project:
        [conflict] = conflicts(project, doc_id)
        resolve_conflict(project, "span", span_id, conflict.kept)
        assert stored(project, "spans", span_id)[1:3] == [SEEN_ALL, SEEN_ALL]
    assert merge_files(lead, [early_bita, ali, bita], analyst="lead").spans.conflicts == 0
