from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.text.alignment import Alignment
from annotator.text.clean import clean_text

raw_text = st.text(
    st.sampled_from(list("ab ی\n\t\r\x00\x01\x0b\x0c\x1f\x7f\u2028\u2029\x85\u200c😀")), max_size=40
)


def test_newlines_are_unified() -> None:
    cleaned = clean_text("a\r\nb\rc\u2028d\u2029e\x85f\ng")
    assert cleaned.text == "a\nb\nc\nd\ne\nf\ng"
    assert cleaned.removed_controls == 0
    assert cleaned.alignment.to_raw(2, 3) == (3, 4)  # "b" after the CRLF
    assert cleaned.alignment.to_raw(1, 2) == (1, 3)  # the "\n" that was "\r\n"


def test_controls_are_removed_and_counted_but_tab_stays() -> None:
    cleaned = clean_text("a\x00b\x1b[0m\tc\x7f")
    assert cleaned.text == "ab[0m\tc"
    assert cleaned.removed_controls == 3
    assert cleaned.alignment.to_raw(1, 2) == (2, 3)
    assert cleaned.alignment.to_canonical(1, 2) == (1, 1)


def test_clean_text_of_clean_text_changes_nothing() -> None:
    cleaned = clean_text("سلام\nدنیا\t!")
    assert cleaned.text == "سلام\nدنیا\t!"
    assert cleaned.alignment == Alignment.identity(11)


@given(raw_text)
def test_every_kept_character_maps_back_to_itself(raw: str) -> None:
    cleaned = clean_text(raw)
    assert cleaned.alignment.raw_length == len(raw)
    assert cleaned.alignment.canonical_length == len(cleaned.text)
    assert not set(cleaned.text) & set("\r\x00\x01\x0b\x0c\x1f\x7f\u2028\u2029\x85")
    controls = sum(raw.count(c) for c in "\x00\x01\x0b\x0c\x1f\x7f")
    assert cleaned.removed_controls == controls
    for i, char in enumerate(cleaned.text):
        start, end = cleaned.alignment.to_raw(i, i + 1)
        piece = raw[start:end]
        newlines = ("\r\n", "\r", "\u2028", "\u2029", "\x85")
        assert piece == char or (char == "\n" and piece in newlines)
