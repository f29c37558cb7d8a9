from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.text.qt_positions import Utf16Index, from_qt_position, to_qt_position

qt_text = st.text(
    st.one_of(
        st.sampled_from(["😀", "🏽", "\u200c", "\u064b", "ٔ", "a", "ی", "\n", "𝔸", "\U0010ffff"]),
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
    ),
    max_size=40,
)


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@given(qt_text)
def test_code_points_and_utf16_positions_round_trip(text: str) -> None:
    index = Utf16Index(text)
    assert index.qt_length == utf16_length(text)
    for offset in range(len(text) + 1):
        position = utf16_length(text[:offset])
        assert to_qt_position(text, offset) == position
        assert index.to_qt_position(offset) == position
        assert from_qt_position(text, position) == offset
        assert index.from_qt_position(position) == offset


@given(qt_text)
def test_a_position_inside_a_surrogate_pair_gives_its_character(text: str) -> None:
    index = Utf16Index(text)
    for offset, char in enumerate(text):
        if ord(char) > 0xFFFF:
            middle = utf16_length(text[:offset]) + 1
            assert index.from_qt_position(middle) == offset
            assert from_qt_position(text, middle) == offset


def test_emoji_shift_qt_positions_but_not_offsets() -> None:
    text = "😀 سلام 👍🏽 دنیا"
    index = Utf16Index(text)
    assert index.to_qt_position(2) == 3
    assert index.to_qt_position(len(text)) == len(text) + 3
    assert index.from_qt_position(12) == 9  # the space after 👍🏽, two astral characters


@pytest.mark.parametrize(("offset", "position"), [(-1, -1), (4, 6)])
def test_positions_outside_the_text_are_refused(offset: int, position: int) -> None:
    index = Utf16Index("a😀b")
    with pytest.raises(ValueError):
        index.to_qt_position(offset)
    with pytest.raises(ValueError):
        index.from_qt_position(position)
