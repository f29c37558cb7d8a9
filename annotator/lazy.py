"""What waits: the modules loaded at their first use instead of with the module that names them.

``annotator gui`` should paint its first frame in at most 1.8 times a bare PySide6 window's
start-up, and every command should load only what it runs: the importers, exporters, the suggestion
engine, the team code, the dialogs and charts are loaded when first used. ``WAITS`` names each
such module once, with the reason; ``lazy(name)`` is the stand-in a module keeps at its top:

    if TYPE_CHECKING:  # typed as the module itself
        from annotator.formats import importing
    else:
        importing = lazy("annotator.formats.importing")

``importing.import_files(...)`` then loads the module on that first call (an attribute lookup
on an already-loaded module costs a microsecond, so uses in loops are fine).
``tests/ui/test_startup.py`` reads ``WAITS``: none of them may be loaded by ``import
annotator.cli``, ``import annotator.ui.app`` or before the window's first frame.

Qt classes the first frame does not show (``QT_CLASSES``) are reached through their module at
call time, ``QtWidgets.QMessageBox``, never imported by name at a module's top: PySide6 sets up
a class and builds its Python enums at its first access (the test checks the imports).

Plain imports inside a function remain only where this helper does not fit:

- across a layer upwards or a real import cycle: ``cli`` → ``ui.app`` (the command line never
  loads Qt unless it opens the window), ``selftest`` → ``ui.selfcheck``, ``analysis.learning``'s
  training ↔ suggesting, ``storage.backups`` → ``storage.merge.source``;
- third-party libraries used by one module that itself waits (pdfminer in ``formats.pdf``,
  python-docx in ``formats.word``, readability in ``formats.webpage``, pycrfsuite in
  ``analysis.learning.crf``, qtawesome in ``ui.icons`` for an icon not drawn into resources);
- sqlite-utils, behind its own seam in ``storage.sqlite`` (loaded after the first frame).
"""

from __future__ import annotations

import importlib
from types import ModuleType

# Module → why it is not loaded with the modules that use it.
WAITS: dict[str, str] = {
    # The command line's commands: each loads what it runs, so `annotator gui` loads none.
    "annotator.formats.importing": "the readers of every import format; import commands only",
    "annotator.formats.exporting": "the writers of every export format; export only",
    "annotator.storage.checks": "`check` and `stats` read the whole project",
    "annotator.storage.sharing": "`share` and the Team menu only",
    "annotator.storage.merging": "`merge` and the Team menu only; loads sqlite-utils",
    "annotator.storage.merge.versions": "the revision hashes an edit appends to an item's history",
    "annotator.analysis.agreement": "`agree` and the dashboard only; loads numpy",
    "annotator.analysis.budget": "`suggest` only",
    "annotator.analysis.learning": "training the on-device model: `learn`, the Learn menu",
    "annotator.analysis.learning.process": "the window's training child; loads subprocess",
    "annotator.selftest": "`--self-test` only",
    # Suggestions are computed just after the first frame (ui/deferred.py), not before it.
    "annotator.analysis.review": "the suggestion engine and accepting its suggestions",
    "annotator.analysis.suggest": "the suggestion rules, with their word lists and patterns",
    # Readers of documents an analyst pastes or imports, each with its third-party library.
    "annotator.formats.webpage": "saved web pages: readability and lxml",
    "annotator.formats.word": "Word files: python-docx",
    "annotator.formats.pdf": "PDFs: pdfminer",
    "annotator.formats.documents": "turning pasted text or files into documents",
    "annotator.formats.plain": "reading text files: imports, and `new --schema FILE`",
    # Windows and dialogs of the desktop program that open on demand.
    "annotator.ui.adjudication": "the Team menu's adjudication window",
    "annotator.ui.dashboard": "the Team menu's dashboard (QtCharts)",
    "annotator.ui.export_dialog": "Export… (the exporters)",
    "annotator.ui.schema_editor": "Edit labels…",
    "annotator.ui.cheatsheet": "the shortcut sheet",
    "annotator.ui.paste": "pasting a document",
    "annotator.ui.stance": "the Stance tab, behind Spans: built when raised (ui/lazypanel.py)",
    "annotator.analysis.stance": "the Stance tab's counts",
    "annotator.ui.search": "the Search tab, behind Spans: built when raised or on Ctrl+F",
    "PySide6.QtCharts": "the Stance tab's chart and the dashboard; a large Qt library",
    # Standard library modules that cost milliseconds and serve one rare step.
    "uuid": "the first new id (about 3 ms to import)",
    "hashlib": "the first text or revision hash: documents added, edits merged (OpenSSL, 3 ms)",
    "subprocess": "`ldd`, asked before Qt loads on an X display only (3 ms to import)",
    "difflib": "the first import whose text normalization changed the text",
    "importlib.metadata": "hazm's version, asked when a project is created (20 ms)",
}

# Qt classes reached as ``QtWidgets.<name>`` when used, never imported by name at the top.
QT_CLASSES = ("QMessageBox", "QFileDialog", "QInputDialog")


class _Waiting:
    """A module's stand-in: the first attribute asked for imports it."""

    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> object:
        return getattr(importlib.import_module(self._name), attribute)

    def __repr__(self) -> str:
        return f"<module {self._name!r}, loaded at its first use>"


def lazy(name: str) -> ModuleType:
    """A stand-in for module ``name`` (listed in ``WAITS``) that imports it when first used."""
    if name not in WAITS:
        raise KeyError(f"{name} waits only when WAITS in annotator/lazy.py says why")
    return _Waiting(name)  # type: ignore[return-value]  # used only as its module
