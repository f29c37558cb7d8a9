"""Render resources/icons/annotator.svg into the PNG, .ico and .icns files the packages use.

Run with the project's Python (``make icons``); the outputs are committed so that Windows and
macOS builds need nothing but PyInstaller. .ico and .icns are containers of PNG images here,
which Windows Vista+ and macOS 10.7+ read.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_TYPES = {b"icp4": 16, b"icp5": 32, b"icp6": 64, b"ic07": 128, b"ic08": 256, b"ic09": 512}


def render(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in images.items():
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def icns(images: dict[bytes, bytes]) -> bytes:
    body = b"".join(kind + struct.pack(">I", 8 + len(png)) + png for kind, png in images.items())
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "annotator.svg"))
    if not renderer.isValid():
        print("annotator.svg is not a valid SVG", file=sys.stderr)
        return 1
    pngs = {size: render(renderer, size) for size in {*ICO_SIZES, *ICNS_TYPES.values()}}
    (ICONS / "annotator.png").write_bytes(pngs[256])
    (ICONS / "annotator.ico").write_bytes(ico({s: pngs[s] for s in ICO_SIZES}))
    (ICONS / "annotator.icns").write_bytes(icns({k: pngs[s] for k, s in ICNS_TYPES.items()}))
    print(f"wrote annotator.png, annotator.ico and annotator.icns in {ICONS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
