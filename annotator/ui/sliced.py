"""Long reads of the whole project run on the window's thread in slices of about 30 ms.

The project file is held with SQLite's exclusive lock, so no second connection (and so no
worker thread with its own connection) can read it; a thread sharing the window's connection
would hold the connection for as long as each of its statements runs, and the window's own
reads would wait for it. So a long figure is a ``domain.steps`` generator of small steps
instead, and ``Sliced`` runs its steps until ``BUDGET_MS`` have passed, then lets the event
loop run, and so on until it returns: no event waits for more than one budget and one step.

Starting another computation, ``cancel()`` or deleting the owner (closing the window, opening
another project) drops the one running: its steps stop and its result is never delivered.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from annotator.domain.steps import Steps

BUDGET_MS = 30.0


class Sliced(QObject):
    """Runs one ``Steps`` computation at a time between the window's events."""

    finished = Signal(object)  # the computation's result
    failed = Signal(str)  # a computation that raised: what went wrong, in one line

    def __init__(self, parent: QObject | None = None, *, budget_ms: float = BUDGET_MS) -> None:
        super().__init__(parent)
        self.budget = budget_ms / 1000
        self._steps: Steps[Any] | None = None
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._turn)

    def start(self, steps: Steps[Any]) -> None:
        """Compute ``steps`` from the next turn of the event loop on, dropping any other."""
        self.cancel()
        self._steps = steps
        self._timer.start()

    def cancel(self) -> None:
        self._timer.stop()
        steps, self._steps = self._steps, None
        if steps is not None:
            steps.close()

    def running(self) -> bool:
        return self._steps is not None

    def _turn(self) -> None:
        steps = self._steps
        if steps is None:
            return
        deadline = time.perf_counter() + self.budget
        try:
            while time.perf_counter() < deadline:
                next(steps)
        except StopIteration as done:
            self._steps = None
            self.finished.emit(done.value)
            return
        except Exception as error:  # reported to the window, never lost
            self._steps = None
            self.failed.emit(f"{type(error).__name__}: {error}")
            return
        self._timer.start()
