"""Every string the window shows has a finished Persian translation, and the .qm is current."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "annotator_fa.ts"
QM = ROOT / "resources" / "i18n" / "annotator_fa.qm"
BIN = Path(sys.executable).parent


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()  # noqa: S314 - our own committed file
    return [(context.findtext("name") or "", message.findtext("source") or "", message)
            for context in root.iter("context") for message in context.iter("message")]


def test_every_tr_string_in_the_ui_has_a_finished_persian_translation(tmp_path: Path) -> None:
    updated = tmp_path / "annotator_fa.ts"
    shutil.copy(TS, updated)
    sources = sorted(str(p) for p in (ROOT / "annotator" / "ui").glob("*.py"))
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-target-language", "fa",
                    "-no-obsolete", "-ts", str(updated)], check=True, capture_output=True)
    problems = []
    for context, source, message in messages(updated):
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.findall("numerusform")] or [
            translation.text or ""]
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(
                form.strip() for form in forms):
            problems.append(f"{context}: {source!r} has no finished translation")
        for form in forms:
            if re.findall(r"%[sdn]", source) != re.findall(r"%[sdn]", form):
                problems.append(f"{context}: {source!r} and {form!r} differ in placeholders")
    assert problems == [], "run `make translations` and translate:\n" + "\n".join(problems)
    assert len(messages(updated)) == len(messages(TS)), "run `make translations`"


def test_the_committed_qm_is_compiled_from_the_committed_ts(tmp_path: Path) -> None:
    compiled = tmp_path / "annotator_fa.qm"
    subprocess.run([str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(compiled)], check=True,
                   capture_output=True)
    assert compiled.read_bytes() == QM.read_bytes(), "run `make translations`"


def test_ui_terms_are_used_consistently() -> None:
    translations = {source: (message.findtext("translation/numerusform")
                             or message.findtext("translation") or "")
                    for _, source, message in messages(TS)}
    assert translations["Speakers"] == "گویندگان" and "برچسب" in translations["Labels"]
    for source, persian in translations.items():
        verb = re.search(r"\bmarks? (the )?document|\bmarked\b", source, re.IGNORECASE)
        if re.search(r"\bmarks?\b", source, re.IGNORECASE) and not verb:
            assert "نشان" in persian, (source, persian)
        if re.search(r"\blabels?\b", source, re.IGNORECASE):
            assert "برچسب" in persian, (source, persian)


def test_every_table_header_is_declared_for_translation() -> None:
    from annotator.ui import models
    from annotator.ui.headers import COLUMN_HEADERS

    tables = {name: cls for name, cls in vars(models).items()
              if isinstance(cls, type) and issubclass(cls, models.QAbstractTableModel)
              and getattr(cls, "HEADERS", ())}
    assert {name: cls.HEADERS for name, cls in tables.items()} == COLUMN_HEADERS
