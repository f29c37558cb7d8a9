"""Copy finished translations from one Qt .ts file into another (a small ``lconvert``, which
PySide6 does not ship).

    .venv/bin/python tools/merge_translations.py resources/i18n/team_fa.ts
    make translations

Each finished message of SOURCE fills the same (context, source text) in TARGET
(``resources/i18n/annotator_fa.ts`` unless given) when TARGET lacks it or has it unfinished;
TARGET's own finished translations are kept. ``make translations`` then drops whatever the code
no longer uses and compiles the .qm.
"""

from __future__ import annotations

import copy
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "resources" / "i18n" / "annotator_fa.ts"


def finished(message: ET.Element) -> bool:
    translation = message.find("translation")
    return translation is not None and translation.get("type") is None and bool(
        "".join(translation.itertext()).strip())


def merge(source: Path, target: Path) -> int:
    """Fill ``target`` from ``source``; returns how many messages were filled or added."""
    theirs = ET.parse(source).getroot()  # noqa: S314 - our own committed files
    tree = ET.parse(target)  # noqa: S314
    ours = tree.getroot()
    contexts = {c.findtext("name"): c for c in ours.iter("context")}
    count = 0
    for context in theirs.iter("context"):
        name = context.findtext("name")
        mine = contexts.get(name)
        if mine is None:
            mine = ET.SubElement(ours, "context")
            ET.SubElement(mine, "name").text = name
            contexts[name] = mine
        by_source = {m.findtext("source"): m for m in mine.iter("message")}
        for message in context.iter("message"):
            if not finished(message):
                continue
            present = by_source.get(message.findtext("source"))
            if present is None:
                mine.append(copy.deepcopy(message))
            elif not finished(present):
                old = present.find("translation")
                if old is not None:
                    present.remove(old)
                present.append(copy.deepcopy(message.find("translation")))
            else:
                continue
            count += 1
    ET.indent(tree)
    tree.write(target, encoding="utf-8", xml_declaration=True)
    return count


if __name__ == "__main__":
    filled = merge(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else TARGET)
    print(f"{filled} translation(s) merged; now run `make translations`")
