"""A PDF's text layer in logical reading order, with pdfminer.six.

A PDF places glyphs; the order they are drawn in says nothing of reading order (generators
emit a right-to-left line in visual order, left to right, or in logical order), and their text
may be Arabic presentation forms. So each line is rebuilt from its glyphs' positions — read
left to right, which is visual order — and put into reading order: the line is reversed and
left-to-right runs (Latin words, numbers) are turned back, mirrored brackets restored; then
presentation forms are folded to letters (NFKC, ``ﻻ`` to ``لا``). Whether the page was laid out
right to left is decided by counting common Persian words in both readings; a text layer with
none in either is refused. The lines of a paragraph are joined (``_paragraphs``).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.domain.errors import InputError
from annotator.formats.documents import Extracted

# Frequent Persian words that are no word when spelled backwards: the reading-order test.
_COMMON_WORDS = frozenset((
    "در", "به", "از", "که", "این", "را", "با", "است", "برای", "آن", "یک", "خود", "تا", "کرد",
    "شد", "های", "می", "شده", "بود", "گفت", "نیز", "کند", "شود", "باید", "اما", "وی", "هم",
    "دارد", "ما", "او", "ایران", "سال", "پس", "روز", "کشور", "مردم", "بر", "اند", "دیگر", "هر",
    "کار", "همه", "چه"))
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")
_MIRRORED = str.maketrans("()[]{}«»‹›", ")(][}{»«›‹")
_WORDS_TO_JUDGE = 30  # fewer Persian words may hold no common one in either order
_PARAGRAPH_GAP = 1.25  # a line pitch this much over the tightest starts a new paragraph
_LAST_LINE_WIDTH = 0.75  # a line this much narrower than the longest ends its paragraph


@dataclass
class _Glyph:
    text: str
    x0: float
    x1: float
    size: float


@dataclass
class _Line:
    glyphs: list[_Glyph]
    top: float
    bottom: float

    @property
    def width(self) -> float:
        return max(g.x1 for g in self.glyphs) - min(g.x0 for g in self.glyphs)


def extract_pdf(path: Path) -> Extracted:
    """The text of the PDF at ``path``, one paragraph a line; raises ``InputError`` naming it
    when it is encrypted, has no text layer, or its text cannot be put in reading order."""
    pages, info = _read_layout(path)
    lines = [line for page in pages for line in page]
    if not any(g.text.strip() for line in lines for g in line.glyphs):
        raise InputError("has no text layer (a scanned PDF?); run OCR on it and import the "
                         "text", path=str(path))
    visual = [_visual_text(line) for line in lines]
    logical = [_to_logical(text) for text in visual]
    folded = [_fold_forms(t) for t in logical]
    folded_visual = [_fold_forms(t) for t in visual]
    right_to_left = _common_words(folded) >= _common_words(folded_visual)
    words = sum(len(text.split()) for text in folded)
    if words >= _WORDS_TO_JUDGE and _arabic_script(folded) and not _common_words(
            folded + folded_visual):
        raise InputError("has a text layer that cannot be read in order (no Persian word "
                         "found in it); export it again as PDF, or as text", path=str(path))
    texts = folded if right_to_left else folded_visual
    if right_to_left and _mirrored_brackets(texts):
        # Tools that store presentation forms store mirrored brackets too; shaping engines
        # keep the character as written.
        texts = [text.translate(_MIRRORED) for text in texts]
    notes = []
    if any(t != f for t, f in zip(logical, folded, strict=True)):
        notes.append("its text was in presentation forms; they were folded to letters")
    paragraphs = _paragraphs(pages, texts)
    return Extracted("\n".join(paragraphs), info, notes)


def _fold_forms(text: str) -> str:
    """Arabic presentation forms to the letters they show (``ﻻ`` to ``لا``); nothing else
    changes (NFKC over the whole text would also turn ``…`` into ``...``)."""
    return _PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def _read_layout(path: Path) -> tuple[list[list[_Line]], dict[str, str]]:
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser, PDFSyntaxError
    from pdfminer.psexceptions import PSException

    try:
        with path.open("rb") as stream:
            document = PDFDocument(PDFParser(stream))
            info = _info(document)
            pages = [_page_lines(page, document, LAParams())
                     for page in PDFPage.create_pages(document)]
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError("is an encrypted PDF; open it with its password and save an "
                         "unencrypted copy to import", path=str(path)) from None
    except (PDFSyntaxError, PSException) as error:
        raise InputError(f"is not a PDF that can be read ({error})", path=str(path)) from None
    except InputError:
        raise
    except Exception as error:  # pdfminer fails on damaged files with whatever Python raises
        raise InputError(f"is a damaged PDF that cannot be read ({type(error).__name__})",
                         path=str(path)) from None
    return pages, info


def _page_lines(page: Any, document: Any, params: Any) -> list[_Line]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager

    aggregator = PDFPageAggregator(PDFResourceManager(), laparams=params)
    PDFPageInterpreter(aggregator.rsrcmgr, aggregator).process_page(page)
    return list(_lines(aggregator.get_result()))


def _lines(layout: Any) -> Iterator[_Line]:
    from pdfminer.layout import LTChar, LTTextLineHorizontal

    for item in layout:
        if isinstance(item, LTTextLineHorizontal):
            glyphs = [_Glyph(c.get_text(), c.x0, c.x1, c.size) for c in item
                      if isinstance(c, LTChar)]
            if glyphs:
                yield _Line(glyphs, item.y1, item.y0)
        elif hasattr(item, "__iter__"):
            yield from _lines(item)


def _info(document: Any) -> dict[str, str]:
    from pdfminer.pdftypes import resolve1

    found: dict[str, str] = {}
    for info in document.info:
        for key, name in (("Title", "title"), ("Author", "author"), ("CreationDate", "date")):
            value = resolve1(info.get(key))
            if isinstance(value, bytes):
                value = _pdf_string(value)
            if isinstance(value, str) and value.strip():
                found.setdefault(name, value.strip())
    if "date" in found:
        found["date"] = _pdf_date(found["date"])
    return found


def _pdf_string(value: bytes) -> str:
    if value.startswith((b"\xfe\xff", b"\xff\xfe")):
        return value.decode("utf-16", errors="replace")
    from pdfminer.utils import decode_text

    return str(decode_text(value))


def _pdf_date(value: str) -> str:
    """``D:20260314093000+03'30'`` as ``2026-03-14T09:30:00``; anything else as it is."""
    digits = value.removeprefix("D:")
    if len(digits) >= 14 and digits[:14].isdigit():
        d = digits
        return f"{d[:4]}-{d[4:6]}-{d[6:8]}T{d[8:10]}:{d[10:12]}:{d[12:14]}"
    return value


def _visual_text(line: _Line) -> str:
    """The line's glyphs left to right, a space where a gap between two glyphs is wide."""
    glyphs = sorted(line.glyphs, key=lambda g: (g.x0 + g.x1) / 2)
    pieces: list[str] = []
    right_edge: float | None = None
    for glyph in glyphs:
        if (right_edge is not None and glyph.x0 - right_edge > 0.2 * glyph.size
                and pieces and not pieces[-1].endswith(" ") and not glyph.text.startswith(" ")):
            pieces.append(" ")
        # a ligature's text (ﻻ as "لا") is in reading order: right to left when it is Persian
        rtl = len(glyph.text) > 1 and _direction(glyph.text[0]) == "R"
        pieces.append(glyph.text[::-1] if rtl else glyph.text)
        right_edge = glyph.x1 if right_edge is None else max(right_edge, glyph.x1)
    return " ".join("".join(pieces).split())


def _direction(char: str) -> str:
    kind = unicodedata.bidirectional(char)
    if kind in ("R", "AL"):
        return "R"
    if kind in ("L", "EN", "AN"):
        return "L"
    return "N"


def _to_logical(visual: str) -> str:
    """A line read left to right, in reading order. A right-to-left line (more Persian
    letters than Latin ones) is reversed and its left-to-right runs (Latin words, numbers and
    what joins them) are turned back; in a left-to-right line only the Persian runs are."""
    kinds = [_direction(char) for char in visual]
    if kinds.count("R") > kinds.count("L"):
        return _turn_runs(visual[::-1], kinds[::-1], "L")
    return _turn_runs(visual, kinds, "R")


def _turn_runs(text: str, kinds: list[str], kind: str) -> str:
    """``text`` with each run that begins and ends with a ``kind`` character, and holds no
    character of the other direction, reversed."""
    out: list[str] = []
    i = 0
    while i < len(text):
        if kinds[i] != kind:
            out.append(text[i])
            i += 1
            continue
        end = j = i
        while j < len(text) and kinds[j] in (kind, "N"):
            if kinds[j] == kind:
                end = j + 1
            j += 1
        out.append(text[i:end][::-1])
        i = end
    return "".join(out)


def _mirrored_brackets(lines: list[str]) -> bool:
    """Whether the lines have their brackets mirrored: more lines with both halves of a pair
    where the closing one comes first than lines where the opening one does."""
    score = 0
    for line in lines:
        for opening, closing in ("()", "[]", "{}", "«»", "‹›"):
            first_open, first_close = line.find(opening), line.find(closing)
            if first_open != -1 and first_close != -1:
                score += 1 if first_close < first_open else -1
    return score > 0


def _common_words(texts: list[str]) -> int:
    return sum(1 for text in texts for word in text.split() if word in _COMMON_WORDS)


def _arabic_script(texts: list[str]) -> bool:
    letters = [c for text in texts for c in text if c.isalpha()]
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    return bool(letters) and arabic * 2 > len(letters)


def _paragraphs(pages: list[list[_Line]], texts: list[str]) -> list[str]:
    """Join the lines of each paragraph. A paragraph ends at a line clearly shorter than the
    page's longest (its last line), before a line pitch wider than the page's tightest, and
    at the end of every page."""
    paragraphs: list[str] = []
    index = 0
    for page in pages:
        pitches = [a.bottom - b.bottom for a, b in itertools.pairwise(page)
                   if a.bottom > b.bottom]
        usual = min(pitches, default=0.0)  # the tightest spacing is within a paragraph
        widest = max((line.width for line in page), default=0.0)
        current: list[str] = []
        for number, line in enumerate(page):
            text = texts[index].strip()
            index += 1
            if number and current:
                before = page[number - 1]
                pitch = before.bottom - line.bottom
                if (not 0 < pitch <= usual * _PARAGRAPH_GAP
                        or before.width < widest * _LAST_LINE_WIDTH):
                    paragraphs.append(" ".join(current))
                    current = []
            if text:
                current.append(text)
        if current:
            paragraphs.append(" ".join(current))
    return paragraphs
