"""The Export dialog: every format the exporter knows, the same choices as ``annotator export``.

Exports write a temporary file and rename it at the end, so a cancelled or failed export leaves
no file behind; a long export shows progress and can be cancelled.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.errors import AnnotatorError
from annotator.formats.exporting import (
    EXPORT_FORMATS,
    SUFFIXES,
    ExportOptions,
    ExportReport,
    export_project,
)
from annotator.storage.project import Project
from annotator.ui import settings
from annotator.ui.export_options import ExportOptionRows
from annotator.ui.messages import window_error


class ExportCancelled(Exception):
    """Raised from the progress callback when the analyst presses Cancel."""


def suffix_for(fmt: str) -> str:
    """The usual file extension of an export format (``spans-csv`` → ``.csv``; brat, a folder,
    ``.ann``)."""
    return SUFFIXES.get(fmt, ".ann")


def export_folder() -> Path:
    """Where an export goes first: the folder of the last export, else the user's documents."""
    last = Path(str(settings.get(settings.EXPORT_FOLDER) or ""))
    if str(last) not in ("", ".") and last.is_dir():
        return last
    return Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation))


# Read by lupdate; translated when shown, in the window's language.
_DESCRIPTIONS = {
    "jsonl":
        QT_TRANSLATE_NOOP("ExportDialog", "One JSON line per document: its text, marks and links."),
    "spans-jsonl":
        QT_TRANSLATE_NOOP("ExportDialog", "One JSON line per mark, with its text and context."),
    "spans-csv":
        QT_TRANSLATE_NOOP("ExportDialog", "A spreadsheet with one row per mark and its context."),
    "claims-csv":
        QT_TRANSLATE_NOOP("ExportDialog", "One row per sentence: is it a claim, and of what "
                                          "type (for training a claim detector)."),
    "stance-csv":
        QT_TRANSLATE_NOOP("ExportDialog", "One row per Stance: who holds it, about what, and "
                                          "whether in favour, against or neutral."),
    "conll":
        QT_TRANSLATE_NOOP("ExportDialog", "One token per line with BIO tags, for sequence "
                                          "labelling."),
    "conll2003":
        QT_TRANSLATE_NOOP("ExportDialog", "One token per line with one tag column and "
                                          "-DOCSTART- lines, as spaCy and doccano read CoNLL."),
    "tokens-jsonl":
        QT_TRANSLATE_NOOP("ExportDialog", "One JSON line per sentence with its tokens and "
                                          "tags, for Hugging Face token classification."),
    "parquet":
        QT_TRANSLATE_NOOP("ExportDialog", "The table of marks as a Parquet file (needs pyarrow "
                                          "installed)."),
    "doccano":
        QT_TRANSLATE_NOOP("ExportDialog", "JSON lines that doccano imports as a sequence "
                                          "labelling project."),
    "label-studio":
        QT_TRANSLATE_NOOP("ExportDialog", "A JSON file of tasks that Label Studio imports."),
    "brat":
        QT_TRANSLATE_NOOP("ExportDialog", "A folder of .txt and .ann pairs for the brat annotation "
                                          "tool."),
}


def format_descriptions() -> dict[str, str]:
    """Each export format in one line of the window's language."""
    return {name: QCoreApplication.translate("ExportDialog", str(text))
            for name, text in _DESCRIPTIONS.items()}


class ExportDialog(QDialog):
    """Choose what to export and where; ``Export`` writes it with a cancellable progress bar."""

    progress_made = Signal(int, int)   # documents done, total

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.setObjectName("export_dialog")
        self.setWindowTitle(self.tr("Export"))
        self.report: ExportReport | None = None
        self.progress: QProgressDialog | None = None
        path_row = self._build_target(project)
        self._build_filters(project)
        self.fault = QLabel()
        self.fault.setObjectName("fault")
        self.fault.setTextFormat(Qt.TextFormat.PlainText)
        self.fault.setWordWrap(True)
        self.fault.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(self.tr("Format:"), self.format)
        form.addRow("", self.description)
        form.addRow(self.tr("File:"), path_row)
        form.addRow(self.tr("Offsets:"), self.offsets)
        form.addRow(self.tr("Documents:"), self.status)
        form.addRow(self.tr("Marks by:"), self.by)
        form.addRow("", self.csv_safe)
        self.form = form
        self.extra = ExportOptionRows(project, form, self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(self.tr("Export"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.fault)
        layout.addWidget(self.buttons)
        self.format.currentIndexChanged.connect(self._format_changed)
        self._format_changed()
        self.resize(560, self.sizeHint().height())

    def _build_target(self, project: Project) -> QHBoxLayout:
        """The format, its description and the file; the file's row is returned."""
        self.format = QComboBox()
        self.format.setObjectName("format")
        descriptions = format_descriptions()
        for name in EXPORT_FORMATS:
            self.format.addItem(name, name)
            self.format.setItemData(self.format.count() - 1, descriptions.get(name, ""),
                                    Qt.ItemDataRole.ToolTipRole)
        self.description = QLabel()
        self.description.setObjectName("format_description")
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setWordWrap(True)
        # A form row does not grow for a wrapped label: room for the longest (two lines).
        self.description.setMinimumHeight(self.description.fontMetrics().lineSpacing() * 2 + 2)
        self.path = QLineEdit()
        self.path.setObjectName("path")
        self.path.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # file paths read LTR
        self.path.setText(str(export_folder() / (project.path.stem
                                                 + suffix_for(EXPORT_FORMATS[0]))))
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self.choose_path)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(choose)
        return path_row

    def _build_filters(self, project: Project) -> None:
        """What goes in: offsets, documents, whose marks, spreadsheet-safe cells."""
        self.offsets = QComboBox()
        self.offsets.setObjectName("offsets")
        self.offsets.addItem(self.tr("canonical text (as stored)"), "canonical")
        self.offsets.addItem(self.tr("original text (as imported)"), "original")
        self.status = QComboBox()
        self.status.setObjectName("status")
        self.status.addItem(self.tr("any document"), "any")
        self.status.addItem(self.tr("only documents marked done"), "done")
        self.by = QComboBox()
        self.by.setObjectName("by")
        self.by.addItem(self.tr("every analyst"), "all")
        for analyst in project.analysts():
            if analyst != "gold":
                self.by.addItem(analyst, analyst)
        self.by.addItem(self.tr("gold (adjudicated)"), "gold")
        self.csv_safe = QCheckBox(self.tr("Make cells safe for spreadsheets"))
        self.csv_safe.setObjectName("csv_safe")

    def _format_changed(self) -> None:
        fmt = self.format.currentData()
        self.description.setText(format_descriptions().get(fmt, ""))
        self.csv_safe.setEnabled(fmt.endswith("csv"))
        self.form.setRowVisible(self.csv_safe, fmt.endswith("csv"))
        self.extra.show_for(fmt)
        if self.isVisible():  # rows came or went: fit the height, keep the width
            self.resize(self.width(), self.sizeHint().height())
        text = self.path.text().strip()
        if text:
            self.path.setText(str(Path(text).with_suffix(suffix_for(fmt))))

    def choose_path(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, self.tr("Export to"), self.path.text())
        if name:
            self.path.setText(name)

    def options(self) -> ExportOptions:
        fmt = self.format.currentData()
        return ExportOptions(format=fmt, offsets=self.offsets.currentData(),
                             status=self.status.currentData(), by=self.by.currentData(),
                             csv_safe=self.csv_safe.isChecked() and fmt.endswith("csv"),
                             **self.extra.values())

    def export(self) -> bool:
        """Write the export; on success close the dialog, else say why in one sentence."""
        self.fault.clear()
        text = self.path.text().strip()
        if not text:
            self.fault.setText(self.tr("Choose a file to export to."))
            return False
        target = Path(text).expanduser()
        total = max(1, len(self.project.document_summaries()))
        self.progress = QProgressDialog(self.tr("Exporting…"), self.tr("Cancel"), 0, total, self)
        self.progress.setObjectName("export_progress")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(400)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.export_button.setEnabled(False)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.report = export_project(self.project, target, self.options(),
                                         progress=self._step)
        except ExportCancelled:
            self.fault.setText(self.tr("The export was cancelled; no file was written."))
            return False
        except AnnotatorError as error:
            self.fault.setText(window_error(error))
            return False
        except OSError as error:
            self.fault.setText(self.tr("%s could not be written: %s")
                               % (target, error.strerror or error))
            return False
        finally:
            QApplication.restoreOverrideCursor()
            self.progress.close()
            self.progress.deleteLater()
            self.export_button.setEnabled(True)
        settings.put(settings.EXPORT_FOLDER, str(target.resolve().parent))
        self.accept()
        return True

    def _step(self, done: int, total: int) -> None:
        progress = self.progress
        assert progress is not None
        progress.setMaximum(max(1, total))
        progress.setValue(done)
        self.progress_made.emit(done, total)
        QApplication.processEvents()
        if progress.wasCanceled():
            raise ExportCancelled
