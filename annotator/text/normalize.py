"""From decoded text to the canonical text that annotations are stored against.

Every offset here is a Unicode code point index, end exclusive.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal, get_args

from annotator.text.alignment import Alignment, Run
from annotator.text.clean import clean_text
from annotator.text.hazm_support import spacing_normalizer

NormalizationLevel = Literal["letters", "hazm", "none"]
LEVELS: tuple[NormalizationLevel, ...] = get_args(NormalizationLevel)

# hazm's cost grows faster than linearly with length, so it never sees more than this at once.
MAX_HAZM_SEGMENT = 2000

# Cutting a long piece after these splits no word pair hazm could join.
_CLAUSE_ENDS = (". ", "! ", "? ", "؟ ", "، ", "؛ ")
_PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"


def _letter_table() -> dict[int, str]:
    """One-for-one folds: Arabic yeh/kaf to Persian, Arabic-Indic digits to Persian, and
    single-character presentation forms to their letter. ة stays: Persian loanwords use it."""
    table = {ord("ي"): "ی", ord("ى"): "ی", ord("ك"): "ک"}
    for digit in range(10):
        table[0x0660 + digit] = _PERSIAN_DIGITS[digit]
    for low, high in ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF)):
        for code in range(low, high + 1):
            folded = unicodedata.normalize("NFKC", chr(code))
            # Ligatures (ﻻ, ﷲ) would change the length, so they stay as they are.
            if len(folded) == 1 and folded != chr(code):
                table[code] = folded.translate(table)
    return table


_LETTERS = _letter_table()


def _search_table() -> dict[int, str]:
    table = dict(_LETTERS)
    for digit in range(10):
        for zero in (0x0660, 0x06F0):
            table[zero + digit] = str(digit)
    table[0x200C] = " "  # ZWNJ and space are typed interchangeably
    table[0x03C2] = "σ"  # final sigma: str.lower picks it by context
    table[0x0130] = "i"  # İ: its lowercase is two code points
    return table


_SEARCH = _search_table()


def _any_of(codes: Iterable[int]) -> re.Pattern[str]:
    """A pattern matching any one of ``codes``, written as ranges."""
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return re.compile("[" + "".join(
        re.escape(chr(low)) + ("" if low == high else "-" + re.escape(chr(high)))
        for low, high in ranges) + "]")


# str.translate looks every non-ASCII character up in a dict; finding the few characters that
# change with a regex and replacing only those is about 20 times faster on Persian text.
_LETTERS_TO_FOLD = _any_of(_LETTERS)
_SEARCH_TO_FOLD = _any_of(code for code in _SEARCH if code != 0x200C)
# Every character letter folding changes (storage.raw_patch finds a raw text's with it).
LETTER_FOLDS = _LETTERS_TO_FOLD


def _fold_for_search(match: re.Match[str]) -> str:
    return _SEARCH[ord(match.group())]


def fold_letters(text: str) -> str:
    """Fold Arabic letter variants to Persian one for one; ``len`` never changes."""
    # A text holds a few distinct folded letters (ي, ك) many times: one ``str.replace`` pass
    # each is about twice as fast as ``sub`` calling back into Python for every occurrence.
    # No fold yields a letter that folds again, so the order of the passes does not matter.
    for char in set(_LETTERS_TO_FOLD.findall(text)):
        text = text.replace(char, _LETTERS[ord(char)])
    return text


@dataclass(frozen=True)
class NormalizedText:
    """Normalized text and the map from input positions to ``text`` positions (code points)."""

    text: str
    alignment: Alignment


@dataclass(frozen=True)
class CanonicalText:
    """The canonical text, the map from decoded positions to it, and the controls removed."""

    text: str
    alignment: Alignment
    removed_controls: int


def normalize(text: str, level: NormalizationLevel) -> NormalizedText:
    """Normalize cleaned text (``\\n`` newlines only) at ``level``.

    ``none`` keeps the text, ``letters`` folds letters one for one, ``hazm`` also applies hazm's
    spacing and ZWNJ repairs line by line, never to URLs, e-mail addresses, handles, hashtags,
    numbers or Latin-script runs. The alignment maps input code points to output code points.
    """
    if level == "none":
        return NormalizedText(text, Alignment.identity(len(text)))
    folded = fold_letters(text)
    if level == "letters":
        return NormalizedText(folded, Alignment.identity(len(text)))
    if level == "hazm":
        return _hazm_normalize(folded)
    raise ValueError(f"unknown normalization level {level!r}; use one of {', '.join(LEVELS)}")


def canonicalize(decoded: str, level: NormalizationLevel) -> CanonicalText:
    """Clean then normalize decoded text; the alignment maps decoded to canonical code points."""
    cleaned = clean_text(decoded)
    normalized = normalize(cleaned.text, level)
    return CanonicalText(
        normalized.text,
        cleaned.alignment.then(normalized.alignment),
        cleaned.removed_controls,
    )


_JOINER = r"[._\-/:,٫٬'’]"
_ALNUM = r"[A-Za-z\u00C0-\u024F\d]"
_PROTECTED = re.compile(
    "|".join(
        (
            # URLs with a scheme or www., not taking a sentence's closing punctuation.
            r"(?:[A-Za-z][A-Za-z0-9+.\-]*://|www\.)\S*[^\s.,:;!?'\")\]}»،؛؟]",
            r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+",  # e-mail
            r"[@#][\w\u200c]+",  # handles and hashtags
            r"(?:[A-Za-z0-9\-]+\.)+[A-Za-z]{2,}(?:/\S*[^\s.,:;!?'\")\]}»،؛؟])?",  # bare domains
            # Latin words and numbers, with inner joiners (S-400, 3.14, ۱۴۰۲/۰۱/۰۵, e.g).
            rf"(?:[-+](?=\d))?{_ALNUM}(?:{_ALNUM}|{_JOINER}(?={_ALNUM}))*",
        )
    )
)


def _hazm_normalize(text: str) -> NormalizedText:
    normalizer = spacing_normalizer()
    pieces: list[str] = []
    runs: list[Run] = []
    for kind, piece in _segments(text):
        if kind == "keep":
            pieces.append(piece)
            runs.append((len(piece), len(piece)))
            continue
        lead, core, trail = _split_edges(piece)
        repaired = normalizer.seperate_mi(normalizer.correct_spacing(core))
        repaired = _STRAY_ZWNJ.sub("", repaired)
        pieces.extend((lead, repaired, trail))
        if repaired == core:
            length = len(piece)
            runs.append((length, length))
        else:
            runs.append((len(lead), len(lead)))
            runs.extend(_spacing_runs(core, repaired))
            runs.append((len(trail), len(trail)))
    return NormalizedText("".join(pieces), Alignment(tuple(runs)))


# hazm can leave a ZWNJ at a word's edge ("می ." → "می‌."); there it joins nothing, and an
# inserted character at a token's edge could not be mapped back to the raw text exactly.
_WORD_CHAR = r'[^\s\d؟!?.:،؛»\])}"«\[({/\\]'  # a character inside a hazm word
# A run of ZWNJ not followed, or not preceded, by a word character. Each branch starts with the
# ZWNJ itself so that the regex engine skips to ZWNJs instead of trying every position.
_STRAY_ZWNJ = re.compile(rf"\u200c+(?!{_WORD_CHAR})|\u200c(?<!{_WORD_CHAR}\u200c)\u200c*")


def _is_spacing(char: str) -> bool:
    # Only what parts tokens, ZWNJ and tatweel; NBSP and ZWJ stay inside tokens, so stay put.
    return char in " \t\u200c\u0640"


def _align_spacing(raw: str, repaired: str) -> Alignment:
    """Align a piece with hazm's repair of it, in which only spaces, ZWNJ and tatweel change.

    Every other character is paired with itself; a changed run of spacing between two of them
    maps position for position if its length is kept, else is one edit block. Falls back to
    ``Alignment.between`` should hazm ever change anything else.
    """
    return Alignment(tuple(_spacing_runs(raw, repaired)))


def _spacing_runs(raw: str, repaired: str) -> list[Run]:
    """The runs of ``_align_spacing``, not yet put in normal form."""
    runs: list[Run] = []
    kept = i = j = 0  # ``kept``: characters mapped one for one since the last edit block
    while True:
        same = _common_prefix(raw, i, repaired, j)
        # Step back to the start of a spacing run the common stretch ends in.
        while same and _is_spacing(raw[i + same - 1]):
            same -= 1
        i, j, kept = i + same, j + same, kept + same
        if i == len(raw) and j == len(repaired):
            runs.append((kept, kept))
            return runs
        gap_i, gap_j = i, j
        while gap_i < len(raw) and _is_spacing(raw[gap_i]):
            gap_i += 1
        while gap_j < len(repaired) and _is_spacing(repaired[gap_j]):
            gap_j += 1
        if gap_i - i == gap_j - j:
            kept += gap_i - i
        else:
            runs.extend(((kept, kept), (gap_i - i, gap_j - j)))
            kept = 0
        if gap_i == len(raw) and gap_j == len(repaired):
            runs.append((kept, kept))
            return runs
        if gap_i == len(raw) or gap_j == len(repaired) or raw[gap_i] != repaired[gap_j]:
            return list(Alignment.between(raw, repaired).segments)
        i, j, kept = gap_i + 1, gap_j + 1, kept + 1


def _common_prefix(a: str, i: int, b: str, j: int) -> int:
    """How many characters ``a[i:]`` and ``b[j:]`` share at their start, compared in C: in
    growing steps (hazm's changes lie close together), then halving the step that differs."""
    limit = min(len(a) - i, len(b) - j)
    low, step = 0, 32
    while True:
        high = min(low + step, limit)
        if a[i + low:i + high] != b[j + low:j + high]:
            break
        if high == limit:
            return limit
        low, step = high, step * 2
    high -= 1  # a[i:i + low] matches, a[i:i + high + 1] does not
    while low < high:
        middle = (low + high + 1) // 2
        if a[i + low:i + middle] == b[j + low:j + middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _is_edge(char: str) -> bool:
    return char.isspace() or char in "\u200c\u200d"


def _split_edges(piece: str) -> tuple[str, str, str]:
    """``(leading, core, trailing)``, the edges being whitespace and joiners.

    hazm drops spaces and ZWNJs at a piece's edges, which are not the edges of the line.
    """
    core_start, core_end = 0, len(piece)
    while core_start < core_end and _is_edge(piece[core_start]):
        core_start += 1
    while core_end > core_start and _is_edge(piece[core_end - 1]):
        core_end -= 1
    return piece[:core_start], piece[core_start:core_end], piece[core_end:]


def _segments(text: str) -> Iterator[tuple[Literal["keep", "repair"], str]]:
    """Split text into runs hazm must not see ("keep") and runs it may repair."""
    for number, line in enumerate(text.split("\n")):
        if number:
            yield "keep", "\n"
        pos = 0
        for match in _protected(line):
            if match.start() > pos:
                yield from _repairable(line[pos : match.start()])
            yield "keep", match.group()
            pos = match.end()
        if pos < len(line):
            yield from _repairable(line[pos:])


# Every character a _PROTECTED match can start with: finditer would try the long alternation
# at every position of the line; trying it only where one of these stands is ~8 times faster.
_PROTECTED_START = re.compile(r"[A-Za-z0-9._%+\-@#\u00C0-\u024F\d]")


def _protected(line: str) -> Iterator[re.Match[str]]:
    """What ``_PROTECTED.finditer(line)`` yields (no match is empty), found faster."""
    pos = 0
    while (candidate := _PROTECTED_START.search(line, pos)) is not None:
        match = _PROTECTED.match(line, candidate.start())
        if match is None:
            pos = candidate.start() + 1
        else:
            yield match
            pos = match.end()


def _repairable(piece: str) -> Iterator[tuple[Literal["keep", "repair"], str]]:
    """Cut a long piece into parts of at most ``MAX_HAZM_SEGMENT``, after a sentence or
    clause if one ends in the second half, else at a space."""
    while len(piece) > MAX_HAZM_SEGMENT:
        cut = max(piece.rfind(end, 0, MAX_HAZM_SEGMENT) for end in _CLAUSE_ENDS) + 1
        if cut <= MAX_HAZM_SEGMENT // 2:
            cut = max(piece.rfind(" ", 0, MAX_HAZM_SEGMENT), piece.rfind("\t", 0, MAX_HAZM_SEGMENT))
        if cut <= 0:
            cut = MAX_HAZM_SEGMENT
        yield "repair", piece[:cut]
        piece = piece[cut:]
    if piece:
        yield "repair", piece


def search_fold(text: str) -> str:
    """Fold text for search, keeping its length so hit offsets are offsets in ``text``.

    Folds letters as ``fold_letters`` does, all digits to ASCII, case per character (where the
    lower case is one code point), and ZWNJ to a space.
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c if len(low := c.lower()) != 1 else low for c in text)
    # ZWNJ is common in Persian text: one C-speed replace instead of a regex callback each.
    return _SEARCH_TO_FOLD.sub(_fold_for_search, lowered.replace("\u200c", " "))


@functools.cache
def _search_variants() -> dict[str, str]:
    """Every character ``search_fold`` changes, keyed by what it folds to (built once, ~35 ms).

    ``search_fold`` folds each character by itself (str.lower's one context rule, final sigma,
    ends in σ either way), so these are all that can stand for a character of a folded query.
    """
    changed = set(map(chr, _SEARCH))
    for low in range(0, 0x110000, 1024):  # str.lower compares a block at C speed
        block = array("I", range(low, low + 1024)).tobytes().decode("utf-32-le", "surrogatepass")
        if block.lower() != block:
            changed.update(c for c in block if c.lower() != c)
    variants: dict[str, str] = {}
    for char in sorted(changed):
        folded = search_fold(char)
        if folded != char:
            variants[folded] = variants.get(folded, "") + char
    return variants


def search_pattern(query: str) -> re.Pattern[str] | None:
    """A pattern whose matches in a text are exactly the stretches whose ``search_fold`` is
    ``search_fold(query)``, found without folding the text: each character of the folded
    query becomes the class of every character that folds to it, so a match is as many code
    points long as the query, and ``finditer`` gives what ``find_all`` gives. ``None`` for an
    empty query."""
    needle = search_fold(query)
    if not needle:
        return None
    variants = _search_variants()
    parts = []
    for char in needle:
        chars = variants.get(char, "") + (char if search_fold(char) == char else "")
        parts.append(re.escape(chars) if len(chars) == 1
                     else "[" + "".join(map(re.escape, sorted(chars))) + "]")
    return re.compile("".join(parts))


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Non-overlapping ``(start, end)`` code point spans of ``query`` in ``text``, both folded
    by ``search_fold``; an empty query finds nothing."""
    needle = search_fold(query)
    if not needle:
        return []
    haystack = search_fold(text)
    hits: list[tuple[int, int]] = []
    start = haystack.find(needle)
    while start >= 0:
        hits.append((start, start + len(needle)))
        start = haystack.find(needle, start + len(needle))
    return hits
