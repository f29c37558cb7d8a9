"""Automatic backups of a 1 GB project: how long one takes and how long the window waits.

One file of about 1 GB of real pages (``bench.big_project``) is made once and reused. Each
round, interleaved:

- baseline: a plain copy of the file (``shutil.copyfile`` and ``fsync``);
- before (synchronous, as the command line still does): ``Project.open`` of the project
  changed since its newest backup, which backs it up and verifies the copy before returning;
- the window's way: ``Project.open(background_backups=True)``, then a loop on the calling
  thread that reads one document every 5 ms and adds a speaker every 50 reads (a window
  painting and editing) until the background backup has ended.

Figures: the background backup's time against the plain copy (no target: nobody waits for
it); the longest single read of that loop (how long the window was blocked) against the
synchronous backup's time (how long it was blocked before), with the longest edit in the
notes (a durable commit, which also waits for the disk the backup is writing to); the open
itself (a quick check of the file) against before.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from annotator.storage import backups
from annotator.storage.project import Project
from annotator.storage.safety import backup_folder
from bench.big_project import make_big_project
from bench.harness import Context, Result, median

SIZE = 1_000_000_000
MAX_ROUNDS = 3  # each round copies the 1 GB file four times
WRITES: list[float] = []  # the longest edit (a durable commit) of each round


def run(ctx: Context) -> list[Result]:
    path = ctx.path("big.annot")
    documents = make_big_project(path, ctx.size(SIZE, minimum=20_000_000))
    size = path.stat().st_size
    rounds = max(1, min(ctx.repeats, MAX_ROUNDS))
    copy: list[float] = []
    synchronous: list[float] = []
    opened: list[float] = []
    background: list[float] = []
    blocked: list[float] = []
    for number in range(rounds):
        copy.append(_plain_copy(path, ctx.workdir / "copy.annot"))
        synchronous.append(_synchronous_open(path))
        open_seconds, backup_seconds, longest = _window_open(path)
        opened.append(open_seconds)
        background.append(backup_seconds)
        blocked.append(longest)
        ctx.log(f"backups round {number + 1}: copy {copy[-1]:.1f} s, synchronous "
                f"{synchronous[-1]:.1f} s, background {background[-1]:.1f} s, longest read "
                f"{longest * 1000:.0f} ms, longest edit {WRITES[-1] * 1000:.0f} ms")
    shown = f"{size / 1e9:.2f} GB, {documents:,} documents"
    kept = _kept_copies(size)
    return [
        Result("backup in the background", "one automatic backup on a worker thread, from "
               "start to a verified copy (not waited for)", "s", median(background),
               float("nan"), "ratio",
               median(copy), "plain copy of the file (copyfile + fsync)", background, copy,
               shown, notes=f"writes {size / 1e9:.2f} GB per backup; {kept} automatic copies "
                            f"kept at this size (before: {backups.KEEP_AUTOMATIC})"),
        Result("backup blocks the window", "longest read of the window's thread while the "
               "backup runs", "s", median(blocked), 0.1, "max",
               median(synchronous), "before: the whole synchronous backup blocked it",
               blocked, synchronous, shown,
               notes=f"longest edit (a durable commit) {median(WRITES[-rounds:]) * 1000:.0f} ms"
                     " median of the rounds' longest"),
        Result("open with a backup due", "Project.open of a changed project: the window "
               "waits for this (a quick check of the file)", "s", median(opened), 1.0,
               "ratio", median(synchronous), "before: open with a synchronous backup",
               opened, synchronous, shown),
    ]


def _plain_copy(path: Path, target: Path) -> float:
    started = time.perf_counter()
    shutil.copyfile(path, target)
    handle = os.open(target, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
    seconds = time.perf_counter() - started
    target.unlink()
    return seconds


def _synchronous_open(path: Path) -> float:
    shutil.rmtree(backup_folder(path), ignore_errors=True)  # due: nothing backs it up yet
    started = time.perf_counter()
    Project.open(path, analyst="bench").close()
    seconds = time.perf_counter() - started
    assert [b.reason for b in backups.list_backups(path)] == ["open"]
    shutil.rmtree(backup_folder(path))
    return seconds


def _window_open(path: Path) -> tuple[float, float, float]:
    """Seconds of the open, of the background backup after it, and the longest wait."""
    started = time.perf_counter()
    project = Project.open(path, analyst="bench", background_backups=True)
    opened = time.perf_counter()
    longest = 0.0
    try:
        docs = [d.id for d in project.document_summaries()[:200]]
        count = 0
        longest_write = 0.0
        while project.backup_running and project.finish_backup() is None:
            before = time.perf_counter()
            project.document(docs[count % len(docs)])
            longest = max(longest, time.perf_counter() - before)
            if count % 50 == 0:
                before = time.perf_counter()
                project.add_speaker(f"گوینده {count}")
                longest_write = max(longest_write, time.perf_counter() - before)
            count += 1
            time.sleep(0.005)
        WRITES.append(longest_write)
        finished = time.perf_counter()
        if project.backup_problem:
            raise RuntimeError(project.backup_problem)
    finally:
        project.close()
    shutil.rmtree(backup_folder(path))
    return opened - started, finished - opened, longest


def _kept_copies(size: int) -> int:
    budget = max(backups.KEEP_SIZE_FACTOR * size, backups.KEEP_SIZE_FLOOR)
    return max(1, min(backups.KEEP_AUTOMATIC, budget // max(1, size)))
