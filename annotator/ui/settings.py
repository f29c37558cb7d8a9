"""Every setting the window keeps, declared once: key, type, default and what it is for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    doc: str


ANALYST = Setting("analyst", str, "",
                   "the analyst's name, asked once on first run; the author of edits")
LAST_PROJECT = Setting("last_project", str, "", "the project opened last; reopened on start")
LAST_DOCUMENT = Setting("last_document", str, "",
                        "the document shown last: the project's path, a line end, its id")
EXPORT_FOLDER = Setting("export_folder", str, "",
                        "the folder of the last export ('' = the user's documents folder)")
LANGUAGE = Setting("language", str, "", "user interface language: fa or en ('' = system)")
ZOOM = Setting("zoom", int, 15, "text size of the document view, in points")
LINE_SPACING = Setting("line_spacing", int, 130, "line height of the document view, in percent")
GEOMETRY = Setting("geometry", bytes, b"", "main window geometry")
WINDOW_STATE = Setting("window_state", bytes, b"", "main window dock and toolbar layout")
LEARN_EVERY = Setting("learn_every", int, 20,
                      "the window learns its model again after this many new marks (0: never)")
WINDOW_STATE_RTL = Setting("window_state_rtl", bytes, b"",
                           "the same layout for a right-to-left (Persian) interface: mirrored")

ALL = (ANALYST, LAST_PROJECT, LAST_DOCUMENT, EXPORT_FOLDER, LANGUAGE, ZOOM, LINE_SPACING,
       GEOMETRY, WINDOW_STATE, WINDOW_STATE_RTL, LEARN_EVERY)


def settings() -> QSettings:
    return QSettings("Annotator", "Annotator")


def get(setting: Setting) -> Any:
    value = settings().value(setting.key, setting.default)
    if setting.type is bytes:
        return bytes(value.data()) if isinstance(value, QByteArray) else b""
    try:
        return setting.type(value)
    except (TypeError, ValueError):
        return setting.default


def put(setting: Setting, value: Any) -> None:
    store = settings()
    if store.contains(setting.key) and get(setting) == value:
        return  # unchanged: no write (QSettings rewrites and syncs the whole file on each change)
    store.setValue(setting.key, value)
