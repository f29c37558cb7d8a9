"""The window's benchmarks: open a 1 MB document with 20,000 spans, add one span, memory.

Each figure is measured in a fresh process beside its baseline (a plain ``QPlainTextEdit`` given
the same text), so the two share the machine's state. Run: ``python -m bench.bench_window``.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.harness import offscreen_child

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "interview-fa.txt"
SIZE = 1_000_000     # code points of the big document
SPANS = 20_000
WIDTH, HEIGHT = 1280, 800


def big_text(size: int = SIZE) -> str:
    """The sample interview repeated, with an emoji every few lines so offsets are tested too."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    out: list[str] = []
    total = 0
    for number in range(10**9):
        line = lines[number % len(lines)]
        if number % 7 == 3:
            line = "😀 " + line
        out.append(line)
        total += len(line) + 1
        if total >= size:
            break
    return "\n".join(out)[:size]


def make_project(folder: Path, size: int, spans: int) -> tuple[Path, str, str]:
    """A project with a small document and the big one; ``spans`` spans on the big one."""
    from annotator.domain.model import Document, utc_now
    from annotator.storage.project import Project
    from annotator.text import token_spans

    path = folder / "bench.annot"
    text = big_text(size)
    with Project.create(path, analyst="bench") as project:
        small = project.add_document(
            Document("", "small", "small.txt", "سلام", "سلام", ((4, 4),)))
        doc = project.add_document(Document("", "big", "big.txt", text, text,
                                            ((len(text), len(text)),)))
        tokens = token_spans(text)
        rng = random.Random(7)
        labels = ("Speaker", "Claim", "Stance", "Turn")
        now = utc_now()
        rows = []
        for number in range(spans):
            first = rng.randrange(len(tokens) - 12)
            last = first + rng.randrange(0, 10)
            rows.append((f"bench-{number}", doc.id, tokens[first][0], tokens[last][1],
                         labels[number % 4], "{}", "bench", now, now))
        with project.transaction():
            project.conn.executemany(
                'INSERT INTO spans(id, doc_id, start, "end", label, attrs, author, created,'
                " modified, revision, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0)", rows)
    return path, doc.id, small.id


def _rss() -> int:
    import psutil

    return int(psutil.Process().memory_info().rss)


def child_plain(text_path: str) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    app = QApplication([])
    text = Path(text_path).read_text(encoding="utf-8")
    editor = QPlainTextEdit()
    editor.resize(WIDTH, HEIGHT)
    editor.setPlainText("سلام")  # as the window shows a small document first: fonts warm
    editor.show()
    editor.viewport().grab()
    app.processEvents()
    before = _rss()
    started = time.perf_counter()
    editor.setPlainText(text)
    editor.viewport().grab()
    seconds = time.perf_counter() - started
    app.processEvents()
    return {"open_s": seconds, "rss_bytes": _rss() - before, "rss_total": _rss()}


def child_window(project_path: str, doc_id: str, adds: int) -> dict[str, Any]:
    from annotator.storage.project import Project
    from annotator.ui.app import application
    from annotator.ui.mainwindow import MainWindow
    from annotator.ui.session import Session

    app = application()
    project = Project.open(project_path, analyst="bench")
    window = MainWindow(Session(project))  # opens the small document
    window.resize(WIDTH, HEIGHT)
    window.show()
    app.processEvents()
    before = _rss()
    started = time.perf_counter()
    window.show_document(doc_id)
    window.view.viewport().grab()
    done = time.perf_counter()
    seconds = (window.view.first_painted or done) - started
    app.processEvents()
    grown = _rss() - before
    total = _rss()
    text = window.view.text
    rng = random.Random(11)
    times = []
    for _ in range(adds):
        first, last = window.view.visible_range()
        start = rng.randrange(first, max(first + 1, last - 20))
        begin = time.perf_counter()
        window.session.mark(doc_id, start, start + 5, "Claim")
        window.view.viewport().repaint()
        times.append(time.perf_counter() - begin)
    if adds:
        assert window.project.spans(doc_id)[-1].end <= len(text)
    window.shutdown()  # as closing the window does: a training the marks started is waited for
    project.close()
    return {"open_s": seconds, "open_all_s": done - started, "rss_bytes": grown,
            "rss_total": total, "add_s": times,
            "spans": len(window.view.spans)}


def _run_child(*args: str) -> dict[str, Any]:
    return offscreen_child("bench.bench_window", *args)


def measure(quick: bool = False) -> list[dict[str, Any]]:
    """Median figures of the window beside a plain QPlainTextEdit, as result records."""
    runs = 2 if quick else 5
    size, spans, adds = (100_000, 2_000, 10) if quick else (SIZE, SPANS, 50)
    with tempfile.TemporaryDirectory() as folder:
        path, doc_id, small_id = make_project(Path(folder), size, spans)
        text_path = Path(folder) / "big.txt"
        text_path.write_text(big_text(size), encoding="utf-8")
        tiny_path = Path(folder) / "tiny.txt"
        tiny_path.write_text("سلام", encoding="utf-8")
        plain, ours, plain_tiny, ours_small = [], [], [], []
        for _ in range(runs):  # interleaved, so both see the same machine
            plain.append(_run_child("plain", str(text_path)))
            ours.append(_run_child("window", str(path), doc_id, str(adds)))
            plain_tiny.append(_run_child("plain", str(tiny_path)))
            ours_small.append(_run_child("window", str(path), small_id, "0"))
    plain_open = statistics.median(r["open_s"] for r in plain)
    our_open = statistics.median(r["open_s"] for r in ours)
    # Memory for the document: a process showing it, less one showing a tiny one.
    plain_rss = (statistics.median(r["rss_total"] for r in plain)
                 - statistics.median(r["rss_total"] for r in plain_tiny))
    our_rss = (statistics.median(r["rss_total"] for r in ours)
               - statistics.median(r["rss_total"] for r in ours_small))
    our_all = statistics.median(r["open_all_s"] for r in ours)
    adds_all = [t for r in ours for t in r["add_s"]]
    add_median = statistics.median(adds_all)
    label = f"{size // 1000} k code points, {spans} spans"
    return [
        {"name": "open document → first painted frame", "detail": label,
         "value": our_open * 1000, "unit": "ms", "baseline": plain_open * 1000,
         "baseline_name": "QPlainTextEdit.setPlainText + paint", "ratio": our_open / plain_open,
         "target": "ratio ≤ 3", "met": our_open / plain_open <= 3,
         "all_spans_loaded_ms": our_all * 1000},
        {"name": "add one span (command + commit + repaint)", "detail": label,
         "value": add_median * 1000, "unit": "ms", "baseline": None, "baseline_name": "",
         "ratio": None, "target": "median ≤ 16 ms", "met": add_median <= 0.016,
         "p90": sorted(adds_all)[int(len(adds_all) * 0.9)] * 1000},
        {"name": "resident memory of the open document", "detail": label,
         "value": our_rss / 1e6, "unit": "MB", "baseline": plain_rss / 1e6,
         "baseline_name": "QPlainTextEdit with the same text", "ratio": our_rss / plain_rss,
         "target": "ratio ≤ 2", "met": our_rss / plain_rss <= 2},
    ]


def main(argv: list[str]) -> int:
    if argv and argv[0] == "plain":
        print(json.dumps(child_plain(argv[1])))
    elif argv and argv[0] == "window":
        print(json.dumps(child_window(argv[1], argv[2], int(argv[3]))))
    else:
        for record in measure(quick="--quick" in argv):
            print(json.dumps(record, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
