"""The interface language: which one, loading its translations, and the direction it reads in.

Both the start-up (``ui/app.py``) and the window's Language menu (``ui/tools.py``) use it.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from annotator.ui import settings
from annotator.ui.resources import resource_path

LANGUAGES = ("fa", "en")
LANGUAGE_NAMES = {"fa": "فارسی", "en": "English"}  # each in its own language, never translated


def language() -> str:
    """The chosen interface language, else the system's when we have it, else English."""
    chosen = settings.get(settings.LANGUAGE)
    if chosen in LANGUAGES:
        return str(chosen)
    system = QLocale.system().name().split("_")[0]
    return system if system in LANGUAGES else "en"


_translators: list[QTranslator] = []


def install_language(app: QApplication, code: str) -> None:
    """Load our translation and Qt's own for ``code``; Persian mirrors the whole layout."""
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    if code != "en":
        # Ours last: the translator installed last is asked first, so our key names
        # (ui/keylayout.py) win over Qt's.
        qt = QTranslator(app)
        if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _translators.append(qt)
        ours = QTranslator(app)
        if ours.load(str(resource_path("i18n", f"annotator_{code}.qm"))):
            app.installTranslator(ours)
            _translators.append(ours)
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if code == "fa"
                           else Qt.LayoutDirection.LeftToRight)


def switch_language(code: str) -> None:
    """Store ``code`` as the chosen language and load it now (windows built afterwards show it)."""
    settings.put(settings.LANGUAGE, code)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        install_language(app, code)
