"""The one hazm normalizer of the process, built on first use (it costs over a second)."""

from __future__ import annotations

import threading
from importlib import metadata
from typing import Protocol


class SpacingNormalizer(Protocol):
    """The two hazm repairs the ``hazm`` level uses."""

    def correct_spacing(self, text: str) -> str: ...

    def seperate_mi(self, text: str) -> str: ...


_lock = threading.Lock()
_normalizer: SpacingNormalizer | None = None


def spacing_normalizer() -> SpacingNormalizer:
    """hazm's ``Normalizer`` with only spacing and ZWNJ repairs switched on; built once."""
    global _normalizer
    with _lock:
        if _normalizer is None:
            # Imported here, not at the top: importing hazm alone costs 0.3 s.
            import hazm

            _normalizer = hazm.Normalizer(
                correct_spacing=True,
                seperate_mi=True,
                remove_diacritics=False,
                remove_specials_chars=False,
                decrease_repeated_chars=False,
                persian_style=False,
                persian_numbers=False,
                unicodes_replacement=False,
            )
        return _normalizer


def hazm_version() -> str:
    """The installed hazm's version, read from its metadata without importing it."""
    try:
        return metadata.version("hazm")
    except metadata.PackageNotFoundError:
        return "not installed"
