"""Precision, recall and F1 of the suggestions against a hand-made gold annotation.

Matching rule: a suggestion matches a gold span when the labels are equal, the two overlap by
at least half of their union (code points: ``|A ∩ B| / |A ∪ B| >= 0.5``) and, when speakers
count, both name the same person (names compared folded, titles ignored, as
``speakers.name_key`` does). Each gold span matches at most one suggestion and vice versa;
pairs are taken best overlap first.

``python -m annotator.analysis.evaluate [GOLD.json ...]`` prints the figures (default: every
gold file in tests/data/gold/).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.analysis.speakers import name_key
from annotator.analysis.suggest import NewSpeaker, Suggestion, suggest
from annotator.domain.errors import AnnotatorError, InputError
from annotator.domain.model import text_sha256
from annotator.text import LEVELS, canonicalize

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "tests" / "data" / "gold"
DEFAULT_GOLD = GOLD_DIR / "interview-fa.json"
MIN_OVERLAP = 0.5


@dataclass(frozen=True)
class GoldSpan:
    label: str
    start: int
    end: int
    speaker: str


@dataclass(frozen=True)
class Score:
    label: str
    with_speaker: bool
    gold: int
    suggested: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.suggested if self.suggested else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def overlap_ratio(a: tuple[int, int], b: tuple[int, int]) -> float:
    """``|a ∩ b| / |a ∪ b|`` of two ``[start, end)`` spans."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def suggested_speaker(suggestion: Suggestion, names: Mapping[str, str]) -> str:
    """The display name of a suggestion's ``speaker``: a registry name or a new speaker's."""
    value = suggestion.attrs.get("speaker", "")
    if isinstance(value, NewSpeaker):
        return value.name
    return names.get(value, "")


def score(gold: Sequence[GoldSpan], suggestions: Sequence[Suggestion], label: str, *,
          with_speaker: bool, names: Mapping[str, str] | None = None) -> Score:
    """Match one label's suggestions to its gold spans (the rule in the module docstring)."""
    names = names or {}
    wanted = [g for g in gold if g.label == label]
    offered = [s for s in suggestions if s.label == label]
    pairs: list[tuple[float, int, int]] = []
    for i, g in enumerate(wanted):
        for j, s in enumerate(offered):
            ratio = overlap_ratio((g.start, g.end), (s.start, s.end))
            if ratio < MIN_OVERLAP:
                continue
            if with_speaker and name_key(g.speaker) != name_key(suggested_speaker(s, names)):
                continue
            pairs.append((ratio, i, j))
    used_gold: set[int] = set()
    used_offered: set[int] = set()
    for _ratio, i, j in sorted(pairs, reverse=True):
        if i not in used_gold and j not in used_offered:
            used_gold.add(i)
            used_offered.add(j)
    return Score(label, with_speaker, len(wanted), len(offered), len(used_gold))


def load_gold(path: Path) -> tuple[str, list[GoldSpan]]:
    """The canonical text a gold file annotates, and its spans; checks every span's text."""
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        source = ROOT / str(data["source"])
        level = str(data.get("normalization", "letters"))
        if level not in LEVELS:
            raise InputError(f"unknown normalization {level!r}", path=str(path))
        raw = source.read_text(encoding="utf-8")
    except (OSError, ValueError, KeyError) as error:
        raise InputError(f"cannot read the gold annotation ({error})", path=str(path)) from None
    text = canonicalize(raw, level).text
    if data.get("text_sha256") and data["text_sha256"] != text_sha256(text):
        raise InputError("the gold annotation is for another version of its text",
                         path=str(path))
    spans = []
    for number, item in enumerate(data.get("spans", []), start=1):
        span = GoldSpan(str(item["label"]), int(item["start"]), int(item["end"]),
                        str(item.get("speaker", "")))
        if text[span.start:span.end] != item.get("text"):
            raise InputError(f"gold span {number} does not cover its text", path=str(path))
        spans.append(span)
    return text, spans


def evaluate(path: Path = DEFAULT_GOLD) -> tuple[list[Score], float]:
    """Scores per label, with and without speakers, and the median time (ms) of one run."""
    text, gold = load_gold(path)
    times = []
    suggestions: list[Suggestion] = []
    for _ in range(21):
        began = time.perf_counter()
        suggestions = suggest("gold", text)
        times.append((time.perf_counter() - began) * 1000)
    scores = [score(gold, suggestions, label, with_speaker=with_speaker)
              for label in ("Turn", "Claim") for with_speaker in (True, False)]
    return scores, statistics.median(times)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m annotator.analysis.evaluate",
        description="Score the suggestions against a gold annotation.")
    parser.add_argument("gold", nargs="*", type=Path,
                        help="gold JSON files (default: every file in tests/data/gold/)")
    args = parser.parse_args(argv)
    print(f"match: same label, overlap >= {MIN_OVERLAP:.0%} of the union, and the same speaker "
          "(folded name) where 'speaker' is yes")
    for path in args.gold or sorted(GOLD_DIR.glob("*.json")):
        try:
            scores, median_ms = evaluate(path)
        except AnnotatorError as error:
            print(f"evaluate: {error}", file=sys.stderr)
            return 1
        print(f"\n{path.name} (median {median_ms:.1f} ms per run)")
        print("label  speaker  gold  suggested  matched  precision  recall    F1")
        for s in scores:
            print(f"{s.label:<6} {'yes' if s.with_speaker else 'no':<8} {s.gold:>4} "
                  f"{s.suggested:>10} {s.matched:>8} {s.precision:>10.2f} {s.recall:>7.2f} "
                  f"{s.f1:>5.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
