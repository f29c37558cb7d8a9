"""The fast text paths give exactly what the plain definitions give (they exist for speed only)."""

from __future__ import annotations

import importlib
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.text import clean_text, find_all, fold_letters, search_fold, search_pattern
from annotator.text.alignment import Alignment

normalize_module = importlib.import_module("annotator.text.normalize")
_LETTERS: dict[int, str] = normalize_module._LETTERS
_SEARCH: dict[int, str] = normalize_module._SEARCH

# Every character a fold changes, and neighbours that it must leave alone.
_INTERESTING = st.sampled_from(
    [chr(c) for c in (*_SEARCH, 0x130, 0x3A3, 0x1F600, 0x6CC, 0x6A9, 0x627, 0x20, 0x41, 0x61)]
    + ["\r", "\n", "\r\n", "\x00", "\x85", "\u2028", "\u2029", "\t", "\x7f"])
_TEXT = st.lists(st.one_of(_INTERESTING, st.characters()), max_size=40).map("".join)


def search_fold_by_definition(text: str) -> str:
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c if len(low := c.lower()) != 1 else low for c in text)
    return lowered.translate(_SEARCH)


@settings(max_examples=250)
@given(_TEXT)
def test_folds_equal_their_translate_tables(text: str) -> None:
    assert fold_letters(text) == text.translate(_LETTERS)
    assert search_fold(text) == search_fold_by_definition(text)
    assert len(search_fold(text)) == len(text)


@settings(max_examples=250)
@given(_TEXT)
def test_cleaning_maps_every_change(text: str) -> None:
    cleaned = clean_text(text)
    expected = text.replace("\r\n", "\n")
    for newline in "\r\u2028\u2029\x85":
        expected = expected.replace(newline, "\n")
    kept = "".join(c for c in expected if c in "\n\t" or not (c < " " or c == "\x7f"))
    assert cleaned.text == kept
    assert cleaned.removed_controls == len(expected) - len(kept)
    assert cleaned.alignment.raw_length == len(text)
    assert cleaned.alignment.canonical_length == len(kept)


def test_every_character_folds_alone_to_one_and_its_variants_are_all_listed() -> None:
    variants: dict[str, set[str]] = {}
    for code in range(0x110000):
        char = chr(code)
        folded = search_fold(char)
        assert len(folded) == 1
        if folded != char:
            variants.setdefault(folded, set()).add(char)
    listed = normalize_module._search_variants()
    assert {folded: set(chars) for folded, chars in listed.items()} == variants


@settings(max_examples=400)
@given(_TEXT, st.data())
def test_search_pattern_finds_what_find_all_finds(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    piece = text[start:data.draw(st.integers(start, min(len(text), start + 4)))]
    query = data.draw(st.one_of(
        st.sampled_from([piece, piece.upper(), search_fold(piece), fold_letters(piece)]), _TEXT))
    assert search_fold(text) == "".join(map(search_fold, text))  # what the pattern relies on
    pattern = search_pattern(query)
    if pattern is None:
        assert find_all(text, query) == []
    else:
        assert [match.span() for match in pattern.finditer(text)] == find_all(text, query)


def align_spacing_by_definition(raw: str, repaired: str) -> Alignment:
    """The character-by-character walk the fast version replaced."""
    def spacing(c: str) -> bool:
        return c in " \t\u200c\u0640"
    runs: list[tuple[int, int]] = []
    i = j = 0
    while True:
        gap_i, gap_j = i, j
        while gap_i < len(raw) and spacing(raw[gap_i]):
            gap_i += 1
        while gap_j < len(repaired) and spacing(repaired[gap_j]):
            gap_j += 1
        runs.append((gap_i - i, gap_j - j))
        if gap_i == len(raw) and gap_j == len(repaired):
            return Alignment(tuple(runs))
        if gap_i == len(raw) or gap_j == len(repaired) or raw[gap_i] != repaired[gap_j]:
            return Alignment.between(raw, repaired)
        runs.append((1, 1))
        i, j = gap_i + 1, gap_j + 1


_SPACING_TEXT = st.text(st.sampled_from([" ", "\t", "\u200c", "\u0640", "ا", "ب", "م", "a"]),
                        max_size=20)


@settings(max_examples=300)
@given(_SPACING_TEXT, _SPACING_TEXT)
def test_spacing_alignment_equals_the_walk(raw: str, repaired: str) -> None:
    assert normalize_module._align_spacing(raw, repaired) == \
        align_spacing_by_definition(raw, repaired)


@settings(max_examples=300)
@given(_SPACING_TEXT, st.lists(st.tuples(st.integers(0, 20), st.sampled_from(
    [" ", "\u200c", "", "  "])), max_size=4))
def test_spacing_alignment_equals_the_walk_on_hazm_like_repairs(
        raw: str, edits: list[tuple[int, str]]) -> None:
    repaired = raw
    for position, spacing in edits:
        position = min(position, len(repaired))
        repaired = repaired[:position] + spacing + repaired[position:]
    assert normalize_module._align_spacing(raw, repaired) == \
        align_spacing_by_definition(raw, repaired)


_LINE = st.lists(st.sampled_from(
    [*"abcZ09.-_%+@#:/ ٫۱۲اب،؟\u00e9w\u200c", "www.", "http://"]), max_size=20).map("".join)


@settings(max_examples=400)
@given(_LINE)
def test_protected_runs_are_those_finditer_finds(line: str) -> None:
    expected = [m.span() for m in normalize_module._PROTECTED.finditer(line)]
    assert [m.span() for m in normalize_module._protected(line)] == expected


_STRAY_BY_DEFINITION = re.compile(
    rf"(?<!{normalize_module._WORD_CHAR})\u200c+|\u200c+(?!{normalize_module._WORD_CHAR})")


@settings(max_examples=400)
@given(st.text(st.sampled_from(["\u200c", "ا", " ", ".", "1", "«", "\n"]), max_size=12))
def test_stray_zwnj_pattern_removes_what_its_definition_removes(text: str) -> None:
    assert normalize_module._STRAY_ZWNJ.sub("", text) == _STRAY_BY_DEFINITION.sub("", text)


decode_module = importlib.import_module("annotator.text.decode")


@settings(max_examples=300)
@given(st.text(st.one_of(st.sampled_from([chr(c) for c in range(0x80)] + ["ی", "\x85", "€"]),
                         st.characters()), max_size=30))
def test_controls_counted_in_utf8_bytes_are_those_the_pattern_finds(text: str) -> None:
    counted = len(text.encode("utf-8", "surrogatepass").translate(
        None, decode_module._NOT_CONTROL_BYTES))
    assert counted == len(decode_module._CONTROLS.findall(text))
