from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.text.tokens import sentence_spans, snap_to_tokens, token_spans

SAMPLE = Path(__file__).parents[2] / "resources" / "samples" / "interview-fa.txt"

# Text mixing everything that touches hazm's token and sentence rules.
mixed_text = st.lists(
    st.one_of(
        st.sampled_from(
            [
                *' \n\t\xa0\u200c😀?!؟.:،؛«»()[]{}"/\\⸮-_\r٣',
                *("  ", "\n\n", "👍🏽", "سلام", "کتاب", "می‌روم", "ها", "۱۲۳", "۴.۵", "12"),
                *("3.14", "S-400", "abc", "e.g.", "!!", "..."),
            ]
        ),
        st.text(max_size=2),
    ),
    max_size=30,
).map("".join)

no_newline_text = mixed_text.map(lambda text: text.replace("\n", " "))


def words(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[start:end] for start, end in spans]


def test_tokens_agree_with_hazm_on_the_sample(hazm_word_tokenizer: Any) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    spans = token_spans(text)
    assert len(spans) > 500
    assert words(text, spans) == hazm_word_tokenizer.tokenize(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mixed_text)
def test_tokens_agree_with_hazm(hazm_word_tokenizer: Any, text: str) -> None:
    spans = token_spans(text)
    assert words(text, spans) == hazm_word_tokenizer.tokenize(text)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_a_zwnj_joined_word_is_one_token() -> None:
    text = "کتاب‌ها را\xa0می‌خوانم (۱۲۳)."
    assert words(text, token_spans(text)) == ["کتاب‌ها", "را\xa0می‌خوانم", "(", "۱۲۳", ")", "."]


def test_sentences_agree_with_hazm_on_a_line(hazm_sentence_tokenizer: Any) -> None:
    text = "جدا کردن ساده است. تقریبا البته! واقعا؟  بله... S-400 است"
    expected = ["جدا کردن ساده است.", "تقریبا البته!", "واقعا؟", "بله...", "S-400 است"]
    assert words(text, sentence_spans(text)) == expected == hazm_sentence_tokenizer.tokenize(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(no_newline_text)
def test_sentences_without_newlines_equal_hazm_sentences(
    hazm_sentence_tokenizer: Any, text: str
) -> None:
    assert words(text, sentence_spans(text)) == hazm_sentence_tokenizer.tokenize(text)


def regroup(hazm_sentences: list[str], ours: list[str]) -> list[list[str]]:
    """Group our sentences, in order, so each group's text is one hazm sentence's text.

    hazm turns a newline into a space and we break there, so a hazm sentence equals the
    space-join of the consecutive sentences of ours it covers, whitespace runs aside.
    """

    def squash(text: str) -> str:
        return re.sub(r"\s+", " ", text)

    groups: list[list[str]] = []
    rest = list(ours)
    for sentence in hazm_sentences:
        group: list[str] = []
        while rest and squash(" ".join(group)) != squash(sentence):
            group.append(rest.pop(0))
        assert squash(" ".join(group)) == squash(sentence), (sentence, group)
        groups.append(group)
    assert not rest, f"sentences hazm does not have: {rest}"
    return groups


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mixed_text)
def test_sentences_refine_hazm_sentences_at_newlines(
    hazm_sentence_tokenizer: Any, text: str
) -> None:
    ours = words(text, sentence_spans(text))
    groups = regroup(hazm_sentence_tokenizer.tokenize(text), ours)
    # Where we break and hazm does not, the text between the two sentences holds a newline.
    spans = sentence_spans(text)
    index = 0
    for group in groups:
        for k in range(len(group) - 1):
            assert "\n" in text[spans[index + k][1] : spans[index + k + 1][0]]
        index += len(group)
    assert all(s < e and not text[s].isspace() and not text[e - 1].isspace() for s, e in spans)


def test_sentences_break_at_every_newline(hazm_sentence_tokenizer: Any) -> None:
    text = "خط اول بدون نقطه\nخط دوم. جمله سوم\n\n  آخر  "
    assert words(text, sentence_spans(text)) == ["خط اول بدون نقطه", "خط دوم.", "جمله سوم", "آخر"]
    assert hazm_sentence_tokenizer.tokenize(text) == [
        "خط اول بدون نقطه خط دوم.",
        "جمله سوم",
        "آخر",
    ]


def test_sentences_of_the_sample_regroup_into_hazm_sentences(
    hazm_sentence_tokenizer: Any,
) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    ours = words(text, sentence_spans(text))
    assert len(ours) > len(text.splitlines())
    regroup(hazm_sentence_tokenizer.tokenize(text), ours)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (1, 2, (0, 7)),  # part of a ZWNJ-joined word takes the whole word
        (5, 10, (0, 10)),
        (7, 8, (7, 8)),  # only whitespace: unchanged
        (3, 3, (3, 3)),  # empty: unchanged
        (7, 9, (8, 10)),  # leading whitespace is dropped
        (11, 13, (11, 15)),
        (0, 18, (0, 18)),
    ],
)
def test_snap_to_tokens(start: int, end: int, expected: tuple[int, int]) -> None:
    text = "کتاب‌ها را (خوب) خواند"[:18]
    assert snap_to_tokens(text, start, end) == expected
    assert snap_to_tokens(text, start, end, token_spans(text)) == expected


@given(mixed_text, st.data())
def test_snapped_selection_is_whole_tokens(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    snapped = snap_to_tokens(text, start, end)
    spans = token_spans(text)
    touched = [(s, e) for s, e in spans if s < end and e > start]
    if start == end or not touched:
        assert snapped == (start, end)
    else:
        assert snapped == (touched[0][0], touched[-1][1])
        assert snapped[0] in {s for s, _ in spans} and snapped[1] in {e for _, e in spans}


def test_snap_refuses_selections_outside_the_text() -> None:
    with pytest.raises(ValueError, match="outside"):
        snap_to_tokens("abc", 2, 5)
