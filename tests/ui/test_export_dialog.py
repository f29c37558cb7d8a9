"""The Export dialog writes what the CLI writes, can be cancelled, and leaves no file then."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from annotator.formats.exporting import EXPORT_FORMATS
from annotator.ui.export_dialog import ExportDialog, suffix_for
from annotator.ui.mainwindow import MainWindow

from .conftest import import_text


def choose(combo, data: str) -> None:  # type: ignore[no-untyped-def]
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def test_every_export_format_and_analyst_is_offered(window: MainWindow) -> None:
    window.project.add_span(window.view.doc_id, 0, 4, "Claim", author="maryam")
    dialog = ExportDialog(window.project, window)
    assert [dialog.format.itemData(i) for i in range(dialog.format.count())] == list(
        EXPORT_FORMATS)
    assert [dialog.by.itemData(i) for i in range(dialog.by.count())] == [
        "all", "maryam", "tester", "gold"]
    choose(dialog.format, "spans-csv")
    assert dialog.path.text().endswith(".csv") and dialog.csv_safe.isEnabled()
    choose(dialog.format, "jsonl")
    assert dialog.path.text().endswith(".jsonl") and not dialog.csv_safe.isEnabled()
    dialog.close()


def test_ctrl_e_exports_a_csv_safe_span_table(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                              modal) -> None:  # type: ignore[no-untyped-def]
    text = window.view.text
    start = text.index("علی")
    window.session.mark(window.view.doc_id, start, start + 3, "Speaker")
    target = tmp_path / "out" / "spans.csv"
    target.parent.mkdir()

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportDialog)
        choose(dialog.format, "spans-csv")
        dialog.path.setText(str(target))
        dialog.csv_safe.setChecked(True)
        dialog.export_button.click()

    window.activateWindow()
    modal(answer, lambda: qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier))
    assert isinstance(modal.seen[0], ExportDialog)
    with target.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [(r["start"], r["end"], r["text"]) for r in rows] == [(str(start), str(start + 3),
                                                                  "علی")]
    assert "1 mark(s)" in window.statusBar().currentMessage()


def test_cancelling_a_long_export_leaves_no_file(window: MainWindow, tmp_path: Path) -> None:
    for number in range(4):
        import_text(window.project, tmp_path, f"متن شماره {number} 😀\n", f"doc{number}")
    target = tmp_path / "all.jsonl"
    dialog = ExportDialog(window.project, window)
    dialog.path.setText(str(target))
    seen: list[tuple[int, int]] = []

    def press_cancel(done: int, total: int) -> None:
        seen.append((done, total))
        if done == 2:
            progress = dialog.findChild(QProgressDialog, "export_progress")
            progress.findChild(QPushButton).click()

    dialog.progress_made.connect(press_cancel)
    assert dialog.export() is False
    assert seen == [(1, 5), (2, 5)]
    assert dialog.fault.text() == "The export was cancelled; no file was written."
    assert list(tmp_path.glob("*.jsonl")) == [] and list(tmp_path.glob(".*part")) == []
    dialog.progress_made.disconnect(press_cancel)
    assert dialog.export() is True and target.is_file()
    assert len(target.read_text(encoding="utf-8").splitlines()) == 5
    assert dialog.report is not None and dialog.report.documents == 5


def test_an_export_that_fails_says_why_in_one_sentence(window: MainWindow,
                                                       tmp_path: Path) -> None:
    dialog = ExportDialog(window.project, window)
    dialog.path.setText(str(tmp_path / "missing" / "out.jsonl"))
    assert dialog.export() is False
    message = dialog.fault.text()
    assert "missing" in message and "\n" not in message and "Traceback" not in message
    assert dialog.isVisible() or not dialog.result()


def test_export_starts_in_the_documents_folder_remembers_the_last_and_describes_formats(
        window: MainWindow, tmp_path: Path) -> None:
    from PySide6.QtCore import QStandardPaths

    from annotator.ui.export_dialog import ExportDialog

    documents = Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation))
    dialog = ExportDialog(window.project, window)
    assert Path(dialog.path.text()).parent == documents
    assert not any(part.startswith(".") for part in Path(dialog.path.text()).parts)
    descriptions = set()
    for index in range(dialog.format.count()):
        dialog.format.setCurrentIndex(index)
        assert dialog.description.text() and "\n" not in dialog.description.text()
        descriptions.add(dialog.description.text())
    assert len(descriptions) == dialog.format.count()
    dialog.format.setCurrentIndex(0)
    dialog.path.setText(str(tmp_path / "exports" / "all.jsonl"))
    (tmp_path / "exports").mkdir()
    assert dialog.export()
    again = ExportDialog(window.project, window)
    assert Path(again.path.text()).parent == tmp_path / "exports"


def test_an_unknown_file_kind_is_explained_in_window_words(
        window: MainWindow, tmp_path: Path, modal) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    odd = tmp_path / "notes.xyz"
    odd.write_text("متن", encoding="utf-8")
    seen: list[str] = []

    def answer(box: object) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.informativeText())
        box.accept()

    modal(answer, lambda: window.import_paths([odd]))
    assert len(seen) == 1 and "--format" not in seen[0]
    assert str(odd) in seen[0] and ".txt" in seen[0]


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path; the dataset card without the line that
    dates it."""
    def content(path: Path) -> bytes:
        data = path.read_bytes()
        if not path.name.endswith("README.md"):
            return data
        return b"\n".join(line for line in data.split(b"\n")
                          if not line.startswith(b"Exported by Annotator"))
    return {str(p.relative_to(folder)): content(p) for p in sorted(folder.rglob("*"))
            if p.is_file()}


# The dialog's fields set for each case, and the same options as command-line arguments.
_CASES = [
    ("doccano", {"offsets_unit": "codepoints", "doccano_shape": "entities"},
     ["--offsets-unit", "codepoints", "--doccano-shape", "entities"]),
    ("doccano", {"offsets_unit": "graphemes"}, ["--offsets-unit", "graphemes"]),
    ("label-studio", {"with_suggestions": True}, ["--with-suggestions"]),
    ("conll2003", {"tagging": "bioes", "label": "Speaker"},
     ["--tagging", "bioes", "--label", "Speaker"]),
    ("conll", {"tagging": "bioes"}, ["--tagging", "bioes"]),
    ("tokens-jsonl", {"split": "80/10/10", "seed": 3, "license": "cc-by-4.0"},
     ["--split", "80/10/10", "--seed", "3", "--license", "cc-by-4.0"]),
    ("spans-jsonl", {"split": "90/10"}, ["--split", "90/10"]),
]


def _fill(dialog: ExportDialog, fields: dict[str, object]) -> None:
    extra = dialog.extra
    for name, value in fields.items():
        widget = getattr(extra, name)
        assert extra.applies(widget), name
        if name == "seed":
            widget.setValue(value)
        elif name == "license":
            widget.setText(value)
        elif name == "with_suggestions":
            widget.setChecked(value)
        else:
            choose(widget, value)


def test_the_windows_export_equals_the_clis_for_the_same_options(
        qtbot: QtBot, project_path: Path, tmp_path: Path) -> None:
    from annotator.cli import main
    from annotator.storage.project import Project

    with Project.open(project_path, analyst="tester") as project:
        for number in range(5):
            import_text(project, tmp_path, f"سند {number}: علي گفت «كتاب‌ها» 😀 رسید.\r\n",
                        f"doc{number}")
        for doc in project.document_summaries():
            text = project.document(doc.id).canonical_text
            start = text.index("علی")
            project.add_span(doc.id, start, start + 3, "Speaker")
            project.add_span(doc.id, 0, text.index(" "), "Claim")
    for number, (fmt, fields, arguments) in enumerate(_CASES):
        ours, theirs = tmp_path / f"window{number}", tmp_path / f"cli{number}"
        ours.mkdir()
        theirs.mkdir()
        name = "out" + suffix_for(fmt)
        with Project.open(project_path, analyst="tester", read_only=True) as project:
            dialog = ExportDialog(project)
            qtbot.addWidget(dialog)
            choose(dialog.format, fmt)
            _fill(dialog, fields)
            dialog.path.setText(str(ours / name))
            assert dialog.export() is True, dialog.fault.text()
            # closed again, so the command line may open it; the dialog always says its --status
        assert main(["export", str(project_path), "--format", fmt, "-o", str(theirs / name),
                     "--status", "any", *arguments]) == 0
        window_files = _files(ours)
        assert window_files and window_files == _files(theirs), (fmt, fields)


def test_each_option_is_shown_only_for_the_formats_it_applies_to(window: MainWindow) -> None:
    dialog = ExportDialog(window.project, window)
    extra = dialog.extra
    choose(dialog.format, "jsonl")
    assert not extra.applies(extra.offsets_unit) and not extra.applies(extra.tagging)
    assert not extra.applies(extra.with_suggestions) and not extra.applies(extra.seed)
    assert extra.applies(extra.split) and extra.applies(extra.license)
    choose(dialog.format, "doccano")
    assert extra.applies(extra.offsets_unit) and extra.applies(extra.doccano_shape)
    choose(dialog.format, "label-studio")
    assert extra.applies(extra.with_suggestions) and not extra.applies(extra.doccano_shape)
    choose(dialog.format, "parquet")
    assert extra.applies(extra.table) and not extra.applies(extra.label)
    choose(extra.table, "sentences")
    assert extra.applies(extra.label)
    choose(extra.split, "80/10/10")
    assert extra.applies(extra.seed)
    choose(dialog.format, "tokens-jsonl")
    extra.tagging.setCurrentIndex(extra.tagging.findData("bioes"))
    choose(dialog.format, "jsonl")  # a hidden row exports the CLI's default
    assert dialog.options().tagging == "bio" and dialog.options().split == "80/10/10"
    dialog.close()
