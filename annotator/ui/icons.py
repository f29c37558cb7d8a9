"""One table from what an action means to the icon that shows it (qtawesome specs)."""

from __future__ import annotations

from functools import cache

import qtawesome
from PySide6.QtGui import QIcon

ICONS: dict[str, str] = {
    "open": "mdi6.folder-open-outline",
    "new": "mdi6.file-plus-outline",
    "import": "mdi6.file-import-outline",
    "export": "mdi6.file-export-outline",
    "undo": "mdi6.undo",
    "redo": "mdi6.redo",
    "delete": "mdi6.delete-outline",
    "search": "mdi6.magnify",
    "adjudicate": "mdi6.scale-balance",
    "dashboard": "mdi6.chart-bar",
    "share": "mdi6.share-variant-outline",
    "merge": "mdi6.source-merge",
    "next": "mdi6.chevron-left",       # reading runs right to left: "next" points left
    "previous": "mdi6.chevron-right",
    "next-unmarked": "mdi6.debug-step-over",
    "done": "mdi6.check-circle-outline",
    "zoom-in": "mdi6.magnify-plus-outline",
    "zoom-out": "mdi6.magnify-minus-outline",
    "help": "mdi6.keyboard-outline",
    "speaker": "mdi6.account-voice",
    "add": "mdi6.plus",
    "remove": "mdi6.minus",
    "link": "mdi6.link-variant",
    "schema": "mdi6.tag-multiple-outline",
    "document": "mdi6.file-document-outline",
    "language": "mdi6.translate",
}


@cache
def icon(meaning: str) -> QIcon:
    """The icon for ``meaning``; an unknown meaning is a programming error (KeyError)."""
    made: QIcon = qtawesome.icon(ICONS[meaning])
    return made
