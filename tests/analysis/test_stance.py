"""Stance counts per holder and target, from attributes and from a project file."""

from __future__ import annotations

from annotator.analysis.stance import StanceCount, stance_counts, stance_table
from annotator.domain.model import Document
from annotator.storage.project import Project

TEXT = "سفیر 😀 گفت: می‌پردازند.\nعلی و کتاب‌ها را دید."


def test_counts_per_holder_and_target_most_marked_first() -> None:
    names = {"s1": "علی", "s2": "سارا"}
    rows = stance_counts([
        {"holder": "s1", "target": " تحریم ", "polarity": "against"},
        {"holder": "s1", "target": "تحریم", "polarity": "against"},
        {"holder": "s1", "target": "تحریم", "polarity": "favor"},
        {"holder": "s2", "target": "مذاکره", "polarity": "neutral"},
        {"holder": "gone", "target": "مذاکره", "polarity": "maybe"},
        {"target": "مذاکره"},
    ], names)
    assert rows == [
        StanceCount("s1", "علی", "تحریم", favor=1, against=2),
        StanceCount("", "", "مذاکره", other=1),
        StanceCount("gone", "gone", "مذاکره", other=1),
        StanceCount("s2", "سارا", "مذاکره", neutral=1),
    ]
    assert rows[0].total == 3


def test_stance_table_reads_live_spans_of_one_author_or_all(project: Project) -> None:
    doc = project.add_document(Document("", "t", "", TEXT, TEXT, ((len(TEXT), len(TEXT)),)))
    speaker = project.add_speaker("علی")
    attrs = {"holder": speaker.id, "target": "کتاب", "polarity": "favor"}
    project.add_span(doc.id, 0, 4, "Stance", attrs, author="ali")
    project.add_span(doc.id, 0, 4, "Stance", {**attrs, "polarity": "against"}, author="sara")
    gone = project.add_span(doc.id, 5, 6, "Stance", attrs, author="sara")
    project.add_span(doc.id, 0, 4, "Claim", author="sara")
    project.delete_span(gone.id)
    assert stance_table(project) == [StanceCount(speaker.id, "علی", "کتاب", favor=1, against=1)]
    assert stance_table(project, author="sara") == [
        StanceCount(speaker.id, "علی", "کتاب", against=1)]
    assert stance_table(project, author="nobody") == []
