"""Library errors in the window's words: the command line's advice (``give --format``) becomes
what the window offers instead, in the interface language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from annotator.domain.errors import AnnotatorError


def window_error(error: AnnotatorError) -> str:
    """``str(error)`` (``PATH:LINE: message``), with command-line advice said for the window."""
    if "give --format" in error.message:
        message = QCoreApplication.translate(
            "MainWindow", "its format cannot be told from its name: give the file one of the "
            "extensions .txt, .csv, .jsonl, .json or .ann")
        where = error.path or ""
        if where and error.line is not None:
            where = f"{where}:{error.line}"
        return f"{where}: {message}" if where else message
    return str(error)
