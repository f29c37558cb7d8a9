"""Whole-project figures computed a small step at a time, so that a window can compute them
between its events.

A computation is a generator that yields after each small step (a slice of documents, a range
of spans) and returns its result: ``ui.sliced`` runs steps until its time budget is spent, then
lets the window's event loop run; ``finish`` runs every step at once (the command line, tests).
"""

from __future__ import annotations

from collections.abc import Generator

type Steps[T] = Generator[None, None, T]


def finish[T](steps: Steps[T]) -> T:
    """Run every step of ``steps``; its result."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            result: T = done.value
            return result
