"""Pictures of the window for the README: the sample interview with a few marks of each label,
in Persian and in English, plus the search panel and the label schema editor, and the window at
1024×700 with a Claim current (in Persian and in English; in Persian at double scale too,
``--scaled``).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py docs/screenshots
    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py docs/screenshots --scaled
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
from annotator.ui.app import application
from annotator.ui.language import install_language
from annotator.ui.mainwindow import MainWindow
from annotator.ui.resources import resource_path
from annotator.ui.schema_editor import SchemaEditor, reserved_keys
from annotator.ui.search import SearchPanel
from annotator.ui.session import Session

SIZE = (1500, 900)
SMALL = (1024, 700)


def nth(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """Code point range of the ``occurrence``-th (0-based) ``needle`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def mark_sample(project: Project) -> str:
    """Import the sample conversation and mark it as an analyst would; returns the document id."""
    import_files(project, [resource_path("samples", "conversation-fa.txt")])
    doc_id = project.document_summaries()[0].id
    text = project.document(doc_id).canonical_text
    kazemi = project.add_speaker("نسرین کاظمی", aliases=("کاظمی",), role="خبرنگار")
    nikpour = project.add_speaker("بهرام نیک‌پور", aliases=("نیک‌پور",),
                                  role="مدیر کتاب‌خانه‌های شهر", affiliation="شهرداری")

    def mark(needle: str, label: str, attrs: dict[str, str], occurrence: int = 0) -> str:
        start, end = nth(text, needle, occurrence)
        return project.add_span(doc_id, start, end, label, attrs).id

    def line_of(needle: str) -> str:
        start = text.index(needle)
        return text[start:text.index("\n", start)]

    mark("نسرین کاظمی", "Speaker", {"speaker": kazemi.id})
    mention = mark("بهرام نیک‌پور", "Speaker", {"speaker": nikpour.id})
    mark("نسرین کاظمی", "Speaker", {"speaker": kazemi.id}, 1)
    mark(line_of("آقای نیک‌پور، چرا"), "Turn", {"speaker": kazemi.id, "role": "interviewer"})
    mark(line_of("بیشتر مراجعه‌کنندگان"), "Turn",
         {"speaker": nikpour.id, "role": "interviewee"})
    claim = mark("شمار اعضا در سه ماه دو برابر شده", "Claim",
                 {"speaker": nikpour.id, "type": "factual", "checkworthy": "yes",
                  "quote": "direct"})
    mark("تا پایان سال دوازده کتاب‌خانهٔ کوچک در پارک‌ها ساخته می‌شود", "Claim",
         {"speaker": nikpour.id, "type": "commitment", "checkworthy": "yes",
          "quote": "indirect"})
    stance = mark("این سرمایه‌گذاری به‌صرفه است", "Stance",
                  {"holder": nikpour.id, "target": "ساعت کار شبانه", "polarity": "favor"})
    mark("کتاب‌های کودک کم است", "Stance",
         {"holder": kazemi.id, "target": "کتاب‌های کودک", "polarity": "against"})
    project.add_relation(claim, mention, "attributed_to")
    project.add_relation(stance, mention, "about")
    project.set_status(doc_id, "in progress")
    return doc_id


def window_on(path: Path, language: str, size: tuple[int, int] = SIZE) -> MainWindow:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_language(app, language)
    window = MainWindow(Session(Project.open(path, analyst="maryam")))
    window.resize(*size)
    window.show()
    window.first_layout()
    if size == SIZE:
        window.resizeDocks([window.documents_dock, window.inspector_dock], [330, 420],
                           Qt.Orientation.Horizontal)
    settle()
    window.resize(window.width() + 1, window.height())  # lays the dock tab bars out again
    window.resize(*size)
    settle()
    return window


def settle() -> None:
    """Let posted layout requests run (a rebuilt Inspector lays out in its scroll area)."""
    for _ in range(4):
        QApplication.processEvents()


def small_window(path: Path, folder: Path, name: str, language: str = "fa") -> Path:
    """The window at 1024×700 with a Claim current: the text column keeps its room, and the
    tables fit their docks without scrolling sideways."""
    window = window_on(path, language, SMALL)
    claim = next(s for s in window.view.spans.ordered() if s.label == "Claim")
    window.jump_to_span(claim.id)
    settle()
    picture = folder / name
    window.grab().save(str(picture))
    window.close()
    window.project.close()
    return picture


def shoot(folder: Path, *, scaled: bool = False) -> list[Path]:
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
        if scaled:  # QT_SCALE_FACTOR=2 was set before the application was made
            made.append(small_window(path, folder, "main-2x-fa.png"))
            install_language(app, "en")
            return made
        made.append(small_window(path, folder, "main-1024-fa.png"))
        made.append(small_window(path, folder, "main-1024-en.png", "en"))
        for language in ("fa", "en"):
            window = window_on(path, language)
            claim = next(s for s in window.view.spans.ordered() if s.label == "Claim")
            window.jump_to_span(claim.id)
            settle()
            made.append(folder / f"main-{language}.png")
            window.grab().save(str(made[-1]))
            if language == "fa":
                search: SearchPanel = window.search
                search.scope.setCurrentIndex(SearchPanel.WHOLE_PROJECT)
                search.query.setText("نيک‌پور")  # Arabic ي on purpose: search folds it
                search.run()
                window.search_dock.raise_()
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
    arguments = [a for a in sys.argv[1:] if a != "--scaled"]
    if "--scaled" in sys.argv:
        os.environ["QT_SCALE_FACTOR"] = "2"
    for picture in shoot(Path(arguments[0] if arguments else "docs/screenshots"),
                         scaled="--scaled" in sys.argv):
        print(picture)
