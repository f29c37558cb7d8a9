"""Train/dev/test splits by document: deterministic for a seed, no document in two splits."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from annotator.domain.errors import InputError

# Hugging Face's split names, which `load_dataset` gives to the files of the card's configs.
SPLIT_NAMES = {2: ("train", "test"), 3: ("train", "validation", "test")}


@dataclass(frozen=True)
class Split:
    """Split names with their percentages, e.g. ``(("train", 80), ("validation", 10),
    ("test", 10))``."""

    parts: tuple[tuple[str, int], ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.parts)

    def describe(self) -> str:
        return "/".join(str(percent) for _, percent in self.parts)


def parse_split(value: str) -> Split:
    """Read ``80/10/10`` (train/validation/test) or ``90/10`` (train/test); percentages sum
    to 100."""
    pieces = value.split("/")
    if len(pieces) not in SPLIT_NAMES or not all(p.strip().isdigit() for p in pieces):
        raise InputError(f"--split {value!r} is not two or three whole percentages like 80/10/10")
    percents = [int(p) for p in pieces]
    if sum(percents) != 100:
        raise InputError(f"--split {value!r} does not add up to 100")
    return Split(tuple(zip(SPLIT_NAMES[len(percents)], percents, strict=True)))


def assign_splits(doc_ids: Iterable[str], split: Split, seed: int) -> dict[str, str]:
    """Each document id to a split name.

    The ids are sorted, shuffled with ``random.Random(seed)`` and cut by the percentages
    (largest remainder, so the sizes add up), so the result depends only on the set of ids and
    the seed, not on the order documents were imported in.
    """
    ids = sorted(set(doc_ids))
    random.Random(seed).shuffle(ids)
    sizes = _sizes(len(ids), [percent for _, percent in split.parts])
    assignment: dict[str, str] = {}
    position = 0
    for (name, _), size in zip(split.parts, sizes, strict=True):
        for doc_id in ids[position:position + size]:
            assignment[doc_id] = name
        position += size
    return assignment


def _sizes(total: int, percents: list[int]) -> list[int]:
    exact = [total * p / 100 for p in percents]
    sizes = [int(x) for x in exact]
    by_remainder = sorted(range(len(percents)), key=lambda i: (sizes[i] - exact[i], i))
    for i in by_remainder[:total - sum(sizes)]:
        sizes[i] += 1
    return sizes


def split_folder(target: Path) -> Path:
    """The folder a split export writes: ``out.jsonl`` and ``out`` both give ``out/``."""
    return target.with_suffix("") if target.suffix else target


def split_path(target: Path, name: str, *, folder: bool, suffix: str = "") -> Path:
    """Where split ``name`` of an export to ``target`` goes: inside ``split_folder(target)``,
    ``train.jsonl`` (the format's ``suffix``, else the target's), or a sub-folder ``train`` for
    a folder format (brat)."""
    root = split_folder(target)
    if folder:
        return root / name
    return root / f"{name}{suffix or target.suffix}"
