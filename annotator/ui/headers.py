"""The column headers of the tables in ``models.py``, declared here for the translation tools.

The models translate ``HEADERS[i]`` at run time with ``self.tr``, whose context is the model's
class name; lupdate cannot see through that, so each header is named once more below (a test
keeps the two lists equal).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

COLUMN_HEADERS: dict[str, tuple[object, ...]] = {
    "DocumentsModel": (QT_TRANSLATE_NOOP("DocumentsModel", "Title"),
                       QT_TRANSLATE_NOOP("DocumentsModel", "Status"),
                       QT_TRANSLATE_NOOP("DocumentsModel", "Spans"),
                       QT_TRANSLATE_NOOP("DocumentsModel", "Analysts")),
    "SpansModel": (QT_TRANSLATE_NOOP("SpansModel", "Label"),
                   QT_TRANSLATE_NOOP("SpansModel", "Text"),
                   QT_TRANSLATE_NOOP("SpansModel", "Attributes"),
                   QT_TRANSLATE_NOOP("SpansModel", "Start"),
                   QT_TRANSLATE_NOOP("SpansModel", "End"),
                   QT_TRANSLATE_NOOP("SpansModel", "Analyst")),
    "SpeakersModel": (QT_TRANSLATE_NOOP("SpeakersModel", "#"),
                      QT_TRANSLATE_NOOP("SpeakersModel", "Name"),
                      QT_TRANSLATE_NOOP("SpeakersModel", "Aliases"),
                      QT_TRANSLATE_NOOP("SpeakersModel", "Role"),
                      QT_TRANSLATE_NOOP("SpeakersModel", "Affiliation")),
}
