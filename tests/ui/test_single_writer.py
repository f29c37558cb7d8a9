"""The Session is the only writer: no other module of the window changes the project or emits
the Session's signals."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtCore import Signal

from annotator.storage.project import Project
from annotator.ui.session import Session

UI = Path(__file__).resolve().parents[2] / "annotator" / "ui"

# Every public name of Project, sorted into what changes the file and what only reads it: a
# new method fails the completeness test below until it is put on one side.
PROJECT_WRITES = frozenset({
    "add_document", "add_documents", "add_relation", "add_span", "add_spans", "add_speaker", "db",
    "delete_relation", "delete_span", "finish_backup", "index_pending", "maybe_backup",
    "reject_suggestion",
    "restore_relation", "restore_span", "set_schema", "set_speaker_deleted", "set_status",
    "store_learned_models", "transaction", "unreject_suggestion", "update_span", "update_speaker",
})
PROJECT_OPENS = frozenset({"create", "open", "close"})  # the app's, around the window's life
PROJECT_READS = frozenset({
    "analysts", "backup_running", "attribute_values", "document",
    "document_summaries", "documents",
    "edits", "find_document", "hazm_version", "learned_models", "learned_models_stamp",
    "normalization", "pending_index_count", "relation", "relations",
    "rejected_suggestion_keys", "schema",
    "search", "search_hits", "span", "spans", "spans_in", "speaker", "speaker_names",
    "speaker_numbers", "speakers", "statuses",
})
# The functions of the lower layers that write into a project they are given.
WRITING_FUNCTIONS = {
    "annotator.analysis.review": {"accept", "undo_accept", "redo_accept", "reject", "unreject"},
    "annotator.formats.importing": {"import_files", "store_documents"},
    "annotator.storage.merging": {"merge_projects", "merge_files", "resolve_conflict"},
}
SIGNALS = frozenset(name for name, value in vars(Session).items() if isinstance(value, Signal))


def receiver(node: ast.expr) -> str:
    """The last name before an attribute: ``self.window.project.x`` → ``project``."""
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def faults(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        where = f"{path.name}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Attribute):
            project = receiver(node.value) in ("project", "Project")
            if project and node.attr in PROJECT_WRITES:
                found.append(f"{where} writes through project.{node.attr}")
            if project and node.attr in PROJECT_OPENS and path.name != "app.py":
                found.append(f"{where} opens or closes the project ({node.attr})")
            if node.attr == "emit" and receiver(node.value) in SIGNALS:
                found.append(f"{where} emits the Session's {receiver(node.value)}")
            if project and (node.attr == "conn" or node.attr.startswith("_")):
                found.append(f"{where} reaches into the project ({node.attr})")
        elif isinstance(node, ast.ImportFrom) and node.module in WRITING_FUNCTIONS:
            for alias in node.names:
                if alias.name in WRITING_FUNCTIONS[node.module]:
                    found.append(f"{where} imports the writer {node.module}.{alias.name}")
        elif isinstance(node, ast.ClassDef) and path.name != "session.py":
            for statement in node.body:
                if (isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call)
                        and receiver(statement.value.func) == "Signal"):
                    names = {receiver(t) for t in statement.targets} & SIGNALS
                    found.extend(f"{where} declares a signal named like the Session's {n}"
                                 for n in names)
    return found


def test_every_public_name_of_project_is_sorted_into_reads_or_writes() -> None:
    public = {name for name in dir(Project) if not name.startswith("_")}
    sides = (PROJECT_WRITES, PROJECT_OPENS, PROJECT_READS)
    assert sum(map(len, sides)) == len(frozenset().union(*sides)), "on one side only"
    assert public - frozenset().union(*sides) == set(), "say whether it writes"
    assert frozenset().union(*sides) - public == set(), "no longer in Project"


def test_only_the_session_writes_and_emits_its_signals() -> None:
    found = [fault for path in sorted(UI.glob("*.py")) if path.name != "session.py"
             for fault in faults(path)]
    assert found == []


def test_the_check_sees_each_kind_of_fault(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from annotator.storage.merging import resolve_conflict\n"
        "class Panel:\n"
        "    edit_failed = Signal(str)\n"
        "    def go(self):\n"
        "        self.window.project.set_status('d', 'done')\n"
        "        self.session.span_added.emit(None)\n"
        "        Project.create('x', analyst='a')\n"
        "        self.project.conn.execute('DELETE FROM spans')\n"
        "        self.project._relation('r')\n", encoding="utf-8")
    assert sorted(fault.split(" ", 1)[1] for fault in faults(bad)) == sorted([
        "imports the writer annotator.storage.merging.resolve_conflict",
        "declares a signal named like the Session's edit_failed",
        "writes through project.set_status",
        "emits the Session's span_added",
        "opens or closes the project (create)",
        "reaches into the project (conn)",
        "reaches into the project (_relation)",
    ])
