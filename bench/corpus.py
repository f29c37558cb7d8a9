"""Seeded, generated Persian documents: nothing large is committed, every run makes the same.

The words come from the sample interview (with its frequencies), plus what real text holds
and the code must survive: ZWNJ-joined suffixes, Arabic letter variants (ي ك), Persian and
Latin digits, emoji outside the BMP, a URL, hazm's spacing faults (``میپردازند``) and some
CRLF documents. The name ``علی`` (spelt ``علي`` half the time) is in about one document in 20.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "samples" / "interview-fa.txt"
NAME = "علی"
NAME_SHARE = 0.05  # of documents that mention NAME
ABSENT_WORD = "پنگوئن"  # in no generated document
_EXTRA_WORDS = ("كتاب", "يك", "ميخواهد", "میپردازند", "کتاب ها", "۱۴۰۲", "2025", "S-400",
                "😀", "https://example.com/a.b", "نمی‌توانیم", "خانهٔ")
_SUFFIXES = ("\u200cها", "\u200cهای", "\u200cای", "\u200cتر")


def _vocabulary() -> tuple[list[str], list[int]]:
    words = re.findall(r'[^\s\d.،؛:!?؟«»()\-"]+', SAMPLE.read_text(encoding="utf-8"))
    counts = Counter(w for w in words if not w.isascii())
    vocabulary = [*counts, *_EXTRA_WORDS]
    weights = [*counts.values(), *([1] * len(_EXTRA_WORDS))]
    return vocabulary, weights


def documents(count: int, *, size_bytes: int = 3000, seed: int = 1) -> list[str]:
    """``count`` documents of about ``size_bytes`` UTF-8 bytes each (30 MB for 10,000)."""
    rng = random.Random(seed)
    vocabulary, weights = _vocabulary()
    texts: list[str] = []
    for _ in range(count):
        words = rng.choices(vocabulary, weights, k=size_bytes // 9)
        if rng.random() < NAME_SHARE:
            for _ in range(rng.randint(1, 3)):
                words[rng.randrange(len(words))] = rng.choice((NAME, "علي"))
        pieces: list[str] = []
        used = 0
        for index, word in enumerate(words):
            if rng.random() < 0.06:
                word += rng.choice(_SUFFIXES)
            pieces.append(word)
            used += len(word.encode("utf-8")) + 1
            if used >= size_bytes:
                break
            roll = rng.random()
            if roll < 0.06:
                pieces.append(rng.choice((". ", "؟ ", "، ")) if index % 40 else ".\n")
            else:
                pieces.append(" ")
        text = "".join(pieces).strip() + "."
        if rng.random() < 0.1:
            text = text.replace("\n", "\r\n")
        texts.append(text)
    return texts


def write_files(texts: list[str], folder: Path) -> list[Path]:
    """One UTF-8 ``.txt`` file per text, named so that they sort in order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, text in enumerate(texts):
        path = folder / f"doc-{number:06d}.txt"
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return paths
