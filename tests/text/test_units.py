"""Offsets in doccano's and Label Studio's units: UTF-16 code units and grapheme clusters."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.text.units import UnitIndex, grapheme_starts

TEXT = "«كاظم» 👍🏽 گفت: می‌آییم 🇮🇷🇫🇷 👨‍👩‍👧 و\r\nبِسم"


def test_grapheme_clusters_join_what_a_reader_sees_as_one_character() -> None:
    starts = grapheme_starts(TEXT)
    clusters = [TEXT[a:b] for a, b in zip(starts, [*starts[1:], len(TEXT)], strict=True)]
    assert "👍🏽" in clusters and "🇮🇷" in clusters and "🇫🇷" in clusters
    assert "👨‍👩‍👧" in clusters and "\r\n" in clusters and "بِ" in clusters
    assert "ی\u200c" in clusters  # ZWNJ extends the letter before it (UAX #29)


def test_utf16_offsets_count_astral_characters_twice() -> None:
    index = UnitIndex(TEXT, "utf16")
    thumbs = TEXT.index("👍")
    assert index.to_unit(thumbs + 2) == thumbs + 4  # 👍 and 🏽 are two units each
    assert index.from_unit(thumbs + 4) == thumbs + 2
    assert index.differs and not UnitIndex("می‌آییم ي ك\r\n", "utf16").differs


@given(st.text(st.sampled_from(["a", "ی", "\u200c", "😀", "🏽", "\u200d", "\r", "\n", "\u0650",
                                "🇮", "🇷"]), max_size=30))
def test_offsets_at_cluster_starts_come_back(text: str) -> None:
    for unit in ("codepoints", "utf16", "graphemes"):
        index = UnitIndex(text, unit)
        edges = [*grapheme_starts(text), len(text)]
        for offset in edges:
            assert index.from_unit(index.to_unit(offset)) == offset


def test_positions_past_the_text_are_refused() -> None:
    for unit in ("codepoints", "utf16", "graphemes"):
        with pytest.raises(ValueError, match="outside"):
            UnitIndex("ما", unit).from_unit(3)


def test_a_span_edge_inside_a_cluster_widens_to_the_whole_cluster() -> None:
    text = "می‌آییم"  # ZWNJ joins the cluster of the ی before it
    index = UnitIndex(text, "graphemes")
    assert not index.exact(2) and index.exact(3)
    assert (index.to_unit(0), index.to_unit(2, end=True)) == (0, 2)
    assert index.from_unit(2) == 3  # "می" and its ZWNJ
