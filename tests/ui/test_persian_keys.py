"""Every one-key shortcut of the window (a letter, digit or bracket, alone or with Shift, Alt or
Ctrl: the learner's Shift+U, Ctrl+Z and Ctrl+T included) fires with a Persian keyboard layout,
where the key event carries the Persian character the same physical key types (the adjudication
dialog's keys: test_team.py)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from annotator.ui.keylayout import PERSIAN_LAYOUT
from annotator.ui.mainwindow import MainWindow

MODIFIERS = {"": Qt.KeyboardModifier.NoModifier, "Shift": Qt.KeyboardModifier.ShiftModifier,
             "Alt": Qt.KeyboardModifier.AltModifier, "Ctrl": Qt.KeyboardModifier.ControlModifier,
             "Ctrl+Shift": Qt.KeyboardModifier.ControlModifier
             | Qt.KeyboardModifier.ShiftModifier}


def persian_press(widget: QWidget, key: str, modifiers: str = "") -> None:
    """Press and release the physical key printed ``key`` (US names: "U", "]", "7") with
    ``modifiers`` while the Persian layout is on: the event carries the Persian character."""
    char = PERSIAN_LAYOUT[key.lower()]
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, ord(char), MODIFIERS[modifiers], char))


class Fired(QObject):
    """Records the shortcut events an action receives, and keeps them from running it."""

    def __init__(self) -> None:
        super().__init__()
        self.by: list[QAction] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Shortcut and isinstance(watched, QAction):
            self.by.append(watched)
            return True
        return False


def one_key_shortcuts(window: MainWindow) -> list[tuple[str, QAction, str, str]]:
    """(name, action, modifiers, key) for every shortcut that is one key of the layout's, alone
    or with Shift, Alt or Ctrl, of the window's actions and its menus' (undo and redo)."""
    names = {action: name for name, action in window.named_actions.items()}
    found = []
    for action in dict.fromkeys([*window.actions(), *names]):
        for sequence in action.shortcuts():
            keys = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            modifiers, _, key = keys.rpartition("+") if len(keys) > 1 else ("", "", keys)
            if key.lower() in PERSIAN_LAYOUT and modifiers in MODIFIERS:
                found.append((names.get(action, action.objectName()), action, modifiers, key))
    return found


def test_every_one_key_shortcut_fires_with_a_persian_layout(qtbot: QtBot,
                                                             window: MainWindow) -> None:
    shortcuts = one_key_shortcuts(window)
    names = {(name, f"{modifiers}+{key}" if modifiers else key)
             for name, _, modifiers, key in shortcuts}
    assert {("next_useful", "Shift+U"), ("previous_suggestion", "Shift+J"),
            ("propagate_project", "Shift+R"), ("label_Claim", "Alt+C"),
            ("next_unmarked", "U"), ("attr_next", "]"), ("undo", "Ctrl+Z"),
            ("redo", "Ctrl+Shift+Z"), ("focus_text", "Ctrl+T")} <= names
    view = window.view
    for start in (0, 8):
        view.select_range(start, start + 4)
        assert window.apply_label("Claim") is not None
    window.session.undo_stack.undo()  # undo and redo both enabled now
    fired = Fired()
    view.setFocus()
    for name, action, modifiers, key in shortcuts:
        if not action.isEnabled():  # a disabled action takes no key (Delete with no mark)
            continue
        action.installEventFilter(fired)
        try:
            persian_press(view, key, modifiers)
        finally:
            action.removeEventFilter(fired)
        assert fired.by[-1:] == [action], (name, modifiers, key)
    named = window.named_actions
    assert {named[n] for n in ("undo", "redo", "next_useful", "focus_text")} <= set(fired.by)

