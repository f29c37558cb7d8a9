"""Nothing outside ``annotator/storage`` touches a SQLite connection or writes SQL: other layers
ask ``Project`` or ``storage.queries``, so the project file is described in one layer."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import annotator

PACKAGE = Path(annotator.__file__).parent
STORAGE = PACKAGE / "storage"
_SQL = re.compile(r"\b(SELECT .* FROM|INSERT (OR \w+ )?INTO|UPDATE \w+ SET|DELETE FROM"
                  r"|CREATE (TABLE|INDEX|VIEW|TRIGGER)|DROP TABLE|PRAGMA \w+)\b")
_CONNECTION_CALLS = frozenset({"conn", "execute", "executemany", "executescript"})
_DATABASE_MODULES = ("sqlite3", "sqlite_utils", "apsw")


def _violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        where = f"{path}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Attribute) and node.attr in _CONNECTION_CALLS:
            found.append(f"{where}: .{node.attr}")
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [
                node.module or ""]
            found += [f"{where}: imports {n}" for n in names
                      if n.split(".")[0] in _DATABASE_MODULES]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                _SQL.search(node.value):
            found.append(f"{where}: SQL {node.value[:60]!r}")
    return found


def test_only_storage_touches_the_database() -> None:
    sources = [p for p in PACKAGE.rglob("*.py") if STORAGE not in p.parents]
    assert len(sources) > 20  # the scan found the package
    violations = [v for path in sorted(sources) for v in _violations(path)]
    assert violations == []


def test_the_scan_sees_what_it_forbids(tmp_path: Path) -> None:
    # The checker itself must fail on each thing it forbids, or the test above proves nothing.
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import sqlite3\n"
        "def f(project):\n"
        "    return project.conn.execute('SELECT id FROM spans').fetchall()\n",
        encoding="utf-8")
    kinds = {v.split(": ", 1)[1].split(" ")[0] for v in _violations(sample)}
    assert kinds == {"imports", ".conn", ".execute", "SQL"}
