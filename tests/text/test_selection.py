"""Trimming a snapped selection, and the clauses and paragraphs keyboard selection grows to."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from annotator.text import snap_to_tokens
from annotator.text.selection import (
    EDGE_PUNCTUATION,
    clause_spans,
    paragraph_spans,
    trim_edges,
    trim_name,
)

# Written for these tests: guillemets, ZWNJ words, an emoji, CRLF and Arabic letter variants.
TEXT = ("علي گفت: «جان میلر» (مستندساز) هم آمد… و ما می‌دانستیم؛ اما كتاب‌ها 😀 کجاست؟\r\n"
        "پاراگراف دوم: «نقل‌قول» است، ولی «رضا (بابا)» نیامد!\r\n")


def trimmed(text: str, needle: str) -> str:
    start = text.index(needle)
    first, last = trim_edges(text, start, start + len(needle))
    return text[first:last]


def test_edge_quotes_and_punctuation_are_trimmed() -> None:
    assert trimmed(TEXT, "«جان میلر»") == "جان میلر"
    assert trimmed(TEXT, "جان میلر» ") == "جان میلر"
    assert trimmed(TEXT, "(مستندساز)") == "مستندساز"
    assert trimmed(TEXT, "آمد…") == "آمد"
    assert trimmed(TEXT, "می‌دانستیم؛") == "می‌دانستیم"
    assert trimmed(TEXT, "کجاست؟") == "کجاست"
    assert trimmed(TEXT, "گفت:") == "گفت"
    assert trimmed(TEXT, "«نقل‌قول» است،") == "«نقل‌قول» است"  # a guillemet pair inside stays
    assert trimmed(TEXT, "«رضا (بابا)»") == "رضا (بابا)"  # a bracket with its partner stays
    assert trimmed(TEXT, "نیامد!\r\n") == "نیامد"
    assert trimmed(TEXT, "😀") == "😀"
    assert trimmed("«»", "«»") == "«»"  # only punctuation: left as it is


def test_a_snapped_then_trimmed_selection_of_a_quoted_name() -> None:
    start = TEXT.index("«جان")
    first, last = trim_edges(TEXT, *snap_to_tokens(TEXT, start, start + len("«جان میلر»") - 1))
    assert TEXT[first:last] == "جان میلر"


def test_prefilled_names_are_trimmed() -> None:
    assert trim_name("«جان میلر»") == "جان میلر"
    assert trim_name(" (علی   رضایی)، ") == "علی رضایی"
    assert trim_name("«»") == ""


@given(st.text(alphabet="اب ج‌«»()،؛:؟!….'\"😀\r\n", max_size=30), st.data())
def test_trimming_stays_inside_and_is_idempotent(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    first, last = trim_edges(text, start, end)
    assert start <= first <= last <= end
    assert trim_edges(text, first, last) == (first, last)
    if (first, last) != (start, end):
        assert first < last
        assert text[first] not in " \r\n" and text[last - 1] not in " \r\n"
    elif start < end and not all(c in EDGE_PUNCTUATION or c.isspace() for c in text[start:end]):
        inner = text[start:end]
        assert not inner[0].isspace() and not inner[-1].isspace()


def test_clauses_end_at_persian_punctuation_and_before_conjunctions() -> None:
    clauses = [TEXT[a:b] for a, b in clause_spans(TEXT)]
    assert clauses[:6] == ["علي گفت:", "«جان میلر» (مستندساز) هم آمد…",
                           "و ما می‌دانستیم؛", "اما كتاب‌ها 😀 کجاست؟", "پاراگراف دوم:",
                           "«نقل‌قول» است،"]
    assert clauses[6:] == ["ولی «رضا (بابا)» نیامد!"]


def test_paragraphs_are_lines_without_their_ends() -> None:
    assert [TEXT[a:b] for a, b in paragraph_spans(TEXT)] == [
        TEXT.split("\r\n")[0], TEXT.split("\r\n")[1]]


@given(st.text(alphabet="اب و‌،؛:.؟\r\n 😀", max_size=40))
def test_clauses_are_ordered_nonempty_and_trimmed(text: str) -> None:
    spans = clause_spans(text)
    assert all(a < b for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in pairwise(spans))
    assert all(not text[a].isspace() and not text[b - 1].isspace() for a, b in spans)
    covered = {i for a, b in spans for i in range(a, b)}
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)
