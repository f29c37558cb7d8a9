"""Stance per holder × target restricted to one analyst's spans."""

from __future__ import annotations

from annotator.analysis.stance import StanceCell, stance_table
from annotator.analysis.stance_by_author import only_author, stance_table_by
from annotator.domain.model import Document
from annotator.storage.project import Project

TEXT = "سفیر 😀 گفت: می‌پردازند.\nعلی و کتاب‌ها را دید."


def test_only_author_keeps_that_authors_spans_and_drops_empty_cells() -> None:
    cells = [StanceCell("s1", "علی", "تحریم", {"favor": [("d", "a1"), ("d", "b1")],
                                               "against": [("d", "b2")]}),
             StanceCell("s2", "سارا", "برجام", {"neutral": [("d", "b3")]})]
    authors = {"a1": "ali", "b1": "bita", "b2": "bita", "b3": "bita"}
    [kept] = only_author(cells, authors, "ali")
    assert (kept.holder, kept.count("favor"), kept.count("against"), kept.total) == \
        ("علی", 1, 0, 1)
    assert [c.total for c in only_author(cells, authors, "bita")] == [2, 1]
    assert only_author(cells, authors, "nobody") == []


def test_stance_table_by_reads_live_spans_of_one_author_or_all(project: Project) -> None:
    doc = project.add_document(Document("", "t", "", TEXT, TEXT, ((len(TEXT), len(TEXT)),)))
    speaker = project.add_speaker("علی")
    attrs = {"holder": speaker.id, "target": "کتاب", "polarity": "favor"}
    project.add_span(doc.id, 0, 4, "Stance", attrs, author="ali")
    project.add_span(doc.id, 0, 4, "Stance", {**attrs, "polarity": "against"}, author="sara")
    gone = project.add_span(doc.id, 5, 6, "Stance", attrs, author="sara")
    project.add_span(doc.id, 0, 4, "Claim", author="sara")
    project.delete_span(gone.id)
    assert stance_table_by(project) == stance_table(project)
    [everyone] = stance_table_by(project)
    assert (everyone.count("favor"), everyone.count("against")) == (1, 1)
    [sara] = stance_table_by(project, "sara")
    assert (sara.holder, sara.target, sara.count("favor"), sara.count("against")) == \
        ("علی", "کتاب", 0, 1)
    assert stance_table_by(project, "nobody") == []
