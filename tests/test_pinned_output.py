"""The CLI's help and the dataset cards, byte for byte as pinned in tests/data/pinned/.

The pins were written by the code before ``build_parser`` and ``render_card`` were split into
smaller functions; a refactoring must leave every byte as it was. The date, the program's and
hazm's versions are put in as placeholders, so the pins do not age. After an intended change of
the help or the card, rewrite them with ``python tests/test_pinned_output.py`` and read the diff.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pytest

from annotator import __version__
from annotator.cli import build_parser, main
from annotator.formats import card
from annotator.formats.names import EXPORT_FORMATS
from annotator.text import hazm_version

PINNED = Path(__file__).resolve().parent / "data" / "pinned"
NOW = "2026-01-02T03:04:05Z"
# Written for this test: CRLF line ends, emoji, ZWNJ, Arabic ي and ك, a quoted speaker.
TEXT = ("مجري: «نظر شما درباره‌ی طرح جدید چیست؟» 🙂\r\n"
        "مهمان: این طرح را کارشناسان بررسی کرده‌اند و نتیجه روشن است.\r\n"
        "مجري: آیا هزینه‌ها تأیید شد؟ 👍🏽\r\n")
SPANS = [{"start": 0, "end": 4, "label": "Speaker"},
         {"start": 49, "end": 70, "label": "Claim", "attrs": {"type": "factual"}}]
# Each export's extra options: every branch of the card (split and seed, license, original
# offsets, doccano units and shapes, BIOES, csv-safe, one analyst's spans).
VARIANTS: tuple[tuple[str, ...], ...] = (
    (), ("--split", "50/50", "--seed", "4", "--license", "cc-by-4.0"),
    ("--status", "done", "--by", "gold"),
)
EXTRA = {"jsonl": (("--offsets", "original"),), "spans-csv": (("--offsets", "original"),),
         "doccano": (("--doccano-shape", "entities", "--offsets-unit", "graphemes"),),
         "conll": (("--tagging", "bioes"),), "claims-csv": (("--csv-safe", "--status", "any"),)}


def help_texts() -> str:
    """``--help`` of the program and of every command, at 100 columns."""
    parser = build_parser()
    parts = [("annotator", parser.format_help())]
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    parts += [(name, sub.format_help()) for name, sub in commands.choices.items()]
    return "".join(f"===== {name}\n{text}" for name, text in parts)


def placeholders(text: str) -> str:
    return (text.replace(NOW, "<NOW>").replace(f"Annotator {__version__}", "Annotator <VERSION>")
            .replace(f"hazm version: {hazm_version()}", "hazm version: <HAZM>"))


def cards(folder: Path) -> str:
    """The card of every export format, in each variant, from one small project."""
    project = folder / "p.annot"
    source = folder / "talk.jsonl"
    record = {"text": TEXT, "status": {"x": "done"}, "spans": SPANS}
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["--analyst", "x", "new", str(project)]) == 0
    assert main(["--analyst", "x", "import", str(project), str(source)]) == 0
    record["text"] = TEXT.replace("🙂", "؟")  # a second analyst's copy: several authors
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["--analyst", "y", "import", str(project), str(source)]) == 0
    parts = []
    for fmt in (f for f in EXPORT_FORMATS if f != "parquet"):  # pyarrow is optional
        for n, extra in enumerate(VARIANTS + EXTRA.get(fmt, ())):
            out = folder / f"{fmt}-{n}" / ("out" if fmt == "brat" else "out.data")
            out.parent.mkdir()
            assert main(["--analyst", "x", "export", str(project), "--format", fmt,
                         "-o", str(out), *extra]) == 0
            found = sorted(out.parent.rglob("*README.md"))
            assert len(found) == 1, found
            parts.append(f"===== {fmt} {' '.join(extra)}\n"
                         + placeholders(found[0].read_text(encoding="utf-8")))
    return "".join(parts)


@pytest.fixture(autouse=True)
def fixed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setattr(card, "utc_now", lambda: NOW)


def test_help_is_as_pinned() -> None:
    assert help_texts() == (PINNED / "cli-help.txt").read_text(encoding="utf-8")


def test_cards_are_as_pinned(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    written = cards(tmp_path)
    capsys.readouterr()
    assert written == (PINNED / "cards.md").read_text(encoding="utf-8")


if __name__ == "__main__":  # rewrite the pins (see the module's doc)
    import os
    import tempfile

    os.environ["COLUMNS"] = "100"
    card.utc_now = lambda: NOW  # type: ignore[assignment]
    PINNED.mkdir(parents=True, exist_ok=True)
    (PINNED / "cli-help.txt").write_text(help_texts(), encoding="utf-8")
    with tempfile.TemporaryDirectory() as name:
        (PINNED / "cards.md").write_text(cards(Path(name)), encoding="utf-8")
    sys.exit(0)
