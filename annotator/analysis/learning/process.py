"""Training in a child process, so the window's thread keeps the interpreter while it learns.

Training is pure-Python CPU work: on a thread of the window's process it holds the GIL, and each
mark the analyst adds meanwhile waits for it (docs/performance.md). ``LearningChild.train``
instead runs the program itself again with the hidden argument ``--learn-child``
(``sys.executable -m annotator --learn-child`` from source, the bundle's own executable when
frozen), writes the pickled ``TrainingSnapshot`` to its stdin and reads the pickled outcome from
its stdout. No multiprocessing: the bundle leaves it out (packaging/bundle_contents.py), and a
plain child is the same frozen and from source (docs/design.md, "Learning in a child process").

Pickle is safe here: both ends are this program, joined by a pipe nobody else holds.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from annotator.analysis.learning.training import Training, TrainingSnapshot, train_snapshot
from annotator.domain.errors import AnnotatorError
from annotator.lazy import lazy

if TYPE_CHECKING:
    import subprocess
else:
    subprocess = lazy("subprocess")

CHILD_ARGUMENT = "--learn-child"
_STDERR_SHOWN = 300  # characters of a failed child's last stderr line in the message


class LearningFailed(AnnotatorError):
    """The child process ended without an outcome: killed, crashed or wrote nonsense."""


def child_command() -> list[str]:
    """The command that starts a training child: this program again, with the hidden argument."""
    if getattr(sys, "frozen", False):
        return [sys.executable, CHILD_ARGUMENT]
    return [sys.executable, "-m", "annotator", CHILD_ARGUMENT]


def _child_environment() -> dict[str, str]:
    """From source, the child finds this very package first, wherever the window was started."""
    env = dict(os.environ)
    if not getattr(sys, "frozen", False):
        root = str(Path(__file__).resolve().parents[3])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return env


class LearningChild:
    """One training in a child process; ``stop`` (from any thread) ends it at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._stopped = False
        self.pid: int | None = None  # the child's, once it runs

    def train(self, snapshot: TrainingSnapshot) -> Training:
        """Train on ``snapshot`` in a child and return its ``Training``; blocks until it ends.
        Raises the child's ``AnnotatorError`` (e.g. too few marks) as one, and
        ``LearningFailed`` when the child ends any other way, or when ``stop`` ended it."""
        payload = pickle.dumps(snapshot, protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock:
            if self._stopped:
                raise LearningFailed("stopped before it began")
            self._process = process = subprocess.Popen(
                child_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, env=_child_environment(),
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
            self.pid = process.pid
        out, err = process.communicate(payload)  # a child that died early: EPIPE is ignored
        if self._stopped:
            raise LearningFailed("stopped")
        if process.returncode != 0:
            raise LearningFailed(_ended(process.returncode, err))
        try:
            kind, value = pickle.loads(out)  # noqa: S301 - our own child, through a pipe
        except Exception as error:  # any garbage on the pipe means one thing
            raise LearningFailed(f"its output could not be read ({type(error).__name__})") \
                from None
        if kind == "training" and isinstance(value, Training):
            return value
        if kind == "error" and isinstance(value, str):
            raise AnnotatorError(value)
        raise LearningFailed("its output was not a training")

    def stop(self) -> None:
        """End the child, if it runs, and reap it; ``train`` then raises ``LearningFailed``."""
        with self._lock:
            self._stopped = True
            process = self._process
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _ended(code: int, err: bytes) -> str:
    """How a child that gave no outcome ended, in a few words."""
    how = f"killed by signal {-code}" if code < 0 else f"exit status {code}"
    lines = err.decode("utf-8", "replace").strip().splitlines()
    return f"{how}: {lines[-1][:_STDERR_SHOWN]}" if lines else how


def serve(stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> int:
    """The child's side: read a pickled snapshot, train, write ``("training", Training)`` or
    ``("error", message)`` pickled; returns the exit status."""
    source = stdin if stdin is not None else sys.stdin.buffer
    sink = stdout if stdout is not None else sys.stdout.buffer
    snapshot = pickle.load(source)  # noqa: S301 - from the window that started this child
    if not isinstance(snapshot, TrainingSnapshot):
        print("annotator --learn-child: stdin is not a training snapshot", file=sys.stderr)
        return 2
    try:
        outcome: tuple[str, object] = ("training", train_snapshot(snapshot))
    except AnnotatorError as error:
        outcome = ("error", error.message)
    sink.write(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))
    sink.flush()
    return 0
