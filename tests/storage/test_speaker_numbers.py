"""Speaker numbers are pinned at creation: removing a speaker renumbers nobody and its number
is never given again; a merge keeps every local number and gives an incoming speaker whose
number is taken the next free one; an old file keeps the numbers its creation order gave."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from annotator.storage.merging import merge_files
from annotator.storage.migrations import SCHEMA_VERSION
from annotator.storage.project import Project


def numbers_by_name(project: Project) -> dict[str, int]:
    numbers = project.speaker_numbers()
    return {s.name: numbers[s.id] for s in project.speakers(include_deleted=True)}


def test_adding_and_removing_never_renumbers(project: Project) -> None:
    zahra = project.add_speaker("زهرا")
    ali = project.add_speaker("علي 😀")  # Arabic ي, an emoji: names are not the order
    project.add_speaker("Babak")
    assert numbers_by_name(project) == {"زهرا": 1, "علي 😀": 2, "Babak": 3}
    project.set_speaker_deleted(ali.id, True)
    project.add_speaker("آرش\u200cجان")
    assert numbers_by_name(project) == {"زهرا": 1, "علي 😀": 2, "Babak": 3, "آرش\u200cجان": 4}
    project.set_speaker_deleted(zahra.id, True)
    project.set_speaker_deleted(ali.id, False)
    assert project.speaker_numbers()[ali.id] == 2


def test_a_merge_keeps_local_numbers_and_moves_a_taken_one(tmp_path: Path) -> None:
    lead, colleague = tmp_path / "lead.annot", tmp_path / "maryam.annot"
    with Project.create(lead, analyst="lead") as project:
        shared = project.add_speaker("نسرین")
    shutil.copy(lead, colleague)
    with Project.open(colleague, analyst="maryam") as project:
        older = project.add_speaker("بهرام")  # number 2 in her file
        project.add_speaker("کامران")          # number 3 in her file
    with Project.open(lead, analyst="lead") as project:
        project.add_speaker("Sara")             # number 2 here, added after hers
    merge_files(lead, [colleague], analyst="lead")
    with Project.open(lead, analyst="lead") as project:
        assert numbers_by_name(project) == {"نسرین": 1, "Sara": 2, "کامران": 3, "بهرام": 4}
        assert project.speaker_numbers()[shared.id] == 1
        assert project.speaker_numbers()[older.id] == 4
    merge_files(lead, [colleague], analyst="lead")  # again: nothing moves
    with Project.open(lead, analyst="lead") as project:
        assert numbers_by_name(project) == {"نسرین": 1, "Sara": 2, "کامران": 3, "بهرام": 4}
        project.add_speaker("نو")
        assert numbers_by_name(project)["نو"] == 5


def test_a_file_from_before_numbers_gets_them_from_its_creation_order(tmp_path: Path) -> None:
    path = tmp_path / "old.annot"
    with Project.create(path, analyst="lead") as project:
        first = project.add_speaker("زهرا")
        second = project.add_speaker("Ali")
        project.set_speaker_deleted(first.id, True)
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE speaker_numbers")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm007_speaker_numbers'")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.commit()
    conn.close()
    with Project.open(path, analyst="lead") as project:
        assert project.speaker_numbers() == {first.id: 1, second.id: 2}
        assert numbers_by_name(project)["Ali"] == 2
