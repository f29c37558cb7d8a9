"""Opening and reading a project needs only sqlite3; sqlite-utils (migrations, atomic()) loads at
the first write, without its optional numpy support and without its plugins."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from annotator.storage.migrations import SCHEMA_VERSION, migrations
from annotator.storage.project import Project
from annotator.storage.sqlite import connect

SCRIPT = """
import json, sys
from annotator.storage.project import Project
seen = {"at_import": "sqlite_utils" in sys.modules}
project = Project.open(sys.argv[1], analyst="tester")
project.document_summaries()
project.schema
seen["after_open_and_read"] = "sqlite_utils" in sys.modules
project.set_status(sys.argv[2], "done")
seen["after_write"] = "sqlite_utils" in sys.modules
seen["numpy_after_write"] = "numpy" in sys.modules
seen["status"] = project.statuses(sys.argv[2]).get("tester")
project.close()
print(json.dumps(seen))
"""


def test_sqlite_utils_loads_at_the_first_write(tmp_path: Path) -> None:
    path = tmp_path / "p.annot"
    with Project.create(path, analyst="tester") as project:
        text = tmp_path / "a.txt"
        text.write_text("سلام 😀 دوستان\r\n", encoding="utf-8")
        from annotator.formats.importing import import_files

        import_files(project, [text])
        doc_id = project.document_summaries()[0].id
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(path), doc_id],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.splitlines()[-1])
    assert seen == {"at_import": False, "after_open_and_read": False, "after_write": True,
                    "numpy_after_write": False, "status": "done"}


def test_an_open_by_a_known_analyst_writes_nothing(project_path: Path) -> None:
    before = project_path.stat().st_mtime_ns, project_path.read_bytes()
    with Project.open(project_path, analyst="tester") as project:
        assert "tester" in project.analysts()
        assert project.conn.total_changes == 0
    assert project_path.read_bytes() == before[1]
    with Project.open(project_path, analyst="newcomer") as project:
        assert project.analysts() == ["tester"]  # registered by a first write, not by opening
        assert project.conn.total_changes == 0
    assert project_path.read_bytes() == before[1]
    with Project.open(project_path, analyst="newcomer") as project:
        project.add_speaker("نام")
        assert project.analysts() == ["newcomer", "tester"]


def test_migrations_are_registered_as_sqlite_utils_would_apply_them(tmp_path: Path) -> None:
    real = migrations.sqlite_utils()
    assert [m.name for m in real._migrations] == migrations.names
    assert len(migrations.names) == SCHEMA_VERSION
    import sqlite3

    db = connect(sqlite3.connect(tmp_path / "fresh.db", isolation_level=None))
    migrations.apply(db)
    assert real.pending(db) == []
    assert [m.name for m in real.applied(db)] == migrations.names
    db.close()


def test_the_rest_of_sqlite_utils_migrations_is_there(tmp_path: Path) -> None:
    import sqlite3

    db = connect(sqlite3.connect(tmp_path / "fresh.db", isolation_level=None))
    assert [m.name for m in migrations.pending(db)] == migrations.names
    migrations.apply(db, stop_before=migrations.names[1])
    assert [m.name for m in migrations.applied(db)] == migrations.names[:1]
    db.close()
