"""Decoding, cleaning, normalization, offset maps, tokens and sentences of Persian text.

Every offset is a Unicode code point index, end exclusive; Qt positions are converted only by
``qt_positions``.
"""

from annotator.text.alignment import Alignment
from annotator.text.clean import CleanedText, clean_text
from annotator.text.decode import DecodedText, decode_bytes
from annotator.text.hazm_support import hazm_version
from annotator.text.normalize import (
    LEVELS,
    CanonicalText,
    NormalizationLevel,
    NormalizedText,
    canonicalize,
    find_all,
    fold_letters,
    normalize,
    search_fold,
    search_pattern,
)
from annotator.text.qt_positions import Utf16Index, from_qt_position, to_qt_position
from annotator.text.tokens import sentence_spans, snap_to_tokens, token_spans

__all__ = [
    "LEVELS",
    "Alignment",
    "CanonicalText",
    "CleanedText",
    "DecodedText",
    "NormalizationLevel",
    "NormalizedText",
    "Utf16Index",
    "canonicalize",
    "clean_text",
    "decode_bytes",
    "find_all",
    "fold_letters",
    "from_qt_position",
    "hazm_version",
    "normalize",
    "search_fold",
    "search_pattern",
    "sentence_spans",
    "snap_to_tokens",
    "to_qt_position",
    "token_spans",
]
