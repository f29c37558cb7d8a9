"""Opening a source project for merging: untrusted, so its header is read as bytes first
(``rules.identify``), then it is opened read-only and immutable, and its schema must be
exactly ours at its version (no view, trigger or unknown table)."""

from __future__ import annotations

import functools
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from annotator.domain import safe_json
from annotator.domain.errors import AnnotatorError, NewerProjectError, ProjectError
from annotator.domain.schema import LabelSchema
from annotator.storage.migrations import SCHEMA_VERSION, migrations
from annotator.storage.rules import identify, readable
from annotator.storage.sqlite import Database

# Tables SQLite makes by itself (ANALYZE, AUTOINCREMENT); harmless, so a source may have them.
_SQLITE_OWN_TABLES = frozenset({"sqlite_stat1", "sqlite_stat4", "sqlite_sequence"})
_SQLITE_MIGRATIONS = "_sqlite_migrations"  # sqlite-utils' own bookkeeping; we never read it


@dataclass
class SourceFile:
    """A source project opened read-only and immutable, its header and schema checked."""

    path: Path
    conn: sqlite3.Connection
    version: int
    normalization: str
    schema: LabelSchema

    @property
    def name(self) -> str:
        return str(self.path)

    def close(self) -> None:
        self.conn.close()


def open_source(path: Path, *, project: Path | None = None, purpose: str = "merged"
                ) -> SourceFile:
    """Open ``path`` for merging, or raise ``ProjectError`` naming it and saying why not.

    ``restore`` vets its backup here too (``purpose="restored"``): the same file may not be
    merged into a project or put in its place unless it passes the same checks.
    """
    name = str(path)
    doing = {"merged": "merging", "restored": "restoring"}[purpose]
    if not path.is_file():
        raise ProjectError(f"no such project file; nothing was {purpose}", path=name)
    if project is not None and project.exists() and path.samefile(project):
        raise ProjectError(f"is the project itself; nothing was {purpose}", path=name)
    identity = identify(path)
    if identity.kind in ("empty", "foreign", "truncated"):
        raise ProjectError("is not an Annotator project file (not a SQLite database); "
                           f"nothing was {purpose}", path=name)
    if not identity.ours:
        raise ProjectError("is a SQLite database but not an Annotator project; "
                           f"nothing was {purpose}", path=name)
    version = identity.version
    if identity.newer:
        raise NewerProjectError(
            f"was written by a newer Annotator (schema {version}; this program reads up to "
            f"{SCHEMA_VERSION}); update the program before {doing} it", path=name)
    if not identity.tables:
        raise ProjectError(f"is an Annotator project without its tables; nothing was {purpose}",
                           path=name)
    wal = Path(f"{path}-wal")
    if identity.wal and wal.exists() and wal.stat().st_size > 0:
        raise ProjectError("is open in Annotator or was not closed cleanly (it has a -wal "
                           "file); close it there, or send a copy made with 'annotator share'",
                           path=name)
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                           isolation_level=None)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA query_only = ON")
        _check_schema(conn, version, name, purpose)
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        try:
            schema = LabelSchema.from_json(safe_json.loads(str(meta.get("label_schema", "{}"))))
        except (AnnotatorError, ValueError) as error:
            raise ProjectError(f"has a damaged label schema ({error}); nothing was {purpose}",
                               path=name) from error
        if not readable(str(meta.get("min_reader_version", "1"))):
            raise NewerProjectError("was written by a newer Annotator; update the program "
                                    f"before {doing} it", path=name)
        return SourceFile(path, conn, version, str(meta.get("normalization", "letters")),
                          schema)
    except sqlite3.Error as error:
        conn.close()
        raise ProjectError(f"cannot be read as an Annotator project ({error}); "
                           f"nothing was {purpose}", path=name) from error
    except BaseException:
        conn.close()
        raise


def _check_schema(conn: sqlite3.Connection, version: int, name: str, purpose: str) -> None:
    expected = expected_schema(version)
    found: dict[str, tuple[str, str]] = {}
    for kind, object_name, sql in conn.execute("SELECT type, name, sql FROM sqlite_master"):
        kind, object_name = str(kind), str(object_name)
        if kind in ("view", "trigger"):
            raise ProjectError(
                f"contains a {kind} named {object_name!r}; Annotator projects have none, so the "
                f"file is refused and nothing was {purpose}", path=name)
        if kind == "table" and object_name in _SQLITE_OWN_TABLES:
            continue
        if object_name not in expected:
            raise ProjectError(
                f"contains a {kind} named {object_name!r} that is not part of an Annotator "
                f"project; the file is refused and nothing was {purpose}", path=name)
        found[object_name] = (kind, _squeeze(sql))
    for object_name, (kind, sql) in expected.items():
        if object_name not in found:
            raise ProjectError(f"lacks the {kind} {object_name!r} of an Annotator project; "
                               f"nothing was {purpose}", path=name)
        other_kind, other_sql = found[object_name]
        same = other_kind == kind and (
            other_sql == sql or object_name.startswith(_SQLITE_MIGRATIONS)
            or object_name.startswith(f"idx_{_SQLITE_MIGRATIONS}"))
        if not same:
            raise ProjectError(f"defines the {kind} {object_name!r} differently from Annotator; "
                               f"the file is refused and nothing was {purpose}", path=name)


@functools.cache
def expected_schema(version: int) -> dict[str, tuple[str, str]]:
    """Name → (type, SQL with whitespace squeezed) of a project file at schema ``version``."""
    names = migrations.names
    db = Database(memory=True)
    migrations.apply(db, stop_before=names[version] if version < len(names) else None)
    rows = db.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
    db.close()
    return {str(r[1]): (str(r[0]), _squeeze(r[2])) for r in rows}


def _squeeze(sql: object) -> str:
    return " ".join(str(sql).split()) if sql is not None else ""
