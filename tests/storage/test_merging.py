"""Merging analysts' project files: matching, conflicts, refusals, and the merge laws."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from annotator.domain.errors import InvariantError, NewerProjectError, ProjectError
from annotator.domain.schema import Layer
from annotator.formats.importing import import_files
from annotator.storage.checks import check_project
from annotator.storage.merging import combine, conflicts, merge_files, resolve_conflict
from annotator.storage.migrations import SCHEMA_VERSION
from annotator.storage.project import Project
from annotator.storage.sharing import share_project

# Emoji outside the BMP, ZWNJ, CRLF and Arabic letter variants (ي ك fold to ی ک on import).
RAW_TEXTS = (
    "سفیر 😀 گفت: می‌پردازند.\r\nعلي و كتاب‌ها را دید.\r\n",
    "وزیر گفت که 🙂 قیمت‌ها پایین می‌آید.\r\nخبرنگار پرسید: چرا؟\r\n",
    "متن سوم درباره‌ی سياست خارجی است.\r\n",
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def import_text(project: Project, folder: Path, raw: str, name: str) -> str:
    path = folder / f"{name}.txt"
    path.write_bytes(raw.encode("utf-8"))
    import_files(project, [path])
    canonical = raw.replace("\r\n", "\n").replace("ي", "ی").replace("ك", "ک")
    found = project.find_document("", hashlib.sha256(canonical.encode()).hexdigest())
    assert found is not None
    return found


def snapshot(path: Path) -> dict[str, Any]:
    """Everything a merge decides, as comparable values (not the audit trail or times of
    when an analyst first appeared)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        out: dict[str, Any] = {}
        for table, order in (("documents", "id"), ("spans", "id"), ("relations", "id"),
                             ("speakers", "id"), ("document_status", "doc_id, analyst"),
                             ("merge_conflicts", "id")):
            out[table] = conn.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()
        out["analysts"] = [r[0] for r in conn.execute("SELECT name FROM analysts ORDER BY 1")]
        out["schema"] = conn.execute(
            "SELECT value FROM meta WHERE key = 'label_schema'").fetchone()[0]
        return out
    finally:
        conn.close()


@pytest.fixture
def team(tmp_path: Path) -> Iterator[tuple[Path, str, str]]:
    """A lead's project with one imported document and one span, and its path."""
    path = tmp_path / "lead.annot"
    with Project.create(path, analyst="lead") as lead:
        doc_id = import_text(lead, tmp_path, RAW_TEXTS[0], "one")
        span = lead.add_span(doc_id, 0, 4, "Speaker")
    yield path, doc_id, span.id


def fork(source: Path, name: str) -> Path:
    out = source.with_name(f"{name}.annot")
    with Project.open(source, analyst="lead", read_only=True) as project:
        share_project(project, out)
    return out


# -- matching and conflicts --------------------------------------------------------------------


def test_merge_adds_new_work_and_keeps_authors(team: tuple[Path, str, str]) -> None:
    lead, doc_id, _ = team
    ali = fork(lead, "ali")
    with Project.open(ali, analyst="ali") as project:
        speaker = project.add_speaker("علی")
        claim = project.add_span(doc_id, 5, 6, "Claim", {"type": "opinion"})
        mention = project.add_span(doc_id, 0, 4, "Speaker", {"speaker": speaker.id})
        project.add_relation(claim.id, mention.id, "attributed_to")
        project.set_status(doc_id, "done")
    report = merge_files(lead, [ali], analyst="lead")
    assert report.spans.added == 2 and report.relations.added == 1
    assert report.speakers.added == 1 and report.statuses.added == 1
    assert report.documents.unchanged == 1 and report.refusals == []
    with Project.open(lead, analyst="lead") as project:
        authors = {s.id: s.author for s in project.spans(doc_id)}
        assert authors[claim.id] == "ali" and authors[mention.id] == "ali"
        assert project.statuses(doc_id) == {"ali": "done"}
        assert check_project(project) == []
    again = merge_files(lead, [ali], analyst="lead")
    assert not again.changed and again.spans.unchanged == 3


def test_the_same_article_imported_twice_is_one_document(tmp_path: Path) -> None:
    first, second = tmp_path / "a.annot", tmp_path / "b.annot"
    spans = {}
    for path, who in ((first, "ali"), (second, "bita")):
        with Project.create(path, analyst=who) as project:
            doc_id = import_text(project, tmp_path, RAW_TEXTS[1], who)
            spans[who] = (doc_id, project.add_span(doc_id, 0, 4, "Speaker").id)
            time.sleep(0.002)  # different creation times decide which id survives
    assert spans["ali"][0] != spans["bita"][0]
    report = merge_files(second, [first], analyst="bita")
    assert report.documents.to_json() == {"added": 0, "updated": 0, "unchanged": 1,
                                          "conflicts": 0, "refused": 0}
    with Project.open(second, analyst="bita") as project:
        [summary] = project.document_summaries()
        # The project's own document keeps its id (and title and metadata), whichever was
        # imported first: a source cannot take it over by claiming an earlier time.
        assert summary.id == spans["bita"][0]
        assert {s.author for s in project.spans(summary.id)} == {"ali", "bita"}
        assert check_project(project) == []


def test_same_revision_edits_are_kept_as_a_conflict(team: tuple[Path, str, str]) -> None:
    lead, _, span_id = team
    ali, bita = fork(lead, "ali"), fork(lead, "bita")
    with Project.open(ali, analyst="ali") as project:
        project.update_span(span_id, label="Claim", attrs={"type": "factual"})
    with Project.open(bita, analyst="bita") as project:
        project.delete_span(span_id)
    report = merge_files(ali, [bita], analyst="ali")
    assert report.spans.conflicts == 1
    conn = sqlite3.connect(ali)
    [(entity, entity_id, revision, kept, other)] = conn.execute(
        "SELECT entity, entity_id, revision, kept, other FROM merge_conflicts").fetchall()
    conn.close()
    assert (entity, entity_id, revision) == ("span", span_id, 2)
    versions = {json.loads(kept)["label"], json.loads(other)["label"]}
    assert versions == {"Claim", "Speaker"}
    assert {json.loads(kept)["deleted"], json.loads(other)["deleted"]} == {True, False}
    merge_files(bita, [ali], analyst="bita")
    assert snapshot(ali) == snapshot(bita)


def test_a_later_revision_supersedes_and_clears_the_conflict(team: tuple[Path, str, str]
                                                              ) -> None:
    lead, _, span_id = team
    ali, bita = fork(lead, "ali"), fork(lead, "bita")
    with Project.open(ali, analyst="ali") as project:
        project.update_span(span_id, label="Claim")
    with Project.open(bita, analyst="bita") as project:
        project.update_span(span_id, label="Turn")
    merge_files(ali, [bita], analyst="ali")
    with Project.open(ali, analyst="ali") as project:
        project.update_span(span_id, label="Stance")  # the adjudicated answer, revision 3
    report = merge_files(bita, [ali], analyst="bita")
    assert report.spans.updated == 1
    with Project.open(bita, analyst="bita") as project:
        assert project.span(span_id).label == "Stance"
        rows = project.conn.execute("SELECT count(*) FROM merge_conflicts").fetchone()[0]
        assert rows == 0


def test_a_reviewer_resolves_a_conflict_and_the_answer_travels(
        team: tuple[Path, str, str]) -> None:
    lead, doc_id, span_id = team
    ali, bita = fork(lead, "ali"), fork(lead, "bita")
    for path, who, label in ((ali, "ali", "Claim"), (bita, "bita", "Turn")):
        with Project.open(path, analyst=who) as project:
            project.update_span(span_id, label=label)
    merge_files(lead, [ali, bita], analyst="lead")
    with Project.open(lead, analyst="gold") as project:
        [conflict] = conflicts(project, doc_id)
        assert conflict.entity == "span" and conflict.revision == 2
        assert {conflict.kept["label"], conflict.other["label"]} == {"Claim", "Turn"}
        with pytest.raises(InvariantError, match="outside"):
            resolve_conflict(project, "span", span_id, {**conflict.other, "end": 10_000})
        resolve_conflict(project, "span", span_id, conflict.other)
        assert conflicts(project) == []
        resolved = project.span(span_id)
        assert resolved.label == conflict.other["label"] and resolved.revision == 3
        assert check_project(project) == []
    report = merge_files(ali, [lead], analyst="ali")
    assert report.spans.updated == 1
    with Project.open(ali, analyst="ali") as project:
        assert project.span(span_id).label == conflict.other["label"]
        assert conflicts(project) == []


def test_statuses_later_wins_and_a_tie_goes_to_the_further_one(
        team: tuple[Path, str, str]) -> None:
    lead, doc_id, _ = team
    ali, bita = fork(lead, "ali"), fork(lead, "bita")
    for path, status in ((ali, "done"), (bita, "in progress")):
        with Project.open(path, analyst="ali") as project:
            project.set_status(doc_id, status)
    for path in (ali, bita):
        tamper(path, "UPDATE document_status SET modified = '2026-01-01T00:00:00.000000Z'")
    merge_files(ali, [bita], analyst="ali")
    merge_files(bita, [ali], analyst="ali")
    for path in (ali, bita):
        with Project.open(path, analyst="ali") as project:
            assert project.statuses(doc_id) == {"ali": "done"}
    with Project.open(bita, analyst="ali") as project:
        project.set_status(doc_id, "todo")  # later: wins even though it goes back
    report = merge_files(ali, [bita], analyst="ali")
    assert report.statuses.updated == 1
    with Project.open(ali, analyst="ali") as project:
        assert project.statuses(doc_id) == {"ali": "todo"}


def test_combine_is_a_function_of_the_set_of_versions() -> None:
    base = {"id": "x", "author": "a", "created": "t0", "deleted": False, "label": "Claim"}
    v1 = {**base, "revision": 2, "modified": "t1"}
    v2 = {**base, "revision": 2, "modified": "t2", "label": "Turn"}
    v3 = {**base, "revision": 2, "modified": "t3"}  # same content as v1, later
    old = {**base, "revision": 1, "modified": "t9", "label": "Speaker"}
    winner, others = combine([v1, v2, v3, old])
    assert winner == v3 and others == [v2]
    assert combine([old, v3, v2, v1]) == (winner, others)


# -- refusals ------------------------------------------------------------------------------


def tamper(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in statements:
        conn.execute(statement)
    conn.close()


MALICIOUS = {
    "view named like our table": (
        "DROP TABLE relations",
        "DROP TABLE spans",
        "CREATE VIEW spans AS SELECT 'x' AS id, 'd' AS doc_id, 0 AS start, 1 AS \"end\","
        " 'Claim' AS label, '{}' AS attrs, 'a' AS author, 't' AS created, 't' AS modified,"
        " 1 AS revision, 0 AS deleted",
    ),
    "trigger": ("CREATE TRIGGER grow AFTER INSERT ON spans BEGIN SELECT 1; END",),
    "recursive view": (
        "CREATE VIEW boom AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)"
        " SELECT x FROM c",
    ),
    "extra table": ("CREATE TABLE extra(x)",),
    "changed table": ("DROP INDEX merge_conflicts_doc",
                      "CREATE INDEX merge_conflicts_doc ON merge_conflicts(found)"),
    "newer schema": (f"PRAGMA user_version = {SCHEMA_VERSION + 1}",),
}
EXPECTED = {
    "view named like our table": "contains a view named 'spans'",
    "trigger": "contains a trigger named 'grow'",
    "recursive view": "contains a view named 'boom'",
    "extra table": "contains a table named 'extra'",
    "changed table": "defines the index 'merge_conflicts_doc' differently",
    "newer schema": "newer Annotator",
}


@pytest.mark.parametrize("case", sorted(MALICIOUS))
def test_a_malicious_source_is_refused_and_the_target_unchanged(
        team: tuple[Path, str, str], case: str) -> None:
    lead, _, _ = team
    bad = fork(lead, "bad")
    tamper(bad, *MALICIOUS[case])
    before = digest(lead)
    started = time.monotonic()
    with pytest.raises(ProjectError, match=EXPECTED[case]) as raised:
        merge_files(lead, [bad], analyst="lead")
    assert time.monotonic() - started < 5
    assert str(bad) in str(raised.value)
    assert digest(lead) == before
    if case == "newer schema":
        assert isinstance(raised.value, NewerProjectError)


DROP_HISTORY = ("UPDATE documents SET alignment = '[[' || length || ', ' || length || ']]'"
                " WHERE alignment IS NULL",  # m009, the newest first
                "PRAGMA writable_schema = ON",
                "UPDATE sqlite_master SET sql = replace(sql, 'alignment TEXT,',"
                " 'alignment TEXT NOT NULL,') WHERE type = 'table' AND name = 'documents'",
                "PRAGMA writable_schema = OFF",
                "DELETE FROM _sqlite_migrations WHERE name = 'm009_identity_alignment'",
                "UPDATE meta SET value = '1' WHERE key = 'min_reader_version'",
                "DROP INDEX documents_title", "DROP INDEX spans_live",  # m008
                "DROP INDEX document_status_analyst",
                "DELETE FROM _sqlite_migrations WHERE name = 'm008_document_list_indexes'",
                "DROP TABLE speaker_numbers",  # m007
                "DELETE FROM _sqlite_migrations WHERE name = 'm007_speaker_numbers'",
                *(f"ALTER TABLE {t} DROP COLUMN history" for t in ("spans", "relations",
                                                                     "speakers")),
                "DELETE FROM _sqlite_migrations WHERE name = 'm004_history'",
                "DROP TABLE learned_models",  # m005, after histories
                "DELETE FROM _sqlite_migrations WHERE name = 'm005_learned_models'",
                "DROP TABLE search_documents", "DROP TABLE search_index",  # m006
                "DELETE FROM _sqlite_migrations WHERE name = 'm006_search_index'")


def test_a_file_from_before_histories_merges_with_its_history_unknown(
        team: tuple[Path, str, str]) -> None:
    lead, _, span_id = team
    old = fork(lead, "old")
    with Project.open(old, analyst="ali") as project:
        project.update_span(span_id, label="Turn")
        project.update_span(span_id, label="Claim")
    with Project.open(lead, analyst="lead") as project:
        project.update_span(span_id, label="Claim")  # not what ali had at revision 2
    tamper(old, *DROP_HISTORY, "PRAGMA user_version = 3", "PRAGMA journal_mode = DELETE")
    report = merge_files(lead, [old], analyst="lead")
    assert report.spans.updated == 1 and report.spans.conflicts == 0
    with Project.open(lead, analyst="lead") as project:
        assert project.span(span_id).revision == 3 and conflicts(project) == []
        assert project.conn.execute("SELECT history FROM spans WHERE id = ?",
                                    (span_id,)).fetchone()[0] == "[]"


def test_an_edit_the_winner_never_saw_is_a_conflict_not_lost(
        team: tuple[Path, str, str]) -> None:
    lead, doc_id, span_id = team
    ali, bita = fork(lead, "ali"), fork(lead, "bita")
    with Project.open(ali, analyst="ali") as project:
        project.update_span(span_id, label="Claim")               # revision 2
    with Project.open(bita, analyst="bita") as project:
        project.update_span(span_id, label="Turn")                # revision 2
        project.update_span(span_id, start=1)                     # revision 3
    report = merge_files(lead, [ali, bita], analyst="lead")
    assert report.spans.conflicts == 1
    with Project.open(lead, analyst="lead") as project:
        span = project.span(span_id)
        assert (span.label, span.start, span.revision) == ("Turn", 1, 3)
        [conflict] = conflicts(project, doc_id)
        assert conflict.revision == 3 and conflict.kept["label"] == "Turn"
        assert (conflict.other["label"], conflict.other["revision"]) == ("Claim", 2)
        assert check_project(project) == []
    # Had bita built on ali's edit, the newer version simply wins.
    carol = fork(ali, "carol")
    with Project.open(carol, analyst="carol") as project:
        project.update_span(span_id, start=2)
    report = merge_files(ali, [carol], analyst="ali")
    assert (report.spans.updated, report.spans.conflicts) == (1, 0)


def test_a_history_that_is_not_a_list_of_hashes_is_refused(
        team: tuple[Path, str, str]) -> None:
    lead, _, span_id = team
    ali = fork(lead, "ali")
    with Project.open(ali, analyst="ali") as project:
        project.update_span(span_id, label="Claim")
    for bad in ('{"a": 1}', '["zz"]', '["0123456789abcdef", "0123456789abcdef", "00"]',
                '["0123456789abcdef", "0123456789abcdef", "0123456789abcdef"]', "not json"):
        copy = fork(ali, "copy")
        tamper(copy, f"UPDATE spans SET history = '{bad}'", "PRAGMA journal_mode = DELETE")
        report = merge_files(lead, [copy], analyst="lead")
        assert report.spans.refused == 1 and "history" in report.refusals[0].reason
        copy.unlink()


def test_a_file_from_before_merge_conflicts_still_merges(team: tuple[Path, str, str]) -> None:
    lead, doc_id, _ = team
    old = fork(lead, "old")
    with Project.open(old, analyst="ali") as project:
        span = project.add_span(doc_id, 5, 6, "Claim")
    tamper(old, *DROP_HISTORY, "DROP TABLE merge_conflicts",
           "DELETE FROM _sqlite_migrations WHERE name = 'm003_merge'", "PRAGMA user_version = 2",
           "PRAGMA journal_mode = DELETE")
    report = merge_files(lead, [old], analyst="lead")
    assert report.spans.added == 1 and report.refusals == []
    with Project.open(lead, analyst="lead") as project:
        assert project.span(span.id).author == "ali"


def test_a_file_that_is_not_sqlite_is_refused(team: tuple[Path, str, str],
                                              tmp_path: Path) -> None:
    lead, _, _ = team
    bad = tmp_path / "notes.annot"
    bad.write_text("این یک پروژه نیست\n" * 20, encoding="utf-8")
    before = digest(lead)
    with pytest.raises(ProjectError, match="not a SQLite database"):
        merge_files(lead, [bad], analyst="lead")
    assert digest(lead) == before


def test_a_foreign_sqlite_file_and_the_project_itself_are_refused(
        team: tuple[Path, str, str], tmp_path: Path) -> None:
    lead, _, _ = team
    other = tmp_path / "other.db"
    tamper(other, "CREATE TABLE t(x)")
    with pytest.raises(ProjectError, match="not an Annotator project"):
        merge_files(lead, [other], analyst="lead")
    with pytest.raises(ProjectError, match="is the project itself"):
        merge_files(lead, [lead], analyst="lead")


def test_bad_values_are_refused_with_reasons_and_the_rest_merges(
        team: tuple[Path, str, str]) -> None:
    lead, doc_id, _ = team
    ali = fork(lead, "ali")
    with Project.open(ali, analyst="ali") as project:
        good = project.add_span(doc_id, 5, 6, "Claim")
        outside = project.add_span(doc_id, 7, 9, "Claim")
        ghost = project.add_span(doc_id, 10, 12, "Stance")
    length = len(RAW_TEXTS[0].replace("\r\n", "\n"))
    tamper(ali, f'UPDATE spans SET "end" = {length + 5} WHERE id = \'{outside.id}\'',
           "UPDATE spans SET attrs = '{\"holder\": \"nobody\"}' "
           f"WHERE id = '{ghost.id}'")
    report = merge_files(lead, [ali], analyst="lead")
    assert report.spans.added == 1 and report.spans.refused == 2
    reasons = {r.id: r.reason for r in report.refusals}
    assert "outside its document's text" in reasons[outside.id]
    assert "unknown speaker" in reasons[ghost.id]
    with Project.open(lead, analyst="lead") as project:
        assert good.id in {s.id for s in project.spans(doc_id)}
        assert check_project(project) == []


def test_a_document_whose_text_does_not_match_its_hash_is_refused(
        team: tuple[Path, str, str], tmp_path: Path) -> None:
    lead, _, _ = team
    ali = fork(lead, "ali")
    with Project.open(ali, analyst="ali") as project:
        doc_id = import_text(project, tmp_path, RAW_TEXTS[2], "three")
        project.add_span(doc_id, 0, 3, "Claim")
    tamper(ali, f"UPDATE documents SET canonical_text = 'x' || canonical_text "
                f"WHERE id = '{doc_id}'")
    report = merge_files(lead, [ali], analyst="lead")
    assert report.documents.refused == 1 and report.spans.refused == 1
    assert "text_sha256 does not match" in report.refusals[0].reason
    assert "was refused or is missing" in report.refusals[1].reason


def test_unknown_labels_and_values_extend_the_schema_with_a_note(
        team: tuple[Path, str, str]) -> None:
    lead, doc_id, _ = team
    ali = fork(lead, "ali")
    with Project.open(ali, analyst="ali") as project:
        project.set_schema(project.schema.with_layer(Layer("Quote", "#123456", "q")))
        project.add_span(doc_id, 0, 4, "Quote")
    report = merge_files(lead, [ali], analyst="lead")
    assert any("added the label 'Quote'" in note for note in report.notes)
    with Project.open(lead, analyst="lead") as project:
        assert "Quote" in project.schema.label_names
        assert check_project(project) == []


def test_a_failure_inside_the_transaction_leaves_the_target_unchanged(
        team: tuple[Path, str, str]) -> None:
    lead, doc_id, _ = team
    ali = fork(lead, "ali")
    with Project.open(ali, analyst="ali") as project:
        project.add_span(doc_id, 5, 6, "Claim")
    # Text that is not UTF-8 can only be found while reading, after the merge has begun.
    tamper(ali, "UPDATE speakers SET name = CAST(x'ff' AS TEXT)",
           "INSERT INTO speakers(id, name, author, created, modified)"
           " VALUES ('s1', CAST(x'c3' AS TEXT), 'ali', 't', 't')")
    before = digest(lead)
    with pytest.raises(ProjectError, match="nothing was merged"):
        merge_files(lead, [ali], analyst="lead")
    assert digest(lead) == before
