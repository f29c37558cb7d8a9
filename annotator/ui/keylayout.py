"""Single-key shortcuts that also work with a Persian keyboard layout.

With the Persian layout (xkb ``ir``, Windows "Persian"), the key printed C types ``ز``; where Qt
reports the key only as ``ز``, a shortcut ``C`` never fires. Each single-letter, bracket or digit
shortcut, Ctrl, Shift and Alt ones too, gets a twin: the letter the same physical key types in
the Persian layout, with the same modifiers (Shift+U → Shift+ع, as Qt names a shifted key by its
unshifted letter; Ctrl+Z → Ctrl+ظ). Measured on X11 (Xvfb, keys pressed by keycode through
XTEST): when the program starts with the xkb ``ir`` layout, Qt finds the Latin key itself; when
the layout becomes ``ir`` while it runs, C, Shift+U and Ctrl+Z do nothing and only their twins
fire. An action holding both never counts as ambiguous there.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QAction, QKeySequence

# Menus print shortcuts with Qt's own key names, which Qt's Persian catalogue translates
# (کنترل+شیفت+پایین) while the cheat sheet and every explanation say Ctrl+Shift+↓ as printed on
# the keys: our catalogue, installed after Qt's, keeps these names as they are on the keyboard.
KEY_NAMES = (
    QT_TRANSLATE_NOOP("QShortcut", "Ctrl"), QT_TRANSLATE_NOOP("QShortcut", "Shift"),
    QT_TRANSLATE_NOOP("QShortcut", "Alt"), QT_TRANSLATE_NOOP("QShortcut", "Meta"),
    QT_TRANSLATE_NOOP("QShortcut", "Del"), QT_TRANSLATE_NOOP("QShortcut", "Return"),
    QT_TRANSLATE_NOOP("QShortcut", "Enter"), QT_TRANSLATE_NOOP("QShortcut", "PgUp"),
    QT_TRANSLATE_NOOP("QShortcut", "PgDown"), QT_TRANSLATE_NOOP("QShortcut", "Up"),
    QT_TRANSLATE_NOOP("QShortcut", "Down"), QT_TRANSLATE_NOOP("QShortcut", "Left"),
    QT_TRANSLATE_NOOP("QShortcut", "Right"), QT_TRANSLATE_NOOP("QShortcut", "Home"),
    QT_TRANSLATE_NOOP("QShortcut", "End"), QT_TRANSLATE_NOOP("QShortcut", "Ins"),
)

# The Persian standard layout (ISIRI 9147, xkb "ir"), key by key as printed on a US keyboard.
PERSIAN_LAYOUT = dict(zip(
    "qwertyuiop[]asdfghjkl;'zxcvbnm,1234567890",
    "ضصثقفغعهخحجچشسیبلاتنمکگظطزرذدپو۱۲۳۴۵۶۷۸۹۰", strict=True))

_TWINS = frozenset(PERSIAN_LAYOUT.values())


def persian_twin(keys: str) -> str | None:
    """``"C"`` → ``"ز"``, ``"Alt+C"`` → ``"Alt+ز"``, ``"Shift+U"`` → ``"Shift+ع"``,
    ``"Ctrl+Z"`` → ``"Ctrl+ظ"``; None when ``keys`` has no twin."""
    modifiers, _, key = keys.rpartition("+") if len(keys) > 1 else ("", "", keys)
    twin = PERSIAN_LAYOUT.get(key.lower())
    if twin is None:
        return None
    return f"{modifiers}+{twin}" if modifiers else twin


def with_persian_twins(keys: Iterable[str]) -> list[QKeySequence]:
    """The sequences for ``keys`` followed by their Persian-layout twins."""
    keys = list(keys)
    twins = [twin for twin in map(persian_twin, keys) if twin is not None and twin not in keys]
    return [QKeySequence(k) for k in (*keys, *twins)]


def is_twin(keys: str) -> bool:
    """Whether ``keys`` (portable text) is a Persian-layout twin, left out of the cheat sheet."""
    return keys.rpartition("+")[2] in _TWINS


def add_persian_twins(actions: Iterable[QAction]) -> None:
    """Give each action's one-key shortcuts their Persian-layout twins too."""
    portable = QKeySequence.SequenceFormat.PortableText
    for action in actions:
        keys = [s.toString(portable) for s in action.shortcuts()]
        if any(persian_twin(k) for k in keys):
            action.setShortcuts(with_persian_twins(keys))
