"""The window at 10,000 and 100,000 documents (about 2,000 characters and 20 spans each).

Each size runs in a fresh process: open the project in the window (first frame), scroll the
Documents panel to its end, type a filter a letter at a time, switch documents, fill the stance
view over the whole project, and compute the dashboard's figures. Every step runs on the
window's thread, so its time is how long it blocks the event loop; a 5 ms QTimer probe records
the longest gap between its ticks as well. The baseline is a bare PySide6 window's first frame
in its own process, the same run. Run: ``python -m bench.bench_window_scale [--quick] [PATH]``.
"""

from __future__ import annotations

import itertools
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.harness import offscreen_child

ROOT = Path(__file__).resolve().parent.parent
SIZES = (10_000, 100_000)
QUICK_SIZES = (2_000,)
BLOCK_TARGET_MS = 100.0
WIDTH, HEIGHT = 1280, 800


def _rss_peak() -> int:
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * 1024


def _timed(app: Any, step: Callable[[], object]) -> float:
    """Milliseconds ``step`` takes, with the events it posts handled and a repaint."""
    started = time.perf_counter()
    step()
    app.processEvents()
    return (time.perf_counter() - started) * 1000


def _until(app: Any, start: Callable[[], object], done: Callable[[], bool]
           ) -> tuple[float, float]:
    """Milliseconds from ``start`` until ``done()``, and the longest the event loop went
    without running a 5 ms probe timer meanwhile."""
    from PySide6.QtCore import QTimer

    ticks = [time.perf_counter()]
    probe = QTimer(interval=5)
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))
    probe.start()
    started = time.perf_counter()
    start()
    while not done():
        app.processEvents()
    finished = time.perf_counter()
    app.processEvents()
    probe.stop()
    ticks.append(time.perf_counter())
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    return (finished - started) * 1000, max(gaps) * 1000


def child_bare() -> dict[str, float]:
    started = time.perf_counter()
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication([])
    window = QWidget()
    window.resize(WIDTH, HEIGHT)
    window.show()
    window.grab()
    app.processEvents()
    return {"first_frame_ms": (time.perf_counter() - started) * 1000}


def child_window(project_path: str) -> dict[str, Any]:
    started = time.perf_counter()
    from annotator.storage.project import Project
    from annotator.ui.app import application
    from annotator.ui.mainwindow import MainWindow
    from annotator.ui.session import Session

    app = application()
    opening = time.perf_counter()
    project = Project.open(project_path, analyst="lead")  # backs up a changed file, checks it
    opened = time.perf_counter()
    window = MainWindow(Session(project))
    window.resize(WIDTH, HEIGHT)
    window.show()
    window.grab()
    app.processEvents()
    done = time.perf_counter()
    out: dict[str, Any] = {"first_frame_ms": (done - started) * 1000,
                           "open_project_ms": (opened - opening) * 1000,
                           "window_ms": (done - opened) * 1000, "rss_after_open": _rss_peak()}
    model, table = window.documents_model, window.documents_table
    out["rows"] = model.rowCount()
    out["scroll_end_ms"] = _timed(app, lambda: (table.scrollToBottom(), table.viewport().grab()))
    out["scroll_middle_ms"] = _timed(app, lambda: (
        table.scrollTo(model.index(model.rowCount() // 2, 0)), table.viewport().grab()))
    line = table.parentWidget().findChild(_line_edit())
    keys = []
    for text in ("س", "سن", "سند", "سند 9", "سند 99", "سند 999", ""):
        keys.append(_timed(app, lambda t=text: (line.setText(t), table.viewport().grab())))
    out["filter_key_ms"] = keys
    out["filter_max_ms"] = max(keys)
    out["sort_title_desc_ms"] = _timed(app, lambda: table.sortByColumn(0, _descending()))
    out["sort_spans_ms"] = _timed(app, lambda: table.sortByColumn(2, _descending()))
    table.sortByColumn(0, _ascending())
    app.processEvents()
    switches = []
    for row in (1, model.rowCount() // 2, model.rowCount() - 1):
        doc_id = model.row_object(row).id
        switches.append(_timed(app, lambda d=doc_id: (window.show_document(d),
                                                       window.view.viewport().grab())))
    out["switch_ms"] = switches
    out["status_refresh_ms"] = _timed(app, lambda: (window.set_status("done"),
                                                    window._refresh_summaries()))
    window.stance_dock.raise_()
    app.processEvents()
    stance = window.stance
    stance.scope.setCurrentIndex(1)  # the whole project
    out["stance_project_ms"], out["stance_block_ms"] = _until(
        app, stance.refresh, lambda: not stance.counting())
    out["stance_cells"] = len(stance.cells)
    from annotator.analysis.agreement import agreement, label_counts, progress

    out["agreement_ms"] = _timed(app, lambda: agreement(project))
    out["progress_ms"] = _timed(app, lambda: (progress(project), label_counts(project)))
    out["rss_peak"] = _rss_peak()
    return out


def _line_edit() -> type:
    from PySide6.QtWidgets import QLineEdit

    return QLineEdit


def _descending() -> Any:
    from PySide6.QtCore import Qt

    return Qt.SortOrder.DescendingOrder


def _ascending() -> Any:
    from PySide6.QtCore import Qt

    return Qt.SortOrder.AscendingOrder


def _run_child(*args: str) -> dict[str, Any]:
    return offscreen_child("bench.bench_window_scale", *args)


def _records(size: int, bare: dict[str, Any], ours: dict[str, Any]) -> list[dict[str, Any]]:
    label = f"{size:,} documents, {ours['rows']:,} rows"
    return [
        {"name": "window at scale: first frame", "detail": label,
         "value": ours["first_frame_ms"], "unit": "ms", "baseline": bare["first_frame_ms"],
         "baseline_name": "a bare PySide6 window", "ratio":
         ours["first_frame_ms"] / bare["first_frame_ms"], "target": "", "met": None},
        {"name": "window at scale: filter, longest keystroke", "detail": label,
         "value": ours["filter_max_ms"], "unit": "ms", "baseline": None, "baseline_name": "",
         "ratio": None, "target": f"≤ {BLOCK_TARGET_MS:.0f} ms",
         "met": ours["filter_max_ms"] <= BLOCK_TARGET_MS},
        {"name": "window at scale: switch document, longest", "detail": label,
         "value": max(ours["switch_ms"]), "unit": "ms", "baseline": None, "baseline_name": "",
         "ratio": None, "target": f"≤ {BLOCK_TARGET_MS:.0f} ms",
         "met": max(ours["switch_ms"]) <= BLOCK_TARGET_MS},
        {"name": "window at scale: stance view, whole project, longest block", "detail": label,
         "value": ours["stance_block_ms"], "unit": "ms", "baseline": None,
         "baseline_name": "", "ratio": None, "target": f"≤ {BLOCK_TARGET_MS:.0f} ms",
         "met": ours["stance_block_ms"] <= BLOCK_TARGET_MS,
         "until_counted_ms": ours["stance_project_ms"]},
        {"name": "window at scale: dashboard agreement", "detail": label,
         "value": ours["agreement_ms"], "unit": "ms", "baseline": None, "baseline_name": "",
         "ratio": None, "target": "", "met": None},
        {"name": "window at scale: peak resident memory", "detail": label,
         "value": ours["rss_peak"] / 1e6, "unit": "MB", "baseline": None, "baseline_name": "",
         "ratio": None, "target": "< 1000 MB", "met": ours["rss_peak"] < 1e9},
    ]


def measure(quick: bool = False) -> list[dict[str, Any]]:
    """The window's figures at each size, beside a bare window's first frame."""
    from bench.scale_corpus import make_project

    records: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as folder:
        for size in QUICK_SIZES if quick else SIZES:
            path = Path(folder) / f"scale-{size}.annot"
            make_project(path, size)
            bare = _run_child("bare")
            records += _records(size, bare, _run_child("window", str(path)))
    return records


def main(argv: list[str]) -> int:
    if argv and argv[0] == "bare":
        print(json.dumps(child_bare()))
    elif argv and argv[0] == "window":
        print(json.dumps(child_window(argv[1])))
    elif argv and not argv[0].startswith("--"):  # an existing project: its raw figures
        bare = _run_child("bare")
        print(json.dumps({"bare": bare, "window": _run_child("window", argv[0])}))
    else:
        for record in measure(quick="--quick" in argv):
            print(json.dumps(record, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
