"""The text column stays still: its width does not follow the Inspector, lines break between
words only (ZWNJ-joined words too), and a saved layout with a too-wide dock is narrowed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator.storage.project import Project
from annotator.text import token_spans
from annotator.ui import settings
from annotator.ui.mainwindow import MainWindow
from annotator.ui.session import Session
from tests.ui.conftest import import_text

# Written for this test: long ZWNJ-joined words, an emoji, CRLF and Arabic letter variants.
LONG = ("گفت‌وگوی امروز درباره‌ی برنامه‌ریزی‌های شهری است 😀 و می‌خواهیم بدانیم "
        "خانه‌های قدیمی‌تر چه سرنوشتی خواهند داشت.\r\n"
        "كارشناسان مي‌گويند نگه‌داری ساختمان‌های تاریخی هزینه‌بر است، اما "
        "بی‌توجهی به آن‌ها گران‌تر تمام می‌شود؛ شهروندان هم‌صدا با آنان هستند.\r\n") * 6


def settle(qtbot: QtBot) -> None:
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(5)


def open_window(qtbot: QtBot, project: Project, width: int, height: int) -> MainWindow:
    main = MainWindow(Session(project))
    qtbot.addWidget(main)
    main.resize(width, height)
    main.show()
    qtbot.waitExposed(main)
    settle(qtbot)
    return main


def breaks_inside_words(window: MainWindow) -> list[str]:
    """Every visual line start (in code points) that falls strictly inside a token."""
    view = window.view
    inside: list[str] = []
    tokens = token_spans(view.text)
    block = view.document().begin()
    while block.isValid():
        layout = block.layout()
        for number in range(1, layout.lineCount()):
            start = view.from_qt(block.position() + layout.lineAt(number).textStart())
            inside += [view.text[a:b] for a, b in tokens if a < start < b]
        block = block.next()
    return inside


def test_the_text_column_does_not_move_when_the_current_mark_or_an_attribute_changes(
        qtbot: QtBot, project: Project, tmp_path: Path) -> None:
    import_text(project, tmp_path, LONG, "long")
    window = open_window(qtbot, project, 1280, 800)
    view = window.view
    text = view.text
    width = view.width()
    assert width >= view.minimumWidth() > 0
    claim_start = text.index("نگه‌داری")
    view.select_range(claim_start, text.index("است،", claim_start) + 3)
    claim = window.apply_label("Claim")
    stance_start = text.index("شهروندان")
    view.select_range(stance_start, stance_start + len("شهروندان"))
    stance = window.apply_label("Stance")
    assert claim is not None and stance is not None
    settle(qtbot)
    widths = {view.width()}
    for span in (claim, stance, None, claim):
        view.set_current_span(view.spans.get(span.id) if span else None)
        settle(qtbot)
        widths.add(view.width())
        for key in (Qt.Key.Key_BracketRight, Qt.Key.Key_2, Qt.Key.Key_BracketRight,
                    Qt.Key.Key_1, Qt.Key.Key_BracketRight, Qt.Key.Key_3):
            qtbot.keyClick(view, key)
            settle(qtbot)
            widths.add(view.width())
    assert widths == {width}
    assert project.span(claim.id).attrs  # the keys did reach the Inspector
    window.close()


def test_no_line_breaks_inside_a_word_at_the_smallest_window(
        qtbot: QtBot, project: Project, tmp_path: Path) -> None:
    import_text(project, tmp_path, LONG, "long")
    window = open_window(qtbot, project, 1024, 700)
    assert breaks_inside_words(window) == []
    window.resize(window.minimumSizeHint())
    window.resize(1, 1)  # as small as the window lets itself be made
    settle(qtbot)
    view = window.view
    assert view.width() >= view.minimumWidth()
    lines = sum(b.layout().lineCount() for b in _blocks(window))
    assert lines > 12  # it did wrap, so the check below looked at real breaks
    assert breaks_inside_words(window) == []
    window.close()


def _blocks(window: MainWindow) -> list:
    blocks, block = [], window.view.document().begin()
    while block.isValid():
        blocks.append(block)
        block = block.next()
    return blocks


def test_a_saved_layout_with_a_too_wide_dock_is_narrowed(
        qtbot: QtBot, project: Project, tmp_path: Path) -> None:
    import_text(project, tmp_path, LONG, "long")
    first = open_window(qtbot, project, 1280, 800)
    first.resizeDocks([first.inspector_dock], [760], Qt.Orientation.Horizontal)
    settle(qtbot)
    assert first.inspector_dock.width() > 500
    settings.put(settings.WINDOW_STATE, first.saveState())
    first.close()
    second = MainWindow(Session(project))
    qtbot.addWidget(second)
    second.resize(1280, 800)
    second.restoreState(settings.get(settings.WINDOW_STATE))
    second.show()
    qtbot.waitExposed(second)
    settle(qtbot)
    assert second.inspector_dock.width() <= 0.3 * second.width() + 1
    assert second.view.width() >= 1280 * 0.35
    second.close()


def test_the_first_layout_gives_the_suggestions_as_much_height_as_the_inspector(
        qtbot: QtBot, project: Project, tmp_path: Path) -> None:
    import_text(project, tmp_path, LONG)
    window = open_window(qtbot, project, 1280, 800)
    window.first_layout()
    settle(qtbot)
    inspector, suggestions = window.inspector_dock.height(), window.suggestions_dock.height()
    # Half the height went to the Inspector, mostly blank without a mark, and the list of
    # suggestions showed two or three rows.
    assert suggestions >= 0.9 * inspector, (inspector, suggestions)
    assert window.speakers_dock.height() >= 100
