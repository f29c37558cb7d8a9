"""Panels get the few collaborators they need, not the whole window."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "annotator" / "ui"
# The window itself, its action table (part of it), and the app that makes windows.
MAY_KNOW_THE_WINDOW = {"mainwindow.py", "actions.py", "app.py"}


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_no_panel_imports_the_main_window() -> None:
    knowing = {path.name for path in UI.glob("*.py")
               if "annotator.ui.mainwindow" in imports(path)}
    assert knowing <= MAY_KNOW_THE_WINDOW, knowing - MAY_KNOW_THE_WINDOW


def test_nothing_finds_a_panel_or_a_menu_again() -> None:
    # deferred.py finds its own gate object on a widget; nothing else searches the tree.
    searching = {path.name for path in UI.glob("*.py")
                 if "findChild(" in path.read_text(encoding="utf-8")}
    assert searching <= {"deferred.py"}
