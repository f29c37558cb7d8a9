"""Files shipped with the program, found the same way from source and inside the bundle."""

from __future__ import annotations

import struct
import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QFontDatabase

TEXT_FAMILY = "Vazirmatn"


def resource_path(*parts: str) -> Path:
    """A path under ``resources/``: beside the package from source, under _MEIPASS when frozen."""
    return _resources().joinpath(*parts)


@cache
def _resources() -> Path:
    """Found once: start-up asks for some thirty files (icons, fonts, translations)."""
    base = getattr(sys, "_MEIPASS", None)
    root = Path(base) if base else Path(__file__).resolve().parents[2]
    return root / "resources"


_font_families: list[str] = []


def register_fonts() -> list[str]:
    """Register the bundled Vazirmatn faces once; returns their family names."""
    if not _font_families:
        for name in ("Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf"):
            font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
            if font_id >= 0:
                _font_families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return sorted(set(_font_families))


_spaced: dict[int, str] = {}


def spaced_text_family(percent: int) -> str:
    """A font family for the document view whose lines are ``percent`` % of Vazirmatn's height.

    QPlainTextEdit (the only Qt text view that lays out a long document lazily) ignores a block's
    line height but includes the font's line gap, so each spacing registers a copy of Vazirmatn
    with a larger line gap under its own family name (``VazirL170``). 100 % is Vazirmatn itself.
    """
    register_fonts()
    if percent <= 100:
        return TEXT_FAMILY
    if percent not in _spaced:
        family = f"VazirL{percent:03d}"[:9]
        for name in ("Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf"):
            data = with_line_gap(resource_path("fonts", name).read_bytes(), percent, family)
            QFontDatabase.addApplicationFontFromData(QByteArray(data))
        _spaced[percent] = family
    return _spaced[percent]


def with_line_gap(font: bytes, percent: int, family: str) -> bytes:
    """The TrueType ``font`` with its line gap raised so a line is ``percent`` % as tall, and its
    9-letter family name "Vazirmatn" replaced by ``family`` (same length, so offsets hold)."""
    if len(family) != len(TEXT_FAMILY):
        raise ValueError("the new family name must be as long as the old one")
    data = bytearray(font)
    tables = {}
    for i in range(struct.unpack(">H", data[4:6])[0]):
        tag, _checksum, offset, length = struct.unpack(">4sIII", data[12 + 16 * i:28 + 16 * i])
        tables[tag.decode("latin-1")] = (offset, length)
    hhea = tables["hhea"][0]
    ascent, descent, gap = struct.unpack(">hhh", data[hhea + 4:hhea + 10])
    height = ascent - descent + gap
    new_gap = gap + height * (percent - 100) // 100
    struct.pack_into(">h", data, hhea + 8, new_gap)
    os2 = tables.get("OS/2")
    if os2 is not None:  # FreeType follows the typographic metrics when USE_TYPO_METRICS is set
        struct.pack_into(">h", data, os2[0] + 72, new_gap)
    name_offset, name_length = tables["name"]
    names = bytes(data[name_offset:name_offset + name_length])
    names = names.replace(TEXT_FAMILY.encode("utf-16-be"), family.encode("utf-16-be"))
    names = names.replace(TEXT_FAMILY.encode("latin-1"), family.encode("latin-1"))
    data[name_offset:name_offset + name_length] = names
    return bytes(data)
