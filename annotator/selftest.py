"""``annotator --self-test``: the whole program, end to end, on the sample shipped with it.

It runs in a temporary folder and touches nothing of the analyst's: create a project, import
the embedded sample and a text with an emoji, ZWNJ, CRLF and Arabic letter variants, mark spans,
run suggestions (when this build has them), export JSONL and spans-CSV, check every exported
offset, and paint the main window once offscreen. One line per check; all must hold.
"""

from __future__ import annotations

import csv
import importlib
import importlib.util
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from annotator.formats.exporting import ExportOptions, export_project
from annotator.formats.importing import import_files
from annotator.lazy import lazy
from annotator.storage.project import Project

ANALYST = "self-test"
SAMPLE = ("samples", "interview-fa.txt")
# An emoji (outside the BMP) before the marked word, ZWNJ words, ي and ك, CRLF line ends.
TRICKY_TEXT = "سلام 😀 دوستان! مي‌خواهم كتاب‌ها را بخوانم.\r\nعلي گفت: «ما آماده‌ایم» 🙂 و رفت.\r\n"
TRICKY_MARKS = (("Speaker", "دوستان"), ("Speaker", "علی"), ("Claim", "«ما آماده‌ایم»"))
SAMPLE_MARKS = (("Speaker", "کاظم جلالی"), ("Speaker", "جان میلر"),
                ("Claim", "طبق برنامه پیش می‌رود"))


def resource_file(*parts: str) -> Path:
    """A file under ``resources/``: in the bundle's folder when frozen, else beside the package
    (the Qt-free twin of ``annotator.ui.resources.resource_path``)."""
    base = getattr(sys, "_MEIPASS", None)
    root = Path(base) if base else Path(__file__).resolve().parents[1]
    return root.joinpath("resources", *parts)


class CheckFailed(Exception):
    """A self-test check that did not hold; the message says what was seen."""


@dataclass
class _State:
    folder: Path
    project_path: Path
    marked: dict[str, str] = field(default_factory=dict)  # span id -> its text
    texts: dict[str, str] = field(default_factory=dict)  # doc id -> canonical text


def _mark(project: Project, doc_id: str, text: str, label: str, words: str,
          state: _State) -> None:
    start = text.find(words)
    if start < 0:
        raise CheckFailed(f"{words!r} is not in the imported text")
    span = project.add_span(doc_id, start, start + len(words), label)
    state.marked[span.id] = words


def check_create(state: _State) -> str:
    Project.create(state.project_path, analyst=ANALYST, normalization="hazm").close()
    return f"created a project with hazm normalization in {state.folder}"


def check_import(state: _State) -> str:
    sample = resource_file(*SAMPLE)
    tricky = state.folder / "tricky.txt"
    tricky.write_bytes(TRICKY_TEXT.encode("utf-8"))
    with Project.open(state.project_path, analyst=ANALYST) as project:
        report = import_files(project, [sample, tricky])
        documents = {d.title: project.document(d.id) for d in project.document_summaries()}
    if report.documents_added != 2 or set(documents) != {"interview-fa", "tricky"}:
        raise CheckFailed(f"expected the sample and one more document, got {sorted(documents)}")
    interview, mixed = documents["interview-fa"], documents["tricky"]
    if "می‌پردازند" not in interview.canonical_text:
        raise CheckFailed("hazm's normalizer did not separate می in the sample (its data?)")
    if "\r" in mixed.canonical_text or "كتاب" in mixed.canonical_text:
        raise CheckFailed("CRLF or an Arabic letter variant survived normalization")
    state.texts = {d.id: d.canonical_text for d in documents.values()}
    return (f"imported {sample.name} ({len(interview.canonical_text)} characters) and a text "
            "with emoji, ZWNJ, CRLF and Arabic letter variants")


def check_mark(state: _State) -> str:
    with Project.open(state.project_path, analyst=ANALYST) as project:
        for summary in project.document_summaries():
            text = state.texts[summary.id]
            marks = SAMPLE_MARKS if summary.title == "interview-fa" else TRICKY_MARKS
            for label, words in marks:
                _mark(project, summary.id, text, label, words, state)
    return f"marked {len(state.marked)} spans, one after an emoji"


def check_suggestions(state: _State) -> str | None:
    if importlib.util.find_spec("annotator.analysis.suggest") is None:
        return None
    suggest: Callable[..., list[Any]] = importlib.import_module(
        "annotator.analysis.suggest").suggest
    count = 0
    with Project.open(state.project_path, analyst=ANALYST, read_only=True) as project:
        speakers = project.speakers()
        for doc_id, text in state.texts.items():
            for suggestion in suggest(doc_id, text, speakers=speakers):
                if text[suggestion.start:suggestion.end] != suggestion.text:
                    raise CheckFailed(f"suggestion {suggestion.label} at {suggestion.start}"
                                      " does not match the text")
                count += 1
    if count == 0:
        raise CheckFailed("no suggestions for the sample interview")
    return f"{count} suggestions, each matching the text at its offsets"


def check_learning(state: _State) -> str:
    """The window learns in a child process: this very program started again (the bundle's
    executable when frozen), so the check runs one the same way."""
    learning = lazy("annotator.analysis.learning")
    process = lazy("annotator.analysis.learning.process")
    with Project.open(state.project_path, analyst=ANALYST, read_only=True) as project:
        snapshot = learning.take_snapshot(project)
    child = process.LearningChild()
    training = child.train(snapshot)
    if training.report.marks < 2 or child.pid in (None, os.getpid()):
        raise CheckFailed("the training child gave no model")
    return (f"learned from {training.report.marks} marks in a child process "
            f"(pid {child.pid})")


def _export(state: _State, fmt: str, name: str, offsets: str = "canonical") -> Path:
    target = state.folder / name
    with Project.open(state.project_path, analyst=ANALYST, read_only=True) as project:
        export_project(project, target, ExportOptions(format=fmt, offsets=offsets))
    return target


def _check_jsonl(path: Path, state: _State, *, canonical: bool) -> int:
    seen: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text = record["text"]
        if canonical and text != state.texts[record["id"]]:
            raise CheckFailed(f"{path.name}: the text of {record['id']} is not the canonical text")
        for span in record["spans"]:
            if text[span["start"]:span["end"]] != span["text"]:
                raise CheckFailed(f"{path.name}: span {span['id']} text[start:end] differs")
            seen[span["id"]] = span["text"]
    # Against the imported text a span's text is the raw one (علي, not علی), so only ids match.
    same = seen == state.marked if canonical else seen.keys() == state.marked.keys()
    if not same:
        raise CheckFailed(f"{path.name}: {len(seen)} spans exported, {len(state.marked)} marked")
    return len(seen)


def check_export_jsonl(state: _State) -> str:
    count = _check_jsonl(_export(state, "jsonl", "export.jsonl"), state, canonical=True)
    original = _export(state, "jsonl", "export-original.jsonl", offsets="original")
    _check_jsonl(original, state, canonical=False)
    texts = [json.loads(line)["text"] for line in original.read_text("utf-8").splitlines()]
    if not any("\r\n" in text for text in texts):
        raise CheckFailed("the original-offsets export lost the imported CRLF")
    return f"JSONL: text[start:end] == span text for all {count} spans (canonical and original)"


def check_export_csv(state: _State) -> str:
    path = _export(state, "spans-csv", "spans.csv")
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    for row in rows:
        text = state.texts[row["doc_id"]]
        start, end = int(row["start"]), int(row["end"])
        if text[start:end] != row["text"] or state.marked.get(row["span_id"]) != row["text"]:
            raise CheckFailed(f"spans.csv: span {row['span_id']} text[start:end] differs")
    if len(rows) != len(state.marked):
        raise CheckFailed(f"spans.csv: {len(rows)} rows for {len(state.marked)} spans")
    return f"spans-CSV: text[start:end] == span text for all {len(rows)} rows"


def check_window(state: _State) -> str:
    if (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from annotator.ui.selfcheck import paint_once  # Qt is loaded for this check only

    paint_once(state.project_path)
    platform = os.environ.get("QT_QPA_PLATFORM") or "native"
    return f"opened the main window and painted one frame ({platform})"


CHECKS: tuple[tuple[str, Callable[[_State], str | None]], ...] = (
    ("create project", check_create),
    ("import sample", check_import),
    ("mark spans", check_mark),
    ("suggestions", check_suggestions),
    ("learn in a child process", check_learning),
    ("export jsonl", check_export_jsonl),
    ("export spans-csv", check_export_csv),
    ("main window", check_window),
)


def run_self_test(out: TextIO = sys.stdout, *, window: bool = True) -> bool:
    """Run every check in a fresh temporary folder, printing one line each; True if all held
    (a check this build cannot run, such as suggestions before they exist, is skipped)."""
    with tempfile.TemporaryDirectory(prefix="annotator-self-test-") as folder:
        state = _State(Path(folder), Path(folder) / "self-test.annot")
        failed = False
        for name, check in CHECKS:
            if name == "main window" and not window:
                continue
            if failed:
                print(f"not run  {name}", file=out)
                continue
            began = time.perf_counter()
            try:
                detail = check(state)
            except Exception as error:  # every failure, expected or not, is one line
                failed = True
                print(f"FAIL     {name}: {type(error).__name__}: {error}", file=out)
                continue
            took = f" ({time.perf_counter() - began:.1f} s)"
            if detail is None:
                print(f"skip     {name}: not in this build", file=out)
            else:
                print(f"ok       {name}: {detail}{took}", file=out)
        print("self-test " + ("failed" if failed else "passed"), file=out)
        out.flush()
        return not failed
