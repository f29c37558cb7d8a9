"""The main window's own actions, declared once as a table: name, text, keys, icon and what each
does. The menus and the toolbar (``ui/menus.py``) place them by name."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from annotator.ui.icons import icon

if TYPE_CHECKING:
    from annotator.ui.mainwindow import MainWindow


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # the name lupdate reads
    """Mark ``source`` for translation in ``context`` (PySide6's own is typed ``object``)."""
    return source


_Key = str | QKeySequence | QKeySequence.StandardKey
_Std = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    """One action of the window; ``text`` is translated in the ``MainWindow`` context."""

    name: str
    text: str
    slot: Callable[[MainWindow], object]
    keys: tuple[_Key, ...] = ()
    meaning: str | None = None


def _spec(name: str, text: str, slot: Callable[[MainWindow], object],
          keys: tuple[_Key, ...] = (), meaning: str | None = None) -> ActionSpec:
    return ActionSpec(name, text, slot, keys, meaning)


WINDOW_ACTIONS: tuple[ActionSpec, ...] = (
    _spec("delete", QT_TRANSLATE_NOOP("MainWindow", "Delete mark"),
          lambda w: w.delete_current(), (_Std.Delete, "Backspace"), "delete"),
    _spec("next_span", QT_TRANSLATE_NOOP("MainWindow", "Next mark"),
          lambda w: w.step_span(+1), ("N",), "next"),
    _spec("previous_span", QT_TRANSLATE_NOOP("MainWindow", "Previous mark"),
          lambda w: w.step_span(-1), ("P",), "previous"),
    _spec("next_unmarked", QT_TRANSLATE_NOOP("MainWindow", "Next unmarked sentence"),
          lambda w: w.next_unmarked(), ("U",), "next-unmarked"),
    _spec("done", QT_TRANSLATE_NOOP("MainWindow", "Mark document done"),
          lambda w: w.set_status("done"), ("Ctrl+D",), "done"),
    _spec("link", QT_TRANSLATE_NOOP("MainWindow", "Link the current mark…"),
          lambda w: w.start_link(), ("L",), "link"),
    _spec("zoom_in", QT_TRANSLATE_NOOP("MainWindow", "Larger text"),
          lambda w: w.zoom(+1), (_Std.ZoomIn, "Ctrl+="), "zoom-in"),
    _spec("zoom_out", QT_TRANSLATE_NOOP("MainWindow", "Smaller text"),
          lambda w: w.zoom(-1), (_Std.ZoomOut,), "zoom-out"),
    _spec("line_spacing", QT_TRANSLATE_NOOP("MainWindow", "Line spacing"),
          lambda w: w.cycle_line_spacing(), ("Ctrl+L",)),
    _spec("attr_next", QT_TRANSLATE_NOOP("MainWindow", "Next attribute"),
          lambda w: w.inspector.move_active(+1), ("]",)),
    _spec("attr_previous", QT_TRANSLATE_NOOP("MainWindow", "Previous attribute"),
          lambda w: w.inspector.move_active(-1), ("[",)),
    _spec("enter", QT_TRANSLATE_NOOP("MainWindow",
                                     "Accept the suggestion, or edit the attribute's text"),
          lambda w: w.enter_pressed(), ("Return", "Enter")),
    _spec("suggest", QT_TRANSLATE_NOOP("MainWindow", "Suggest marks"),
          lambda w: w.suggestions.refresh(), ("Ctrl+G",), "suggest"),
    _spec("next_suggestion", QT_TRANSLATE_NOOP("MainWindow", "Next suggestion"),
          lambda w: w.suggestions.step(+1), ("J",)),
    _spec("previous_suggestion", QT_TRANSLATE_NOOP("MainWindow", "Previous suggestion"),
          lambda w: w.suggestions.step(-1), ("Shift+J",)),
    _spec("propagate", QT_TRANSLATE_NOOP("MainWindow",
                                         "Give this mark to every occurrence in the document"),
          lambda w: w.propagate(whole_project=False), ("R",), "propagate"),
    _spec("propagate_project",
          QT_TRANSLATE_NOOP("MainWindow", "Give this mark to every occurrence in the project"),
          lambda w: w.propagate(whole_project=True), ("Shift+R",)),
    _spec("attr_new_speaker", QT_TRANSLATE_NOOP("MainWindow", "New speaker for the attribute"),
          lambda w: w.inspector.add_speaker(), ("+",)),
    _spec("focus_text", QT_TRANSLATE_NOOP("MainWindow", "Back to the text"),
          lambda w: w.view.setFocus(), ("Ctrl+T",)),
    _spec("new_project", QT_TRANSLATE_NOOP("MainWindow", "New project…"),
          lambda w: w.choose_new(), (_Std.New,), "new"),
    _spec("open_project", QT_TRANSLATE_NOOP("MainWindow", "Open project…"),
          lambda w: w.choose_open(), (_Std.Open,), "open"),
    _spec("import", QT_TRANSLATE_NOOP("MainWindow", "Import…"),
          lambda w: w.choose_import(), ("Ctrl+I",), "import"),
    _spec("paste_document", QT_TRANSLATE_NOOP("MainWindow", "New document from clipboard…"),
          lambda w: w.paste_document(), ("Ctrl+Shift+V",), "import"),
    _spec("quit", QT_TRANSLATE_NOOP("MainWindow", "Quit"), lambda w: w.close(), (_Std.Quit,)),
)

# The actions that change the project: disabled while it is open read-only.
WRITING_ACTIONS = ("delete", "link", "done", "import", "paste_document", "propagate",
                   "propagate_project")


def make_action(owner: QWidget, name: str, text: str, slot: Callable[[], object],
                keys: tuple[_Key, ...] = (), meaning: str | None = None) -> QAction:
    """A QAction named ``name`` whose keys work anywhere in ``owner`` (the window)."""
    action = QAction(text, owner)
    action.setObjectName(name)
    if meaning:
        action.setIcon(icon(meaning))
    action.setShortcuts([QKeySequence(key) for key in keys])
    action.triggered.connect(lambda _checked=False: slot())
    owner.addAction(action)
    return action


def build_window_actions(window: MainWindow) -> dict[str, QAction]:
    """Every action of ``WINDOW_ACTIONS`` plus undo and redo, by name, added to ``window``."""
    stack = window.session.undo_stack
    translate = QCoreApplication.translate
    undo = stack.createUndoAction(window, translate("MainWindow", "Undo"))
    undo.setShortcuts(QKeySequence.StandardKey.Undo)
    undo.setIcon(icon("undo"))
    redo = stack.createRedoAction(window, translate("MainWindow", "Redo"))
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    redo.setIcon(icon("redo"))
    actions = {"undo": undo, "redo": redo}
    for spec in WINDOW_ACTIONS:
        actions[spec.name] = make_action(window, spec.name, translate("MainWindow", spec.text),
                                         functools.partial(spec.slot, window), spec.keys,
                                         spec.meaning)
    for number in range(10):  # the digit keys choose the active attribute's values
        name = f"pick_{number}"
        actions[name] = make_action(window, name,
                                    translate("MainWindow", "Choose value %d") % number,
                                    functools.partial(window.inspector.pick, number),
                                    (str(number),))
    return actions
