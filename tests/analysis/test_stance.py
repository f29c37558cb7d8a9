"""Stance per holder × target from a project's spans."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.analysis.stance import StanceCount, stance_table
from annotator.formats.importing import import_files
from annotator.storage.project import Project


def test_stance_spans_are_grouped_by_holder_and_target(project: Project, tmp_path: Path) -> None:
    for name in ("a", "b"):
        path = tmp_path / f"{name}.txt"
        path.write_text(f"متن {name} 😀 برجام خوب است و تحریم بد است.\n", encoding="utf-8")
        import_files(project, [path])
    first, second = (d.id for d in project.document_summaries())
    ali = project.add_speaker("علی")
    favor = project.add_span(first, 7, 12, "Stance",
                             {"holder": ali.id, "target": "برجام", "polarity": "favor"})
    against = project.add_span(first, 20, 25, "Stance",
                               {"holder": ali.id, "target": "تحریم", "polarity": "against"})
    again = project.add_span(second, 7, 12, "Stance",
                             {"holder": ali.id, "target": "برجام", "polarity": "favor"})
    project.add_span(second, 0, 3, "Claim")
    deleted = project.add_span(second, 20, 25, "Stance", {"target": "تحریم"})
    project.delete_span(deleted.id)
    cells = stance_table(project)
    assert [(c.holder, c.target, c.count("favor"), c.count("against"), c.total)
            for c in cells] == [("علی", "برجام", 2, 0, 2), ("علی", "تحریم", 0, 1, 1)]
    assert cells[0].spans["favor"] == [(first, favor.id), (second, again.id)]
    only_first = stance_table(project, first)
    assert [(c.target, c.total) for c in only_first] == [("برجام", 1), ("تحریم", 1)]
    assert only_first[1].spans["against"] == [(first, against.id)]


def test_a_count_in_slices_gives_the_whole_table(project: Project, tmp_path: Path) -> None:
    ali = project.add_speaker("علی")
    for number in range(7):
        path = tmp_path / f"{number}.txt"
        path.write_text(f"سند {number} 😀 كتاب\u200cها\r\nخوب است.\n", encoding="utf-8")
        import_files(project, [path])
    for number, summary in enumerate(project.document_summaries()):
        project.add_span(summary.id, 0, 3, "Stance",
                         {"holder": ali.id if number % 2 else "", "target": f"هدف {number % 3}",
                          "polarity": ("favor", "against", "neutral")[number % 3]})
    count = StanceCount(project, documents_per_step=2)
    steps = 1
    while not count.step():
        steps += 1
    assert steps == 4
    assert count.cells() == stance_table(project)
    assert sum(cell.total for cell in count.cells()) == 7


def test_a_count_made_as_its_project_closes_fails_in_its_first_step(project: Project) -> None:
    """The window's dashboard starts a count when its figures arrive; if the project closed in
    between, the failure must come from a step (which the window reports), not from making
    the count (which would raise inside a Qt slot)."""
    project.close()
    steps = StanceCount(project).steps()
    with pytest.raises(sqlite3.ProgrammingError):
        next(steps)
