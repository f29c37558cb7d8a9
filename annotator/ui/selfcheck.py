"""The self-test's window check, leaving the analyst's own settings as they were."""

from __future__ import annotations

import importlib
from pathlib import Path

from annotator.ui import settings
from annotator.ui.app import smoke_test


def paint_once(project: Path) -> None:
    """Open ``project`` offscreen, paint one frame and close (``ui.app.smoke_test``); the window
    records its geometry and last project in the settings, so they are put back afterwards.
    Also loads QtCharts and QtSvg, which the bundle must keep."""
    for name in ("PySide6.QtCharts", "PySide6.QtSvg"):  # the dashboard's and qtawesome's
        importlib.import_module(name)
    store = settings.settings()
    before = {key: store.value(key) for key in store.allKeys()}
    try:
        smoke_test(project)
    finally:
        store = settings.settings()
        for key in store.allKeys():
            if key not in before:
                store.remove(key)
        for key, value in before.items():
            store.setValue(key, value)
        store.sync()
