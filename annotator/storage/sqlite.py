"""sqlite-utils, imported the way the project file needs it: every storage module imports
``Database`` and ``Migrations`` from here, never from ``sqlite_utils`` directly.

sqlite-utils imports numpy when it is installed, only to map numpy scalar types to column types
for its table-insert API. We never insert through that API (storage writes with SQL), and the
bundle leaves numpy out, yet from source numpy (present for krippendorff) would cost the start-up
of every command and of the window about 50 ms. So the first import of sqlite-utils is made with
numpy hidden, exactly as it runs in the bundle; numpy stays importable for everyone else
afterwards. When numpy is already loaded nothing is hidden.

``connect`` wraps a connection without loading sqlite-utils plugins: a plugin installed in the
same environment could otherwise register functions on the analyst's project file, and finding
plugins scans the metadata of every installed package (about 25 ms at each open).
"""

from __future__ import annotations

import sqlite3
import sys


def _import_hiding_numpy() -> None:
    if "sqlite_utils.db" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]  # import numpy -> ImportError
    try:
        import sqlite_utils.db  # noqa: F401 - imported for its side effect of loading
    finally:
        if sys.modules.get("numpy", 0) is None:
            del sys.modules["numpy"]


_import_hiding_numpy()

from sqlite_utils import Database  # noqa: E402 - after the numpy-free import above
from sqlite_utils.migrations import Migrations  # noqa: E402 - after the numpy-free import above

__all__ = ["Database", "Migrations", "connect"]


def connect(conn: sqlite3.Connection) -> Database:
    """sqlite-utils' view of ``conn`` (for migrations and ``atomic()``), with no plugins."""
    return Database(conn, execute_plugins=False)
