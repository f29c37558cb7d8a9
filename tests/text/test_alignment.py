from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.text.alignment import Alignment

runs = st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), max_size=12)


def sync_points(alignment: Alignment) -> set[tuple[int, int]]:
    """Every (raw, canonical) pair of positions the alignment pins to each other."""
    points = {(0, 0)}
    raw = canonical = 0
    for raw_len, canonical_len in alignment.segments:
        if raw_len == canonical_len:
            points.update((raw + k, canonical + k) for k in range(raw_len + 1))
        raw, canonical = raw + raw_len, canonical + canonical_len
        points.add((raw, canonical))
    return points


def equal_units(alignment: Alignment) -> set[tuple[int, int]]:
    """(raw, canonical) starts of the characters that an equal-length run maps one for one."""
    units = set()
    raw = canonical = 0
    for raw_len, canonical_len in alignment.segments:
        if raw_len == canonical_len:
            units.update((raw + k, canonical + k) for k in range(raw_len))
        raw, canonical = raw + raw_len, canonical + canonical_len
    return units


def run_boundaries(alignment: Alignment) -> set[tuple[int, int]]:
    points = {(0, 0)}
    raw = canonical = 0
    for raw_len, canonical_len in alignment.segments:
        raw, canonical = raw + raw_len, canonical + canonical_len
        points.add((raw, canonical))
    return points


def reference_map(alignment: Alignment, start: int, end: int) -> tuple[int, int]:
    """The documented mapping, by brute force over the sync points."""
    points = sync_points(alignment)
    exact = sorted(c for r, c in points if r == start)
    if start == end:
        point = exact[0] if exact else max(c for r, c in points if r <= start)
        return point, point
    return (
        max(c for r, c in points if r <= start),
        min(c for r, c in points if r >= end),
    )


def test_identity_and_empty() -> None:
    assert Alignment.identity(5).segments == ((5, 5),)
    assert Alignment.identity(0).segments == ()
    assert Alignment().raw_length == 0
    assert Alignment().to_raw(0, 0) == (0, 0)


def test_equal_runs_merge_and_empty_runs_vanish() -> None:
    alignment = Alignment(((2, 2), (0, 0), (3, 3), (2, 1), (1, 1), (1, 1)))
    assert alignment.segments == ((5, 5), (2, 1), (2, 2))
    assert alignment == Alignment(((5, 5), (2, 1), (2, 2)))
    assert hash(alignment) == hash(Alignment(((5, 5), (2, 1), (2, 2))))


def test_crlf_block_widens_inside_and_keeps_edges() -> None:
    alignment = Alignment(((1, 1), (2, 1), (1, 1)))  # "a\r\nb" -> "a\nb"
    assert (alignment.raw_length, alignment.canonical_length) == (4, 3)
    assert alignment.to_canonical(0, 1) == (0, 1)
    assert alignment.to_canonical(1, 3) == (1, 2)
    assert alignment.to_canonical(1, 2) == (1, 2)  # "\r" alone widens to the whole block
    assert alignment.to_canonical(2, 4) == (1, 3)
    assert alignment.to_canonical(3, 4) == (2, 3)
    assert alignment.to_raw(1, 2) == (1, 3)
    assert alignment.to_raw(2, 3) == (3, 4)


def test_deleted_and_inserted_characters_stay_outside_span_edges() -> None:
    deleted = Alignment(((1, 1), (1, 0), (1, 1)))  # "a\x01b" -> "ab"
    assert deleted.to_raw(1, 2) == (2, 3)
    assert deleted.to_raw(0, 1) == (0, 1)
    assert deleted.to_raw(0, 2) == (0, 3)
    assert deleted.to_canonical(1, 2) == (1, 1)
    inserted = Alignment(((1, 1), (0, 1), (1, 1)))  # "ab" -> "a\u200cb"
    assert inserted.to_canonical(0, 1) == (0, 1)
    assert inserted.to_canonical(1, 2) == (2, 3)
    assert inserted.to_canonical(0, 2) == (0, 3)
    assert inserted.to_raw(1, 2) == (1, 1)


def test_empty_spans_map_to_empty_spans() -> None:
    alignment = Alignment(((1, 1), (3, 2), (1, 1)))
    assert alignment.to_canonical(2, 2) == (1, 1)  # inside the block: its start
    assert alignment.to_canonical(4, 4) == (3, 3)
    assert alignment.to_raw(2, 2) == (1, 1)


def test_spans_outside_the_text_are_refused() -> None:
    alignment = Alignment.identity(3)
    for start, end in ((-1, 1), (2, 1), (0, 4)):
        with pytest.raises(ValueError, match="outside"):
            alignment.to_canonical(start, end)


@given(runs, st.data())
def test_mapping_agrees_with_brute_force(
    segments: list[tuple[int, int]], data: st.DataObject
) -> None:
    alignment = Alignment(tuple(segments))
    for length, forward in ((alignment.raw_length, True), (alignment.canonical_length, False)):
        start = data.draw(st.integers(0, length))
        end = data.draw(st.integers(start, length))
        if forward:
            assert alignment.to_canonical(start, end) == reference_map(alignment, start, end)
        else:
            assert alignment.to_raw(start, end) == reference_map(alignment.inverse(), start, end)


def test_composition_of_known_edits() -> None:
    clean = Alignment(((1, 1), (2, 1), (3, 3)))  # "a\r\nbcd" -> "a\nbcd"
    repair = Alignment(((4, 4), (0, 1), (1, 1)))  # "a\nbcd" -> "a\nbc\u200cd"
    composed = clean.then(repair)
    assert composed.segments == ((1, 1), (2, 1), (2, 2), (0, 1), (1, 1))
    assert composed.to_raw(2, 6) == (3, 6)
    assert composed.to_canonical(1, 6) == (1, 6)
    overlapping = Alignment(((2, 2), (2, 1), (1, 1))).then(Alignment(((1, 1), (3, 1))))
    assert overlapping.segments == ((1, 1), (4, 1))


def test_composition_refuses_mismatched_lengths() -> None:
    with pytest.raises(ValueError, match="compose"):
        Alignment.identity(3).then(Alignment.identity(4))


@given(runs, st.data())
def test_composition_pins_exactly_what_both_maps_pin(
    first_runs: list[tuple[int, int]], data: st.DataObject
) -> None:
    first = Alignment(tuple(first_runs))
    middle = first.canonical_length
    cuts = sorted(data.draw(st.lists(st.integers(0, middle), max_size=6)))
    widths = [b - a for a, b in zip([0, *cuts], [*cuts, middle], strict=True)]
    second = Alignment(tuple((w, data.draw(st.integers(0, 4))) for w in widths))
    composed = first.then(second)
    assert composed.raw_length == first.raw_length
    assert composed.canonical_length == second.canonical_length
    a_points, b_points = sync_points(first), sync_points(second)
    related = {(x, z) for x, y in a_points for y2, z in b_points if y == y2}
    # Sound: every run boundary is pinned by both maps through some middle position (inside a
    # run, equal lengths mean position for position, even where both maps had edits).
    assert run_boundaries(composed) <= related
    # Complete where both maps carry a character one for one. (Two sync points a step apart are
    # not enough: an insertion followed by a deletion pins (0, 0) and (1, 1) without mapping
    # the deleted character onto the inserted one.)
    for x, y in equal_units(first):
        for y2, z in equal_units(second):
            if y == y2:
                assert (x, z) in sync_points(composed) and (x + 1, z + 1) in sync_points(composed)


@given(runs)
def test_identity_is_neutral(first_runs: list[tuple[int, int]]) -> None:
    first = Alignment(tuple(first_runs))
    assert Alignment.identity(first.raw_length).then(first) == first
    assert first.then(Alignment.identity(first.canonical_length)) == first


@given(runs)
def test_json_round_trip(segments: list[tuple[int, int]]) -> None:
    alignment = Alignment(tuple(segments))
    assert Alignment.from_json(json.loads(json.dumps(alignment.to_json()))) == alignment


@pytest.mark.parametrize(
    "value", [None, {"a": 1}, [[1]], [[1, 2, 3]], [[-1, 2]], [["1", 2]], [[True, 1]], [[1.0, 1]]]
)
def test_from_json_refuses_bad_shapes(value: object) -> None:
    with pytest.raises(ValueError):
        Alignment.from_json(value)


def test_between_builds_edit_blocks_from_differences() -> None:
    alignment = Alignment.between("میپردازند", "می\u200cپردازند")
    assert alignment.segments == ((2, 2), (0, 1), (7, 7))
    assert Alignment.between("abc", "abc") == Alignment.identity(3)
    assert Alignment.between("", "") == Alignment()
    assert Alignment.between("a  b", "a b").canonical_length == 3
