"""A time bound for suggestions, so that no command runs unbounded on hostile text.

The rules read text in time that grows faster than its length on some inputs (a long text
made of nothing but ``گفت:``). The command line therefore gives each document a budget of
``SUGGEST_SECONDS`` (``$ANNOTATOR_SUGGEST_SECONDS`` overrides it): past it, that document's
suggestions are abandoned and named, and the others are still made. The bound is a real-time
interval timer (``SIGALRM``), which interrupts the pure-Python rules between two steps; it
works in a program's main thread on POSIX systems, and elsewhere the call runs unbounded.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from types import FrameType

from annotator.analysis.review import suggest_document
from annotator.analysis.suggest import Suggestion
from annotator.storage.project import Project

SUGGEST_SECONDS = 20.0


class OutOfTime(Exception):
    """The budget ran out before the work was done."""


def suggest_seconds() -> float:
    """The per-document budget: ``$ANNOTATOR_SUGGEST_SECONDS`` when it is a positive number."""
    try:
        value = float(os.environ.get("ANNOTATOR_SUGGEST_SECONDS", ""))
    except ValueError:
        return SUGGEST_SECONDS
    return value if value > 0 else SUGGEST_SECONDS


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``OutOfTime`` in the body once ``seconds`` of real time have passed."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not \
            threading.main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise OutOfTime

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def suggest_within_budget(project: Project, doc_id: str | None = None
                          ) -> tuple[list[Suggestion], list[str]]:
    """``suggest_project``, each document given ``suggest_seconds()``: the suggestions made,
    and the ids of the documents whose budget ran out (they have none)."""
    ids = [doc_id] if doc_id is not None else [d.id for d in project.document_summaries()]
    seconds = suggest_seconds()
    found: list[Suggestion] = []
    abandoned: list[str] = []
    for each in ids:
        try:
            with time_limit(seconds):
                found.extend(suggest_document(project, each))
        except OutOfTime:
            abandoned.append(each)
    return found, abandoned
