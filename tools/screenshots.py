"""Pictures of the window for the README: the sample interview with a few marks of each label,
in Persian and in English, plus the search panel and the label schema editor.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py docs/screenshots
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import QApplication

from annotator.formats.importing import import_files
from annotator.storage.project import Project
from annotator.ui.app import application, install_language
from annotator.ui.mainwindow import MainWindow
from annotator.ui.resources import resource_path
from annotator.ui.schema_editor import SchemaEditor, reserved_keys
from annotator.ui.search import SearchPanel
from annotator.ui.session import Session
from annotator.ui.tools import tools_of

SIZE = (1500, 900)


def nth(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """Code point range of the ``occurrence``-th (0-based) ``needle`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def mark_sample(project: Project) -> str:
    """Import the sample interview and mark it as an analyst would; returns the document id."""
    import_files(project, [resource_path("samples", "interview-fa.txt")])
    doc_id = project.document_summaries()[0].id
    text = project.document(doc_id).canonical_text
    jalali = project.add_speaker("کاظم جلالی", aliases=("جلالی", "سفیر ایران در روسیه"),
                                 role="سفیر ایران در روسیه", affiliation="وزارت امور خارجه")
    miller = project.add_speaker("جان میلر", aliases=("John Miller",), role="مستندساز",
                                 affiliation="پرس‌تی‌وی")

    def mark(needle: str, label: str, attrs: dict[str, str], occurrence: int = 0) -> str:
        start, end = nth(text, needle, occurrence)
        return project.add_span(doc_id, start, end, label, attrs).id

    mention_miller = mark("جان میلر", "Speaker", {"speaker": miller.id})
    mention_jalali = mark("کاظم جلالی", "Speaker", {"speaker": jalali.id})
    mark("جلالی", "Speaker", {"speaker": jalali.id}, 2)
    mark("جان میلر", "Speaker", {"speaker": miller.id}, 1)
    mark("کاظم جلالی", "Speaker", {"speaker": jalali.id}, 1)
    claim = mark("معاهده ۲۰۰۱ ایران و روسیه پس از تمدید، در سال ۲۰۲۵ با اصلاحات جدید "
                 "بهروزرسانی شد", "Claim",
                 {"speaker": jalali.id, "type": "factual", "checkworthy": "yes",
                  "quote": "indirect"})
    mark("ایران پیش از تجاوز اسرائیل درخواستی برای اس-۴۰۰ نداشت", "Claim",
         {"speaker": jalali.id, "type": "factual", "checkworthy": "yes", "quote": "indirect"})
    mark("ما افق روابط را کاملاً روشن میبینیم", "Claim",
         {"speaker": jalali.id, "type": "prediction", "checkworthy": "no", "quote": "direct"})
    stance = mark("بدرفتاریهای غرب پس از انقلاب اسلامی", "Stance",
                  {"holder": jalali.id, "target": "غرب", "polarity": "against"})
    question = text.index("آیا ایران از توافقنامه")
    mark(text[question:text.index("\n", question)], "Turn",
         {"speaker": miller.id, "role": "interviewer"})
    project.add_relation(claim, mention_jalali, "attributed_to")
    project.add_relation(stance, mention_miller, "about")
    project.set_status(doc_id, "in progress")
    return doc_id


def window_on(path: Path, language: str) -> MainWindow:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_language(app, language)
    window = MainWindow(Session(Project.open(path, analyst="maryam")))
    window.resize(*SIZE)
    window.show()
    window.resizeDocks([window.documents_dock, window.inspector_dock], [330, 500],
                       Qt.Orientation.Horizontal)
    app.processEvents()
    return window


def shoot(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    with tempfile.TemporaryDirectory() as temporary:
        QStandardPaths.setTestModeEnabled(True)
        for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(kind, QSettings.Scope.UserScope, temporary)
        app = application()
        path = Path(temporary) / "interview.annot"
        with Project.create(path, analyst="maryam") as project:
            mark_sample(project)
        for language in ("fa", "en"):
            window = window_on(path, language)
            claim = next(s for s in window.view.spans.ordered() if s.label == "Claim")
            window.jump_to_span(claim.id)
            app.processEvents()
            made.append(folder / f"main-{language}.png")
            window.grab().save(str(made[-1]))
            if language == "fa":
                tools = tools_of(window)
                search: SearchPanel = tools.search
                search.scope.setCurrentIndex(SearchPanel.WHOLE_PROJECT)
                search.query.setText("جلالي")  # Arabic ي on purpose: search folds it
                search.run()
                tools.search_dock.raise_()
                search.open_hit(search.results.item(1))
                app.processEvents()
                made.append(folder / "search-fa.png")
                window.grab().save(str(made[-1]))
                editor = SchemaEditor(window.session, reserved_keys(window), window)
                editor.layer_list.setCurrentRow(2)
                editor.show()
                app.processEvents()
                made.append(folder / "schema-fa.png")
                editor.grab().save(str(made[-1]))
                editor.close()
            window.close()
            window.project.close()
        install_language(app, "en")
    return made


if __name__ == "__main__":
    for picture in shoot(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")):
        print(picture)
