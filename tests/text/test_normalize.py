from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.text.alignment import Alignment
from annotator.text.clean import clean_text
from annotator.text.hazm_support import hazm_version
from annotator.text.normalize import (
    LEVELS,
    NormalizationLevel,
    canonicalize,
    find_all,
    fold_letters,
    normalize,
    search_fold,
)
from annotator.text.tokens import token_spans

PRESENTATION = [chr(c) for c in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00))]

# Raw text as it arrives: CRLF and lone CR, controls, Arabic variants, presentation forms,
# ZWNJ, emoji, NBSP, digits, Latin runs, URLs and hazm-repairable Persian.
raw_text = st.lists(
    st.one_of(
        st.sampled_from(
            [
                *"\r\n\t \x01\x7f\u2028\u200c\xa0😀يكىةﻻﷲﺏﻙﯼ٣۴7.،؟«»:()/ـٔ",
                *("\r\n", "  ", "ها", " ها", "می", "می ", "کتاب", "خانه", "میپردازند", "نمی کنم"),
                *("S-400", "https://example.com/a.b", "a@b.ir", "#تگ"),
            ]
        ),
        st.text(st.characters(codec="utf-8", categories=["L", "M", "N", "P", "Z"]), max_size=3),
    ),
    max_size=25,
).map("".join)


def test_fold_letters_folds_arabic_variants_one_for_one() -> None:
    assert fold_letters("علي كتاب ى ٠١٢٣٤٥٦٧٨٩") == "علی کتاب ی ۰۱۲۳۴۵۶۷۸۹"
    assert fold_letters("ﺑﺴﻢ ﯾﮏ") == "بسم یک"  # presentation forms to letters
    assert fold_letters("ﻼ ﻻ ﷲ ﷺ") == "ﻼ ﻻ ﷲ ﷺ"  # ligatures would change the length
    assert fold_letters("ة ۀ ٔ \u200c") == "ة ۀ ٔ \u200c"  # ة is a letter of Persian loanwords


def test_fold_letters_keeps_length_and_folds_every_single_letter_form() -> None:
    folded = fold_letters("".join(PRESENTATION))
    assert len(folded) == len(PRESENTATION)
    for form, result in zip(PRESENTATION, folded, strict=True):
        nfkc = unicodedata.normalize("NFKC", form)
        if len(nfkc) == 1:
            assert result == fold_letters(nfkc) and result not in "يىك"
        else:
            assert result == form


@pytest.mark.parametrize("level", LEVELS)
def test_levels_leave_clean_persian_alone(level: NormalizationLevel) -> None:
    text = "کتاب‌ها را می‌خوانم.\nخانهٔ ما"
    result = normalize(text, level)
    assert result.text == text
    assert result.alignment == Alignment.identity(len(text))


def test_none_keeps_arabic_letters_and_letters_folds_them() -> None:
    assert normalize("علي", "none").text == "علي"
    assert normalize("علي", "letters").text == "علی"


def test_unknown_level_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown normalization level"):
        normalize("x", "nfkc")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("میپردازند", "می\u200cپردازند"),
        ("کتاب ها", "کتاب\u200cها"),
        ("نمی کنم", "نمی\u200cکنم"),
        ("سفیر ایران میتوانم بگویم", "سفیر ایران می\u200cتوانم بگویم"),
        ("  کتاب ها  \tرا", "  کتاب\u200cها را"),
        ("  کتاب ها\t", "  کتاب\u200cها\t"),  # edge spaces of a line are kept
    ],
)
def test_hazm_level_repairs_spacing_and_zwnj(text: str, expected: str) -> None:
    assert normalize(text, "hazm").text == expected


@pytest.mark.parametrize(
    "text",
    [
        "https://example.com/a.b",
        "S-400",
        "bultannews@gmail.com",
        "خانهٔ ما",
        "www.x.ir/y",
        "@bultannews",
        "#خبر_فوری",
        "۱۴۰۲/۰۱/۰۵",
        "3.14",
        "۲۰۲۵",
        "“quoted” text\xa0here",
        "see www.example.org/path?q=1 now",
    ],
)
def test_hazm_level_keeps_what_must_stay_verbatim(text: str) -> None:
    assert normalize(text, "hazm").text == text
    embedded = f"سامانه {text} کتاب ها"
    assert normalize(embedded, "hazm").text == f"سامانه {text} کتاب\u200cها"


def test_hazm_level_works_line_by_line_and_on_long_lines() -> None:
    line = "کتاب ها را میخوانم. " * 300  # over MAX_HAZM_SEGMENT
    result = normalize(f"{line}\n\nکتاب ها", "hazm")
    assert result.text.split("\n") == [
        ("کتاب\u200cها را می\u200cخوانم. " * 300),
        "",
        "کتاب\u200cها",
    ]
    assert result.alignment.raw_length == len(line) + 9
    assert result.alignment.canonical_length == len(result.text)


def test_canonicalize_composes_clean_and_normalize() -> None:
    canonical = canonicalize("علي\r\nكتاب\x01 ها", "hazm")
    assert canonical.text == "علی\nکتاب\u200cها"
    assert canonical.removed_controls == 1
    assert canonical.alignment.to_raw(4, 11) == (5, 13)
    assert canonical.alignment.to_raw(3, 4) == (3, 5)


@pytest.mark.parametrize("raw", ["می.", "می .ɐ", "😀ـ😀😀", ".\xa0😀", "کتابـ ها", "(\u200cمی"])
def test_hazm_edits_found_by_hypothesis_map_back_exactly(raw: str) -> None:
    canonical = canonicalize(raw, "hazm")
    assert "\u200c." not in canonical.text
    for start, end in token_spans(canonical.text):
        assert canonical.alignment.to_canonical(*canonical.alignment.to_raw(start, end)) == (
            start,
            end,
        )


@pytest.mark.parametrize("level", LEVELS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=raw_text)
def test_canonical_token_spans_map_to_raw_and_back(raw: str, level: NormalizationLevel) -> None:
    canonical = canonicalize(raw, level)
    alignment = canonical.alignment
    assert (alignment.raw_length, alignment.canonical_length) == (len(raw), len(canonical.text))
    for start, end in token_spans(canonical.text):
        raw_start, raw_end = alignment.to_raw(start, end)
        assert alignment.to_canonical(raw_start, raw_end) == (start, end)
        if level != "hazm":
            piece = clean_text(raw[raw_start:raw_end]).text
            if level == "letters":
                piece = fold_letters(piece)
            assert piece == canonical.text[start:end]


def test_search_fold_keeps_length_and_folds() -> None:
    text = "علي ٣ ۴ 5 ABC Σ İx کتاب‌ها ﻙ"
    folded = search_fold(text)
    assert len(folded) == len(text)
    assert folded == "علی 3 4 5 abc σ ix کتاب ها ک"


@given(st.text())
def test_search_fold_never_changes_length(text: str) -> None:
    assert len(search_fold(text)) == len(text)


def test_find_all_finds_folded_matches_at_original_offsets() -> None:
    text = "او علي است و علی 😀 علی‌اکبر"
    assert find_all(text, "علي") == [(3, 6), (13, 16), (19, 22)]
    assert find_all(text, "علی اکبر") == [(19, 27)]
    assert find_all("aaaa", "aa") == [(0, 2), (2, 4)]
    assert find_all("۱۴۰۲ and 1402", "1402") == [(0, 4), (9, 13)]
    assert find_all("abc", "") == []


def test_hazm_version_is_the_installed_one() -> None:
    import hazm

    assert hazm_version() == getattr(hazm, "__version__", hazm_version())
    assert hazm_version()[0].isdigit()
