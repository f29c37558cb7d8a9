"""The dataset card (README.md) written beside every export: what is in it and how to load it.

Counters grow with the number of labels, speakers and analysts, never with the number of spans.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from annotator import __version__
from annotator.domain.model import utc_now
from annotator.formats.export_view import DocumentView, ExportContext
from annotator.text import hazm_version

ALL = "all"  # the one part of an export without --split


@dataclass
class Tally:
    """What an export wrote, per split."""

    splits: tuple[str, ...]
    documents: Counter[str] = field(default_factory=Counter)
    records: Counter[str] = field(default_factory=Counter)
    spans: Counter[str] = field(default_factory=Counter)
    labels: Counter[tuple[str, str]] = field(default_factory=Counter)  # (label, split)
    speakers: Counter[str] = field(default_factory=Counter)
    analysts: Counter[str] = field(default_factory=Counter)
    analyst_documents: Counter[str] = field(default_factory=Counter)
    done_documents: int = 0
    extra: Counter[tuple[str, str]] = field(default_factory=Counter)  # (what, split)
    _named: dict[tuple[str, str], tuple[str, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def add(self, split: str, view: DocumentView, records: int, context: ExportContext) -> None:
        rows = view.rows
        self.documents[split] += 1
        self.records[split] += records
        self.spans[split] += len(rows)
        self.done_documents += view.done
        if not rows:
            return
        for label, count in Counter(map(_LABEL, rows)).items():
            self.labels[label, split] += count
        authors = Counter(map(_AUTHOR, rows))
        self.analysts.update(authors)
        self.analyst_documents.update(authors.keys())
        for key, count in Counter(map(_LABEL_ATTRS, rows)).items():
            named = self._named.get(key)
            if named is None:
                named = self._named_speakers(key[0], key[1], context)
            for name in named:
                self.speakers[name] += count

    def _named_speakers(self, label: str, attrs: str, context: ExportContext) -> tuple[str, ...]:
        """The registry names a span's speaker-valued attributes give, remembered for the
        next span with the same label and attribute text."""
        named: tuple[str, ...] = ()
        names = context.speaker_attributes(label)
        if names and attrs != "{}":
            values = context.parsed(attrs)
            for name in sorted(names):
                speaker = context.speakers.get(values.get(name, ""))
                if speaker is not None:
                    named += (speaker.name,)
        if len(self._named) >= _NAMED_CACHE:
            self._named.clear()
        self._named[label, attrs] = named
        return named


_LABEL, _AUTHOR, _LABEL_ATTRS = itemgetter(1), itemgetter(3), itemgetter(1, 2)
_NAMED_CACHE = 4096  # distinct (label, attributes) remembered at a time


@dataclass(frozen=True)
class CardFacts:
    """The export's settings and files, for the card."""

    project: str
    format: str
    offsets: str
    status: str
    by: str
    split: str
    seed: int | None
    normalization: str
    project_hazm_version: str
    files: dict[str, str]  # split name to file (or folder) name, relative to the card
    record: str  # what one record is
    decisions: tuple[str, ...]
    loading: tuple[str, ...]  # lines of Python
    license: str | None = None
    offsets_unit: str = ""  # what the offsets count when not code points
    task_category: str = "token-classification"
    builder: dict[str, object] = field(default_factory=dict)  # load_dataset's config options
    loadable: bool = True  # whether the files are a table Hugging Face datasets reads


def front_matter(facts: CardFacts) -> list[str]:
    """Hugging Face's YAML header: ``load_dataset(folder)`` reads the configs from it.

    Values are written as JSON scalars, which YAML reads as the same strings and numbers; ``<``,
    ``>``, ``&`` and ``]`` as ``\\u`` escapes, so a name never reaches a page as markup."""
    lines = ["---", "language:", "- fa"]
    if facts.license:
        lines.append(f"license: {_scalar(facts.license)}")
    lines += ["task_categories:", f"- {facts.task_category}",
              f"pretty_name: {_scalar(facts.project + ' (' + facts.format + ')')}"]
    if facts.loadable:
        lines += ["configs:", "- config_name: default", "  data_files:"]
        for split, name in facts.files.items():
            lines += [f"  - split: {'train' if split == ALL else split}",
                      f"    path: {_scalar(name)}"]
        lines += [f"  {key}: {_scalar(value)}"
                  for key, value in facts.builder.items()]
    return [*lines, "---", ""]


def _scalar(value: object) -> str:
    """``value`` as JSON; inside strings only, ``<>&]`` as ``\\u`` escapes (a list's own
    brackets stay brackets)."""
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(item) for item in value) + "]"
    text = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        for char in "<>&]":  # a page that shows the header as Markdown finds no tag or link
            text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def render_card(facts: CardFacts, tally: Tally) -> str:
    """The card as Markdown."""
    lines = [*front_matter(facts), *_settings(facts), *_files(facts, tally),
             *_counts(tally), *_text_and_offsets(facts), *_decisions_and_loading(facts)]
    return "\n".join(lines)


def _settings(facts: CardFacts) -> list[str]:
    """The title, where the export came from, and the options it was made with."""
    lines = [
        f"# Dataset card: {', '.join(_md(name) for name in facts.files.values())}",
        "",
        f"Exported by Annotator {__version__} on {utc_now()} from {_md(facts.project, code=True)}.",
        "",
        "| setting | value |",
        "|---|---|",
        f"| format | `{facts.format}` (one record per {facts.record}) |",
        f"| offsets | `{facts.offsets}` |",
        f"| documents | `--status {facts.status}` |",
        f"| spans by | {_md('--by ' + facts.by, code=True)} |",
        f"| split | {facts.split} |",
    ]
    if facts.seed is not None:
        lines.append(f"| seed | {facts.seed} |")
    return lines


def _files(facts: CardFacts, tally: Tally) -> list[str]:
    """Each split's file with what it holds."""
    lines = ["", "## Files", "", "| split | file | documents | records | spans |",
             "|---|---|---|---|---|"]
    for split, name in facts.files.items():
        lines.append(f"| {split} | {_md(name, code=True)} | {tally.documents[split]} "
                     f"| {tally.records[split]} | {tally.spans[split]} |")
    return lines


def _counts(tally: Tally) -> list[str]:
    """Documents marked done, spans per label (and records per class), per speaker and per
    analyst."""
    lines = [
        "", f"{tally.done_documents} of the exported documents are marked done by some analyst.",
        "", "## Spans per label", "",
        "| label | " + " | ".join(tally.splits) + " | total |",
        "|---|" + "---|" * (len(tally.splits) + 1),
    ]
    for label in sorted({label for label, _ in tally.labels}):
        counts = [tally.labels[label, split] for split in tally.splits]
        lines.append(f"| {_md(label)} | " + " | ".join(map(str, counts)) + f" | {sum(counts)} |")
    if tally.extra:
        lines += ["", "## Records by class", "", "| class | " + " | ".join(tally.splits) + " |",
                  "|---|" + "---|" * len(tally.splits)]
        for what in sorted({what for what, _ in tally.extra}):
            lines.append(f"| {_md(what)} | "
                         + " | ".join(str(tally.extra[what, s]) for s in tally.splits) + " |")
    lines += ["", "## Spans per speaker", "",
              "Spans whose speaker-valued attribute (speaker, holder) names the speaker.", "",
              "| speaker | spans |", "|---|---|"]
    lines += [f"| {_md(name)} | {count} |" for name, count in sorted(tally.speakers.items())]
    lines += ["", "## Analysts", "",
              f"{len(tally.analysts)} analyst(s) made the exported spans"
              + (" — several analysts may have marked the same text; pick one with `--by`."
                 if len(tally.analysts) > 1 else "."),
              "", "| analyst | spans | documents |", "|---|---|---|"]
    lines += [f"| {_md(name)} | {count} | {tally.analyst_documents[name]} |"
              for name, count in sorted(tally.analysts.items())]
    return lines


def _text_and_offsets(facts: CardFacts) -> list[str]:
    """The normalization and hazm version behind the text, and what the offsets count."""
    running = hazm_version()
    hazm_note = facts.project_hazm_version or "not recorded"
    if running != facts.project_hazm_version:
        hazm_note += f" (this export ran with hazm {running})"
    return [
        "", "## Text and offsets", "",
        f"- Normalization level: `{facts.normalization}`; hazm version: {hazm_note}.",
        "- Offsets are " + (facts.offsets_unit or "Unicode code point indices") + ", end "
        "exclusive" + (": in Python `text[start:end] == span_text` (count code points, not "
                       "UTF-16 units or bytes)." if not facts.offsets_unit else "."),
        "- " + ("`original`: offsets and texts are the text as imported, before newline "
                "unification and normalization." if facts.offsets == "original" else
                "`canonical`: offsets and texts are the project's canonical text (newlines "
                "`\\n`, letters normalized)."),
    ]


def _decisions_and_loading(facts: CardFacts) -> list[str]:
    """How the format was made, and the Python that loads it."""
    lines = []
    if facts.decisions:
        lines += ["", "## How this format was made", ""]
        lines += [f"- {decision}" for decision in facts.decisions]
    lines += ["", "## Loading", "", "Run in the folder that holds the export:", "",
              "```python", "import pandas as pd",
              "from datasets import load_dataset", "", *facts.loading, "```", ""]
    return lines


_MARKDOWN = re.compile(r"[\\`*_{}\[\]|~]")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def _md(name: str, *, code: bool = False) -> str:
    """A name (a file, label, speaker, analyst) as inert Markdown, on one line: every Markdown
    punctuation mark escaped and HTML as entities, so no heading, link, image or script can
    come from a name. ``code``: as a code span (shown as typed, never interpreted), whose
    fence is longer than any run of backticks in the name."""
    name = " ".join(name.split())
    if code:
        fence = "`" * (max(map(len, re.findall("`+", name)), default=0) + 1)
        pad = " " if name.startswith("`") or name.endswith("`") else ""
        return f"{fence}{pad}{name.replace('|', '\\|')}{pad}{fence}"
    escaped = "".join(_HTML.get(char, char) for char in name)
    return _MARKDOWN.sub(lambda match: "\\" + match.group(), escaped)


def card_path(output: Path, *, folder: bool) -> Path:
    """``README.md`` inside a folder export; ``<file>.README.md`` beside a file export, so two
    exports in one folder keep their own cards."""
    return output / "README.md" if folder else output.with_name(f"{output.name}.README.md")
