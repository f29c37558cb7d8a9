"""One table from what an action means to the icon that shows it (qtawesome specs).

The icons are drawn once with qtawesome into ``resources/icons/actions/<meaning>.png``
(``make icons``) and loaded from there: importing qtawesome (and qtpy under it) costs about
0.2 s, as much as a bare PySide6 window takes to appear, so the program does not pay it at
start-up. A meaning without its file is drawn with qtawesome on the spot.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

from annotator.ui.resources import resource_path

SIZE = 64  # pixels; Qt scales down for toolbars and menus

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
    "suggest": "mdi6.lightbulb-on-outline",
    "accept": "mdi6.check",
    "reject": "mdi6.close",
    "propagate": "mdi6.content-duplicate",
}


@cache
def icon(meaning: str) -> QIcon:
    """The icon for ``meaning``; an unknown meaning is a programming error (KeyError)."""
    spec = ICONS[meaning]
    path = resource_path("icons", "actions", f"{meaning}.png")
    if path.is_file():
        return QIcon(str(path))
    import qtawesome  # only for a meaning not drawn yet

    made: QIcon = qtawesome.icon(spec)
    return made


def render_icons(folder: Path) -> list[Path]:
    """Draw every icon of the table into ``folder`` as ``<meaning>.png``."""
    import qtawesome  # a build step, not start-up

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for meaning, spec in ICONS.items():
        path = folder / f"{meaning}.png"
        qtawesome.icon(spec).pixmap(SIZE, SIZE).save(str(path))
        written.append(path)
    for stale in set(folder.glob("*.png")) - set(written):
        stale.unlink()
    return written


if __name__ == "__main__":
    from PySide6.QtWidgets import QApplication

    application = QApplication([])
    for written_path in render_icons(Path(sys.argv[1])):
        print(written_path)

