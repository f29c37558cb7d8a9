"""Start-up stays lean: what the first frame does not need is not loaded before it, and what was
put off until after it (suggestions, sqlite-utils) arrives without the user doing anything.

Each check runs in a fresh interpreter, since this test process has loaded everything already.
Timings are left to bench/bench_bundle.py: a module list is robust where a stopwatch is not.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDockWidget
from pytestqt.qtbot import QtBot

from annotator.formats.importing import import_files
from annotator.lazy import QT_CLASSES, WAITS, lazy
from annotator.storage.project import Project
from annotator.ui.mainwindow import MainWindow
from annotator.ui.search import SearchPanel
from annotator.ui.stance import StanceView

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "interview-fa.txt"

# Never needed to open a project and paint its first frame: what annotator/lazy.py says waits,
# and the libraries those bring.
NOT_AT_START = (
    *WAITS, "numpy", "qtawesome", "sqlite_utils", "click", "pluggy", "dateutil",
    "annotator.formats.brat", "annotator.storage.merge.run",
)
PACKAGE = Path(__file__).resolve().parents[2] / "annotator"


def _imports(tree: ast.Module) -> list[tuple[ast.ImportFrom | ast.Import, bool]]:
    """Every import statement of a module, with whether it is inside a function."""
    inside = {id(node) for function in ast.walk(tree)
              if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
              for node in ast.walk(function)}
    return [(node, id(node) in inside) for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)]


def test_what_waits_is_loaded_through_the_seam_not_imported_in_functions() -> None:
    """The reason a module waits is written once, in WAITS: no function imports one itself,
    and no module that may load at start-up (one not in WAITS) imports a Qt class of
    QT_CLASSES by name outside ``if TYPE_CHECKING``."""
    strays = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = {id(node) for block in ast.walk(tree)
                       if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
                       for node in ast.walk(block)}
        for node, in_function in _imports(tree):
            where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
                [alias.name for alias in node.names]
            if in_function and any(name in WAITS for name in names):
                strays.append(f"{where} imports {names[0]} in a function; use lazy()")
            if (isinstance(node, ast.ImportFrom) and id(node) not in typing_only
                    and module not in WAITS
                    and {alias.name for alias in node.names} & set(QT_CLASSES)):
                strays.append(f"{where} imports a Qt class by name; use QtWidgets.<class>")
    assert strays == []


def test_a_module_waits_only_with_its_reason() -> None:
    with pytest.raises(KeyError, match="WAITS"):
        lazy("annotator.cli")
    review = lazy("annotator.analysis.review")
    assert review.suggest_document.__module__ == "annotator.analysis.review"  # loads on use


def run_python(code: str, tmp_path: Path, *args: str) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter (offscreen, settings under ``tmp_path``); it prints
    one JSON object as its last line."""
    env = {**os.environ, "HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def loaded(modules: object) -> set[str]:
    assert isinstance(modules, list)
    return {name for name in NOT_AT_START if name in modules}


WATCH_THE_COLLECTOR = """
import gc, json, runpy, sys

seen = {}

class Watch:  # notes whether the cyclic collector runs while the command line is imported
    def find_spec(self, name, path=None, target=None):
        if name == "annotator.cli":
            seen["while_importing"] = gc.isenabled()

sys.meta_path.insert(0, Watch())
sys.argv = ["annotator", "--version"]
try:
    runpy.run_module("annotator", run_name="__main__")
except SystemExit:
    pass
seen["running"] = gc.isenabled()
print(json.dumps(seen))
"""


def test_the_program_imports_its_command_line_without_the_cyclic_collector(
        tmp_path: Path) -> None:
    """``python -m annotator`` (and the bundle's main.py) import the command line with the
    collector off, which start-up would only keep busy; every command runs with it on again."""
    result = run_python(WATCH_THE_COLLECTOR, tmp_path)
    assert result == {"while_importing": False, "running": True}
    bundle_start = (PACKAGE.parent / "main.py").read_text(encoding="utf-8")
    assert bundle_start == (PACKAGE / "__main__.py").read_text(encoding="utf-8")


def test_importing_the_cli_loads_neither_qt_nor_sqlite_utils(tmp_path: Path) -> None:
    result = run_python("import json, sys; import annotator.cli\n"
                        "print(json.dumps({'modules': sorted(sys.modules)}))", tmp_path)
    modules = result["modules"]
    assert isinstance(modules, list)
    assert not [name for name in modules if name.startswith("PySide6")]
    assert loaded(modules) == set()


def test_importing_the_window_loads_only_what_the_first_frame_needs(tmp_path: Path) -> None:
    result = run_python("import json, sys; import annotator.ui.app\n"
                        "print(json.dumps({'modules': sorted(sys.modules)}))", tmp_path)
    assert loaded(result["modules"]) == set()


FIRST_FRAME = """
import json, sys, time
from pathlib import Path
from annotator.ui import app as annotator_app

qt = annotator_app.application()
window = annotator_app.open_window(Path(sys.argv[1]), "tester")
seen = {}

def first_paint():
    seen["modules"] = sorted(sys.modules)
    seen["enum_classes"] = enum_classes()
    seen["marks"] = [window.view.from_qt(s.cursor.selectionStart())
                     for s in window.view.extraSelections()]
    seen["painted"] = time.perf_counter()

def enum_classes():  # the Qt classes whose Python enums PySide6 has built so far
    import enum
    found, stack = set(), [enum.Enum]
    while stack:
        for subclass in stack.pop().__subclasses__():
            if subclass not in found:
                found.add(subclass)
                stack.append(subclass)
    return sorted({e.__qualname__.split(".")[0] for e in found
                   if e.__module__.startswith("PySide6")})

from annotator.storage import sqlite
from annotator.ui.deferred import after_first_paint, at_first_paint
at_first_paint(window.view, first_paint)  # as report_first_paint does
after_first_paint(window.view, sqlite.load)  # as run_gui does
window.show()
deadline = time.perf_counter() + 30
while time.perf_counter() < deadline and not (
        window.suggestions.suggestions and "sqlite_utils" in sys.modules):
    qt.processEvents()
    time.sleep(0.005)
seen["suggestions"] = len(window.suggestions.suggestions)
seen["after_ms"] = (time.perf_counter() - seen["painted"]) * 1000
seen["sqlite_utils"] = "sqlite_utils" in sys.modules
seen["numpy"] = "numpy" in sys.modules
seen["text_shown"] = window.view.text == window.project.document(window.view.doc_id).canonical_text
window.close()
window.project.close()
print(json.dumps(seen))
"""


def test_the_first_frame_comes_first_and_the_rest_follows_unasked(tmp_path: Path) -> None:
    path = tmp_path / "p.annot"
    with Project.create(path, analyst="tester") as project:
        import_files(project, [SAMPLE])
    with Project.open(path, analyst="tester") as project:  # the document was opened before
        doc_id = project.document_summaries()[0].id
        project.set_status(doc_id, "in progress")
        text = project.document(doc_id).canonical_text
        start = text.index(" ") + 1
        project.add_span(doc_id, start, text.index(" ", start), "Claim")
    result = run_python(FIRST_FRAME, tmp_path, str(path))
    assert loaded(result["modules"]) == set()
    assert result["text_shown"] is True
    assert result["marks"] == [start]  # the first frame shows the document's mark
    # Nothing asked for the view's viewport (ui/deferred.py): PySide6 would have set up every
    # QtWidgets class to find its Python class, a calendar's and a wizard's enums with them.
    built = result["enum_classes"]
    assert isinstance(built, list) and "QTextCursor" in built
    assert not {"QCalendarWidget", "QWizard", "QMdiArea"} & set(built)
    # Nor were the window's children searched for its docks (findChildren looks at each of
    # them: the docks' tab bars were set up), nor a dialog set up that the first frame lacks.
    assert not {"QTabBar", "QInputDialog"} & set(built)
    # Put off, not dropped: suggestions are computed and sqlite-utils is loaded for the first
    # edit without any input (well within a few seconds even on a loaded test machine).
    suggestions = result["suggestions"]
    assert isinstance(suggestions, int) and suggestions > 0
    assert result["sqlite_utils"] is True
    assert result["numpy"] is False  # sqlite-utils' optional numpy support stays unloaded
    after = result["after_ms"]
    assert isinstance(after, float) and after < 5000


def test_tabs_behind_spans_are_built_when_raised(window: MainWindow, qtbot: QtBot) -> None:
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(20)
    assert not window._stance_panel.built and not window._search_panel.built
    window.stance_dock.raise_()  # the user picks the Stance tab
    qtbot.waitUntil(lambda: window._stance_panel.built)
    assert isinstance(window.stance, StanceView)
    qtbot.waitUntil(window.stance.isVisible)  # on screen in that frame, not empty
    assert not window._search_panel.built
    window.focus_search()  # Ctrl+F
    assert isinstance(window.search, SearchPanel) and window._search_panel.built
    qtbot.waitUntil(window.search.isVisible)
    search_dock = window.findChild(QDockWidget, "search")
    assert search_dock is not None and search_dock.isVisible()


def test_asking_for_a_tab_builds_it_even_when_never_shown(window: MainWindow) -> None:
    assert not window._stance_panel.built
    stance = window.stance  # code (and tests) use the attribute as before
    assert isinstance(stance, StanceView) and window.stance is stance
    assert isinstance(window.search, SearchPanel)
    window.shutdown()  # stops the built panel's timer; an unbuilt one has nothing to stop
