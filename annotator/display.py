"""Before the window opens on Linux: is there a display, and can Qt's xcb plugin load?

Qt's xcb plugin names only the first system library it misses, and then aborts. This module
asks the dynamic linker (``ldd``) about the plugin before Qt is imported and names every missing
library with the ``apt-get install`` line that brings them. It never imports PySide6.

Running ``ldd`` costs a process start at every ``annotator gui``; its answer is kept in
``$XDG_CACHE_HOME/annotator/xcb-libraries`` under a key that changes whenever the answer could:
the plugin's path, mtime and size, the linker cache's mtime and size, and ``LD_LIBRARY_PATH``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.lazy import lazy

if TYPE_CHECKING:  # run only on an X display, before Qt (annotator/lazy.py)
    import subprocess
else:
    subprocess = lazy("subprocess")

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)


def debian_package(soname: str) -> str:
    """Debian's package for a shared library: ``libxcb-cursor.so.0`` → ``libxcb-cursor0``.

    Debian names a library package after its soname, with a hyphen before the version when the
    name itself ends in a digit (``libxkbcommon-x11.so.0`` → ``libxkbcommon-x11-0``).
    """
    name, _, version = soname.partition(".so.")
    version = version.split(".")[0]
    if not version:
        return name
    name = name.lower()
    return f"{name}-{version}" if name[-1:].isdigit() else f"{name}{version}"


def xcb_plugin() -> Path | None:
    """The path of Qt's ``libqxcb.so``, from the bundle or the installed PySide6."""
    roots = []
    if getattr(sys, "frozen", False):
        roots.append(Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "PySide6")
    spec = importlib.util.find_spec("PySide6")
    if spec is not None and spec.origin:
        roots.append(Path(spec.origin).parent)
    for root in roots:
        for candidate in (root / "Qt" / "plugins" / "platforms" / "libqxcb.so",
                          root / "plugins" / "platforms" / "libqxcb.so"):
            if candidate.is_file():
                return candidate
    return None


_LINKER_CACHE = Path("/etc/ld.so.cache")


def cache_file(environ: dict[str, str] | os._Environ[str] = os.environ) -> Path:
    """Where the answer of ``ldd`` is kept: under ``$XDG_CACHE_HOME``, else ``~/.cache``."""
    root = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "annotator" / "xcb-libraries"


def _stamp(path: Path) -> list[object]:
    try:
        info = path.stat()
    except OSError:
        return [str(path), None, None]
    return [str(path), info.st_mtime_ns, info.st_size]


def _cache_key(plugin: Path, environ: dict[str, str] | os._Environ[str]) -> list[object]:
    return [_stamp(plugin), _stamp(_LINKER_CACHE), environ.get("LD_LIBRARY_PATH", "")]


def missing_libraries(plugin: Path,
                      environ: dict[str, str] | os._Environ[str] = os.environ) -> list[str]:
    """The sonames the dynamic linker cannot find for ``plugin`` (empty if ``ldd`` is absent);
    the cached answer while its key holds, else ``ldd``'s, then kept."""
    key = _cache_key(plugin, environ)
    path = cache_file(environ)
    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
        if cached["key"] == key and all(isinstance(name, str) for name in cached["missing"]):
            return list(cached["missing"])
    except (OSError, ValueError, TypeError, KeyError):
        pass  # no cache yet, or one we cannot use: ask ldd
    missing = _ask_ldd(plugin)
    if missing is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            partial.write_text(json.dumps({"key": key, "missing": missing}), encoding="utf-8")
            partial.replace(path)
        except OSError:
            pass  # a read-only home still starts; it just asks ldd next time
    return missing or []


def _ask_ldd(plugin: Path) -> list[str] | None:
    """``ldd``'s missing sonames for ``plugin``; None when ``ldd`` is absent or fails to run."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return None
    try:
        out = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=20,
                             check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return sorted(set(_NOT_FOUND.findall(out)))


def uses_xcb(environ: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    """Whether Qt will pick its xcb plugin here: Linux, and xcb asked for or X the session."""
    if not sys.platform.startswith("linux"):
        return False
    platform = environ.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.split(":")[0].split(";")[0] == "xcb"
    return not environ.get("WAYLAND_DISPLAY")


def display_problem(environ: dict[str, str] | os._Environ[str] = os.environ) -> str | None:
    """One paragraph saying why the window cannot open on this display, or None if it can."""
    if not uses_xcb(environ):
        return None
    if not environ.get("DISPLAY"):
        return ("No display to open the window on: DISPLAY is not set. Run Annotator from a "
                "desktop session (or set DISPLAY); the command-line commands work without one.")
    plugin = xcb_plugin()
    missing = missing_libraries(plugin, environ) if plugin else []
    if not missing:
        return None
    packages = " ".join(sorted({debian_package(name) for name in missing}))
    return (f"The window needs system libraries that are not installed: {', '.join(missing)}. "
            f"Install them with: sudo apt-get install {packages}")
