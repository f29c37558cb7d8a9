"""The keyboard cheat sheet (F1): made from the window's own actions, so it is never stale."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from annotator.ui.keylayout import is_twin

# A left-to-right override keeps "C, Alt+C" in its order inside a right-to-left line and "]" from
# being drawn mirrored as "[" (checked by eye; Qt's layout does not honour the newer isolates).
_LRO, _PDF = "\u202d", "\u202c"
translate = QCoreApplication.translate


def group_of(action: QAction) -> str:
    """The heading an action is listed under, by its object name."""
    return group_of_name(action.objectName())


def group_of_name(name: str) -> str:
    if name.startswith("label_"):
        return translate("CheatSheet", "Labels")
    if name.startswith(("attr_", "pick_")):
        return translate("CheatSheet", "Attributes of the current mark")
    if name.startswith("select_"):
        return translate("CheatSheet", "Selecting from the keyboard")
    if name in ("next_span", "previous_span", "next_unmarked", "next_useful", "link", "delete",
                "done", "focus_text"):
        return translate("CheatSheet", "Marks and navigation")
    if name in ("zoom_in", "zoom_out", "line_spacing", "language_fa", "language_en", "search",
                "cheatsheet"):
        return translate("CheatSheet", "View and help")
    return translate("CheatSheet", "Project and editing")


def keys_text(action: QAction) -> str:
    # Portable text: "Ctrl+D" as printed on the keys and in the explanations, in every language.
    portable = QKeySequence.SequenceFormat.PortableText
    sequences = [s.toString(portable) for s in action.shortcuts()]
    return ", ".join(f"{_LRO}{s}{_PDF}" for s in sequences if s and not is_twin(s))


def shortcut_lines(actions: Iterable[QAction]) -> dict[str, list[str]]:
    """Group → lines of "keys — what the action does" for every action that has a shortcut."""
    groups: dict[str, list[str]] = {}
    seen: set[tuple[str, str]] = set()
    picks: list[str] = []
    for action in actions:
        keys = keys_text(action)
        if not keys:
            continue
        if action.objectName().startswith("pick_"):
            picks.append(keys)  # ten "Choose value k" actions read better as one line
            continue
        what = action.text().replace("&", "").strip()
        if (keys, what) in seen:
            continue
        seen.add((keys, what))
        groups.setdefault(group_of(action), []).append(f"{keys}\t{what}")
    if picks:
        what = translate("CheatSheet",
                         "choose the k-th value of the active attribute; 0 clears it")
        groups.setdefault(group_of_name("pick_"), []).append(f"{' '.join(picks)}\t{what}")
    return groups


def explanations() -> str:
    return "\n".join((
        translate("CheatSheet", "How the keys work"),
        translate("CheatSheet", "• Select text, then press a label's key: the selection snaps "
                  "to whole words. Alt with the key (or Alt while dragging) keeps exactly the "
                  "characters selected."),
        translate("CheatSheet", "• N and P move to the next and previous mark; U selects the "
                  "next sentence that has no mark yet, ready for a label key."),
        translate("CheatSheet", "• Selecting without the mouse: Ctrl+Shift+← and → grow the "
                  "selection by a word in the direction of the arrow (in Persian text ← reads "
                  "on); Ctrl+Shift+↓ selects the clause at the cursor and then the next one "
                  "(a clause ends at ، ؛ : or sentence punctuation, or before و, اما, ولی, که…); "
                  "Ctrl+Shift+↑ adds the clause before; Ctrl+Shift+PgDn and PgUp do the same by "
                  "paragraph."),
        translate("CheatSheet", "• [ and ] choose the active attribute of the current mark; "
                  "1–9 give it its k-th value (for a speaker attribute, the speaker with that "
                  "number in the Speakers list; type two digits quickly for 10 and above); "
                  "0 clears it."),
        translate("CheatSheet", "• + adds a new speaker to the registry and gives it to the "
                  "active attribute; Enter puts the cursor in a text attribute to type its "
                  "value."),
        translate("CheatSheet", "• L starts a link from the current mark: click the mark to "
                  "link to (or move with N/P); Esc cancels. Delete removes the current mark."),
        translate("CheatSheet", "• With a Persian keyboard layout the same keys work: the key "
                  "printed C (ز) marks a Claim, and so on."),
        translate("CheatSheet", "• Ctrl+D marks the document done. Every change is saved at "
                  "once; Ctrl+Z undoes it and Ctrl+Shift+Z redoes it."),
    ))


def cheat_sheet(window: QWidget) -> str:
    """The whole cheat sheet as plain text, from the shortcuts of ``window``'s actions."""
    actions = sorted(window.findChildren(QAction), key=lambda a: a.objectName())
    order = [group_of_name(name) for name in ("label_", "next_span", "select_", "attr_", "undo",
                                              "zoom_in")]
    ordered = sorted(shortcut_lines(actions).items(),
                     key=lambda item: order.index(item[0]) if item[0] in order else len(order))
    parts = [explanations()]
    for heading, lines in ordered:
        parts.append(heading + "\n" + "\n".join(lines))
    return "\n\n".join(parts) + "\n"


class CheatSheet(QDialog):
    """A read-only page of every shortcut, regenerated each time it opens."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("cheatsheet")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setObjectName("cheatsheet_text")
        font = QFont(self.text.font())
        font.setPointSize(font.pointSize() + 1)
        self.text.setFont(font)
        self.text.setTabStopDistance(170)
        # Paragraphs follow the interface, not their first letter ("• N and P…" is Persian too).
        option = self.text.document().defaultTextOption()
        option.setTextDirection(self.layoutDirection())
        if self.isRightToLeft():
            option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        self.text.document().setDefaultTextOption(option)
        self.text.setPlainText(cheat_sheet(window))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(720, 640)
