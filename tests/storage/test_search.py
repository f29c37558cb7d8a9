"""Project.search: folded matching, exact code point offsets, limits, one document."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.domain.errors import InvariantError
from annotator.domain.model import Document
from annotator.storage.checks import check_project
from annotator.storage.merging import merge_files
from annotator.storage.project import Project
from annotator.storage.search import (
    CONTEXT_CHARS,
    PAGE_DOCUMENTS,
    PENDING_STEP_CHARS,
    SearchHit,
)
from annotator.text import find_all

ZWNJ = "\u200c"


def add(project: Project, text: str, doc_id: str = "") -> str:
    alignment = ((len(text), len(text)),)
    return project.add_document(Document(doc_id, "t", "s", text, text, alignment)).id


UNTIMED = float("inf")  # a step bounded by its count and share of text only


def spans(hits: list[SearchHit]) -> list[tuple[str, int, int]]:
    return [(h.doc_id, h.start, h.end) for h in hits]


def test_arabic_letter_variants_match_both_ways(project: Project) -> None:
    doc = add(project, "سلام علی و كتاب")
    assert spans(project.search("علي")) == [(doc, 5, 8)]
    assert spans(project.search("کتاب")) == [(doc, 11, 15)]
    assert project.search("كتاب")[0].text == "كتاب"  # the canonical text, as stored


def test_offsets_count_code_points_after_emoji(project: Project) -> None:
    text = "😀😀 علی 👍🏽 علی"
    doc = add(project, text)
    hits = project.search("علی")
    assert spans(hits) == [(doc, 3, 6), (doc, 10, 13)]
    assert all(text[h.start:h.end] == h.text == "علی" for h in hits)


def test_zwnj_and_space_match_each_other(project: Project) -> None:
    doc = add(project, f"کتاب{ZWNJ}ها و کتاب ها")
    assert spans(project.search("کتاب ها")) == [(doc, 0, 7), (doc, 10, 17)]
    assert spans(project.search(f"کتاب{ZWNJ}ها")) == [(doc, 0, 7), (doc, 10, 17)]
    assert project.search("کتاب ها")[0].text == f"کتاب{ZWNJ}ها"


def test_digits_and_case_fold(project: Project) -> None:
    doc = add(project, "سال ۱۴۰۲ و S-400")
    assert spans(project.search("1402")) == [(doc, 4, 8)]
    assert spans(project.search("s-۴۰۰")) == [(doc, 11, 16)]


def test_overlapping_candidates_give_non_overlapping_hits_left_to_right(project: Project) -> None:
    doc = add(project, "ااااا")
    assert spans(project.search("اا")) == [(doc, 0, 2), (doc, 2, 4)]


def test_hits_are_in_import_order_then_by_start(project: Project) -> None:
    first = add(project, "b a b")
    second = add(project, "a b")
    assert spans(project.search("b")) == [(first, 0, 1), (first, 4, 5), (second, 2, 3)]


def test_limit_caps_hits_across_documents(project: Project) -> None:
    first = add(project, "x x x")
    add(project, "x x")
    assert spans(project.search("x", limit=4)) == [(first, 0, 1), (first, 2, 3), (first, 4, 5),
                                                  (project.search("x")[3].doc_id, 0, 1)]
    assert project.search("x", limit=0) == []
    assert len(project.search("x", limit=None)) == 5
    with pytest.raises(InvariantError):
        project.search("x", limit=-1)


def test_doc_id_searches_only_that_document(project: Project) -> None:
    add(project, "علی آمد")
    second = add(project, "و علي رفت، علی ماند")
    assert spans(project.search("علی", doc_id=second)) == [(second, 2, 5), (second, 11, 14)]
    assert len(project.search("علی", doc_id=second, limit=1)) == 1
    with pytest.raises(InvariantError, match="no document"):
        project.search("علی", doc_id="missing")


def test_empty_query_and_nothing_found(project: Project) -> None:
    add(project, "متن")
    assert project.search("") == []
    assert project.search("پنگوئن") == []
    assert project.search("\0") == []


def test_no_hit_crosses_from_one_document_into_the_next(project: Project) -> None:
    add(project, "ab")
    add(project, "cd")
    assert project.search("bc") == []


def test_context_is_the_same_line_around_the_hit(project: Project) -> None:
    long_line = "و" * (CONTEXT_CHARS + 10)
    add(project, f"خط اول\nپیش علی پس\nخط سوم {long_line} علی {long_line}")
    first, second = project.search("علی")
    assert (first.before, first.text, first.after) == ("پیش ", "علی", " پس")
    assert second.before == f"{long_line} "[-CONTEXT_CHARS:]
    assert second.after == f" {long_line}"[:CONTEXT_CHARS]


def test_documents_added_after_a_search_are_found(project: Project) -> None:
    add(project, "علی")
    assert len(project.search("علی")) == 1
    later = add(project, "باز هم علی")
    assert spans(project.search("علی"))[-1] == (later, 7, 10)


def test_a_document_removed_behind_the_index_is_forgotten(project: Project) -> None:
    first = add(project, "علی")
    second = add(project, "علی دوم")
    assert len(project.search("علی")) == 2
    project.conn.execute("DELETE FROM documents WHERE id = ?", (first,))  # as a repair might
    third = add(project, "سوم علی")  # same count as before, a new last document
    assert [h.doc_id for h in project.search("علی")] == [second, third]


def test_read_only_projects_can_be_searched(project_path: Path) -> None:
    with Project.open(project_path, analyst="a") as project:
        doc = add(project, "در این متن علي هست")
    with Project.open(project_path, analyst="a", read_only=True) as project:
        assert spans(project.search("علی")) == [(doc, 11, 14)]


def test_unnormalized_projects_fold_the_text_too(tmp_path: Path) -> None:
    path = tmp_path / "none.annot"
    with Project.create(path, analyst="a", normalization="none") as project:
        doc = add(project, "علي و كتاب")
        assert spans(project.search("علی")) == [(doc, 0, 3)]
        assert project.search("علی")[0].text == "علي"


_ALPHABET = st.sampled_from(["ی", "ي", "ک", "ك", "ا", " ", ZWNJ, "😀", "\n", "A", "a", "۱", "1"])


@settings(max_examples=40, deadline=None)
@given(texts=st.lists(st.text(_ALPHABET, max_size=30), min_size=1, max_size=4),
       query=st.text(_ALPHABET, min_size=1, max_size=5),  # shorter and longer than a trigram
       indexed=st.integers(0, 4))
def test_agrees_with_find_all_on_every_document(tmp_path_factory: pytest.TempPathFactory,
                                                texts: list[str], query: str,
                                                indexed: int) -> None:
    path = tmp_path_factory.mktemp("p") / "p.annot"
    with Project.create(path, analyst="a", normalization="none") as project:
        ids = [add(project, text) for text in texts]
        project.index_pending(indexed)  # the oldest in the index, the others pending
        expected = [(doc, s, e) for doc, text in zip(ids, texts, strict=True)
                    for s, e in find_all(text, query)]
        hits = project.search(query)
        assert spans(hits) == expected
        for hit in hits:
            assert texts[ids.index(hit.doc_id)][hit.start:hit.end] == hit.text
        for doc, text in zip(ids, texts, strict=True):
            assert spans(project.search(query, doc_id=doc)) == [
                (doc, s, e) for s, e in find_all(text, query)]


def test_hits_run_on_past_a_page_of_documents_and_stop_at_the_limit(project: Project) -> None:
    ids = [add(project, f"سند {n} با کتاب{ZWNJ}ها 😀") for n in range(PAGE_DOCUMENTS * 2 + 3)]
    assert [h.doc_id for h in project.search("کتاب ها")] == ids
    assert [h.doc_id for h in project.search("ب ه", limit=PAGE_DOCUMENTS + 1)] == ids[
        :PAGE_DOCUMENTS + 1]
    hits = project.search_hits("😀")
    assert next(hits).doc_id == ids[0]  # lazily: a page read, not the whole project
    assert [h.doc_id for h in project.search("يك")] == []


def test_imported_documents_are_pending_until_indexed_in_import_order(project: Project) -> None:
    first = add(project, "كتاب اول")
    with pytest.raises(InvariantError):  # the second document repeats the first's id
        project.add_documents([Document("x", "t", "s", "کتاب دوم", "کتاب دوم", ((8, 8),)),
                               Document("x", "t", "s", "کتاب سوم", "کتاب سوم", ((8, 8),))])
    assert project.pending_index_count() == 1
    later = [add(project, f"کتاب {n}") for n in range(3)]
    assert project.index_pending(2, seconds=UNTIMED) == 2
    assert project.pending_index_count() == 2
    assert project.conn.execute("SELECT doc_id FROM search_documents ORDER BY id").fetchall() \
        == [(first,), (later[0],)]
    assert project.index_pending(10, seconds=UNTIMED) == 2
    assert (project.index_pending(10), project.pending_index_count()) == (0, 0)
    assert [h.doc_id for h in project.search("کتاب")] == [first, *later]


def test_a_step_of_indexing_stops_at_its_share_of_text(project: Project) -> None:
    long = "کتاب " * (PENDING_STEP_CHARS // 5) + "."  # longer than a step's share
    ids = [add(project, text) for text in ("کتاب", "کتاب", long, long, "کتاب")]
    assert [project.index_pending(seconds=UNTIMED) for _ in range(5)] == [2, 1, 1, 1, 0]
    assert [h.doc_id for h in project.search("کتاب")][-1] == ids[-1]


def test_a_step_stops_once_its_time_is_used_and_every_document_gets_indexed(
        project: Project) -> None:
    ids = [add(project, f"سند {n} با کتاب") for n in range(20)]
    assert [project.index_pending(seconds=0) for _ in range(21)] == [1] * 20 + [0]
    assert [h.doc_id for h in project.search("کتاب")] == ids
    assert project.conn.execute("SELECT doc_id FROM search_documents ORDER BY id"
                                ).fetchall() == [(doc,) for doc in ids]


def test_a_step_leaves_a_document_its_rate_says_would_overrun_the_time(
        project: Project) -> None:
    long = "کتاب " * (PENDING_STEP_CHARS // 5 - 2)  # indexed in far less than a second
    ids = [add(project, text) for text in ("ی", long, long)]
    # The 1-code-point document's rate puts the long one at minutes: a step of its own.
    assert [project.index_pending(seconds=1.0) for _ in range(4)] == [1, 1, 1, 0]
    assert project.conn.execute("SELECT doc_id FROM search_documents ORDER BY id"
                                ).fetchall() == [(doc,) for doc in ids]


def test_a_document_longer_than_a_step_is_indexed_whole(project: Project) -> None:
    huge = "کتاب " * (PENDING_STEP_CHARS // 2) + "پایان"  # twice a step's share of text
    doc = add(project, huge)
    after = add(project, "کتاب")
    assert project.index_pending(seconds=0) == 1
    assert project.pending_index_count() == 1
    assert spans(project.search("پایان")) == [(doc, len(huge) - 5, len(huge))]
    assert project.index_pending(seconds=0) == 1
    assert [h.doc_id for h in project.search("کتاب")][-1] == after


def _searches(project: Project, queries: list[str]) -> list[list[SearchHit]]:
    return [project.search(query) for query in queries]


def test_indexed_pending_and_mixed_documents_give_the_same_hits(project: Project) -> None:
    texts = ["سلام علي 😀 و كتاب\r\nها", f"کتاب{ZWNJ}ها 👍🏽 علی", "يك و یک",
             "no hit here", f"علی{ZWNJ}رضا\nكتاب ها"] * 30
    for text in texts:
        add(project, text)
    queries = ["علی", "کتاب ها", "يک", "😀", "ی", "ها\n", "کتاب‌ها 👍🏽"]
    pending = _searches(project, queries)
    assert all(pending[:4])
    project.index_pending(PAGE_DOCUMENTS + 7)  # mixed: past a page of each
    assert _searches(project, queries) == pending
    while project.index_pending(50):
        pass
    assert _searches(project, queries) == pending


def test_indexing_between_the_steps_of_a_search_changes_no_hit(project: Project) -> None:
    ids = [add(project, f"سند {n} علی") for n in range(PAGE_DOCUMENTS * 3)]
    project.index_pending(10)
    lazily = project.search_hits("علی")
    found = [next(lazily).doc_id for _ in range(5)]
    project.index_pending(PAGE_DOCUMENTS)  # some of what the search has not reached yet
    found += [next(lazily).doc_id for _ in range(PAGE_DOCUMENTS)]
    project.index_pending(PAGE_DOCUMENTS * 3)
    found += [hit.doc_id for hit in lazily]
    assert found == ids


def _before_the_index(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in ("DROP TABLE search_documents", "DROP TABLE search_index",
                      "DELETE FROM _sqlite_migrations WHERE name = 'm006_search_index'",
                      "PRAGMA user_version = 5"):
        conn.execute(statement)
    conn.close()


def test_the_migration_indexes_the_documents_already_there(project_path: Path) -> None:
    with Project.open(project_path, analyst="a") as project:
        first = add(project, "در این متن علي هست 😀")
        second = add(project, f"و اینجا علی{ZWNJ}ها")
    _before_the_index(project_path)
    with Project.open(project_path, analyst="a", read_only=True) as project:  # not migrated
        assert spans(project.search("علی")) == [(first, 11, 14), (second, 8, 11)]
    with Project.open(project_path, analyst="a") as project:
        assert project.conn.execute("SELECT doc_id FROM search_documents ORDER BY id"
                                    ).fetchall() == [(first,), (second,)]
        assert spans(project.search("علی ها")) == [(second, 8, 14)]


def test_merged_documents_are_found_once(tmp_path: Path) -> None:
    lead, other = tmp_path / "lead.annot", tmp_path / "other.annot"
    with Project.create(other, analyst="b") as project:
        add(project, "متن مشترک با كتاب", "theirs")
        only = add(project, "فقط اینجا کتاب 😀")
    with Project.create(lead, analyst="a") as project:
        ours = add(project, "متن مشترک با كتاب", "ours")  # the same text: merged into ours
    merge_files(lead, [other], analyst="a")
    with Project.open(lead, analyst="a") as project:
        assert spans(project.search("کتاب")) == [(ours, 13, 17), (only, 10, 14)]


def test_a_merge_of_pending_documents_into_pending_ones_finds_each_once(tmp_path: Path) -> None:
    lead, other = tmp_path / "lead.annot", tmp_path / "other.annot"
    with Project.create(other, analyst="b") as project:
        theirs = [add(project, f"متن {n} با كتاب") for n in range(5)]
        project.index_pending(2)  # the source's index is its own: a merge reads its documents
    with Project.create(lead, analyst="a") as project:
        ours = [add(project, f"متن {n} با كتاب") for n in (0, 9)]  # the first is theirs too
        project.index_pending(1)
    merge_files(lead, [other], analyst="a")
    with Project.open(lead, analyst="a") as project:
        expected = [*ours, *theirs[1:]]
        assert project.pending_index_count() == len(expected) - 1
        assert [h.doc_id for h in project.search("کتاب")] == expected
        while project.index_pending(2):
            pass
        assert [h.doc_id for h in project.search("کتاب")] == expected
        assert project.conn.execute("SELECT doc_id FROM search_documents ORDER BY id"
                                    ).fetchall() == [(d,) for d in expected]


def test_check_finds_no_fault_in_pending_documents_but_one_skipped_by_the_index(
        project: Project) -> None:
    ids = [add(project, f"کتاب {n}") for n in range(4)]
    project.index_pending(2, seconds=UNTIMED)
    assert check_project(project) == []  # two indexed, two pending
    project.conn.execute("DELETE FROM search_documents WHERE doc_id = ?", (ids[0],))
    assert check_project(project) == ["search index: 1 document(s) before its newest one are "
                                      "missing from it, so search cannot find them"]


def test_indexing_commits_without_waiting_for_the_disk_and_every_edit_still_does(
        project: Project) -> None:
    add(project, "کتاب")
    synchronous = []
    project.conn.set_trace_callback(lambda sql: synchronous.append(sql)
                                    if "synchronous" in sql else None)
    assert project.index_pending(5) == 1
    project.conn.set_trace_callback(None)
    assert synchronous == ["PRAGMA synchronous = NORMAL", "PRAGMA synchronous = FULL"]
    assert project.conn.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL for edits
    add(project, "کتاب دوم")
    with project.transaction():  # inside an edit's transaction: the edit's commit decides
        assert project.index_pending(5) == 1
        assert project.conn.execute("PRAGMA synchronous").fetchone() == (2,)
