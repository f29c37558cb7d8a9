"""Fail when the bundle holds what it should not, or lacks what the program needs.

    python packaging/check_bundle.py dist/annotator

Scans every file under the bundle's _internal folder and every module in the executable's
archive against packaging/bundle_contents.py; prints one line per problem, exits 1 if any.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bundle_contents import (
    REQUIRED_FILES,
    REQUIRED_MODULES,
    forbidden_file,
    forbidden_module,
)


def archived_modules(executable: Path) -> list[str]:
    """The Python modules in the executable's PYZ archive (needs PyInstaller)."""
    from PyInstaller.archive.readers import CArchiveReader

    return list(CArchiveReader(str(executable)).open_embedded_archive("PYZ.pyz").toc)


def problems(files: list[str], modules: list[str]) -> list[str]:
    """What is wrong with a bundle holding ``files`` (relative to _internal) and ``modules``."""
    found = [f"should not be bundled: file {path}" for path in files if forbidden_file(path)]
    found += [f"should not be bundled: module {name}" for name in modules
              if forbidden_module(name)]
    found += [f"missing: file {path}" for path in REQUIRED_FILES if path not in files]
    found += [f"missing: module {name}" for name in REQUIRED_MODULES if name not in modules]
    return found


def main(argv: list[str]) -> int:
    bundle = Path(argv[1] if len(argv) > 1 else "dist/annotator")
    internal = bundle / "_internal"
    executable = next((bundle / name for name in ("annotator", "annotator.exe")
                       if (bundle / name).is_file()), None)
    if not internal.is_dir() or executable is None:
        print(f"{bundle}: not a one-folder bundle (no _internal or executable); run make dist",
              file=sys.stderr)
        return 1
    files = sorted(p.relative_to(internal).as_posix() for p in internal.rglob("*") if p.is_file())
    modules = archived_modules(executable)
    found = problems(files, modules)
    for line in found:
        print(f"{bundle}: {line}")
    print(f"{bundle}: {len(files)} files and {len(modules)} modules checked, "
          f"{len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
