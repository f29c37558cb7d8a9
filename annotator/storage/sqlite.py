"""sqlite-utils, loaded the way the project file needs it: storage gets ``Database``,
``Migrations`` and ``connect`` from here, never from ``sqlite_utils`` directly.

Opening a project and reading it needs only the standard ``sqlite3``; sqlite-utils (with click,
pluggy and dateutil under it, about 40 ms) is loaded on the first write transaction
(``Project.transaction`` uses its ``atomic()``) or the first migration, not at import:

- ``Migrations`` here records the migration functions as sqlite-utils' ``Migrations`` does
  (same decorator, same names, same order) and hands them to a real sqlite-utils
  ``Migrations`` when they are applied, so ``SCHEMA_VERSION`` is known without sqlite-utils.
- ``connect`` wraps a connection in sqlite-utils' ``Database`` without loading sqlite-utils
  plugins: a plugin installed in the same environment could otherwise register functions on the
  analyst's project file, and finding plugins scans every installed package's metadata (about
  25 ms at each open).
- sqlite-utils imports numpy when it is installed, only to map numpy scalar types to column
  types for its table-insert API. Storage never inserts through that API, the bundle leaves
  numpy out, and from source numpy (there for krippendorff) costs about 50 ms; so sqlite-utils
  is first imported with numpy hidden, exactly as it runs in the bundle. numpy stays importable
  for everyone else afterwards; when numpy is already loaded nothing is hidden.
"""

from __future__ import annotations

import importlib
import sqlite3
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations as SqliteUtilsMigrations

__all__ = ["Database", "Migrations", "connect", "load"]

F = TypeVar("F", bound=Callable[..., Any])


def load() -> None:
    """Import sqlite-utils now (numpy hidden, see above); later calls cost nothing."""
    if "sqlite_utils.db" in sys.modules:
        return
    if "numpy" in sys.modules:
        importlib.import_module("sqlite_utils")
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]  # import numpy -> ImportError
    try:
        importlib.import_module("sqlite_utils")
    finally:
        if sys.modules.get("numpy", 0) is None:
            del sys.modules["numpy"]


def connect(conn: sqlite3.Connection) -> Database:
    """sqlite-utils' view of ``conn`` (for migrations and ``atomic()``), with no plugins."""
    load()
    from sqlite_utils import Database

    return Database(conn, execute_plugins=False)


def __getattr__(name: str) -> Any:
    # ``from annotator.storage.sqlite import Database`` (merging) loads sqlite-utils then.
    if name == "Database":
        load()
        from sqlite_utils import Database

        return Database
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class Registered:
    """One migration as registered: sqlite-utils' ``Migrations._Migration`` has these fields."""

    name: str
    fn: Callable[..., Any]
    transactional: bool = True


class Migrations:
    """A named, ordered set of migration functions, registered like sqlite-utils' ``Migrations``
    (``@migrations()`` above each function) and applied by sqlite-utils' ``Migrations``."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._migrations: list[Registered] = []

    def __call__(self, *, name: str | None = None,
                 transactional: bool = True) -> Callable[[F], F]:
        def inner(fn: F) -> F:
            registered = Registered(name or fn.__name__, fn, transactional)
            if any(m.name == registered.name for m in self._migrations):
                raise ValueError(f"Migration '{registered.name}' is already registered in set "
                                 f"'{self.name}'")
            self._migrations.append(registered)
            return fn

        return inner

    @property
    def names(self) -> list[str]:
        return [m.name for m in self._migrations]

    def sqlite_utils(self) -> SqliteUtilsMigrations:
        """The same migrations as sqlite-utils' own ``Migrations`` object."""
        load()
        from sqlite_utils.migrations import Migrations as SqliteUtilsMigrations

        real = SqliteUtilsMigrations(self.name)
        for migration in self._migrations:
            real(name=migration.name, transactional=migration.transactional)(migration.fn)
        return real

    def apply(self, db: Database, *, stop_before: str | Iterable[str] | None = None) -> None:
        """Apply every pending migration in order (sqlite-utils' ``Migrations.apply``)."""
        self.sqlite_utils().apply(db, stop_before=stop_before)

    def __getattr__(self, name: str) -> Any:
        # Anything else sqlite-utils' Migrations offers (pending, applied, ...) is its own.
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.sqlite_utils(), name)
