"""Speaker numbers: pinned when a speaker is added, never reused, never shifted by a merge.

The number is the file's own fact (table ``speaker_numbers``), not part of a speaker's merged
version: two colleagues' files may number the same person differently, and each keeps its own.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping

from annotator.storage.tables import SPEAKER_NUMBERS


def speaker_numbers(conn: sqlite3.Connection) -> dict[str, int]:
    """Every speaker id (removed ones too) to its number."""
    return {str(speaker_id): int(number)
            for speaker_id, number in conn.execute(SPEAKER_NUMBERS.select())}


def pin_speaker_numbers(conn: sqlite3.Connection, wanted: Mapping[str, int] | None = None
                        ) -> dict[str, int]:
    """Give each speaker without a number one, in creation order: ``wanted[id]`` (its number
    in the file it was merged from) when nobody here has it, else the number after the highest
    ever given, so a removed speaker's number is never given again. Returns the new ones."""
    taken = set(speaker_numbers(conn).values())
    unnumbered = [str(r[0]) for r in conn.execute(
        "SELECT id FROM speakers WHERE id NOT IN (SELECT speaker_id FROM speaker_numbers)"
        " ORDER BY created, id")]
    wishes = wanted or {}
    given: dict[str, int] = {}
    # First the wishes that can be kept, so an incoming 2 keeps 2 even when a later newcomer
    # would otherwise take the next free number first.
    for speaker_id in sorted(unnumbered, key=lambda s: wishes.get(s, 0)):
        wish = wishes.get(speaker_id)
        if wish is not None and wish > 0 and wish not in taken:
            given[speaker_id] = wish
            taken.add(wish)
    for speaker_id in unnumbered:
        if speaker_id not in given:
            given[speaker_id] = max(taken, default=0) + 1
            taken.add(given[speaker_id])
    conn.executemany(SPEAKER_NUMBERS.insert(), sorted(given.items()))
    return given
