"""Library errors in the window's words: the command line's advice (``give --format``,
``run 'annotator learn'``) becomes what the window offers instead, in the interface language."""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from annotator.domain.errors import AnnotatorError, shown

# (what the library says, what the window says instead). A window sentence's %1, %2 … are the
# pattern's groups; each pattern matches one message raised in annotator/formats, storage or
# analysis (tests/ui/test_window_messages.py raises every one of them).
_WINDOW_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), str(sentence)) for pattern, sentence in (
        (r"^cannot tell its format from the extension; give --format$",
         QT_TRANSLATE_NOOP("MainWindow", "its format cannot be told from its name: give the "
                                         "file one of the extensions .txt, .csv, .jsonl, .json "
                                         "or .ann")),
        (r"^is a task whose data has no ('.*') string; give --text-key for the key that holds "
         r"the text$",
         QT_TRANSLATE_NOOP("MainWindow", "is a task whose data has no %1 string, the key the "
                                         "window reads a task's text from")),
        (r"^(\S+) writes the canonical text's tokens; use --offsets canonical$",
         QT_TRANSLATE_NOOP("MainWindow", "%1 writes the canonical text's tokens; choose "
                                         "Offsets: canonical text")),
        (r"^--format parquet needs pyarrow, which is not installed;",
         QT_TRANSLATE_NOOP("MainWindow", "The Parquet export needs pyarrow, which is not "
                                         "installed with this Annotator; export spans-jsonl or "
                                         "tokens-jsonl instead")),
        (r"^is not a regular file \(a device, pipe or socket\) and is never replaced; give -o ",
         QT_TRANSLATE_NOOP("MainWindow", "is not a regular file (a device, pipe or socket) and "
                                         "is never replaced; choose a file name")),
        (r"^(is damaged \(.*\)); (\d+) backup\(s\) of it are in (.*); list and restore them "
         r"with: annotator restore ",
         QT_TRANSLATE_NOOP("MainWindow", "%1; %2 backup(s) of it are in %3")),
        (r"^is open in Annotator or was not closed cleanly \(it has a -wal file\); close it "
         r"there, or send a copy made with 'annotator share'$",
         QT_TRANSLATE_NOOP("MainWindow", "is open in Annotator or was not closed cleanly; close "
                                         "it there, or send a copy made with Team ▸ Share "
                                         "project…")),
        (r"^(has no learned model.*); run 'annotator learn' first$",
         QT_TRANSLATE_NOOP("MainWindow", "%1; choose Suggestions ▸ Learn from the marks now "
                                         "first")),
        (r"^(the learned model (?:is damaged|cannot be read) \(.*\)); run 'annotator learn' "
         r"again$",
         QT_TRANSLATE_NOOP("MainWindow", "%1; choose Suggestions ▸ Learn from the marks now")),
    ))
_OPTION_NOTE = re.compile(r" \(--[a-z-]+ [a-z0-9]+\)")


def window_words(message: str) -> str:
    """``message`` (a library sentence, without its ``PATH:LINE:``) as the window says it."""
    for pattern, sentence in _WINDOW_WORDS:
        match = pattern.search(message)
        if match:
            said = QCoreApplication.translate("MainWindow", sentence)
            for number, group in enumerate(match.groups(), start=1):
                said = said.replace(f"%{number}", group)
            return said
    return _OPTION_NOTE.sub("", message)  # "read as UTF-16 (--offsets-unit utf16)" in a note


def window_error(error: AnnotatorError) -> str:
    """``str(error)`` (``PATH:LINE: message``), with command-line advice said for the window."""
    where = error.path or ""
    if where and error.line is not None:
        where = f"{where}:{error.line}"
    message = window_words(error.message)
    return shown(f"{where}: {message}" if where else message)
