"""Helpers for tests that look at how imported documents are stored in the file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from annotator.formats.importing import import_files
from annotator.storage.project import Project


def column_by_title(path: Path, expression: str) -> dict[str, object]:
    """``expression`` (a column of ``documents``, or SQL over it) for each document by title,
    read with a plain connection: what the file holds, not what the program reads from it."""
    conn = sqlite3.connect(path)
    rows = dict(conn.execute(f"SELECT title, {expression} FROM documents").fetchall())
    conn.close()
    return rows


def import_texts(project: Project, folder: Path, texts: dict[str, str]) -> dict[str, str]:
    """Import each text as ``<name>.txt`` (UTF-8); the documents' ids by title."""
    paths = []
    for name, text in texts.items():
        paths.append(folder / f"{name}.txt")
        paths[-1].write_bytes(text.encode("utf-8"))
    import_files(project, paths)
    return {d.title: d.id for d in project.document_summaries()}
