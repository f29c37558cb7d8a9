"""What the learned model sees of a text: its hazm word tokens, one sequence per paragraph,
each token with the features the rules know (attribution verbs nearby, « » quotes, a colon
label, position in its paragraph and sentence, known speaker names, punctuation, word shape).

Every offset is a Unicode code point index into the canonical text, end exclusive.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from annotator.analysis.suggest import SPEECH_VERBS
from annotator.text import search_fold
from annotator.text.tokens import token_spans

# Bump when the features change: a model trained on other features is stale.
FEATURES_VERSION = 1
_MAX_SEQUENCE = 400  # tokens: a longer paragraph is cut at sentence ends
_LABEL_REACH = 6  # tokens: how far into a paragraph a speaker label's colon may be
_PUNCTUATION = frozenset(".،,;؛:!?؟«»\"“”()[]{}-–—…/\\")
_SENTENCE_END = frozenset(".!?؟")
_PRESENT = ("می‌گوید", "می‌گویند", "معتقد است", "گفته است")
_VIEW = ("دانست", "دانستند", "خواند", "خواندند", "توصیف کرد", "ارزیابی کرد")


def _verb_pattern(verbs: Iterable[str], tail: str) -> str:
    return "|".join(
        r"[\s\u200c]?".join(re.escape(w) for w in search_fold(v).split()) + tail
        for v in sorted(verbs, key=len, reverse=True))


_SPEECH = re.compile(
    r"(?<!\w)(?:" + _verb_pattern(SPEECH_VERBS, r"(?:ند)?(?:ه[\s\u200c]?(?:است|اند))?")
    + "|" + _verb_pattern(_PRESENT, "") + r")(?!\w)(?![\s\u200c]?و[\s\u200c]?گو)")
_VIEW_VERB = re.compile(r"(?<!\w)(?:" + _verb_pattern(_VIEW, "") + r")(?!\w)")


@dataclass(frozen=True)
class TokenSequence:
    """One paragraph (or a piece of a long one): its tokens' spans and features."""

    tokens: tuple[tuple[int, int], ...]
    features: tuple[tuple[str, ...], ...]

    @property
    def start(self) -> int:
        return self.tokens[0][0]

    @property
    def end(self) -> int:
        return self.tokens[-1][1]


def _bucket_of(n: int) -> str:
    if n <= 3:
        return str(n)
    if n <= 6:
        return "4-6"
    if n <= 12:
        return "7-12"
    return "13-25" if n <= 25 else "26+"


_BUCKETS = tuple(_bucket_of(n) for n in range(27))


def _bucket(n: int) -> str:
    """A count in a few bands, so that features generalize across lengths."""
    return _BUCKETS[n] if n < len(_BUCKETS) else "26+"


_PERSIAN = re.compile("[\u0600-\u06ff]")


@functools.lru_cache(maxsize=1 << 16)
def _word_features(word: str) -> tuple[str, ...]:
    """What a word says by itself: the word, its ends and its shape (cached: words repeat)."""
    if all(c in _PUNCTUATION for c in word):
        shape = "punct"
    elif word.isdigit():
        shape = "digit"
    elif word.isascii():
        shape = "latin"
    else:
        shape = "persian" if _PERSIAN.search(word) else "other"
    return ("bias", "w=" + word, "suf=" + word[-2:], "pre=" + word[:2], "shape=" + shape)


def _marks(spans: Sequence[tuple[int, int]], found: Iterable[re.Match[str]]) -> list[bool]:
    """For each token, whether one of the ``found`` matches overlaps it."""
    out = [False] * len(spans)
    matches = [m.span() for m in found]
    i = 0
    for index, (start, end) in enumerate(spans):
        while i < len(matches) and matches[i][1] <= start:
            i += 1
        out[index] = i < len(matches) and matches[i][0] < end
    return out


def name_tokens(words: Sequence[str], names: Iterable[tuple[str, ...]]) -> list[bool]:
    """For each word, whether it is part of one of the ``names`` (folded word tuples)."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for name in names:
        if name:
            by_first.setdefault(name[0], []).append(name)
    out = [False] * len(words)
    for i, word in enumerate(words):
        for name in by_first.get(word, ()):
            if tuple(words[i:i + len(name)]) == name:
                for j in range(i, i + len(name)):
                    out[j] = True
    return out


def folded_names(names: Iterable[str]) -> set[tuple[str, ...]]:
    """Registry names and aliases as folded word tuples, as ``document_sequences`` takes them."""
    return {tuple(search_fold(n).lower().split()) for n in names if n.strip()}


def document_sequences(text: str, names: Iterable[tuple[str, ...]] = ()) -> list[TokenSequence]:
    """The token sequences of one canonical ``text``: one per paragraph that has a token."""
    folded = search_fold(text).lower()
    spans = token_spans(text)
    words = [folded[s:e] for s, e in spans]
    speech = _marks(spans, _SPEECH.finditer(folded))
    view = _marks(spans, _VIEW_VERB.finditer(folded))
    named = name_tokens(words, names)
    out: list[TokenSequence] = []
    paragraph: list[int] = []
    line_index = 0
    for index, (start, _end) in enumerate(spans):
        if paragraph and "\n" in text[spans[paragraph[-1]][1]:start]:
            out += _paragraph(paragraph, spans, words, speech, view, named, line_index)
            line_index += 1
            paragraph = []
        paragraph.append(index)
    if paragraph:
        out += _paragraph(paragraph, spans, words, speech, view, named, line_index)
    return out


def _paragraph(indices: list[int], spans: Sequence[tuple[int, int]], words: Sequence[str],
               speech: Sequence[bool], view: Sequence[bool], named: Sequence[bool],
               line_index: int) -> list[TokenSequence]:
    pieces: list[list[int]] = [[]]
    for i in indices:
        if len(pieces[-1]) >= _MAX_SEQUENCE and words[pieces[-1][-1]][-1:] in _SENTENCE_END:
            pieces.append([])
        pieces[-1].append(i)
    question = words[indices[-1]][-1:] in ("؟", "?")
    out = []
    for piece in pieces:
        features = _features([words[i] for i in piece], [speech[i] for i in piece],
                             [view[i] for i in piece], [named[i] for i in piece],
                             line_index, question)
        out.append(TokenSequence(tuple(spans[i] for i in piece), features))
    return out


def _features(words: list[str], speech: list[bool], view: list[bool], named: list[bool],
              line_index: int, question: bool) -> tuple[tuple[str, ...], ...]:
    n = len(words)
    label_colon = next((i for i in range(min(n, _LABEL_REACH)) if words[i] in (":", "：")), -1)
    paragraph = ("line=" + _bucket(line_index), "qline=" + str(question),
                 "len=" + _bucket(n // 4))
    sentence_of, in_sentence = _sentences(words)
    since_verb = _distances(speech, forward=True)
    until_verb = _distances(speech, forward=False)
    since_view = _distances(view, forward=True)
    until_view = _distances(view, forward=False)
    colon = [w in (":", "：") for w in words]
    since_colon = _distances(colon, forward=True)
    quote = _quote_depths(words)
    out = []
    for i, word in enumerate(words):
        f = [
            *_word_features(word),
            "w-1=" + (words[i - 1] if i else "<s>"),
            "w+1=" + (words[i + 1] if i + 1 < n else "</s>"),
            "w-2=" + (words[i - 2] if i > 1 else "<s>"),
            "since_verb=" + since_verb[i], "until_verb=" + until_verb[i],
            "since_view=" + since_view[i], "until_view=" + until_view[i],
            "since_colon=" + since_colon[i], "quote=" + quote[i],
            "pos=" + _bucket(i), "to_end=" + _bucket(n - 1 - i),
            "sent=" + _bucket(sentence_of[i]), "in_sent=" + in_sentence[i],
            *paragraph,
        ]
        if speech[i]:
            f.append("verb")
        if view[i]:
            f.append("view")
        if named[i]:
            f.append("name")
        if i and named[i - 1]:
            f.append("name-1")
        if label_colon >= 0:
            f.append("label=" + ("in" if i < label_colon else "colon" if i == label_colon
                                 else "after"))
            if named[0]:
                f.append("named_label")
        f.append("verb_quote=" + str(quote[i] != "out" and since_verb[i] != "none"))
        out.append(tuple(f))
    return tuple(out)


def _sentences(words: list[str]) -> tuple[list[int], list[str]]:
    """Each word's sentence number in its paragraph, and where in its sentence it is."""
    numbers, where = [], []
    sentence, first = 0, True
    for i, word in enumerate(words):
        numbers.append(sentence)
        last = word[-1:] in _SENTENCE_END or i + 1 == len(words)
        where.append("first" if first else "last" if last else "mid")
        first = word[-1:] in _SENTENCE_END
        if first:
            sentence += 1
    return numbers, where


def _distances(marks: list[bool], *, forward: bool) -> list[str]:
    """Tokens since the last (``forward``) or until the next marked token, bucketed."""
    out = ["none"] * len(marks)
    last = -1
    order = range(len(marks)) if forward else range(len(marks) - 1, -1, -1)
    for i in order:
        if marks[i]:
            out[i] = "at"
            last = i
        elif last >= 0:
            out[i] = _bucket(abs(i - last))
    return out


def _quote_depths(words: list[str]) -> list[str]:
    depth, out = 0, []
    for word in words:
        if word == "«":
            out.append("open")
            depth += 1
        elif word == "»":
            depth = max(0, depth - 1)
            out.append("close")
        else:
            out.append("in" if depth else "out")
    return out
